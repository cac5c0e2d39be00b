import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lineDepartmentOptions, type MemberUnit } from './member-units';

const unit = (code: string, nameZh: string, name: string, kind = 'LINE'): MemberUnit => ({ code, nameZh, name, kind });

describe('member units are data', () => {
  it('offers the line departments the graph lists, in its order, a new one (SJJ) included, and no other kind', () => {
    const units = [
      unit('ZWJ', '区公管局（领导小组办公室）', 'Supervision office', 'SUPERVISION_OFFICE'),
      unit('FGJ', '区发改局', 'Development and Reform'),
      unit('ZJJ', '区住建局', 'Housing and Construction'),
      unit('JYZX', '区公共资源交易中心', 'Trading center', 'TRADING_CENTER'),
      unit('SJJ', '区审计局', 'Audit'),
    ];
    expect(lineDepartmentOptions(units, 'zh')).toEqual([
      { value: 'FGJ', label: '区发改局' },
      { value: 'ZJJ', label: '区住建局' },
      { value: 'SJJ', label: '区审计局' },
    ]);
    expect(lineDepartmentOptions(units, 'en').map((o) => o.label)).toEqual(['Development and Reform', 'Housing and Construction', 'Audit']);
    expect(lineDepartmentOptions(undefined, 'zh')).toEqual([]);
  });

  it('no view of the app writes a list of member units: two or more unit codes (e.g. "ZJJ", "JTJ") as strings in one source file', () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith('gql'),
    );
    expect(files.length).toBeGreaterThan(10);
    const lists = files.flatMap((file) => {
      const codes = new Set([...readFileSync(join(src, file), 'utf8').matchAll(/(['"`])([A-Z]{2}J)\1/g)].map((m) => m[2]));
      return codes.size >= 2 ? [`web/src/${file}: ${[...codes].join(', ')}`] : [];
    });
    expect(lists, "read the units from the projects slice's `departments` query instead (lineDepartmentOptions)").toEqual([]);
  });
});

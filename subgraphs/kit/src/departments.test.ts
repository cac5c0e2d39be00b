import { describe, expect, it } from 'vitest';
import { GraphMemberUnits, MemberUnits, type DepartmentInfo } from './departments';
import type { GraphClient } from './graph-client';

const units: DepartmentInfo[] = [
  { code: 'FGJ', name: 'Development and Reform Bureau', nameZh: '区发改局', kind: 'LINE' },
  { code: 'ZJJ', name: 'Housing and Urban-Rural Development Bureau', nameZh: '区住建局', kind: 'LINE' },
  { code: 'ZWJ', name: 'Government Services and Big Data Bureau', nameZh: '区政务服务和大数据管理局', kind: 'SUPERVISION_OFFICE' },
];

function fakeClient(answers: (() => Promise<unknown>)[]) {
  const calls: string[] = [];
  const client = { request: (query: string) => (calls.push(query), answers[calls.length - 1]()) } as unknown as GraphClient;
  return { client, calls };
}

describe('MemberUnits', () => {
  const list = new MemberUnits(units);
  it("answers from the list it was given, and names today's codes in its errors", () => {
    expect(list.lineCodes).toEqual(['FGJ', 'ZJJ']);
    expect(list.isLine('ZWJ')).toBe(false);
    expect(list.isKnown('ZWJ')).toBe(true);
    expect(() => list.requireLine('departmentCode', 'ZWJ')).toThrow('departmentCode must be a line department (FGJ, ZJJ), got "ZWJ"');
    expect(() => list.requireKnown('responsibleDepartmentCode', 'SJJ')).toThrow('responsibleDepartmentCode "SJJ" is not a member unit (FGJ, ZJJ, ZWJ)');
    const more = new MemberUnits([...units, { code: 'SJJ', name: 'Audit Bureau', nameZh: '区审计局', kind: 'LINE' }]);
    expect(() => more.requireKnown('responsibleDepartmentCode', 'SJJ')).not.toThrow();
  });
});

describe('GraphMemberUnits', () => {
  it('asks the graph once for concurrent callers and within the time to live', async () => {
    const { client, calls } = fakeClient([async () => ({ departments: units })]);
    const source = new GraphMemberUnits(() => client, 60_000);
    const [a, b] = await Promise.all([source.load(), source.load()]);
    await source.load();
    expect(calls).toHaveLength(1);
    // Compared without layout: the query is a formatted GraphQL document.
    expect(calls[0]!.replace(/\s+/g, ' ')).toContain('departments { code name nameZh kind }');
    expect(a).toBe(b);
    expect(a.lineCodes).toEqual(['FGJ', 'ZJJ']);
  });

  it('asks again after the time to live, so a new unit reaches every slice', async () => {
    const { client, calls } = fakeClient([async () => ({ departments: units }), async () => ({ departments: [...units, { ...units[0], code: 'LYJ' }] })]);
    const source = new GraphMemberUnits(() => client, 0);
    expect((await source.load()).isKnown('LYJ')).toBe(false);
    expect((await source.load()).isLine('LYJ')).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('does not keep a failure: the next call tries again', async () => {
    const { client, calls } = fakeClient([() => Promise.reject(new Error('projects is down')), async () => ({ departments: units })]);
    const source = new GraphMemberUnits(() => client, 60_000);
    await expect(source.load()).rejects.toThrow('projects is down');
    expect((await source.load()).isLine('ZJJ')).toBe(true);
    expect(calls).toHaveLength(2);
  });
});

describe('checkDepartmentClaim', () => {
  it('refuses a DEPT token for a unit that is not a line department, and a claim for no member unit', async () => {
    const { checkDepartmentClaim, FixedMemberUnits, useMemberUnitSource } = await import('./departments');
    const previous = useMemberUnitSource(new FixedMemberUnits(units));
    try {
      const dept = { sub: 'd', name: 'd', role: 'DEPT' as const };
      await expect(checkDepartmentClaim({ ...dept, department: 'ZJJ' })).resolves.toMatchObject({ department: 'ZJJ' });
      await expect(checkDepartmentClaim({ ...dept, department: 'ZWJ' })).rejects.toThrow(
        'A DEPT token needs claim "department" set to a line department (FGJ, ZJJ)',
      );
      await expect(checkDepartmentClaim({ sub: 'o', name: 'o', role: 'OFFICE', department: 'SJJ' })).rejects.toThrow(
        'Token claim "department" is not a member unit: SJJ',
      );
      await expect(checkDepartmentClaim({ sub: 'l', name: 'l', role: 'LEADER' })).resolves.toMatchObject({ role: 'LEADER' });
    } finally {
      useMemberUnitSource(previous);
    }
  });
});

describe('CachedMemberUnits', () => {
  it('keeps answering with the last list read while a refresh fails', async () => {
    const { CachedMemberUnits } = await import('./departments');
    let fail = false;
    const source = new CachedMemberUnits(async () => {
      if (fail) throw new Error('projects is down');
      return units;
    }, 0);
    expect((await source.load()).isLine('ZJJ')).toBe(true);
    fail = true;
    expect((await source.load()).isLine('ZJJ')).toBe(true);
  });
});

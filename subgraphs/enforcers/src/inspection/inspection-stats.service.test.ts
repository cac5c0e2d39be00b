import { describe, expect, it } from 'vitest';
import { InspectionStatsService } from './inspection-stats.service';
import type { InspectionStats } from './inspection.types';

describe('Department.inspectionStats service', () => {
  it('refuses a period that ends before it starts, naming period.to, before any read', async () => {
    const keys: string[] = [];
    const service = new InspectionStatsService({ load: async (key) => (keys.push(key), { drawn: 1 } as InspectionStats) });
    expect(() => service.ofDepartment('ZJJ', { from: '2026-10-01', to: '2026-09-01' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period.to', rule: 'period order' }) }),
    );
    expect(keys).toEqual([]);
    await expect(service.ofDepartment('ZJJ', { from: '2026-09-01', to: '2026-10-31' })).resolves.toEqual({ drawn: 1 });
    expect(keys).toEqual(['2026-09-01|2026-10-31|ZJJ']);
  });
});

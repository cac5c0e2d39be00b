import { describe, expect, it } from 'vitest';
import { CreditStatsService } from './credit-stats.service';
import type { CreditStats } from './stats';

describe('Department.creditStats service', () => {
  it('refuses a period that ends before it starts, naming period.to, before any read', async () => {
    const keys: string[] = [];
    const service = new CreditStatsService({ load: async (key) => (keys.push(key), { recordsPublished: 2 } as CreditStats) });
    expect(() => service.ofDepartment('ZJJ', { from: '2026-10-01', to: '2026-09-01' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period.to', rule: 'period order' }) }),
    );
    expect(keys).toEqual([]);
    await expect(service.ofDepartment('ZJJ', { from: '2026-09-01', to: '2026-10-31' })).resolves.toEqual({ recordsPublished: 2 });
    expect(keys).toEqual(['ZJJ|2026-09-01|2026-10-31']);
  });
});

import { requirePeriod, type PeriodInput } from '@hub/kit';
import type { CreditStats } from './stats';

/**
 * A department's credit work over a review period (Department.creditStats): the period's rule here, the
 * figures from the request's one batch per period (`loaders.creditStats`, keyed `code|from|to`).
 */
export class CreditStatsService {
  constructor(private readonly stats: { load(key: string): Promise<CreditStats> }) {}

  /** Refuses a period that ends before it starts (BAD_USER_INPUT on `period.to`), else the department's figures. */
  ofDepartment(departmentCode: string, period: PeriodInput): Promise<CreditStats> {
    const { from, to } = requirePeriod(period);
    return this.stats.load(`${departmentCode}|${from}|${to}`);
  }
}

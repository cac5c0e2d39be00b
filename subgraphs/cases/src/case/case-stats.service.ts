import { requirePeriod, type PeriodInput } from '@hub/kit';
import type { CaseStatsKey, CaseStatsRow } from './department-cases';

/**
 * A department's case figures over a review period (Department.caseStats): the period's rule here, the
 * figures from the request's one batch per period (`loaders.caseStats`).
 */
export class CaseStatsService {
  constructor(private readonly stats: { load(key: CaseStatsKey): Promise<CaseStatsRow> }) {}

  /** Refuses a period that ends before it starts (BAD_USER_INPUT on `period.to`), else the department's figures. */
  ofDepartment(departmentCode: string, period: PeriodInput): Promise<CaseStatsRow> {
    const { from, to } = requirePeriod(period);
    return this.stats.load({ code: departmentCode, from, to });
  }
}

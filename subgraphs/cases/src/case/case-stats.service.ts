import { requirePeriod, type PeriodInput } from '@hub/kit';
import type { CaseStatsKey, CaseStatsRow } from './department-cases';

/**
 * Case figures over a review period: a department's (Department.caseStats, from the request's one
 * batch per period, `loaders.caseStats`) and the district's (Query.districtCaseStats, each case once).
 * The period's rule here.
 */
export class CaseStatsService {
  constructor(
    private readonly stats: { load(key: CaseStatsKey): Promise<CaseStatsRow> },
    private readonly district: (from: string, to: string) => Promise<CaseStatsRow>,
  ) {}

  /** Refuses a period that ends before it starts (BAD_USER_INPUT on `period.to`), else the department's figures. */
  ofDepartment(departmentCode: string, period: PeriodInput): Promise<CaseStatsRow> {
    const { from, to } = requirePeriod(period);
    return this.stats.load({ code: departmentCode, from, to });
  }

  /** Refuses a period that ends before it starts (BAD_USER_INPUT on `period.to`), else the district's figures. */
  ofDistrict(period: PeriodInput): Promise<CaseStatsRow> {
    const { from, to } = requirePeriod(period);
    return this.district(from, to);
  }
}

import { requirePeriod, type PeriodInput } from '@hub/kit';
import { statsKey } from '../loaders';
import type { InspectionStats } from './inspection.types';

/**
 * A department's random-inspection coverage over a review period (Department.inspectionStats): the
 * period's rule here, the figures from the request's one batch (`loaders.inspectionStats`).
 */
export class InspectionStatsService {
  constructor(private readonly stats: { load(key: string): Promise<InspectionStats> }) {}

  /** Refuses a period that ends before it starts (BAD_USER_INPUT on `period.to`), else the department's figures. */
  ofDepartment(departmentCode: string, period: PeriodInput): Promise<InspectionStats> {
    const { from, to } = requirePeriod(period);
    return this.stats.load(statsKey(departmentCode, from, to));
  }
}

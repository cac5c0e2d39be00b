import type { EntityManager } from '@mikro-orm/postgresql';
import { InputError, toConnection, type Caller, type Clock, type PageWindow } from '@hub/kit';
import type { Directories } from '../directories';
import { creditPolicy, gradeFor } from '../policy/policy';
import { CreditRecord } from '../record/credit-record.entity';
import { CreditSubjectType, StoredCreditStatus } from '../record/credit-types';
import { AgencyEvaluation } from './agency-evaluation.entity';

/**
 * The yearly joint credit evaluation (联合信用评价) of tender agencies: the start score, minus the
 * points of the agency's records that took effect in the year, minus a policy amount per
 * substantiated case against it decided in the year (cases slice). Recomputing a year replaces it.
 */
export class EvaluationService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly directories: Directories,
    /** The request's clock (`context.clock`): "the current year" and the computation's date and instant. */
    private readonly clock: Clock,
  ) {}

  /** A year's evaluations, best first. */
  async list(year: number, window: PageWindow) {
    const [rows, total] = await this.em.findAndCount(
      AgencyEvaluation,
      { year },
      {
        limit: window.limit,
        offset: window.offset,
        orderBy: { score: 'desc', agencyCreditCode: 'asc' },
      },
    );
    return toConnection(rows, total, window);
  }

  async compute(year: number): Promise<AgencyEvaluation[]> {
    const today = this.clock.today();
    if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4))) {
      throw new InputError(`year must be between 2000 and the current year, got ${year}`, { field: 'year', rule: '2000..current year' });
    }
    const policy = creditPolicy();
    // Reads from the other slices first, outside the transaction: a slow slice must not hold locks here.
    const agencies = await this.directories.projects.tenderAgencies(year);
    const codes = agencies.map((a) => a.creditCode);
    const cases = await this.directories.cases.casesAgainst(codes);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    return this.em.transactional(async (em) => {
      const records = codes.length
        ? await em.find(CreditRecord, {
            subjectType: CreditSubjectType.MARKET_ENTITY,
            subjectKey: { $in: codes },
            status: { $ne: StoredCreditStatus.OBJECTION_RAISED },
            effectiveOn: { $gte: from, $lte: to },
          })
        : [];
      const existing = codes.length ? await em.find(AgencyEvaluation, { year, agencyCreditCode: { $in: codes } }) : [];
      const evaluations: AgencyEvaluation[] = [];
      for (const agency of agencies) {
        const mine = records.filter((r) => r.subjectKey === agency.creditCode);
        const recordPoints = mine.reduce((sum, r) => sum + r.points, 0);
        const substantiated = (cases.get(agency.creditCode) ?? []).filter(
          (c) => c.substantiated === true && (!c.decidedOn || (c.decidedOn >= from && c.decidedOn <= to)),
        ).length;
        const score = Math.max(0, policy.startScore - recordPoints - substantiated * policy.evaluationPointsPerCase);
        const values = {
          agencyName: agency.name,
          score,
          grade: gradeFor(score, policy),
          recordPoints,
          recordCount: mine.length,
          substantiatedCases: substantiated,
          basis:
            `${policy.startScore} − ${recordPoints} points of ${mine.length} record(s) effective in ${year}` +
            ` − ${substantiated} substantiated case(s) × ${policy.evaluationPointsPerCase} = ${score}`,
          computedOn: today,
          computedBy: this.user.sub,
          computedAt: this.clock.now(),
        };
        const row = existing.find((e) => e.agencyCreditCode === agency.creditCode);
        evaluations.push(row ? Object.assign(row, values) : em.create(AgencyEvaluation, { agencyCreditCode: agency.creditCode, year, ...values }));
      }
      await em.flush();
      return evaluations.sort((a, b) => b.score - a.score || a.agencyCreditCode.localeCompare(b.agencyCreditCode));
    });
  }
}

import { PeriodInput } from '@hub/kit';
import { Field, InputType, registerEnumType } from 'type-graphql';

/** The case figures of the bimonthly review (Department.caseStats), each a list you can ask for. */
export enum CaseReviewFigure {
  /** Received (receipt day) in the period. */
  RECEIVED = 'RECEIVED',
  /** Accepted in the period. */
  ACCEPTED = 'ACCEPTED',
  /** Refused (不予受理) in the period. */
  REJECTED = 'REJECTED',
  /** Decided in the period by the resolution due date. */
  RESOLVED_ON_TIME = 'RESOLVED_ON_TIME',
  /** Decided in the period after the resolution due date. */
  RESOLVED_LATE = 'RESOLVED_LATE',
  /**
   * Overdue at the period's end (today for the current period): not accepted or refused by then and
   * past the acceptance due date, or accepted, not decided by then and past the resolution due date.
   */
  OVERDUE = 'OVERDUE',
}
registerEnumType(CaseReviewFigure, {
  name: 'CaseReviewFigure',
  description: 'A figure of Department.caseStats: the cases it counts for a period.',
  valuesConfig: {
    RECEIVED: { description: 'Received (receipt day) in the period.' },
    ACCEPTED: { description: 'Accepted in the period.' },
    REJECTED: { description: 'Refused (不予受理) in the period.' },
    RESOLVED_ON_TIME: { description: 'Decided in the period by the resolution due date.' },
    RESOLVED_LATE: { description: 'Decided in the period after the resolution due date.' },
    OVERDUE: { description: "Overdue at the period's end (today for the current period): past the pending acceptance or resolution due date." },
  },
});

@InputType({ description: 'The cases one figure of Department.caseStats counts for a period (the same rule, so the list and the figure agree).' })
export class CaseReviewInput {
  @Field(() => PeriodInput, { description: 'The review period (e.g. the two months of a bimonthly meeting).' }) period: PeriodInput;
  @Field(() => CaseReviewFigure, { description: 'Which figure of Department.caseStats to list.' }) figure: CaseReviewFigure;
}

/**
 * The SQL condition (on `case_file` as `c`) of one figure for a period whose figures are taken on
 * `end` (periodEndAsOf: the period's last day, or today while it runs). "Overdue at the end of day
 * E" is the deadline rule of deadlines.ts read backwards: pending at the end of E (the step not done
 * on or before E) and the due date before E. Both the statistics and the list use this function.
 */
export function caseFigureSql(figure: CaseReviewFigure, period: PeriodInput, end: string): { sql: string; params: string[] } {
  const { from, to } = period;
  switch (figure) {
    case CaseReviewFigure.RECEIVED:
      return { sql: 'c.received_on between ? and ?', params: [from, to] };
    case CaseReviewFigure.ACCEPTED:
      return { sql: 'c.accepted_on between ? and ?', params: [from, to] };
    case CaseReviewFigure.REJECTED:
      return { sql: 'c.rejected_on between ? and ?', params: [from, to] };
    case CaseReviewFigure.RESOLVED_ON_TIME:
      return { sql: 'c.decided_on between ? and ? and c.decided_on <= c.resolution_due_on', params: [from, to] };
    case CaseReviewFigure.RESOLVED_LATE:
      return { sql: 'c.decided_on between ? and ? and c.decided_on > c.resolution_due_on', params: [from, to] };
    case CaseReviewFigure.OVERDUE:
      return {
        sql: `((c.received_on <= ? and c.acceptance_due_on < ? and coalesce(c.accepted_on, c.rejected_on, 'infinity'::date) > ?)
           or (c.accepted_on <= ? and c.resolution_due_on < ? and coalesce(c.decided_on, 'infinity'::date) > ?))`,
        params: [end, end, end, end, end, end],
      };
  }
}

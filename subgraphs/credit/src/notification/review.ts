import { PeriodInput } from '@hub/kit';
import { Field, InputType, registerEnumType } from 'type-graphql';

/** The notification figures of the bimonthly review (Department.creditStats), each a list you can ask for. */
export enum NotificationReviewFigure {
  /** Filed (notifiedOn) in the period. */
  RECEIVED = 'RECEIVED',
  /** Filed in the period and recorded (published) by the period's end, on time. */
  RECORDED_ON_TIME = 'RECORDED_ON_TIME',
  /** Filed in the period and recorded by the period's end, after the due date. */
  RECORDED_LATE = 'RECORDED_LATE',
  /** Filed in the period and closed without a record by the period's end. */
  CLOSED_WITHOUT_RECORD = 'CLOSED_WITHOUT_RECORD',
  /** Overdue at the period's end (today for the current period): filed by then, neither recorded nor closed by then, due before it. */
  OVERDUE = 'OVERDUE',
}
registerEnumType(NotificationReviewFigure, {
  name: 'NotificationReviewFigure',
  description: 'A figure of Department.creditStats: the notifications it counts for a period.',
  valuesConfig: {
    RECEIVED: { description: 'Filed (notifiedOn) in the period.' },
    RECORDED_ON_TIME: { description: "Filed in the period and recorded (published) by the period's end, on time." },
    RECORDED_LATE: { description: "Filed in the period and recorded by the period's end, after the due date." },
    CLOSED_WITHOUT_RECORD: { description: "Filed in the period and closed without a record by the period's end." },
    OVERDUE: { description: "Overdue at the period's end (today for the current period): neither recorded nor closed, due before it." },
  },
});

@InputType({ description: 'The notifications one figure of Department.creditStats counts for a period (the same rule, so the list and the figure agree).' })
export class NotificationReviewInput {
  @Field(() => PeriodInput, { description: 'The review period (e.g. the two months of a bimonthly meeting).' }) period: PeriodInput;
  @Field(() => NotificationReviewFigure, { description: 'Which figure of Department.creditStats to list.' }) figure: NotificationReviewFigure;
}

/**
 * The SQL condition (on `performance_notification`) of one figure for a period whose figures are
 * taken on `end` (see periodEndAsOf). Both the statistics and the list use it.
 */
export function notificationFigureSql(figure: NotificationReviewFigure, period: PeriodInput, end: string): { sql: string; params: string[] } {
  const filed = 'notified_on between ? and ?';
  switch (figure) {
    case NotificationReviewFigure.RECEIVED:
      return { sql: filed, params: [period.from, period.to] };
    case NotificationReviewFigure.RECORDED_ON_TIME:
      return { sql: `${filed} and recorded_on <= ? and recorded_on <= recording_due_on`, params: [period.from, period.to, end] };
    case NotificationReviewFigure.RECORDED_LATE:
      return { sql: `${filed} and recorded_on <= ? and recorded_on > recording_due_on`, params: [period.from, period.to, end] };
    case NotificationReviewFigure.CLOSED_WITHOUT_RECORD:
      return { sql: `${filed} and closed_on <= ?`, params: [period.from, period.to, end] };
    case NotificationReviewFigure.OVERDUE:
      return {
        sql: 'notified_on <= ? and recording_due_on < ? and (recorded_on is null or recorded_on > ?) and (closed_on is null or closed_on > ?)',
        params: [end, end, end, end],
      };
  }
}

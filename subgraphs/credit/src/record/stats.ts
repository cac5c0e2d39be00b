import type { EntityManager } from '@mikro-orm/postgresql';
import { periodEndAsOf, type PeriodInput } from '@hub/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { NotificationReviewFigure, notificationFigureSql } from '../notification/review';
import { JointPunishmentEntry } from '../punishment/joint-punishment.entity';
import { CreditRecord } from './credit-record.entity';

/**
 * A department's credit work in a period, for the bimonthly meeting (每两月集中研判), as it stood at
 * the period's end (today while the period runs). Each figure is what a list returns:
 * `performanceNotifications(filter: { departmentCode, review: { period, figure } })`,
 * `creditRecords(filter: { departmentCode, publishedIn | effectiveIn })`,
 * `jointPunishmentList(departmentCode, startedIn)`.
 */
@ObjectType({ description: 'Credit actions of a department in a period, as they stood at its end (today for the current period).' })
export class CreditStats {
  @Field(() => Int, { description: 'Performance notifications the department filed in the period (review figure RECEIVED).' }) notificationsReceived: number;
  @Field(() => Int, { description: "Of those, recorded and published within 7 working days, by the period's end (RECORDED_ON_TIME)." }) recordedOnTime: number;
  @Field(() => Int, { description: "Of those, recorded after the due date, by the period's end (RECORDED_LATE)." }) recordedLate: number;
  @Field(() => Int, { description: "Of those, closed by the bureau without a record by the period's end (CLOSED_WITHOUT_RECORD)." })
  closedWithoutRecord: number;
  @Field(() => Int, { description: "The department's notifications overdue at the period's end (today for the current period), whenever filed (OVERDUE)." })
  overdue: number;
  @Field(() => Int, { description: "Records from the department's findings whose publicity (公示) started in the period (creditRecords publishedIn)." })
  recordsPublished: number;
  @Field(() => Int, { description: "Points of the department's records that took effect in the period (creditRecords effectiveIn)." }) pointsDeducted: number;
  @Field(() => Int, {
    description: "Distinct subjects put on the joint punishment list from the department's records, from a day in the period (jointPunishmentList startedIn).",
  })
  entitiesRestricted: number;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const NOTIFICATION_COLUMNS: [keyof CreditStats, NotificationReviewFigure][] = [
  ['notificationsReceived', NotificationReviewFigure.RECEIVED],
  ['recordedOnTime', NotificationReviewFigure.RECORDED_ON_TIME],
  ['recordedLate', NotificationReviewFigure.RECORDED_LATE],
  ['closedWithoutRecord', NotificationReviewFigure.CLOSED_WITHOUT_RECORD],
  ['overdue', NotificationReviewFigure.OVERDUE],
];

/** Statistics for several departments and one period: three statements whatever the number of departments. */
export async function departmentStats(em: EntityManager, codes: readonly string[], period: PeriodInput, today: string): Promise<Map<string, CreditStats>> {
  const between = { $gte: period.from, $lte: period.to };
  const end = periodEndAsOf(period, today);
  const figures = NOTIFICATION_COLUMNS.map(([column, figure]) => ({ column, ...notificationFigureSql(figure, period, end) }));
  const [notifications, records, entries] = [
    await em.getConnection().execute<Record<string, string>[]>(
      `select department_code as code, ${figures.map((f, i) => `count(*) filter (where ${f.sql}) as f${i}`).join(', ')}
       from performance_notification where department_code in (${placeholders(codes.length)}) group by department_code`,
      [...figures.flatMap((f) => f.params), ...codes],
    ),
    await em.find(CreditRecord, { departmentCode: { $in: [...codes] }, $or: [{ publicityStartsOn: between }, { effectiveOn: between }] }),
    await em.find(JointPunishmentEntry, { departmentCode: { $in: [...codes] }, fromOn: between }),
  ];
  const result = new Map<string, CreditStats>();
  const within = (date: string | null | undefined) => !!date && date >= period.from && date <= period.to;
  for (const code of codes) {
    const counts = notifications.find((row) => row.code === code);
    const rs = records.filter((r) => r.departmentCode === code);
    const stats = new CreditStats();
    figures.forEach((f, i) => Object.assign(stats, { [f.column]: Number(counts?.[`f${i}`] ?? 0) }));
    result.set(
      code,
      Object.assign(stats, {
        recordsPublished: rs.filter((r) => within(r.publicityStartsOn)).length,
        pointsDeducted: rs.filter((r) => within(r.effectiveOn)).reduce((sum, r) => sum + r.points, 0),
        entitiesRestricted: new Set(entries.filter((e) => e.departmentCode === code).map((e) => `${e.subjectType}:${e.subjectKey}`)).size,
      }),
    );
  }
  return result;
}

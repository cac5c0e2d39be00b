import type { EntityManager } from '@mikro-orm/postgresql';
import type { PeriodInput } from '@hub/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { PerformanceNotification } from '../notification/notification.entity';
import { JointPunishmentEntry } from '../punishment/joint-punishment.entity';
import { CreditRecord } from './credit-record.entity';

/** A department's credit work in a period, for the bimonthly meeting (每两月集中研判). */
@ObjectType({ description: 'Credit actions of a department in a period (notifications by notifiedOn, records by publication and effective dates).' })
export class CreditStats {
  @Field(() => Int, { description: 'Performance notifications the department filed in the period.' }) notificationsReceived: number;
  @Field(() => Int, { description: 'Of those, recorded and published within 7 working days.' }) recordedOnTime: number;
  @Field(() => Int, { description: 'Of those, recorded after the due date.' }) recordedLate: number;
  @Field(() => Int, { description: 'Of those, closed by the bureau without a record.' }) closedWithoutRecord: number;
  @Field(() => Int, { description: 'Of those, neither recorded nor closed and past the due date today.' }) overdue: number;
  @Field(() => Int, { description: 'Records from the department\'s findings published (公示) in the period.' }) recordsPublished: number;
  @Field(() => Int, { description: 'Points of the department\'s records that took effect in the period.' }) pointsDeducted: number;
  @Field(() => Int, { description: 'Distinct subjects put on the joint punishment list from the department\'s records, from a day in the period.' })
  entitiesRestricted: number;
}

/** Statistics for several departments and one period: three statements whatever the number of departments. */
export async function departmentStats(em: EntityManager, codes: readonly string[], period: PeriodInput): Promise<Map<string, CreditStats>> {
  const between = { $gte: period.from, $lte: period.to };
  const [notifications, records, entries] = [
    await em.find(PerformanceNotification, { departmentCode: { $in: [...codes] }, notifiedOn: between }),
    await em.find(CreditRecord, { departmentCode: { $in: [...codes] }, $or: [{ publicityStartsOn: between }, { effectiveOn: between }] }),
    await em.find(JointPunishmentEntry, { departmentCode: { $in: [...codes] }, fromOn: between }),
  ];
  const result = new Map<string, CreditStats>();
  const within = (date: string | null | undefined) => !!date && date >= period.from && date <= period.to;
  for (const code of codes) {
    const ns = notifications.filter((n) => n.departmentCode === code);
    const rs = records.filter((r) => r.departmentCode === code);
    result.set(
      code,
      Object.assign(new CreditStats(), {
        notificationsReceived: ns.length,
        recordedOnTime: ns.filter((n) => n.recordedOn && n.recordedOn <= n.recordingDueOn).length,
        recordedLate: ns.filter((n) => n.recordedLate).length,
        closedWithoutRecord: ns.filter((n) => !!n.closedOn).length,
        overdue: ns.filter((n) => n.overdue).length,
        recordsPublished: rs.filter((r) => within(r.publicityStartsOn)).length,
        pointsDeducted: rs.filter((r) => within(r.effectiveOn)).reduce((sum, r) => sum + r.points, 0),
        entitiesRestricted: new Set(entries.filter((e) => e.departmentCode === code).map((e) => `${e.subjectType}:${e.subjectKey}`)).size,
      }),
    );
  }
  return result;
}

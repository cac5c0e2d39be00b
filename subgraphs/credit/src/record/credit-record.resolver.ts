import { Connection, LocalDateScalar, PageArgs, PeriodInput, pageWindow } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CaseRef, MarketEntityRef, PractitionerRef, ProjectRef } from '../federation/refs';
import type { Context } from '../loaders';
import { PerformanceNotification } from '../notification/notification.entity';
import { inWindow } from '../policy/policy';
import { JointPunishmentEntry } from '../punishment/joint-punishment.entity';
import { CreditRule } from '../rule/credit-rule.entity';
import { CreditObjection, CreditRecord, CreditRecordEvent } from './credit-record.entity';
import { CreateCreditRecordInput, CreditObjectionDecisionInput, CreditObjectionInput, CreditRecordFilter } from './credit-record.inputs';
import { requireSubject } from './credit-record.service';
import { CreditRecordStatus, CreditSourceKind, CreditSubjectType } from './credit-types';
import { CreditStanding, standingOf, standingOfDeductions, visibleRecords } from './standing';
import { Allowed } from '../access-policy';

export const CreditRecordConnection = Connection(CreditRecord, 'CreditRecord');
export const JointPunishmentConnection = Connection(JointPunishmentEntry, 'JointPunishmentEntry');

/**
 * A subject's standing as of a day, from the request's batched loaders (two statements for any
 * number of subjects), computed once per request for each subject and day.
 */
export function loadStanding(ctx: Context, subjectType: CreditSubjectType, subjectKey: string, asOf: string | null | undefined): Promise<CreditStanding> {
  const day = asOf ?? ctx.clock.today();
  const key = `${subjectType}|${subjectKey}|${day}`;
  let standing = ctx.loaders.standings.get(key);
  if (!standing) {
    standing = Promise.all([ctx.loaders.recordsBySubject.load(subjectKey), ctx.loaders.punishmentsBySubject.load(subjectKey)]).then(([records, entries]) =>
      standingOf(subjectType, subjectKey, day, records, entries, ctx.loaders.policy()),
    );
    ctx.loaders.standings.set(key, standing);
  }
  return standing;
}

/**
 * The standings of many subjects of one type, each on its day (a page's bids: each bidder on the day
 * of its bid), in the same two batched statements as loadStanding. One promise for all of them:
 * each distinct subject and day is computed once, with no promise of its own (a page of 100 projects
 * asks about 425 of them, a promise and its hooks for each showed in the profile). Without
 * `withRecords` the subjects' deductions are read instead of their whole records (deductionsOf), and
 * the standings' records are read only if a resolver asks for them after all.
 */
export async function loadStandingsOn(
  ctx: Context,
  subjectType: CreditSubjectType,
  subjectKeys: readonly string[],
  days: readonly string[],
  withRecords: boolean,
): Promise<CreditStanding[]> {
  const subjects = [...new Set(subjectKeys)];
  const [records, entries] = await Promise.all([
    withRecords ? ctx.loaders.recordsBySubject.loadMany(subjects) : ctx.loaders.deductionsBySubject.loadMany(subjects),
    ctx.loaders.punishmentsBySubject.loadMany(subjects),
  ]);
  const policy = ctx.loaders.policy();
  const bySubject = new Map<string, (day: string) => CreditStanding>();
  subjects.forEach((subject, i) => {
    const subjectRecords = records[i];
    const subjectEntries = entries[i];
    if (subjectRecords instanceof Error) throw subjectRecords;
    if (subjectEntries instanceof Error) throw subjectEntries;
    const byDay = new Map<string, CreditStanding>();
    bySubject.set(subject, (day) => {
      let standing = byDay.get(day);
      if (!standing) {
        standing = withRecords
          ? standingOf(subjectType, subject, day, subjectRecords as CreditRecord[], subjectEntries, policy)
          : standingOfDeductions(subjectType, subject, day, subjectRecords, subjectEntries, policy);
        byDay.set(day, standing);
      }
      return standing;
    });
  });
  return subjectKeys.map((subjectKey, i) => bySubject.get(subjectKey)!(days[i]));
}

@Resolver(() => CreditRecord)
export class CreditRecordResolver {
  @Query(() => CreditRecord, { nullable: true, description: 'A credit record; drafts only for the bureau and leaders.' })
  creditRecord(@Arg('id', () => ID, { description: 'UUID of the record.' }) id: string, @Ctx() { services }: Context): Promise<CreditRecord | null> {
    return services.records.get(id);
  }

  @Query(() => CreditRecordConnection, { description: 'Credit records, newest first. The public sees published records (past DRAFT) only.' })
  creditRecords(
    @Args() page: PageArgs,
    @Arg('filter', () => CreditRecordFilter, { nullable: true, description: 'Conditions the records must meet; null lists all the caller may see.' })
    filter: CreditRecordFilter | null,
    @Ctx() { services }: Context,
  ) {
    return services.records.list(filter ?? undefined, pageWindow(page));
  }

  @Query(() => CreditStanding, { description: 'Score, grade and restriction of a subject as of a day (default today, Asia/Shanghai).' })
  creditStanding(
    @Arg('subjectType', () => CreditSubjectType, { description: 'Market entity or practitioner.' }) subjectType: CreditSubjectType,
    @Arg('subjectKey', { description: 'The subject: an 18-character unified social credit code, or a practitioner UUID.' }) subjectKey: string,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Day to compute the standing for, YYYY-MM-DD (Asia/Shanghai); default today.' })
    asOf: string | null,
    @Ctx() ctx: Context,
  ): Promise<CreditStanding> {
    return loadStanding(ctx, subjectType, requireSubject(subjectType, subjectKey, 'subjectKey'), asOf);
  }

  @Query(() => JointPunishmentConnection, {
    description:
      'The joint punishment list (失信联合惩戒名单) in force on a day (default today); with `startedIn`, the entries that started in that period instead.',
  })
  jointPunishmentList(
    @Args() page: PageArgs,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Day the entries must be in force on, YYYY-MM-DD (Asia/Shanghai); default today.' })
    asOf: string | null,
    @Arg('startedIn', () => PeriodInput, {
      nullable: true,
      description: 'Entries whose restriction started in the period (Department.creditStats counts their subjects as entitiesRestricted).',
    })
    startedIn: PeriodInput | null,
    @Arg('departmentCode', () => String, { nullable: true, description: "Entries from this department's records." }) departmentCode: string | null,
    @Ctx() { services }: Context,
  ) {
    return services.records.jointPunishmentList({ asOf, startedIn, departmentCode }, pageWindow(page));
  }

  @Allowed('mutation.createCreditRecord')
  @Mutation(() => CreditRecord, { description: 'Drafts a credit record from a notification, a case decision or an inspection finding (the bureau).' })
  createCreditRecord(
    @Arg('input', { description: 'The draft to create.' }) input: CreateCreditRecordInput,
    @Ctx() { services }: Context,
  ): Promise<CreditRecord> {
    return services.records.create(input);
  }

  @Allowed('mutation.publishCreditRecord')
  @Mutation(() => CreditRecord, {
    description: 'Publishes a draft (公示) today: publicity for 5 working days from today; without objection it takes effect the day after.',
  })
  publishCreditRecord(
    @Arg('id', () => ID, { description: 'UUID of the draft to publish.' }) id: string,
    @Arg('publishedOn', () => LocalDateScalar, {
      nullable: true,
      description:
        'Date of the publication decision, default today; kept in the trail. Publicity always runs its full length from the day the record is published here.',
    })
    publishedOn: string | null,
    @Ctx() { services }: Context,
  ): Promise<CreditRecord> {
    return services.records.publish(id, publishedOn);
  }

  @Allowed('mutation.recordCreditObjection')
  @Mutation(() => CreditRecord, { description: 'Enters an objection (异议) the subject raised during publicity, on its behalf.' })
  recordCreditObjection(@Arg('input', { description: 'The objection.' }) input: CreditObjectionInput, @Ctx() { services }: Context): Promise<CreditRecord> {
    return services.records.raiseObjection(input);
  }

  @Allowed('mutation.decideCreditObjection')
  @Mutation(() => CreditRecord, { description: 'Decides an objection: CORRECTED (rule or points changed, kept in the trail) or UPHELD.' })
  decideCreditObjection(
    @Arg('input', { description: 'The decision.' }) input: CreditObjectionDecisionInput,
    @Ctx() { services }: Context,
  ): Promise<CreditRecord> {
    return services.records.decideObjection(input);
  }

  @FieldResolver(() => CreditRecordStatus, { description: 'Status on a day (default today): EFFECTIVE and EXPIRED follow from the dates.' })
  status(
    @Root() record: CreditRecord,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Day to evaluate, YYYY-MM-DD (Asia/Shanghai); default today.' }) asOf: string | null,
    @Ctx() { clock }: Context,
  ): CreditRecordStatus {
    return record.statusOn(asOf ?? clock.today());
  }

  @FieldResolver(() => Boolean, { description: 'Whether the deduction counts on a day (default today).' })
  inForce(
    @Root() record: CreditRecord,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Day to evaluate, YYYY-MM-DD (Asia/Shanghai); default today.' }) asOf: string | null,
    @Ctx() { clock }: Context,
  ): boolean {
    return inWindow(record.effectiveOn, record.expiresOn, asOf ?? clock.today());
  }

  @FieldResolver(() => CreditRule, { description: 'The catalogue rule the record applies.' })
  rule(@Root() record: CreditRecord, @Ctx() { loaders }: Context): Promise<CreditRule> {
    return loaders.ruleByCode.load(record.rule.code);
  }

  @FieldResolver(() => MarketEntityRef, { nullable: true, description: 'The market entity, when the subject is one.' })
  marketEntity(@Root() record: CreditRecord): MarketEntityRef | null {
    return record.subjectType === CreditSubjectType.MARKET_ENTITY ? { creditCode: record.subjectKey } : null;
  }

  @FieldResolver(() => PractitionerRef, { nullable: true, description: 'The practitioner, when the subject is one.' })
  practitioner(@Root() record: CreditRecord): PractitionerRef | null {
    return record.subjectType === CreditSubjectType.PRACTITIONER ? { id: record.subjectKey } : null;
  }

  @FieldResolver(() => ProjectRef, { nullable: true, description: 'The project concerned; null when none.' })
  project(@Root() record: CreditRecord): ProjectRef | null {
    return record.projectId ? { id: record.projectId } : null;
  }

  @FieldResolver(() => CaseRef, { nullable: true, description: 'The case whose decision is the source, if any.' })
  case(@Root() record: CreditRecord): CaseRef | null {
    return record.sourceKind === CreditSourceKind.CASE_DECISION ? { id: record.sourceRef } : null;
  }

  @Allowed('CreditRecord.notification')
  @FieldResolver(() => PerformanceNotification, { nullable: true, description: 'The notification it records; a department sees its own.' })
  async notification(@Root() record: CreditRecord, @Ctx() { loaders, user }: Context): Promise<PerformanceNotification | null> {
    if (record.sourceKind !== CreditSourceKind.PERFORMANCE_NOTIFICATION) return null;
    const notification = await loaders.notificationById.load(record.sourceRef).catch(() => null);
    if (notification && user.role === 'DEPT' && notification.departmentCode !== user.department) return null;
    return notification;
  }

  @Allowed('CreditRecord.events')
  @FieldResolver(() => [CreditRecordEvent], { description: 'The trail of status changes (全程留痕), oldest first.' })
  events(@Root() record: CreditRecord, @Ctx() { loaders }: Context): Promise<CreditRecordEvent[]> {
    return loaders.eventsByRecord.load(record.id);
  }

  @Allowed('CreditRecord.objection')
  @FieldResolver(() => CreditObjection, { nullable: true, description: 'The objection and its decision (bureau and leaders only).' })
  async objection(@Root() record: CreditRecord, @Ctx() { loaders }: Context): Promise<CreditObjection | null> {
    return (await loaders.objectionsByRecord.load(record.id))[0] ?? null;
  }
}

/** The records of a standing computed from its deductions only (loadStandingsOn without records), as standingOf keeps them. */
async function recordsOf(standing: CreditStanding, ctx: Context): Promise<CreditRecord[]> {
  return (await ctx.loaders.recordsBySubject.load(standing.subjectKey)).filter((r) => r.subjectType === standing.subjectType);
}

@Resolver(() => CreditStanding)
export class CreditStandingResolver {
  @FieldResolver(() => [CreditRecord], { description: "The subject's records, newest first (the public sees published ones)." })
  records(@Root() standing: CreditStanding, @Ctx() ctx: Context): CreditRecord[] | Promise<CreditRecord[]> {
    const { user } = ctx;
    return standing.allRecords ? visibleRecords(standing.allRecords, user) : recordsOf(standing, ctx).then((records) => visibleRecords(records, user));
  }

  @FieldResolver(() => [CreditRecord], { description: 'The records whose deduction counts on asOf.' })
  recordsInForce(@Root() standing: CreditStanding, @Ctx() ctx: Context): CreditRecord[] | Promise<CreditRecord[]> {
    const inForce = (records: CreditRecord[]) => records.filter((r) => inWindow(r.effectiveOn, r.expiresOn, standing.asOf));
    return standing.allRecords ? inForce(standing.allRecords) : recordsOf(standing, ctx).then(inForce);
  }
}

@Resolver(() => JointPunishmentEntry)
export class JointPunishmentResolver {
  @FieldResolver(() => MarketEntityRef, { nullable: true, description: 'The market entity, when the subject is one.' })
  marketEntity(@Root() entry: JointPunishmentEntry): MarketEntityRef | null {
    return entry.subjectType === CreditSubjectType.MARKET_ENTITY ? { creditCode: entry.subjectKey } : null;
  }

  @FieldResolver(() => PractitionerRef, { nullable: true, description: 'The practitioner, when the subject is one.' })
  practitioner(@Root() entry: JointPunishmentEntry): PractitionerRef | null {
    return entry.subjectType === CreditSubjectType.PRACTITIONER ? { id: entry.subjectKey } : null;
  }
}

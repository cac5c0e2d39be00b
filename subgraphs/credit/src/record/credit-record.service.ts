import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  actDateOrToday,
  ConflictError,
  currentCalendar,
  InputError,
  LONG_TEXT,
  memberUnits,
  keysetPage,
  NotFoundError,
  requireCreditCode,
  requirePeriod,
  requireText,
  requireUuid,
  todayInShanghai,
  toConnection,
  type Caller,
  type KeysetOrder,
  type PageWindow,
  type WorkingDayCalendar,
} from '@hub/kit';
import { PerformanceNotification } from '../notification/notification.entity';
import { addMonths, creditPolicy, dayAfter, deductionExpiresOn } from '../policy/policy';
import { JointPunishmentEntry } from '../punishment/joint-punishment.entity';
import type { ProjectDirectory } from '../directories';
import { CreditRule } from '../rule/credit-rule.entity';
import { CreditObjection, CreditRecord, CreditRecordEvent } from './credit-record.entity';
import type { CreateCreditRecordInput, CreditObjectionDecisionInput, CreditObjectionInput, CreditRecordFilter, CreditRuleInput } from './credit-record.inputs';
import { CreditRecordStatus, CreditSourceKind, CreditSubjectType, ObjectionOutcome, StoredCreditStatus } from './credit-types';
import { seesDrafts } from './standing';

/** Credit record lists: newest first (by day, then the moment drafted), then by id. */
const CREDIT_RECORD_ORDER: KeysetOrder = [
  ['createdOn', 'desc'],
  ['createdAt', 'desc'],
  ['id', 'asc'],
];

/** Validates a subject key for its type: a credit code (GB 32100-2015) or a practitioner UUID. */
export function requireSubject(type: CreditSubjectType, key: string, field: string): string {
  return type === CreditSubjectType.MARKET_ENTITY ? requireCreditCode(key, field) : requireUuid(key, field);
}

/** The mutations each stored state allows; anything else is a ConflictError naming them. */
export const ALLOWED_TRANSITIONS: Record<StoredCreditStatus, string[]> = {
  [StoredCreditStatus.DRAFT]: ['publishCreditRecord'],
  [StoredCreditStatus.IN_PUBLICITY]: ['recordCreditObjection'],
  [StoredCreditStatus.OBJECTION_RAISED]: ['decideCreditObjection'],
  [StoredCreditStatus.CORRECTED]: [],
  [StoredCreditStatus.UPHELD]: [],
};

/** Credit records: the bureau (OFFICE) writes them; the rest of the graph reads what it may. */
export class CreditRecordService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    /** Today in Asia/Shanghai (replaceable: tests and the demo data run at fixed dates). */
    private readonly today: () => string = () => todayInShanghai(),
    /** The projects slice, where a project a draft names directly is checked (needed by `create` only). */
    private readonly projects?: ProjectDirectory,
  ) {}

  /** Drafts are the bureau's own; every other caller sees published records only. */
  private scope(): FilterQuery<CreditRecord> {
    return seesDrafts(this.user) ? {} : { status: { $ne: StoredCreditStatus.DRAFT } };
  }

  async get(id: string): Promise<CreditRecord | null> {
    return this.em.findOne(CreditRecord, { $and: [{ id: requireUuid(id, 'id') }, this.scope()] });
  }

  /** A page of records, newest first, by keyset (stable while records are drafted). */
  async list(filter: CreditRecordFilter | undefined, window: PageWindow) {
    if (filter?.publishedIn) requirePeriod(filter.publishedIn, 'filter.publishedIn');
    if (filter?.effectiveIn) requirePeriod(filter.effectiveIn, 'filter.effectiveIn');
    const today = this.today();
    const conditions: FilterQuery<CreditRecord>[] = [this.scope()];
    if (filter?.subjectType) conditions.push({ subjectType: filter.subjectType });
    if (filter?.subjectKey) conditions.push({ subjectKey: filter.subjectKey });
    if (filter?.projectId) conditions.push({ projectId: requireUuid(filter.projectId, 'filter.projectId') });
    if (filter?.sourceKind) conditions.push({ sourceKind: filter.sourceKind });
    if (filter?.ruleCode) conditions.push({ rule: { code: filter.ruleCode } });
    if (filter?.departmentCode) conditions.push({ departmentCode: filter.departmentCode });
    if (filter?.status) conditions.push(statusCondition(filter.status, today));
    if (filter?.publishedIn) conditions.push({ publicityStartsOn: { $gte: filter.publishedIn.from, $lte: filter.publishedIn.to } });
    if (filter?.effectiveIn) conditions.push({ effectiveOn: { $gte: filter.effectiveIn.from, $lte: filter.effectiveIn.to } });
    return keysetPage(this.em, CreditRecord, { $and: conditions }, window, CREDIT_RECORD_ORDER);
  }

  /**
   * The joint punishment list (失信联合惩戒名单) in force on a day (default today), or with `startedIn` the
   * entries that started in that period; optionally one department's.
   */
  async jointPunishmentList(
    filter: { asOf: string | null; startedIn: { from: string; to: string } | null; departmentCode: string | null },
    window: PageWindow,
  ) {
    const day = filter.asOf ?? this.today();
    const when = filter.startedIn
      ? { fromOn: { $gte: requirePeriod(filter.startedIn, 'startedIn').from, $lte: filter.startedIn.to } }
      : { fromOn: { $lte: day }, untilOn: { $gt: day } };
    const where = filter.departmentCode ? { ...when, departmentCode: filter.departmentCode } : when;
    const [rows, total] = await this.em.findAndCount(JointPunishmentEntry, where, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { untilOn: 'desc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  /** The rule catalogue, retired rules included when asked. */
  rules(includeInactive: boolean): Promise<CreditRule[]> {
    return this.em.find(CreditRule, includeInactive ? {} : { active: true }, { orderBy: { code: 'asc' } });
  }

  async create(input: CreateCreditRecordInput): Promise<CreditRecord> {
    // A project named directly is the projects slice's: checked there before anything is written
    // (a record from a notification takes the notification's project, checked when it was notified).
    if (input.projectId) {
      const projectId = requireUuid(input.projectId, 'projectId');
      if (!this.projects) throw new Error('CreditRecordService.create checks projectId in the projects slice: construct it with the projects directory');
      if (!(await this.projects.projects([projectId])).has(projectId)) {
        throw new InputError(`projectId ${projectId} is not a project on the trading platform`, { field: 'projectId', rule: 'known project' });
      }
    }
    const createdOn = actDateOrToday(input.createdOn, 'createdOn', this.today());
    return this.em.transactional(async (em) => {
      const rule = await this.activeRule(em, input.ruleCode, 'ruleCode');
      let subjectType = input.subjectType ?? null;
      let subjectKey = input.subjectKey ?? null;
      let projectId = input.projectId ? requireUuid(input.projectId, 'projectId') : null;
      let departmentCode = input.departmentCode ?? null;
      let facts = input.facts ? requireText(input.facts, 'facts', LONG_TEXT) : null;
      let sourceRef = input.sourceRef;
      if (input.sourceKind === CreditSourceKind.PERFORMANCE_NOTIFICATION) {
        sourceRef = requireUuid(input.sourceRef, 'sourceRef');
        const notification = await em.findOne(PerformanceNotification, { id: sourceRef });
        if (!notification) throw new NotFoundError('PerformanceNotification', sourceRef, 'sourceRef');
        if (notification.closedOn) {
          throw new ConflictError(`Notification ${sourceRef} was closed without a record on ${notification.closedOn}`, {
            currentState: 'CLOSED',
            allowedTransitions: [],
          });
        }
        if ((subjectKey && subjectKey !== notification.subjectKey) || (subjectType && subjectType !== notification.subjectType)) {
          throw new InputError("subjectKey differs from the notification's subject: a record from a notification is about its subject", {
            field: 'subjectKey',
            rule: 'same as notification',
          });
        }
        if (createdOn < notification.notifiedOn) {
          throw new InputError(`createdOn (${createdOn}) is before the notification (${notification.notifiedOn})`, {
            field: 'createdOn',
            rule: 'after notification',
          });
        }
        subjectType = notification.subjectType;
        subjectKey = notification.subjectKey;
        projectId = notification.projectId;
        departmentCode = notification.departmentCode;
        facts ??= notification.facts;
      } else {
        // Case decisions and inspection findings live in other slices; their ids are references, checked for shape only.
        sourceRef = requireUuid(input.sourceRef, 'sourceRef');
        if (!subjectType)
          throw new InputError('subjectType is required for a record from a case decision or an inspection finding', {
            field: 'subjectType',
            rule: 'required',
          });
        if (!subjectKey)
          throw new InputError('subjectKey is required for a record from a case decision or an inspection finding', { field: 'subjectKey', rule: 'required' });
        if (!facts) throw new InputError('facts are required for a record from a case decision or an inspection finding', { field: 'facts', rule: 'required' });
      }
      subjectKey = requireSubject(subjectType, subjectKey, 'subjectKey');
      if (departmentCode) (await memberUnits()).requireLine('departmentCode', departmentCode);
      const record = em.create(CreditRecord, {
        subjectType,
        subjectKey,
        projectId,
        departmentCode,
        sourceKind: input.sourceKind,
        sourceRef,
        rule,
        points: rule.points,
        facts,
        createdOn,
        createdBy: this.user.sub,
      });
      this.event(em, record, null, CreditRecordStatus.DRAFT, createdOn, `Drafted under rule ${rule.code}`);
      await em.flush();
      return record;
    });
  }

  /**
   * DRAFT → IN_PUBLICITY: publicity for the policy's working days; without objection the record
   * takes effect the day after. The record becomes public here, today, so publicity runs from today:
   * a `publishedOn` in the past (the date on a paper publication decision) is kept in the trail but
   * never shortens the subject's objection window, nor makes a late recording look on time.
   */
  async publish(id: string, on?: string | null): Promise<CreditRecord> {
    const today = this.today();
    const decidedOn = actDateOrToday(on, 'publishedOn', today);
    return this.transition(id, StoredCreditStatus.DRAFT, 'publishCreditRecord', async (em, record) => {
      if (decidedOn < record.createdOn) {
        throw new InputError(`publishedOn (${decidedOn}) is before the record was drafted (${record.createdOn})`, {
          field: 'publishedOn',
          rule: 'after createdOn',
        });
      }
      record.status = StoredCreditStatus.IN_PUBLICITY;
      record.publicityStartsOn = today;
      applyPublicationDates(currentCalendar(), record, null);
      if (record.sourceKind === CreditSourceKind.PERFORMANCE_NOTIFICATION) {
        const notification = await em.findOne(PerformanceNotification, { id: record.sourceRef });
        // The 7-day rule is met by publication (录入并公示), so the first publication is the recording date.
        if (notification && !notification.recordedOn) notification.recordedOn = today;
      }
      await syncPunishment(em, record);
      const decision = decidedOn < today ? ` (publication decided ${decidedOn})` : '';
      this.event(
        em,
        record,
        CreditRecordStatus.DRAFT,
        CreditRecordStatus.IN_PUBLICITY,
        today,
        `Publicity until ${record.publicityEndsOn}${record.publicityEndProvisional ? ' (provisional calendar)' : ''}${decision}`,
      );
    });
  }

  /** IN_PUBLICITY → OBJECTION_RAISED: the record stops moving towards effect until the objection is decided. */
  async raiseObjection(input: CreditObjectionInput): Promise<CreditRecord> {
    const raisedOn = actDateOrToday(input.raisedOn, 'raisedOn', this.today());
    const raisedBy = requireText(input.raisedBy, 'raisedBy', 200);
    const grounds = requireText(input.grounds, 'grounds', LONG_TEXT);
    return this.transition(input.recordId, StoredCreditStatus.IN_PUBLICITY, 'recordCreditObjection', async (em, record) => {
      if (raisedOn < record.publicityStartsOn! || raisedOn > record.publicityEndsOn!) {
        throw new InputError(`An objection must be raised during publicity (${record.publicityStartsOn} to ${record.publicityEndsOn}), not on ${raisedOn}`, {
          field: 'raisedOn',
          rule: 'within publicity',
        });
      }
      em.create(CreditObjection, { record, raisedBy, raisedOn, grounds, enteredBy: this.user.sub });
      record.status = StoredCreditStatus.OBJECTION_RAISED;
      setEffective(record, null);
      await syncPunishment(em, record);
      this.event(em, record, CreditRecordStatus.IN_PUBLICITY, CreditRecordStatus.OBJECTION_RAISED, raisedOn, `Objection by ${raisedBy}`);
    });
  }

  /** OBJECTION_RAISED → CORRECTED | UPHELD; takes effect after publicity, or on the decision day if that is later. */
  async decideObjection(input: CreditObjectionDecisionInput): Promise<CreditRecord> {
    const decidedOn = actDateOrToday(input.decidedOn, 'decidedOn', this.today());
    const note = requireText(input.note, 'note', LONG_TEXT);
    return this.transition(input.recordId, StoredCreditStatus.OBJECTION_RAISED, 'decideCreditObjection', async (em, record) => {
      const objection = await em.findOneOrFail(CreditObjection, { record });
      if (decidedOn < objection.raisedOn) {
        throw new InputError(`decidedOn (${decidedOn}) is before the objection was raised (${objection.raisedOn})`, {
          field: 'decidedOn',
          rule: 'after raisedOn',
        });
      }
      objection.outcome = input.outcome;
      objection.decidedOn = decidedOn;
      objection.decisionNote = note;
      if (input.outcome === ObjectionOutcome.CORRECTED) {
        const rule = input.correctedRuleCode ? await this.activeRule(em, input.correctedRuleCode, 'correctedRuleCode') : record.rule;
        const points = input.correctedPoints ?? (input.correctedRuleCode ? rule.points : null);
        if (points === null) {
          throw new InputError('A correction changes the rule (correctedRuleCode) or the points (correctedPoints)', {
            field: 'correctedRuleCode',
            rule: 'correction required',
          });
        }
        if (!Number.isInteger(points) || points < 0 || points > rule.points) {
          throw new InputError(`correctedPoints must be between 0 and the rule's ${rule.points} points, got ${points}`, {
            field: 'correctedPoints',
            rule: `0..${rule.points}`,
          });
        }
        if (rule.code === record.rule.code && points === record.points) {
          throw new InputError('The correction changes neither the rule nor the points: decide UPHELD instead', {
            field: 'outcome',
            rule: 'correction changes something',
          });
        }
        Object.assign(objection, { previousRuleCode: record.rule.code, previousPoints: record.points, correctedRuleCode: rule.code, correctedPoints: points });
        record.rule = rule;
        record.points = points;
        record.status = StoredCreditStatus.CORRECTED;
      } else {
        if (input.correctedRuleCode || input.correctedPoints != null) {
          throw new InputError('An UPHELD decision keeps the record as published: give no correction', { field: 'outcome', rule: 'no correction when upheld' });
        }
        record.status = StoredCreditStatus.UPHELD;
      }
      applyPublicationDates(currentCalendar(), record, decidedOn);
      await syncPunishment(em, record);
      this.event(em, record, CreditRecordStatus.OBJECTION_RAISED, input.outcome as unknown as CreditRecordStatus, decidedOn, note);
    });
  }

  async upsertRule(input: CreditRuleInput): Promise<CreditRule> {
    const code = input.code.trim().toUpperCase();
    if (!/^[A-Z0-9-]{2,32}$/.test(code)) throw new InputError('code must be 2 to 32 letters, digits or dashes', { field: 'code', rule: '[A-Z0-9-]{2,32}' });
    if (!Number.isInteger(input.points) || input.points < 0 || input.points > 100) {
      throw new InputError(`points must be between 0 and 100, got ${input.points}`, { field: 'points', rule: '0..100' });
    }
    if (input.serious && !(input.punishmentMonths && input.punishmentMonths > 0)) {
      throw new InputError('A serious rule needs punishmentMonths (months on the joint punishment list)', {
        field: 'punishmentMonths',
        rule: 'required for serious rules',
      });
    }
    const description = requireText(input.description, 'description', 1000);
    return this.em.transactional(async (em) => {
      const rule = (await em.findOne(CreditRule, { code })) ?? em.create(CreditRule, { code, description, points: input.points, serious: input.serious });
      Object.assign(rule, {
        description,
        points: input.points,
        serious: input.serious,
        punishmentMonths: input.serious ? input.punishmentMonths : null,
        active: input.active ?? true,
      });
      await em.flush();
      return rule;
    });
  }

  private async activeRule(em: EntityManager, code: string, field: string): Promise<CreditRule> {
    const rule = await em.findOne(CreditRule, { code });
    if (!rule) throw new InputError(`${field} ${code} is not in the credit rule catalogue`, { field, rule: 'catalogue rule' });
    if (!rule.active) throw new InputError(`${field} ${code} is no longer in use`, { field, rule: 'active rule' });
    return rule;
  }

  /** Locks the record, checks its state, applies the step and flushes, all in one transaction. */
  private async transition(
    id: string,
    from: StoredCreditStatus,
    step: string,
    apply: (em: EntityManager, record: CreditRecord) => Promise<void>,
  ): Promise<CreditRecord> {
    requireUuid(id, 'recordId');
    return this.em.transactional(async (em) => {
      const record = await em.findOne(CreditRecord, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['rule'] });
      if (!record) throw new NotFoundError('CreditRecord', id, 'recordId');
      if (record.status !== from) {
        throw new ConflictError(`Credit record ${id} is ${record.statusOn(this.today())}; ${step} needs ${from}`, {
          currentStatus: record.statusOn(this.today()),
          storedStatus: record.status,
          allowedTransitions: ALLOWED_TRANSITIONS[record.status],
        });
      }
      await apply(em, record);
      await em.flush();
      return record;
    });
  }

  private event(em: EntityManager, record: CreditRecord, fromStatus: CreditRecordStatus | null, toStatus: CreditRecordStatus, on: string, note: string): void {
    em.create(CreditRecordEvent, { record, fromStatus, toStatus, on, actor: this.user.sub, actorName: this.user.name, note });
  }
}

/** Sets the effective date and the expiry that follows from it (effective + the policy's months). */
function setEffective(record: CreditRecord, effectiveOn: string | null): void {
  record.effectiveOn = effectiveOn;
  record.expiresOn = effectiveOn ? deductionExpiresOn(effectiveOn) : null;
}

/**
 * The calendar-derived dates of a published record, from the day publicity started: the end of
 * publicity (working days on the official calendar, provisional across an unknown year), and the
 * effective date — the day after publicity, none while an objection is pending, and after a decision
 * the decision day if that is later. Publishing, deciding an objection and the calendar firm-up all
 * use this one rule.
 */
export function applyPublicationDates(calendar: WorkingDayCalendar, record: CreditRecord, objectionDecidedOn: string | null | undefined): void {
  const end = calendar.addWorkingDays(record.publicityStartsOn!, creditPolicy().publicityWorkingDays);
  record.publicityEndsOn = end.date;
  record.publicityEndProvisional = end.provisional;
  const afterPublicity = dayAfter(end.date);
  if (record.status === StoredCreditStatus.OBJECTION_RAISED) setEffective(record, null);
  else if (objectionDecidedOn && objectionDecidedOn > afterPublicity) setEffective(record, objectionDecidedOn);
  else setEffective(record, afterPublicity);
}

/** Keeps the joint punishment entry in line with the record: a serious rule in effect puts the subject on the list. */
export async function syncPunishment(em: EntityManager, record: CreditRecord): Promise<void> {
  const existing = await em.findOne(JointPunishmentEntry, { record });
  const rule = record.rule;
  if (!record.effectiveOn || !rule.serious || !rule.punishmentMonths || record.points === 0) {
    if (existing) em.remove(existing);
    return;
  }
  const values = {
    subjectType: record.subjectType,
    subjectKey: record.subjectKey,
    departmentCode: record.departmentCode ?? null,
    reason: `${rule.code}: ${rule.description}`,
    fromOn: record.effectiveOn,
    untilOn: addMonths(record.effectiveOn, rule.punishmentMonths),
  };
  if (existing) Object.assign(existing, values);
  else em.create(JointPunishmentEntry, { record, ...values });
}

/** SQL for "status as of today", including the derived EFFECTIVE and EXPIRED. */
function statusCondition(status: CreditRecordStatus, today: string): FilterQuery<CreditRecord> {
  const settled = { status: { $in: [StoredCreditStatus.IN_PUBLICITY, StoredCreditStatus.CORRECTED, StoredCreditStatus.UPHELD] } };
  switch (status) {
    case CreditRecordStatus.EFFECTIVE:
      return { ...settled, effectiveOn: { $lte: today }, expiresOn: { $gt: today } };
    case CreditRecordStatus.EXPIRED:
      return { ...settled, expiresOn: { $lte: today } };
    case CreditRecordStatus.DRAFT:
    case CreditRecordStatus.OBJECTION_RAISED:
      return { status: status as unknown as StoredCreditStatus };
    default:
      return { status: status as unknown as StoredCreditStatus, effectiveOn: { $gt: today } };
  }
}

import { LockMode, OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  ConflictError,
  currentCalendar,
  daysBetween,
  ForbiddenError,
  InputError,
  memberUnits,
  NotFoundError,
  requireCreditCodes,
  requireFound,
  requireRegisteredMarketEntities,
  requireText as requireTextRule,
  requireUuid,
  shanghaiDateOf,
  type Caller,
  type Clock,
} from '@hub/kit';
import type { EnforcersDirectory } from '../enforcers-directory';
import type { ProjectDirectory } from '../project-directory';
import { Case, CaseChannel, CaseEvent, type IntakeChannel } from './case.entity';
import type {
  AssignCaseEnforcersInput,
  CaseStepInput,
  DecideCaseInput,
  OpenCaseFromInspectionFindingInput,
  RecordReferralInput,
  RejectCaseInput,
  RouteCaseInput,
  SendCaseFeedbackInput,
  StartCaseInvestigationInput,
  SubmitComplaintInput,
  SubmitReportInput,
  SuperviseCaseInput,
} from './case.inputs';
import {
  CASE_TRANSITIONS,
  CaseKind,
  CaseRefusalGround,
  CaseRoutingMode,
  CaseStatus,
  CaseTransition,
  nextStatus,
  PENDING_ACCEPTANCE,
  PENDING_RESOLUTION,
  type StepTransition,
} from './case-states';
import { acceptanceDue, resolutionDue } from './deadlines';
import { fingerprint, hashSecret, receiptSecret } from './receipt';

/** What the service needs besides the database: the projects slice, a clock, a random source (all replaceable in tests and the seed). */
export interface CasesEnvironment {
  projects: ProjectDirectory;
  /** The enforcers slice: assigned enforcers and inspection findings must exist there. */
  enforcers: EnforcersDirectory;
  /** The request's clock (the slice's clock): "now" for the trail, "today" in Asia/Shanghai for every period. */
  clock: Clock;
  random: () => number;
}

/** The office's own code: self-handled (自办) cases are handled by ZWJ. */
export const OFFICE_DEPARTMENT = 'ZWJ';

/** Days a complainant has from knowing of the matter (national rules: 10 days). */
export const COMPLAINT_WINDOW_DAYS = 10;

const RECEIPT_PREFIX: Record<CaseKind, string> = { COMPLAINT: 'TS', REPORT: 'JB', INSPECTION_FINDING: 'JC', REFERRAL: 'JBJ' };
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export { requireUuid };

/** The kit's text rule; the text is stored as sent, never trimmed. */
export function requireText(value: string | null | undefined, field: string, max = 4000): string {
  return requireTextRule(value ?? '', field, max);
}

function optionalText(value: string | null | undefined, field: string, max = 4000): string | null {
  return value == null || value.trim() === '' ? null : requireText(value, field, max);
}

/** Sets the pending deadline used by the due-soon and overdue lists. */
export function refreshNextDue(c: Case): void {
  if (PENDING_ACCEPTANCE.includes(c.status)) c.nextDueOn = c.acceptanceDueOn;
  else if (PENDING_RESOLUTION.includes(c.status)) c.nextDueOn = c.resolutionDueOn ?? null;
  else c.nextDueOn = null;
}

interface NewCase {
  kind: CaseKind;
  channel: CaseChannel;
  projectId: string;
  supervisingDepartmentCode: string;
  summary: string;
  details: string;
  respondentCreditCodes: string[];
  submitterName?: string | null;
  submitterContact?: string | null;
  submitterRelation?: string | null;
  anonymous?: boolean;
  knewOn?: string | null;
  idempotencyKey?: string | null;
  requestFingerprint?: string | null;
  secretHash?: string | null;
  findingId?: string | null;
  referralReference?: string | null;
  referralDueOn?: string | null;
  /** When the office actually received it; default now (online intake, findings, referrals). */
  receivedAt?: Date;
}

/** A complaint or report the office received outside the online form: when and how. */
export interface ActualReceipt {
  receivedAt: Date;
  channel: IntakeChannel;
}

/** What online intake returns: the receipt and (on the first submission and on retries) the secret. */
export interface IntakeResult {
  case: Case;
  secret: string;
  duplicate: boolean;
}

/**
 * The writes of the cases slice. Every write runs in one transaction that holds the case's row
 * lock (SELECT … FOR UPDATE) and checks the version column in its UPDATE, so two concurrent steps
 * on one case serialise: the second sees the first's result and is refused by the state machine
 * with a CONFLICT, and nothing is half-written.
 */
export class CaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly env: CasesEnvironment,
  ) {}

  private receiptNumber(kind: CaseKind, receivedOn: string): string {
    let suffix = '';
    for (let i = 0; i < 6; i += 1) suffix += RECEIPT_ALPHABET[Math.floor(this.env.random() * RECEIPT_ALPHABET.length)];
    return `${RECEIPT_PREFIX[kind]}${receivedOn.replace(/-/g, '')}${suffix}`;
  }

  /** Respondents named by credit code must be market entities the trading center knows (one request for all). */
  private async requireRegisteredRespondents(codes: readonly string[]): Promise<void> {
    if (codes.length > 0) requireRegisteredMarketEntities(await this.env.projects.registeredMarketEntities(codes), codes, 'respondentCreditCodes');
  }

  private async supervisingDepartmentOf(projectId: string): Promise<string> {
    const facts = (await this.env.projects.find([projectId])).get(projectId);
    if (!facts) throw new InputError(`projectId ${projectId} is not a project on the trading platform`, { field: 'projectId', rule: 'known project' });
    return facts.supervisingDepartmentCode;
  }

  private appendEvent(em: EntityManager, c: Case, transition: CaseTransition, fromStatus: CaseStatus | null, extra: Partial<CaseEvent> = {}): CaseEvent {
    c.eventCount += 1;
    return em.create(CaseEvent, {
      case: c,
      sequence: c.eventCount,
      transition,
      fromStatus,
      toStatus: c.status,
      at: this.env.clock.now(),
      actorSub: this.user.role === 'PUBLIC' ? 'public' : this.user.sub,
      actorName: this.user.role === 'PUBLIC' ? 'Public (online intake)' : this.user.name,
      actorRole: this.user.role,
      actorDepartment: this.user.department ?? null,
      ...extra,
    });
  }

  /** Creates a case with its SUBMIT event (and ACCEPT for kinds accepted at intake). */
  private createCase(em: EntityManager, data: NewCase, acceptAtIntake: boolean): Case {
    const now = data.receivedAt ?? this.env.clock.now();
    const receivedOn = shanghaiDateOf(now);
    const calendar = currentCalendar();
    const acceptance = acceptanceDue(calendar, data.kind, receivedOn);
    const c = em.create(Case, {
      ...data,
      receiptNumber: this.receiptNumber(data.kind, receivedOn),
      status: CaseStatus.SUBMITTED,
      responsibleDepartments: [data.supervisingDepartmentCode],
      receivedAt: now,
      receivedOn,
      acceptanceDueOn: acceptance.date,
      acceptanceDueProvisional: acceptance.provisional,
    });
    refreshNextDue(c);
    // A case entered after it came in says so in its trail: the event is dated when it was entered.
    const entered = data.receivedAt ? `Received ${data.channel} on ${receivedOn} (${now.toISOString()}), entered ${this.env.clock.today()}` : null;
    this.appendEvent(em, c, CaseTransition.SUBMIT, null, { comment: entered });
    if (acceptAtIntake) {
      this.accept(c, receivedOn);
      this.appendEvent(em, c, CaseTransition.ACCEPT, CaseStatus.SUBMITTED, { comment: 'Accepted at intake' });
    }
    return c;
  }

  private accept(c: Case, on: string): void {
    const due = resolutionDue(currentCalendar(), c.kind, on, c.referralDueOn);
    c.status = CaseStatus.ACCEPTED;
    c.acceptedOn = on;
    c.resolutionDueOn = due.date;
    c.resolutionDueProvisional = due.provisional;
    refreshNextDue(c);
  }

  /**
   * Idempotent intake: a retry with the same key returns the first case; two racing first
   * submissions meet the unique constraint on the key, and the loser returns the winner's case.
   */
  private async intakeOnce(key: string, print: string, build: (em: EntityManager) => Promise<Case>): Promise<{ case: Case; duplicate: boolean }> {
    const existing = async () => {
      const found = await this.em.fork().findOne(Case, { idempotencyKey: key });
      if (found && found.requestFingerprint !== print) {
        throw new ConflictError(`idempotencyKey "${key}" was already used for a different submission`, { field: 'idempotencyKey', receiptNumber: null });
      }
      return found;
    };
    const before = await existing();
    if (before) return { case: before, duplicate: true };
    try {
      return { case: await this.em.fork().transactional(build), duplicate: false };
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && /idempotency_key/.test(error.message)) {
        const winner = await existing();
        if (winner) return { case: winner, duplicate: true };
      }
      throw error;
    }
  }

  private requireKey(key: string): string {
    const trimmed = requireText(key, 'idempotencyKey', 100);
    if (trimmed.length < 8)
      throw new InputError('idempotencyKey must have at least 8 characters (use a UUID)', { field: 'idempotencyKey', rule: 'min 8 characters' });
    return trimmed;
  }

  /** The receipt of a case the office entered later: a real instant, not in the future. */
  private requireReceipt(receipt: ActualReceipt): ActualReceipt {
    const at = receipt.receivedAt;
    if (!(at instanceof Date) || Number.isNaN(at.getTime()))
      throw new InputError('receivedAt must be a date and time', { field: 'receivedAt', rule: 'date-time' });
    if (at.getTime() > this.env.clock.now().getTime()) {
      throw new InputError(`receivedAt ${at.toISOString()} is in the future`, { field: 'receivedAt', rule: 'not in the future' });
    }
    return receipt;
  }

  /**
   * A complaint, online (received now) or entered by the office with its actual receipt: the
   * 10-day window (national rules) is judged on the receipt day, not on the day of entry.
   */
  async submitComplaint(input: SubmitComplaintInput, receipt?: ActualReceipt): Promise<IntakeResult> {
    const key = this.requireKey(input.idempotencyKey);
    const projectId = requireUuid(input.projectId, 'projectId');
    const received = receipt ? this.requireReceipt(receipt) : undefined;
    const receivedOn = received ? shanghaiDateOf(received.receivedAt) : this.env.clock.today();
    if (input.knewOn > this.env.clock.today()) throw new InputError(`knewOn ${input.knewOn} is in the future`, { field: 'knewOn', rule: 'not in the future' });
    if (received && input.knewOn > receivedOn) {
      throw new InputError(`receivedAt ${receivedOn} is before the complainant knew of the matter (knewOn ${input.knewOn})`, {
        field: 'receivedAt',
        rule: 'not before knewOn',
      });
    }
    const elapsed = daysBetween(input.knewOn, receivedOn);
    if (elapsed > COMPLAINT_WINDOW_DAYS) {
      throw new InputError(
        `A complaint must be made within ${COMPLAINT_WINDOW_DAYS} days of knowing of the matter; knewOn ${input.knewOn} is ${elapsed} days before ${received ? `its receipt on ${receivedOn}` : 'today'}`,
        { field: 'knewOn', rule: `within ${COMPLAINT_WINDOW_DAYS} days of knowing` },
      );
    }
    const data = {
      kind: CaseKind.COMPLAINT,
      channel: this.channelOf(received),
      ...(received ? { receivedAt: received.receivedAt } : {}),
      projectId,
      summary: requireText(input.summary, 'summary', 200),
      details: requireText(input.details, 'details'),
      respondentCreditCodes: requireCreditCodes(input.respondentCreditCodes, 'respondentCreditCodes'),
      submitterName: requireText(input.complainantName, 'complainantName', 200),
      submitterContact: requireText(input.complainantContact, 'complainantContact', 200),
      submitterRelation: requireText(input.relationToProject, 'relationToProject', 200),
      knewOn: input.knewOn,
    };
    const print = fingerprint(data);
    const secret = receiptSecret(key);
    const result = await this.intakeOnce(key, print, async (em) => {
      const supervisingDepartmentCode = await this.supervisingDepartmentOf(projectId);
      await this.requireRegisteredRespondents(data.respondentCreditCodes);
      return this.createCase(em, { ...data, supervisingDepartmentCode, idempotencyKey: key, requestFingerprint: print, secretHash: hashSecret(secret) }, false);
    });
    return { ...result, secret };
  }

  /** Online submissions are ONLINE (WINDOW when the office types one in as it comes in); entered ones carry their own channel. */
  private channelOf(received: ActualReceipt | undefined): CaseChannel {
    if (received) return received.channel as unknown as CaseChannel;
    return this.user.role === 'OFFICE' ? CaseChannel.WINDOW : CaseChannel.ONLINE;
  }

  /** A report, online (received now) or entered by the office with its actual receipt. */
  async submitReport(input: SubmitReportInput, receipt?: ActualReceipt): Promise<IntakeResult> {
    const key = this.requireKey(input.idempotencyKey);
    const projectId = requireUuid(input.projectId, 'projectId');
    const received = receipt ? this.requireReceipt(receipt) : undefined;
    const submitterName = optionalText(input.reporterName, 'reporterName', 200);
    const data = {
      kind: CaseKind.REPORT,
      channel: this.channelOf(received),
      ...(received ? { receivedAt: received.receivedAt } : {}),
      projectId,
      summary: requireText(input.summary, 'summary', 200),
      details: requireText(input.details, 'details'),
      respondentCreditCodes: requireCreditCodes(input.respondentCreditCodes, 'respondentCreditCodes'),
      submitterName,
      submitterContact: optionalText(input.reporterContact, 'reporterContact', 200),
      anonymous: submitterName === null,
    };
    const print = fingerprint(data);
    const secret = receiptSecret(key);
    const result = await this.intakeOnce(key, print, async (em) => {
      const supervisingDepartmentCode = await this.supervisingDepartmentOf(projectId);
      await this.requireRegisteredRespondents(data.respondentCreditCodes);
      return this.createCase(em, { ...data, supervisingDepartmentCode, idempotencyKey: key, requestFingerprint: print, secretHash: hashSecret(secret) }, false);
    });
    return { ...result, secret };
  }

  /** Opens (or returns) the case of an inspection finding: idempotent on the finding id, accepted at intake. */
  async openFromInspectionFinding(input: OpenCaseFromInspectionFindingInput): Promise<Case> {
    const findingId = requireUuid(input.findingId, 'findingId');
    const projectId = requireUuid(input.projectId, 'projectId');
    (await memberUnits()).requireLine('departmentCode', input.departmentCode);
    // Both references are checked before anything is written: no case on a missing project or finding.
    requireFound(await this.env.enforcers.findings([findingId]), [findingId], 'findingId', 'inspection finding');
    await this.supervisingDepartmentOf(projectId);
    const data: NewCase = {
      kind: CaseKind.INSPECTION_FINDING,
      channel: CaseChannel.INSPECTION,
      projectId,
      supervisingDepartmentCode: input.departmentCode,
      // The finding's text may be long: the subject line is its start, the details all of it.
      summary: requireText(input.summary, 'summary').slice(0, 200),
      details: requireText(input.summary, 'summary'),
      respondentCreditCodes: requireCreditCodes(input.respondentCreditCodes, 'respondentCreditCodes'),
      submitterName: this.user.name,
      submitterRelation: `inspection finding ${findingId}`,
      findingId,
    };
    const existing = () => this.em.fork().findOne(Case, { findingId });
    const before = await existing();
    if (before) return before;
    try {
      return await this.em.fork().transactional(async (em) => this.createCase(em, data, true));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await existing();
        if (winner) return winner;
      }
      throw error;
    }
  }

  async recordReferral(input: RecordReferralInput): Promise<Case> {
    const key = this.requireKey(input.idempotencyKey);
    const projectId = requireUuid(input.projectId, 'projectId');
    const today = this.env.clock.today();
    if (input.dueOn && input.dueOn < today) throw new InputError(`dueOn ${input.dueOn} is in the past`, { field: 'dueOn', rule: 'not in the past' });
    const data = {
      kind: CaseKind.REFERRAL,
      channel: CaseChannel.REFERRAL,
      projectId,
      summary: requireText(input.summary, 'summary', 200),
      details: requireText(input.details, 'details'),
      respondentCreditCodes: requireCreditCodes(input.respondentCreditCodes, 'respondentCreditCodes'),
      submitterName: requireText(input.referringAuthority, 'referringAuthority', 200),
      submitterRelation: 'superior authority',
      referralReference: requireText(input.referenceNumber, 'referenceNumber', 100),
      referralDueOn: input.dueOn ?? null,
    };
    const print = fingerprint(data);
    const result = await this.intakeOnce(key, print, async (em) => {
      const supervisingDepartmentCode = await this.supervisingDepartmentOf(projectId);
      await this.requireRegisteredRespondents(data.respondentCreditCodes);
      return this.createCase(em, { ...data, supervisingDepartmentCode, idempotencyKey: key, requestFingerprint: print }, true);
    });
    return result.case;
  }

  /** Whether the caller may take a transition on this case (the table's actors), else FORBIDDEN. */
  private authorize(transition: StepTransition, c: Case): void {
    const actors = CASE_TRANSITIONS[transition].actors;
    const { role, department } = this.user;
    const isHandler =
      (role === 'DEPT' && !!department && c.handlingDepartments.includes(department)) || (role === 'OFFICE' && c.routingMode === CaseRoutingMode.SELF_HANDLED);
    const allowed =
      (actors.includes('OFFICE') && role === 'OFFICE') || (actors.includes('LEADER') && role === 'LEADER') || (actors.includes('HANDLER') && isHandler);
    if (!allowed) {
      const who = actors.map((a) => (a === 'HANDLER' ? `a handling department (${c.handlingDepartments.join(', ') || 'not routed yet'})` : a)).join(' or ');
      throw new ForbiddenError(`${transition} on case ${c.receiptNumber} is for ${who}; the caller is ${role}${department ? ` ${department}` : ''}`);
    }
  }

  /**
   * One step: lock the case, check who and what, apply, append the event. `apply` returns the event's
   * extra columns. A lost optimistic-lock race is reported as CONFLICT like an illegal transition.
   */
  private async step(transition: StepTransition, input: CaseStepInput, apply: (c: Case, today: string) => Partial<CaseEvent> | void): Promise<Case> {
    const id = requireUuid(input.caseId, 'caseId');
    const comment = optionalText(input.comment, 'comment');
    try {
      return await this.em.fork().transactional(async (em) => {
        const c = await em.findOne(Case, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!c) throw new NotFoundError('Case', id, 'caseId');
        this.authorize(transition, c);
        if (input.expectedVersion != null && input.expectedVersion !== c.version) {
          throw new ConflictError(`Case ${c.receiptNumber} changed since version ${input.expectedVersion} (now ${c.version})`, {
            currentStatus: c.status,
            currentVersion: c.version,
          });
        }
        const from = c.status;
        const to = nextStatus(from, transition);
        const extra = apply(c, this.env.clock.today()) ?? {};
        c.status = to;
        refreshNextDue(c);
        this.appendEvent(em, c, transition as CaseTransition, from, { comment, ...extra });
        return c;
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw new ConflictError(`Case ${id} was changed by another request; reload and retry`, { currentVersion: null });
      }
      throw error;
    }
  }

  acceptCase(input: CaseStepInput): Promise<Case> {
    return this.step(CaseTransition.ACCEPT, input, (c, today) => this.accept(c, today));
  }

  rejectCase(input: RejectCaseInput): Promise<Case> {
    const reason = optionalText(input.reason, 'reason');
    if (input.ground === CaseRefusalGround.OTHER && !reason) {
      throw new InputError('reason is required when the refusal ground is OTHER', { field: 'reason', rule: 'required for OTHER' });
    }
    return this.step(CaseTransition.REJECT, input, (c, today) => {
      c.rejectedOn = today;
      c.refusalGround = input.ground;
      c.refusalReason = reason;
      return { refusalGround: input.ground };
    });
  }

  async routeCase(input: RouteCaseInput): Promise<Case> {
    const given = [...new Set((input.departmentCodes ?? []).map((d) => d.trim().toUpperCase()))];
    const units = await memberUnits();
    given.forEach((code) => units.requireLine('departmentCodes', code));
    if (input.mode === CaseRoutingMode.SELF_HANDLED && given.length > 0) {
      throw new InputError('departmentCodes must be empty for SELF_HANDLED (the office handles the case)', {
        field: 'departmentCodes',
        rule: 'none for SELF_HANDLED',
      });
    }
    if (input.mode === CaseRoutingMode.SPLIT && given.length < 2) {
      throw new InputError('SPLIT (分办) needs two or more departmentCodes', { field: 'departmentCodes', rule: 'two or more for SPLIT' });
    }
    if (input.mode === CaseRoutingMode.TRANSFERRED && given.length > 1) {
      throw new InputError('TRANSFERRED (转办) goes to exactly one department; use SPLIT for several', {
        field: 'departmentCodes',
        rule: 'one for TRANSFERRED',
      });
    }
    return this.step(CaseTransition.ROUTE, input, (c) => {
      const departments = input.mode === CaseRoutingMode.SELF_HANDLED ? [OFFICE_DEPARTMENT] : given.length ? given : [c.supervisingDepartmentCode];
      c.routingMode = input.mode;
      c.handlingDepartments = departments;
      c.responsibleDepartments = departments;
      return { departments, routingMode: input.mode };
    });
  }

  private enforcerIds(ids: readonly string[] | null | undefined, field: string): string[] {
    return [...new Set((ids ?? []).map((id) => requireUuid(id, field)))];
  }

  /**
   * Every assigned enforcer is on the roster (enforcers slice), and pooling enforcers across
   * departments is the office's call: a DEPT handler assigns only its own department's enforcers.
   */
  private async requireAssignable(ids: readonly string[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.env.enforcers.enforcers(ids);
    requireFound(found, ids, field, 'enforcer of the roster');
    if (this.user.role !== 'DEPT') return;
    const foreign = ids.find((id) => found.get(id)!.departmentCode !== this.user.department);
    if (foreign) {
      throw new ForbiddenError(
        `${field}: enforcer ${foreign} belongs to ${found.get(foreign)!.departmentCode}; a ${this.user.department} handler assigns only its own department's enforcers (pooling across departments is the office's call)`,
      );
    }
  }

  async startInvestigation(input: StartCaseInvestigationInput): Promise<Case> {
    const ids = this.enforcerIds(input.enforcerIds, 'enforcerIds');
    await this.requireAssignable(ids, 'enforcerIds');
    return this.step(CaseTransition.START_INVESTIGATION, input, (c) => {
      c.assignedEnforcerIds = [...new Set([...c.assignedEnforcerIds, ...ids])];
      return ids.length ? { enforcerIds: ids } : {};
    });
  }

  async assignEnforcers(input: AssignCaseEnforcersInput): Promise<Case> {
    const ids = this.enforcerIds(input.enforcerIds, 'enforcerIds');
    if (ids.length === 0) throw new InputError('enforcerIds must name at least one enforcer', { field: 'enforcerIds', rule: 'at least one' });
    await this.requireAssignable(ids, 'enforcerIds');
    return this.step(CaseTransition.ASSIGN_ENFORCERS, input, (c) => {
      c.assignedEnforcerIds = [...new Set([...c.assignedEnforcerIds, ...ids])];
      return { enforcerIds: ids };
    });
  }

  decideCase(input: DecideCaseInput): Promise<Case> {
    const actionTaken = requireText(input.actionTaken, 'actionTaken');
    const penalty = optionalText(input.penalty, 'penalty');
    return this.step(CaseTransition.DECIDE, input, (c, today) => {
      c.decidedOn = today;
      c.substantiated = input.substantiated;
      c.actionTaken = actionTaken;
      c.penalty = penalty;
      // 处罚权属不变: the decision is recorded as the deciding (competent) department's own.
      c.decidedByDepartment = this.user.role === 'OFFICE' ? OFFICE_DEPARTMENT : this.user.department;
    });
  }

  sendFeedback(input: SendCaseFeedbackInput): Promise<Case> {
    const feedback = requireText(input.feedback, 'feedback');
    return this.step(CaseTransition.SEND_FEEDBACK, input, (c, today) => {
      c.feedback = feedback;
      c.feedbackOn = today;
    });
  }

  archiveCase(input: CaseStepInput): Promise<Case> {
    return this.step(CaseTransition.ARCHIVE, input, (c, today) => {
      c.archivedOn = today;
    });
  }

  superviseCase(input: SuperviseCaseInput): Promise<Case> {
    const note = requireText(input.note, 'note');
    return this.step(CaseTransition.SUPERVISE, { caseId: input.caseId, comment: note }, () => undefined);
  }
}

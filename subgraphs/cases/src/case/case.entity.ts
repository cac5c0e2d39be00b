import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseKind, CaseRefusalGround, CaseRoutingMode, CaseStatus, CaseTransition } from './case-states';

/** How the case came in. */
export enum CaseChannel {
  /** 一网覆盖: submitted online by the public. */
  ONLINE = 'ONLINE',
  /** 一窗受理: taken at the intake window (office 308). */
  WINDOW = 'WINDOW',
  /** Received by letter and entered by the office. */
  LETTER = 'LETTER',
  /** Received by telephone and entered by the office. */
  PHONE = 'PHONE',
  /** Received by e-mail and entered by the office. */
  EMAIL = 'EMAIL',
  /** Opened from an inspection finding. */
  INSPECTION = 'INSPECTION',
  /** Assigned by a superior authority. */
  REFERRAL = 'REFERRAL',
}
registerEnumType(CaseChannel, {
  name: 'CaseChannel',
  description: 'How the case came in: ONLINE 一网覆盖, WINDOW 一窗受理, LETTER, PHONE, EMAIL, INSPECTION, REFERRAL.',
  valuesConfig: {
    ONLINE: { description: 'Submitted online by the public (一网覆盖).' },
    WINDOW: { description: 'Taken at the intake window, office 308 (一窗受理).' },
    LETTER: { description: 'Received by letter and entered by the office.' },
    PHONE: { description: 'Received by telephone and entered by the office.' },
    EMAIL: { description: 'Received by e-mail and entered by the office.' },
    INSPECTION: { description: 'Opened from an inspection finding (检查发现).' },
    REFERRAL: { description: 'Assigned by a superior authority (交办件).' },
  },
});

/** The channels through which the office receives a complaint or report (it enters them with the actual receipt time). */
export enum IntakeChannel {
  WINDOW = 'WINDOW',
  LETTER = 'LETTER',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  ONLINE = 'ONLINE',
}
registerEnumType(IntakeChannel, {
  name: 'IntakeChannel',
  description: 'Where the office received a complaint or report: WINDOW (office 308), LETTER, PHONE, EMAIL or ONLINE.',
  valuesConfig: {
    WINDOW: { description: 'At the intake window, office 308 (一窗受理).' },
    LETTER: { description: 'By letter.' },
    PHONE: { description: 'By telephone.' },
    EMAIL: { description: 'By e-mail.' },
    ONLINE: { description: 'Online, entered later by the office.' },
  },
});

/**
 * A case (案件): a complaint, report, inspection finding or referral about one tender project,
 * carried through intake, routing, investigation, decision, feedback and archive. Fields that name
 * people (submitter, respondents) and the narrative are gated by resolvers (see CaseResolver):
 * columns without `@Field` here are never exposed directly.
 */
@Entity({ tableName: 'case_file' })
@ObjectType({ description: 'A case (案件): complaint 投诉, report 举报, inspection finding 检查发现 or referral 交办件, with its deadlines and trail.' })
@Directive('@key(fields: "id")')
// Array lookups (Department.cases, MarketEntity.cases, an enforcer's cases) need GIN indexes.
@Index({
  name: 'case_file_responsible_departments_gin',
  expression: 'create index "case_file_responsible_departments_gin" on "case_file" using gin ("responsible_departments")',
})
@Index({
  name: 'case_file_respondent_credit_codes_gin',
  expression: 'create index "case_file_respondent_credit_codes_gin" on "case_file" using gin ("respondent_credit_codes")',
})
@Index({
  name: 'case_file_assigned_enforcer_ids_gin',
  expression: 'create index "case_file_assigned_enforcer_ids_gin" on "case_file" using gin ("assigned_enforcer_ids")',
})
// The intake queue (一窗受理): a status, by the nearest acceptance deadline (case.queries.ts ACCEPTANCE_ORDER), read in index order with no sort.
@Index({ name: 'case_file_intake_queue_index', properties: ['status', 'acceptanceDueOn', 'receivedAt', 'id'] })
export class Case {
  [OptionalProps]?:
    | 'status'
    | 'version'
    | 'eventCount'
    | 'updatedAt'
    | 'anonymous'
    | 'handlingDepartments'
    | 'assignedEnforcerIds'
    | 'acceptanceDueProvisional'
    | 'resolutionDueProvisional';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the case (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  @Unique()
  @Field({ description: 'Receipt number (受理回执编号) given to the submitter.' })
  receiptNumber: string;

  @Enum({ items: () => CaseKind, type: 'string' })
  @Index()
  @Field(() => CaseKind, { description: 'Complaint (投诉), report (举报), inspection finding (检查发现) or referral (交办件).' })
  kind: CaseKind;

  @Enum({ items: () => CaseChannel, type: 'string' })
  @Field(() => CaseChannel, { description: 'How the case came in (online, window 308, letter, phone, e-mail, inspection, referral); part of the record.' })
  channel: CaseChannel;

  @Enum({ items: () => CaseStatus, type: 'string' })
  @Index()
  @Field(() => CaseStatus, { description: 'Where the case stands in its life cycle.' })
  status: CaseStatus = CaseStatus.SUBMITTED;

  /** Bumped by every write; the UPDATE checks it (optimistic lock) on top of the row lock. */
  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Version of the case; pass it as expectedVersion to refuse acting on a stale view.' })
  version: number = 1;

  /** Events appended so far: the next event's sequence number. */
  @Property({ type: 'integer' })
  eventCount: number = 0;

  @Property({ type: 'uuid' })
  @Index()
  projectId: string;

  /** The project's supervising department (行业主管部门) at intake: the default for routing (谁主管，谁监管). */
  @Property({ type: 'string', length: 16 })
  supervisingDepartmentCode: string;

  /** Departments that handle the case, set by routing (SELF_HANDLED: ZWJ). */
  @Property({ type: ArrayType })
  handlingDepartments: string[] = [];

  /** The departments the case counts for: the handling ones once routed, else the supervising one. */
  @Property({ type: ArrayType })
  responsibleDepartments: string[];

  @Enum({ items: () => CaseRoutingMode, type: 'string', nullable: true })
  @Field(() => CaseRoutingMode, { nullable: true, description: 'How the office handed the case on (自办, 分办 or 转办); null until routed.' })
  routingMode?: CaseRoutingMode | null;

  @Property({ type: ArrayType })
  respondentCreditCodes: string[];

  @Property({ type: ArrayType })
  assignedEnforcerIds: string[] = [];

  @Property({ type: 'string', length: 200 })
  @Field({ description: 'Subject line (案由), free of personal data.' })
  summary: string;

  @Property({ type: 'text' })
  details: string;

  @Property({ type: 'string', nullable: true })
  submitterName?: string | null;

  @Property({ type: 'string', nullable: true })
  submitterContact?: string | null;

  /** Complaint: relation to the project (e.g. bidder); referral: the referring authority; finding: the finding id. */
  @Property({ type: 'string', nullable: true })
  submitterRelation?: string | null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Submitted without a name (reports only).' })
  anonymous: boolean = false;

  @Property({ type: 'date', nullable: true })
  knewOn?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Unique()
  idempotencyKey?: string | null;

  /** sha256 of the submission, to refuse an idempotency key reused for different content. */
  @Property({ type: 'string', length: 64, nullable: true })
  requestFingerprint?: string | null;

  /** `scrypt$salt$hash` of the submitter's one-time secret; the secret itself is never stored. */
  @Property({ type: 'string', nullable: true })
  secretHash?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Unique()
  findingId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  referralReference?: string | null;

  @Property({ type: 'date', nullable: true })
  referralDueOn?: string | null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the office received the case (for a case entered later, the actual receipt time, not the entry time): periods run from it.' })
  receivedAt: Date;

  @Property({ type: 'date' })
  @Index()
  @Field(() => LocalDateScalar, { description: 'Receipt date in Asia/Shanghai.' })
  receivedOn: string;

  @Property({ type: 'date' })
  acceptanceDueOn: string;

  @Property({ type: 'boolean' })
  acceptanceDueProvisional: boolean = false;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of acceptance (受理), YYYY-MM-DD (Asia/Shanghai); null until accepted.' })
  acceptedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of refusal (不予受理), YYYY-MM-DD (Asia/Shanghai); null unless refused.' })
  rejectedOn?: string | null;

  @Enum({ items: () => CaseRefusalGround, type: 'string', nullable: true })
  @Field(() => CaseRefusalGround, { nullable: true, description: 'Statutory ground of the refusal; null unless refused.' })
  refusalGround?: CaseRefusalGround | null;

  @Property({ type: 'text', nullable: true })
  refusalReason?: string | null;

  @Property({ type: 'date', nullable: true })
  resolutionDueOn?: string | null;

  @Property({ type: 'boolean' })
  resolutionDueProvisional: boolean = false;

  /** The pending deadline (acceptance while SUBMITTED, resolution while ACCEPTED…INVESTIGATING), for due-soon and overdue lists. */
  @Property({ type: 'date', nullable: true })
  @Index()
  nextDueOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Decision date (处理决定).' })
  decidedOn?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Whether the complaint or report was substantiated (属实).' })
  substantiated?: boolean | null;

  @Property({ type: 'text', nullable: true })
  actionTaken?: string | null;

  @Property({ type: 'text', nullable: true })
  penalty?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  decidedByDepartment?: string | null;

  @Property({ type: 'text', nullable: true })
  feedback?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Result fed back to the submitter (反馈).' })
  feedbackOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the case was archived (归档), YYYY-MM-DD (Asia/Shanghai); null until archived.' })
  archivedOn?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * One step of a case's trail (全程留痕): appended under the case's row lock, never updated or
 * deleted (the service has no code path that does, and the migration adds a trigger refusing it).
 */
@Entity({ tableName: 'case_event' })
@Unique({ properties: ['case', 'sequence'] })
@ObjectType({ description: 'One dated, signed step of a case (全程留痕).' })
export class CaseEvent {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the trail event (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Case, { index: true })
  case: Case;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '1, 2, 3 … within the case.' })
  sequence: number;

  @Enum({ items: () => CaseTransition, type: 'string' })
  @Field(() => CaseTransition, { description: 'The step this event records.' })
  transition: CaseTransition;

  @Enum({ items: () => CaseStatus, type: 'string', nullable: true })
  @Field(() => CaseStatus, { nullable: true, description: 'Status before the step; null for the intake event (SUBMIT).' })
  fromStatus?: CaseStatus | null;

  @Enum({ items: () => CaseStatus, type: 'string' })
  @Field(() => CaseStatus, { description: 'Status after the step (equal to fromStatus for SUPERVISE and ASSIGN_ENFORCERS).' })
  toStatus: CaseStatus;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant of the step (ISO 8601 timestamp); kept forever (全程留痕).' })
  at: Date;

  @Property({ type: 'string' })
  @Field({ description: 'Who did it (token subject; "public" for online intake).' })
  actorSub: string;

  @Property({ type: 'string' })
  @Field({ description: 'Display name of who took the step (from the signed token); "Public (online intake)" for submissions without a login.' })
  actorName: string;

  @Property({ type: 'string', length: 16 })
  @Field({ description: 'Role of who took the step: PUBLIC, OFFICE, LEADER, DEPT or ENFORCER.' })
  actorRole: string;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: 'Department code of who took the step (e.g. ZJJ, ZWJ); null for the public and leaders.' })
  actorDepartment?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Comment or note; null in the summary view of a case.' })
  comment?: string | null;

  @Property({ type: ArrayType, nullable: true })
  @Field(() => [String], { nullable: true, description: 'Departments a ROUTE sent the case to.' })
  departments?: string[] | null;

  @Property({ type: ArrayType, nullable: true })
  @Field(() => [ID], { nullable: true, description: 'Enforcers an ASSIGN_ENFORCERS or START_INVESTIGATION added; null in the summary view.' })
  enforcerIds?: string[] | null;

  @Enum({ items: () => CaseRefusalGround, type: 'string', nullable: true })
  @Field(() => CaseRefusalGround, { nullable: true, description: 'Refusal ground recorded by a REJECT step; null for other steps.' })
  refusalGround?: CaseRefusalGround | null;

  @Enum({ items: () => CaseRoutingMode, type: 'string', nullable: true })
  @Field(() => CaseRoutingMode, { nullable: true, description: 'Routing mode chosen by a ROUTE step; null for other steps.' })
  routingMode?: CaseRoutingMode | null;
}

import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CreditRule } from '../rule/credit-rule.entity';
import { CreditRecordStatus, CreditSourceKind, CreditSubjectType, ObjectionOutcome, StoredCreditStatus } from './credit-types';

/**
 * A credit record (信用记录): points deducted from a subject under a catalogue rule, from a
 * finding. Dates are fixed when they happen, so the status on any past day can be answered:
 * it takes effect the day after publicity ends (or on the objection decision, if later) and
 * counts until `expiresOn` (effective date + 12 months, exclusive).
 */
@Entity({ tableName: 'credit_record' })
@Index({ properties: ['sourceKind', 'sourceRef'] })
// The public practitioner search's check for practitioners published since it last looked (published-practitioners.service.ts).
@Index({
  name: 'credit_record_published_practitioner_index',
  expression: `create index "credit_record_published_practitioner_index" on "credit_record" ("subject_key") where "subject_type" = 'PRACTITIONER' and "status" <> 'DRAFT'`,
})
@ObjectType({ description: 'A credit record (信用记录) against a market entity or practitioner. Records past DRAFT are public.' })
@Directive('@key(fields: "id")')
export class CreditRecord {
  [OptionalProps]?: 'status' | 'createdAt' | 'publicityEndProvisional' | 'published';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the record (UUID).' })
  id: string = randomUUID();

  @Enum({ items: () => CreditSubjectType, type: 'string' })
  @Field(() => CreditSubjectType, { description: 'Market entity (市场主体) or practitioner (从业人员).' })
  subjectType: CreditSubjectType;

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field({ description: 'Credit code of the market entity, or id of the practitioner.' })
  subjectKey: string;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  projectId?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  @Index()
  @Field(() => String, { nullable: true, description: 'Department whose finding it records (for the bimonthly statistics).' })
  departmentCode?: string | null;

  @Enum({ items: () => CreditSourceKind, type: 'string' })
  @Field(() => CreditSourceKind, { description: 'What the record is based on.' })
  sourceKind: CreditSourceKind;

  @Property({ type: 'string', length: 64 })
  @Field({ description: 'Id of the notification, case or inspection finding.' })
  sourceRef: string;

  @ManyToOne(() => CreditRule, { fieldName: 'rule_code' })
  rule: CreditRule;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: "Points deducted (the rule's points unless corrected)." })
  points: number;

  @Property({ type: 'text' })
  @Field({ description: 'The facts of the violation. Public once published; drafts are read by the bureau and leaders only.' })
  facts: string;

  @Enum({ items: () => StoredCreditStatus, type: 'string' })
  @Index()
  status: StoredCreditStatus = StoredCreditStatus.DRAFT;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the draft was created, YYYY-MM-DD (Asia/Shanghai).' })
  createdOn: string;

  @Property({ type: 'string' })
  createdBy: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'date', nullable: true })
  @Index()
  @Field(() => LocalDateScalar, { nullable: true, description: 'Publicity (公示) started.' })
  publicityStartsOn?: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of publicity, when objections may be raised.' })
  publicityEndsOn?: string | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'The publicity end lies beyond the known official calendar and may move.' })
  publicityEndProvisional: boolean = false;

  @Property({ type: 'date', nullable: true })
  @Index()
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the deduction counts; null while a draft or under objection.' })
  effectiveOn?: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the deduction no longer counts (effectiveOn + 12 months).' })
  expiresOn?: string | null = null;

  /** The status on a day: the stored state, or EFFECTIVE/EXPIRED once the fixed dates are reached. */
  statusOn(asOf: string): CreditRecordStatus {
    if (this.effectiveOn && this.status !== StoredCreditStatus.DRAFT && this.status !== StoredCreditStatus.OBJECTION_RAISED) {
      if (this.expiresOn && asOf >= this.expiresOn) return CreditRecordStatus.EXPIRED;
      if (asOf >= this.effectiveOn) return CreditRecordStatus.EFFECTIVE;
    }
    return this.status as unknown as CreditRecordStatus;
  }

  /** Published records (past DRAFT) are public; drafts are the bureau's. */
  get published(): boolean {
    return this.status !== StoredCreditStatus.DRAFT;
  }
}

/** One step of a record's life, appended and never edited (全程留痕). */
@Entity({ tableName: 'credit_record_event' })
@ObjectType('CreditRecordEvent', { description: 'A status change of a credit record, with who made it (append-only).' })
export class CreditRecordEvent {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the trail event (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => CreditRecord, { index: true })
  record: CreditRecord;

  @Enum({ items: () => CreditRecordStatus, type: 'string', nullable: true })
  @Field(() => CreditRecordStatus, { nullable: true, description: 'Status before the step; null for the creation of the draft.' })
  fromStatus?: CreditRecordStatus | null;

  @Enum({ items: () => CreditRecordStatus, type: 'string' })
  @Field(() => CreditRecordStatus, { description: 'Status after the step.' })
  toStatus: CreditRecordStatus;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'The official date of the step.' })
  on: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was entered.' })
  at: Date = new Date();

  @Property({ type: 'string' })
  @Field({ description: 'Who did it (token subject).' })
  actor: string;

  @Property({ type: 'string' })
  @Field({ description: 'Display name of who took the step.' })
  actorName: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note on the step (e.g. the objection decision); null when none.' })
  note?: string | null;
}

/** An objection (异议) by the subject during publicity, entered by the bureau on the subject's behalf. */
@Entity({ tableName: 'credit_objection' })
@ObjectType({ description: 'An objection (异议) to a record in publicity and its decision, with the correction made.' })
export class CreditObjection {
  [OptionalProps]?: 'outcome' | 'decidedOn' | 'decisionNote';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the objection (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => CreditRecord)
  @Unique()
  record: CreditRecord;

  @Property({ type: 'string' })
  @Field({ description: 'Who objected (the subject or its representative).' })
  raisedBy: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the objection was raised, YYYY-MM-DD (Asia/Shanghai); within the publicity period.' })
  raisedOn: string;

  @Property({ type: 'text' })
  @Field({ description: 'The grounds of the objection.' })
  grounds: string;

  @Property({ type: 'string' })
  @Field({ description: 'The bureau officer who entered it.' })
  enteredBy: string;

  @Enum({ items: () => ObjectionOutcome, type: 'string', nullable: true })
  @Field(() => ObjectionOutcome, { nullable: true, description: "The bureau's decision; null while undecided." })
  outcome?: ObjectionOutcome | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the decision, YYYY-MM-DD (Asia/Shanghai); null while undecided.' })
  decidedOn?: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Reasons of the decision; null while undecided.' })
  decisionNote?: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'Rule before a correction.' })
  previousRuleCode?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Points before a correction.' })
  previousPoints?: number | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'Rule after a correction.' })
  correctedRuleCode?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Points after a correction.' })
  correctedPoints?: number | null = null;
}

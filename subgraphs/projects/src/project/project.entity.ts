import { randomUUID } from 'node:crypto';
import { Collection, Entity, OptionalProps, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DecimalScalar, LocalDateScalar } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Department } from '../department/department.entity';
import { MarketEntity } from '../market-entity/market-entity.entity';
import { IntervalRule, ProjectStage, StageRecordKind } from './stages';

export enum ProjectCategory {
  HOUSING = 'HOUSING',
  MUNICIPAL = 'MUNICIPAL',
  TRANSPORT = 'TRANSPORT',
  WATER = 'WATER',
  AGRICULTURE = 'AGRICULTURE',
}

export enum TenderMethod {
  /** 公开招标 */
  OPEN = 'OPEN',
  /** 邀请招标 */
  INVITED = 'INVITED',
}

registerEnumType(ProjectCategory, {
  name: 'ProjectCategory',
  description: 'Construction category: housing, municipal, transport, water, agriculture.',
  valuesConfig: {
    HOUSING: { description: 'Housing construction (房屋建筑工程).' },
    MUNICIPAL: { description: 'Municipal works (市政工程).' },
    TRANSPORT: { description: 'Transport works (交通工程).' },
    WATER: { description: 'Water works (水利工程).' },
    AGRICULTURE: { description: 'Agriculture and rural works (农业农村工程).' },
  },
});
registerEnumType(TenderMethod, {
  name: 'TenderMethod',
  description: 'OPEN = 公开招标, INVITED = 邀请招标.',
  valuesConfig: {
    OPEN: { description: 'Open tender (公开招标): any qualified bidder may bid.' },
    INVITED: { description: 'Invited tender (邀请招标): only invited bidders may bid.' },
  },
});
registerEnumType(StageRecordKind, {
  name: 'StageRecordKind',
  description: 'Kind of a dated stage record of a project (全程留痕).',
  valuesConfig: {
    ANNOUNCEMENT: { description: 'Tender announcement and documents issued (招标公告/招标文件发布).' },
    CLARIFICATION: { description: 'Clarification or amendment of the tender documents (答疑澄清).' },
    BID_OPENING: { description: 'Bid opening (开标) with at least 3 bids.' },
    FAILED_OPENING: { description: 'Opening with fewer than 3 bids: no opening, the project is re-tendered in a new round (流标).' },
    EVALUATION_REPORT: { description: 'Evaluation (评标) and its report (评标报告).' },
    CANDIDATE_PUBLICITY: { description: 'Publicity of the winning candidates (评标结果公示).' },
    AWARD_NOTICE: { description: 'Award publicity and award notice (中标结果公示/中标通知书).' },
    CONTRACT_FILING: { description: 'Contract signed and filed (合同备案).' },
    PERFORMANCE_START: { description: 'Performance of the contract started (履约).' },
    COMPLETION: { description: 'Project completed (竣工).' },
  },
});
registerEnumType(IntervalRule, {
  name: 'IntervalRule',
  description: 'Statutory interval rules the platform checks.',
  valuesConfig: {
    DOCUMENTS_TO_DEADLINE_MIN_20_DAYS: { description: 'Tender documents issued to bid deadline at least 20 days.' },
    CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE: { description: 'A clarification at least 15 days before the bid deadline, else the deadline must move.' },
    MIN_3_BIDS: { description: 'At least 3 bids for an opening; fewer means re-tender.' },
    CANDIDATE_PUBLICITY_MIN_3_DAYS: { description: 'Candidate publicity (评标结果公示) of at least 3 days.' },
    CONTRACT_WITHIN_30_DAYS_OF_AWARD: { description: 'Contract signed within 30 days of the award notice (中标通知书).' },
  },
});

/** A tender project (招标项目) registered on the trading platform: the centre of the graph. */
@Entity({ tableName: 'project' })
@ObjectType({ description: 'A tender project (招标项目) on the public-resource trading platform.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
export class Project {
  [OptionalProps]?: 'stage' | 'tenderRound' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the project (UUID), assigned by the hub; every slice references projects by it.' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Unique()
  @Field({ description: 'Platform project code (项目编号).' })
  code: string;

  @Property({ type: 'string' })
  @Field({ description: 'Project name (项目名称). Public (公开), like all tender information.' })
  name: string;

  @Enum({ items: () => ProjectCategory, type: 'string' })
  @Index()
  @Field(() => ProjectCategory, { description: 'Construction category (housing, municipal, transport, water, agriculture).' })
  category: ProjectCategory;

  @ManyToOne(() => Department, { fieldName: 'supervising_department_code', index: true })
  supervisingDepartment: Department;

  @ManyToOne(() => MarketEntity, { fieldName: 'tenderer_credit_code', index: true })
  tenderer: MarketEntity;

  @ManyToOne(() => MarketEntity, { fieldName: 'tender_agency_credit_code', nullable: true, index: true })
  tenderAgency?: MarketEntity | null;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  @Field(() => DecimalScalar, { description: 'Budget in yuan, exact.' })
  budget: string;

  @Enum({ items: () => TenderMethod, type: 'string' })
  @Field(() => TenderMethod, { description: 'Open (公开招标) or invited (邀请招标) tender.' })
  tenderMethod: TenderMethod;

  @Enum({ items: () => ProjectStage, type: 'string' })
  @Index()
  @Field(() => ProjectStage, { description: 'Current stage on the platform, in statutory order.' })
  stage: ProjectStage = ProjectStage.REGISTERED;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Tender round: 1, then +1 after each failed opening (re-tender).' })
  tenderRound: number = 1;

  @Property({ type: 'date' })
  @Index()
  @Field(() => LocalDateScalar, { description: 'Day the project was registered on the platform, YYYY-MM-DD (Asia/Shanghai).' })
  registeredOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Tender documents issued (招标文件发出) in the current round.' })
  announcedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Current bid deadline (投标截止) — moves with clarifications.' })
  bidDeadline?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day of the candidate publicity (评标结果公示), YYYY-MM-DD (Asia/Shanghai); null before the publicity.',
  })
  publicityEndsOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Award notice issued (中标通知书).' })
  awardNoticeOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the contract was signed, YYYY-MM-DD (Asia/Shanghai); null before contract filing (合同备案).',
  })
  contractSignedOn?: string | null;

  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  @Field(() => DecimalScalar, { nullable: true, description: 'Contract amount in yuan (元), exact decimal string; null before contract filing.' })
  contractAmount?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the last stage record.' })
  lastStageOn?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** For filters only (`$some`); the graph reads these through per-request DataLoaders. */
  @OneToMany(() => Bid, (bid) => bid.project)
  bidRows = new Collection<Bid>(this);

  @OneToMany(() => ProjectFlag, (flag) => flag.project)
  flagRows = new Collection<ProjectFlag>(this);
}

/** A dated stage record with its document (全程留痕): appended, never edited. */
@Entity({ tableName: 'stage_record' })
@ObjectType({ description: 'A dated record of one stage of a project, with its document reference.' })
export class StageRecord {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the stage record (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @Enum({ items: () => StageRecordKind, type: 'string' })
  @Field(() => StageRecordKind, { description: 'Which stage this record documents.' })
  kind: StageRecordKind;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Tender round of the record: 1, then +1 after each failed opening.' })
  tenderRound: number;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the stage happened, YYYY-MM-DD (Asia/Shanghai).' })
  occurredOn: string;

  @Property({ type: 'string' })
  @Field({ description: 'Reference of the document (announcement no., report no., contract filing no.).' })
  documentRef: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Bid deadline set or moved by this record.' })
  bidDeadline?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day of the publicity this record opened, YYYY-MM-DD (Asia/Shanghai); null for records without publicity.',
  })
  publicityEndsOn?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Number of bids at the opening; set on BID_OPENING and FAILED_OPENING records only.' })
  bidCount?: number | null;

  @Property({ type: 'string' })
  @Field({ description: 'Who recorded it (token subject).' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the record was written (ISO 8601 timestamp, UTC), kept forever (全程留痕).' })
  recordedAt: Date = new Date();
}

/** A bid (投标) by a market entity in one tender round. */
@Entity({ tableName: 'bid' })
@Unique({ properties: ['project', 'tenderRound', 'bidder'] })
@ObjectType({ description: 'A bid (投标) in one tender round.' })
@Directive('@key(fields: "id")')
export class Bid {
  [OptionalProps]?: 'awarded' | 'bidderCreditCode';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the bid (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @ManyToOne(() => MarketEntity, { fieldName: 'bidder_credit_code', index: true })
  bidder: MarketEntity;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Tender round the bid belongs to: 1, then +1 after each failed opening (re-tender).' })
  tenderRound: number;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  @Field(() => DecimalScalar, { description: 'Bid price in yuan (元), exact decimal string with 2 decimal places.' })
  amount: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the bid was submitted, YYYY-MM-DD (Asia/Shanghai).' })
  submittedOn: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'The winning bid (中标).' })
  awarded: boolean = false;

  @Field({ description: 'Credit code of the bidder (lets other slices, e.g. credit, join on the bid with @requires).' })
  get bidderCreditCode(): string {
    return this.bidder.creditCode;
  }
}

/** A statutory-interval breach found by the platform, with the rule and the numbers (never silently accepted). */
@Entity({ tableName: 'project_flag' })
@ObjectType({ description: 'A statutory interval breach recorded against a project.' })
export class ProjectFlag {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the flag (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @Enum({ items: () => IntervalRule, type: 'string' })
  @Index()
  @Field(() => IntervalRule, { description: 'The statutory interval rule that was not met.' })
  rule: IntervalRule;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'What the rule requires.' })
  required: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'What the record shows.' })
  actual: number;

  @Property({ type: 'string' })
  @Field({ description: '"days" or "bids".' })
  unit: string;

  @Property({ type: 'text' })
  @Field({ description: 'Explanation of the breach in words, for dashboards.' })
  message: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Tender round in which the breach happened.' })
  tenderRound: number;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the platform raised the flag, YYYY-MM-DD (Asia/Shanghai).' })
  raisedOn: string;

  // Flags raised before the rest-day rule was applied have no end day: null, and not provisional.
  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Day the statutory period ends, YYYY-MM-DD (Asia/Shanghai): the start day is not counted, and a last day on a statutory rest day moves to the first working day after it. Null for the bid count, which is no period.',
  })
  periodEndsOn: string | null = null;

  @Property({ type: 'boolean', default: false })
  @Field({
    description:
      'The period end depends on a year the official calendar does not cover yet (counted with the plain weekday rule): the flag may not stand once that year is published.',
  })
  provisional: boolean = false;
}

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

registerEnumType(ProjectCategory, { name: 'ProjectCategory', description: 'Construction category: housing, municipal, transport, water, agriculture.' });
registerEnumType(TenderMethod, { name: 'TenderMethod', description: 'OPEN = 公开招标, INVITED = 邀请招标.' });
registerEnumType(StageRecordKind, { name: 'StageRecordKind' });
registerEnumType(IntervalRule, { name: 'IntervalRule', description: 'Statutory interval rules the platform checks.' });

/** A tender project (招标项目) registered on the trading platform: the centre of the graph. */
@Entity({ tableName: 'project' })
@ObjectType({ description: 'A tender project (招标项目) on the public-resource trading platform.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
export class Project {
  [OptionalProps]?: 'stage' | 'tenderRound' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Unique()
  @Field({ description: 'Platform project code (项目编号).' })
  code: string;

  @Property({ type: 'string' })
  @Field()
  name: string;

  @Enum({ items: () => ProjectCategory, type: 'string' })
  @Index()
  @Field(() => ProjectCategory)
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
  @Field(() => TenderMethod)
  tenderMethod: TenderMethod;

  @Enum({ items: () => ProjectStage, type: 'string' })
  @Index()
  @Field(() => ProjectStage)
  stage: ProjectStage = ProjectStage.REGISTERED;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Tender round: 1, then +1 after each failed opening (re-tender).' })
  tenderRound: number = 1;

  @Property({ type: 'date' })
  @Index()
  @Field(() => LocalDateScalar)
  registeredOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Tender documents issued (招标文件发出) in the current round.' })
  announcedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Current bid deadline (投标截止) — moves with clarifications.' })
  bidDeadline?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  publicityEndsOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Award notice issued (中标通知书).' })
  awardNoticeOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  contractSignedOn?: string | null;

  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  @Field(() => DecimalScalar, { nullable: true })
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
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @Enum({ items: () => StageRecordKind, type: 'string' })
  @Field(() => StageRecordKind)
  kind: StageRecordKind;

  @Property({ type: 'integer' })
  @Field(() => Int)
  tenderRound: number;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar)
  occurredOn: string;

  @Property({ type: 'string' })
  @Field({ description: 'Reference of the document (announcement no., report no., contract filing no.).' })
  documentRef: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Bid deadline set or moved by this record.' })
  bidDeadline?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  publicityEndsOn?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  bidCount?: number | null;

  @Property({ type: 'string' })
  @Field({ description: 'Who recorded it (token subject).' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  @Field()
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
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @ManyToOne(() => MarketEntity, { fieldName: 'bidder_credit_code', index: true })
  bidder: MarketEntity;

  @Property({ type: 'integer' })
  @Field(() => Int)
  tenderRound: number;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  @Field(() => DecimalScalar)
  amount: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar)
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
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @Enum({ items: () => IntervalRule, type: 'string' })
  @Index()
  @Field(() => IntervalRule)
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
  @Field()
  message: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  tenderRound: number;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar)
  raisedOn: string;
}

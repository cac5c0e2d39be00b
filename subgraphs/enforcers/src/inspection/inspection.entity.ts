import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DrawV2Result, ManifestInspector } from '../draw/algorithm';
import type { DrawResult, PoolProject, RosterEntry } from '../draw/draw';
// By name, not by class: draw-round.entity imports this module (InspectionPlan).
import type { DrawRound } from './draw-round.entity';

export enum InspectionStatus {
  /** Drawn, inspectors assigned, no result yet. */
  ASSIGNED = 'ASSIGNED',
  /** Checklist results recorded. */
  RECORDED = 'RECORDED',
  /** Results published (一公开). */
  PUBLISHED = 'PUBLISHED',
  /** Its draw was superseded by a recorded redraw. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(InspectionStatus, {
  name: 'InspectionStatus',
  description: 'ASSIGNED → RECORDED → PUBLISHED; CANCELLED when its draw was superseded.',
  valuesConfig: {
    ASSIGNED: { description: 'Drawn, inspectors assigned, no result yet.' },
    RECORDED: { description: 'Checklist results recorded, not yet published.' },
    PUBLISHED: { description: 'Results published (一公开): readable by everyone.' },
    CANCELLED: { description: 'Its draw was superseded by a recorded redraw.' },
  },
});

export enum ChecklistOutcome {
  COMPLIANT = 'COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(ChecklistOutcome, {
  name: 'ChecklistOutcome',
  description: 'Result of one checklist item.',
  valuesConfig: {
    COMPLIANT: { description: 'The project complies with the item (符合).' },
    NON_COMPLIANT: { description: 'The project does not comply (不符合); record a finding.' },
    NOT_APPLICABLE: { description: 'The item does not apply to this project (不适用).' },
  },
});

export enum FindingSeverity {
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
  SERIOUS = 'SERIOUS',
}
registerEnumType(FindingSeverity, {
  name: 'FindingSeverity',
  description: 'How serious an inspection finding is.',
  valuesConfig: {
    MINOR: { description: 'Minor irregularity (一般问题), as judged by the inspectors.' },
    MAJOR: { description: 'Major irregularity (较重问题), as judged by the inspectors.' },
    SERIOUS: { description: 'Serious violation (严重问题), as judged by the inspectors.' },
  },
});

/** One item of the inspection-item list (抽查事项清单), with its legal basis. */
@Entity({ tableName: 'inspection_item' })
@ObjectType({ description: 'An item of the random-inspection list (抽查事项清单) with its legal basis.' })
export class InspectionItem {
  [OptionalProps]?: 'active';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the item (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Unique()
  @Field({ description: 'Short stable code, e.g. CJ-01.' })
  code: string;

  @Property({ type: 'string' })
  @Field({ description: 'What the item checks, e.g. 招标文件发售期限. Public.' })
  title: string;

  @Property({ type: 'text' })
  @Field({ description: 'Legal basis (法律依据), e.g. 《招标投标法》第二十四条.' })
  legalBasis: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Project stages the item checks (ProjectStage names of the projects slice).' })
  stages: string[];

  @Property({ type: 'boolean' })
  @Field({ description: 'Whether new plans may use the item; retired items stay for old plans.' })
  active: boolean = true;
}

/** A random-inspection plan for a period (双随机抽查计划). */
@Entity({ tableName: 'inspection_plan' })
@ObjectType({ description: 'A joint random-inspection plan (双随机抽查计划) for a period.' })
export class InspectionPlan {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the plan (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field({ description: 'Name of the plan, e.g. 2026年第一批双随机抽查.' })
  name: string;

  @Property({ type: 'integer' })
  @Index()
  @Field(() => Int, { description: 'Year of the plan (at least one joint random inspection a year).' })
  year: number;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'First day of the period whose projects form the pool.' })
  periodFrom: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Last day of the period whose projects form the pool, YYYY-MM-DD (Asia/Shanghai).' })
  periodTo: string;

  /** Basis points (500 = 5%): integer, so the count never depends on float rounding. */
  @Property({ type: 'integer' })
  samplingRatioBasisPoints: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Inspectors drawn per project (at least 2).' })
  inspectorsPerProject: number;

  @ManyToMany(() => InspectionItem, undefined, { owner: true, pivotTable: 'inspection_plan_item' })
  items = new Collection<InspectionItem>(this);

  @Property({ type: 'string' })
  @Field({ description: 'Who created the plan (token subject of the office user).' })
  createdBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the plan was created (ISO 8601 timestamp).' })
  createdAt: Date = new Date();
}

/**
 * A committed draw (抽取): everything needed to re-run it (seed, algorithm version, the sorted pool and
 * the roster snapshot as used) and its result. Never updated, except to record that a later draw
 * superseded it and when it was published.
 */
@Entity({ tableName: 'inspection_draw' })
@Index({
  name: 'inspection_draw_one_current_per_plan',
  expression: `create unique index "inspection_draw_one_current_per_plan" on "inspection_draw" ("plan_id") where "superseded_at" is null`,
})
@ObjectType({ description: 'A committed, verifiable random draw (双随机抽取) of projects and inspectors.' })
export class InspectionDraw {
  [OptionalProps]?: 'committedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the draw (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => InspectionPlan, { index: true })
  plan: InspectionPlan;

  @Property({ type: 'string', length: 128 })
  @Field({ description: 'The random seed (hex), published so anyone can re-run the draw; draw-v2: derived from the round’s reveals.' })
  seed: string;

  /** The commit-reveal round the seed came from (draw-v2); null for legacy draw-v1 draws, whose seed the office gave. */
  @ManyToOne('DrawRound', { nullable: true, unique: true })
  round?: DrawRound | null;

  @Property({ type: 'string', length: 32 })
  @Field({ description: 'Version of the published draw algorithm (draw-v1 legacy, draw-v2 commit-reveal), needed to re-run it.' })
  algorithmVersion: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Date the draw was made (certificate validity is checked on it).' })
  drawnOn: string;

  @Property({ type: 'integer' })
  samplingRatioBasisPoints: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Inspectors drawn per project (at least 2).' })
  inspectorsPerProject: number;

  /** The project pool as read from the projects slice, sorted by id. */
  @Property({ type: 'jsonb' })
  pool: PoolProject[];

  /** The roster as the draw saw it: draw-v2 the pseudonymous snapshot of the manifest, draw-v1 (legacy) enforcer entries sorted by id. */
  @Property({ type: 'jsonb' })
  roster: RosterEntry[] | ManifestInspector[];

  /** draw-v2: inspectors as pseudonyms of the snapshot; draw-v1: enforcer ids. */
  @Property({ type: 'jsonb' })
  result: DrawResult | DrawV2Result;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the draw was committed (ISO 8601 timestamp).' })
  committedAt: Date = new Date();

  @Property({ type: 'string' })
  @Field({ description: 'Who made the draw (token subject of the office user).' })
  committedBy: string;

  @ManyToOne(() => InspectionDraw, { nullable: true, fieldName: 'supersedes_id' })
  supersedes?: InspectionDraw | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why this redraw was made (a redraw is always a recorded event).' })
  redrawReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a later recorded redraw superseded this draw.' })
  supersededAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the draw became public (its first inspection result was published).' })
  publishedAt?: Date | null;
}

/** Result of one checklist item (stored as JSON on the inspection). */
@ObjectType('InspectionChecklistResult', { description: 'Result of one checklist item of an inspection.' })
export class ChecklistResult {
  @Field({ description: 'Code of the inspection item (e.g. CJ-01).' }) itemCode: string;
  @Field(() => ChecklistOutcome, { description: 'Compliant, non-compliant or not applicable.' }) outcome: ChecklistOutcome;
  @Field(() => String, { nullable: true, description: "Inspector's note on the item; null when none." }) note?: string | null;
}

/** One drawn project's inspection (检查), with its inspectors and results. */
@Entity({ tableName: 'inspection' })
@Unique({ properties: ['draw', 'projectId'] })
@ObjectType({ description: 'The joint inspection of one drawn project (联合检查).' })
export class Inspection {
  [OptionalProps]?: 'status' | 'checklist';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the inspection (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => InspectionDraw, { index: true })
  draw: InspectionDraw;

  @ManyToOne(() => InspectionPlan, { index: true })
  plan: InspectionPlan;

  @Property({ type: 'uuid' })
  @Index()
  projectId: string;

  @Property({ type: 'string', length: 40 })
  @Field({ description: 'Project code at draw time.' })
  projectCode: string;

  /** The project's supervising department at draw time: scopes DEPT reads and the department statistics. */
  @Property({ type: 'string', length: 16 })
  @Index()
  supervisingDepartmentCode: string;

  @Property({ type: 'date' })
  projectRegisteredOn: string;

  /** Enforcer ids in draw order. */
  @Property({ type: 'jsonb' })
  inspectorIds: string[];

  /** The same inspectors as pseudonyms of the draw's roster snapshot (draw-v2; null for legacy draws). */
  @Property({ type: 'jsonb', nullable: true })
  @Field(() => [String], {
    nullable: true,
    description: 'The inspectors as pseudonyms of the published roster snapshot, in draw order: ties this team to the published draw.',
  })
  inspectorPseudonyms?: string[] | null;

  @Enum({ items: () => InspectionStatus, type: 'string' })
  @Index()
  @Field(() => InspectionStatus, { description: 'Assigned, recorded, published or cancelled.' })
  status: InspectionStatus = InspectionStatus.ASSIGNED;

  @Property({ type: 'json' })
  @Field(() => [ChecklistResult], { description: 'Result of every checklist item of the plan; empty until recorded.' })
  checklist: ChecklistResult[] = [];

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the on-site inspection, YYYY-MM-DD (Asia/Shanghai); null until recorded.' })
  inspectedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Overall conclusion of the inspection; null until recorded. Public once published.' })
  summary?: string | null;

  @Property({ type: 'string', nullable: true })
  recordedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Instant the results were recorded (ISO 8601 timestamp); null until then.' })
  recordedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the result was published (一公开).' })
  publishedAt?: Date | null;
}

/** A problem found in an inspection; it can open a case in the cases slice (检查发现). */
@Entity({ tableName: 'inspection_finding' })
@ObjectType({ description: 'A problem found in an inspection (检查发现).' })
// An entity so the cases slice can check that a finding it opens a case from exists.
@Directive('@key(fields: "id")')
export class InspectionFinding {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the finding (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { index: true })
  inspection: Inspection;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Checklist item the finding belongs to.' })
  itemCode?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'What was found, up to 4000 characters. Public once the inspection is published.' })
  description: string;

  @Enum({ items: () => FindingSeverity, type: 'string' })
  @Field(() => FindingSeverity, { description: 'Minor, major or serious.' })
  severity: FindingSeverity;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Credit codes of the market entities the finding concerns.' })
  respondentCreditCodes: string[];

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: 'Case opened in the cases slice for this finding.' })
  caseId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the last attempt to open a case failed (retry is safe: idempotent on the finding).' })
  caseOpeningError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Instant a case was opened for the finding in the cases slice (ISO 8601 timestamp); null until then.' })
  caseOpenedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the finding was recorded (ISO 8601 timestamp).' })
  createdAt: Date = new Date();
}

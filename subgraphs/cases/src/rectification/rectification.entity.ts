import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Case } from '../case/case.entity';

/** Where a rectification requirement (整改要求) came from. */
export enum RectificationSource {
  /** 监督检查 / 双随机一公开 */
  INSPECTION = 'INSPECTION',
  /** 审计 */
  AUDIT = 'AUDIT',
  /** 巡视巡察 */
  INSPECTION_TOUR = 'INSPECTION_TOUR',
  /** A case decision. */
  CASE_DECISION = 'CASE_DECISION',
}

export enum RectificationStatus {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
}

registerEnumType(RectificationSource, {
  name: 'RectificationSource',
  description: 'INSPECTION 监督检查, AUDIT 审计, INSPECTION_TOUR 巡视巡察, CASE_DECISION.',
  valuesConfig: {
    INSPECTION: { description: 'Supervision inspection, including random joint inspections (监督检查/双随机一公开).' },
    AUDIT: { description: 'An audit (审计).' },
    INSPECTION_TOUR: { description: 'An inspection tour (巡视巡察).' },
    CASE_DECISION: { description: 'The decision of a case.' },
  },
});
registerEnumType(RectificationStatus, {
  name: 'RectificationStatus',
  description: 'Whether a rectification task (整改任务) is still open.',
  valuesConfig: { OPEN: { description: 'Open: not yet completed.' }, COMPLETED: { description: 'Completed (整改完成).' } },
});

/** A rectification task (整改任务): a problem, the measures, a responsible department and a deadline, tracked to completion. */
@Entity({ tableName: 'rectification_task' })
@ObjectType({ description: 'A rectification task (整改任务) tracked to completion.' })
export class RectificationTask {
  [OptionalProps]?: 'status' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the task (UUID).' })
  id: string = randomUUID();

  @Enum({ items: () => RectificationSource, type: 'string' })
  @Field(() => RectificationSource, { description: 'Where the requirement came from (inspection, audit, inspection tour, case decision).' })
  source: RectificationSource;

  @Property({ type: 'string', length: 100 })
  @Field({ description: 'Reference of the source (inspection record, audit report, tour notice, case receipt).' })
  sourceReference: string;

  @ManyToOne(() => Case, { nullable: true, index: true })
  case?: Case | null;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  projectId?: string | null;

  // problem, measures and completionNote are shown by RectificationResolver: in full to the
  // responsible department, the office and the leaders; other departments get a summary without them.
  @Property({ type: 'text' })
  problem: string;

  @Property({ type: 'text' })
  measures: string;

  @Property({ type: 'string', length: 16 })
  @Index()
  @Field({ description: 'Code of the responsible department.' })
  responsibleDepartmentCode: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Rectification deadline (整改期限).' })
  deadline: string;

  @Enum({ items: () => RectificationStatus, type: 'string' })
  @Index()
  @Field(() => RectificationStatus, { description: 'Open or completed.' })
  status: RectificationStatus = RectificationStatus.OPEN;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of completion (整改完成), YYYY-MM-DD (Asia/Shanghai); null while open.' })
  completedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  completionNote?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Version of the task; pass it as expectedVersion to refuse acting on a stale view.' })
  version: number = 1;

  @Property({ type: 'string' })
  createdBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the task was created (ISO 8601 timestamp).' })
  createdAt: Date = new Date();
}

/** A progress note on a rectification task: appended, never edited. */
@Entity({ tableName: 'rectification_progress' })
@ObjectType({ description: 'A dated progress note on a rectification task.' })
export class RectificationProgress {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the progress note (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => RectificationTask, { index: true })
  task: RectificationTask;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the progress was reported, YYYY-MM-DD (Asia/Shanghai).' })
  reportedOn: string;

  @Property({ type: 'text' })
  @Field({ description: 'What was done; full view only.' })
  note: string;

  @Property({ type: 'string' })
  @Field({ description: 'Display name of who reported it.' })
  actorName: string;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: 'Department code of who reported it; null for leaders.' })
  actorDepartment?: string | null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the note was recorded (ISO 8601 timestamp).' })
  at: Date;
}

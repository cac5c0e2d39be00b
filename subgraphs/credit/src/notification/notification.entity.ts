import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { CreditSubjectType } from '../record/credit-types';

/**
 * A line department's written notification of post-award (履约) findings. The bureau must record
 * and publish the credit points within 7 working days of `notifiedOn` (`recordingDueOn`).
 */
@Entity({ tableName: 'performance_notification' })
@ObjectType({ description: "A line department's notification of performance (履约) findings, to be recorded as credit within 7 working days." })
export class PerformanceNotification {
  [OptionalProps]?: 'filedAt' | 'recordedOn' | 'dueProvisional' | 'recordedLate' | 'closedOn' | 'closingNote';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the notification (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  @Index()
  @Field({ description: 'The notifying line department (its code).' })
  departmentCode: string;

  @Property({ type: 'uuid' })
  @Index()
  projectId: string;

  @Enum({ items: () => CreditSubjectType, type: 'string' })
  @Field(() => CreditSubjectType, { description: 'Market entity or practitioner.' })
  subjectType: CreditSubjectType;

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field({ description: 'Credit code of the market entity, or id of the practitioner.' })
  subjectKey: string;

  @Property({ type: 'text' })
  @Field({ description: 'The findings as notified.' })
  facts: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Suggested rule code from the catalogue.' })
  suggestedRuleCode?: string | null;

  @Property({ type: 'date' })
  @Index()
  @Field(() => LocalDateScalar, { description: 'Day of the written notification, YYYY-MM-DD (Asia/Shanghai); the 7 working days to record run from it.' })
  notifiedOn: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Last day to record and publish (7 working days after notification).' })
  recordingDueOn: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'The due date lies beyond the official calendar the system knows: it may move.' })
  dueProvisional: boolean = false;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the first record from it was published (公示).' })
  recordedOn?: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Closed by the bureau without a record (the findings warrant no deduction).' })
  closedOn?: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was closed without a record.' })
  closingNote?: string | null = null;

  @Property({ type: 'string' })
  filedBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the notification was entered (ISO 8601 timestamp).' })
  filedAt: Date = new Date();

  @Field({ description: 'Recorded after the due date.' })
  get recordedLate(): boolean {
    return !!this.recordedOn && this.recordedOn > this.recordingDueOn;
  }

  /** Neither recorded nor closed by the end of `asOf`, and the due date is before it. */
  overdueOn(asOf: string): boolean {
    return (!this.recordedOn || this.recordedOn > asOf) && (!this.closedOn || this.closedOn > asOf) && asOf > this.recordingDueOn;
  }
}

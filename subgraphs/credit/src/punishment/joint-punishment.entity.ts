import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { CreditRecord } from '../record/credit-record.entity';
import { CreditSubjectType } from '../record/credit-types';

/**
 * An entry of the joint punishment list (失信联合惩戒名单): a serious record restricts the subject
 * (e.g. from bidding) from the record's effective date for the rule's term, [fromOn, untilOn).
 */
@Entity({ tableName: 'joint_punishment_entry' })
@ObjectType({ description: 'An entry of the joint punishment list (失信联合惩戒): restricted from `from` up to, not including, `until`.' })
export class JointPunishmentEntry {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the entry (UUID).' })
  id: string = randomUUID();

  @Enum({ items: () => CreditSubjectType, type: 'string' })
  @Field(() => CreditSubjectType, { description: 'Market entity or practitioner.' })
  subjectType: CreditSubjectType;

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field({ description: 'The subject: unified social credit code or practitioner UUID.' })
  subjectKey: string;

  @ManyToOne(() => CreditRecord)
  @Unique()
  record: CreditRecord;

  @Property({ type: 'string', length: 16, nullable: true })
  @Index()
  @Field(() => String, { nullable: true, description: 'Department whose finding the record came from.' })
  departmentCode?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'Why the subject is listed (the serious violation). Public.' })
  reason: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { name: 'from', description: 'First day of the restriction (失信联合惩戒), YYYY-MM-DD (Asia/Shanghai).' })
  fromOn: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { name: 'until', description: 'First day the restriction no longer applies.' })
  untilOn: string;
}

import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Project categories an enforcer is qualified for (the same values as the projects slice's ProjectCategory). */
export enum EnforcerSpecialty {
  HOUSING = 'HOUSING',
  MUNICIPAL = 'MUNICIPAL',
  TRANSPORT = 'TRANSPORT',
  WATER = 'WATER',
  AGRICULTURE = 'AGRICULTURE',
}
registerEnumType(EnforcerSpecialty, {
  name: 'EnforcerSpecialty',
  description: 'Project category an enforcer is qualified to inspect.',
  valuesConfig: {
    HOUSING: { description: 'Housing construction projects (房屋建筑).' },
    MUNICIPAL: { description: 'Municipal works (市政工程).' },
    TRANSPORT: { description: 'Transport works (交通工程).' },
    WATER: { description: 'Water works (水利工程).' },
    AGRICULTURE: { description: 'Agriculture and rural works (农业农村工程).' },
  },
});

/**
 * A certified enforcer of the pooled roster (执法人员名录库). Owned by the office (ZWJ); other slices
 * (cases' assignments) refer to it by `id`. Name and department are public (执法公示); the rest is
 * shown to the office, the leaders, the enforcer's own department and the enforcer.
 */
@Entity({ tableName: 'enforcer' })
@ObjectType({ description: 'A certified law enforcer of the joint roster (执法人员).' })
@Directive('@key(fields: "id")')
export class Enforcer {
  [OptionalProps]?: 'active' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the roster entry (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field({ description: 'Full name of the enforcer; public for drawn inspectors (一公开), like the department.' })
  name: string;

  @Property({ type: 'string', length: 16 })
  @Index()
  departmentCode: string;

  @Property({ type: 'string', length: 40 })
  @Unique()
  certificateNumber: string;

  @Property({ type: 'date' })
  certificateValidUntil: string;

  @Property({ type: 'json' })
  specialties: EnforcerSpecialty[];

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** One completed training course (大培训). */
@Entity({ tableName: 'training_record' })
@ObjectType({ description: 'A completed training course (大培训).' })
export class TrainingRecord {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the training record (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Enforcer, { index: true })
  enforcer: Enforcer;

  @Property({ type: 'string' })
  @Field({ description: 'Name of the course.' })
  course: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the course was completed, YYYY-MM-DD (Asia/Shanghai).' })
  completedOn: string;

  @Property({ type: 'double' })
  @Field(() => Float, { description: 'Length of the course in hours (class hours, 学时), 0 to 1000.' })
  hours: number;
}

/** A recorded relation between an enforcer and a market entity (kin, former employer …): excluded from its projects. */
@Entity({ tableName: 'conflict_of_interest' })
@Unique({ properties: ['enforcer', 'creditCode'] })
@ObjectType({ description: 'A conflict of interest (利害关系) between an enforcer and a market entity.' })
export class ConflictOfInterest {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the record (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Enforcer, { index: true })
  enforcer: Enforcer;

  @Property({ type: 'string', length: 18 })
  @Index()
  @Field({ description: 'Unified social credit code of the related market entity.' })
  creditCode: string;

  @Property({ type: 'text' })
  @Field({ description: "Why the enforcer may not inspect that entity's projects." })
  reason: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the conflict was recorded, YYYY-MM-DD (Asia/Shanghai).' })
  recordedOn: string;

  @Property({ type: 'string' })
  @Field({ description: 'Who recorded it (token subject).' })
  recordedBy: string;
}

/** An enforcer's recusal (回避) from one project. */
@Entity({ tableName: 'recusal' })
@Unique({ properties: ['enforcer', 'projectId'] })
@ObjectType({ description: 'A recusal (回避) of an enforcer from one project.' })
export class Recusal {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the recusal (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => Enforcer, { index: true })
  enforcer: Enforcer;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'UUID of the project the enforcer is recused from.' })
  projectId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Why the enforcer steps aside (回避事由).' })
  reason: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the recusal was recorded, YYYY-MM-DD (Asia/Shanghai).' })
  recordedOn: string;

  @Property({ type: 'string' })
  @Field({ description: 'Who recorded it (token subject: the office or the enforcer).' })
  recordedBy: string;
}

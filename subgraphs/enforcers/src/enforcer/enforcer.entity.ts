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
registerEnumType(EnforcerSpecialty, { name: 'EnforcerSpecialty', description: 'Project category an enforcer is qualified to inspect.' });

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
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field()
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
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Enforcer, { index: true })
  enforcer: Enforcer;

  @Property({ type: 'string' })
  @Field()
  course: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar)
  completedOn: string;

  @Property({ type: 'double' })
  @Field(() => Float)
  hours: number;
}

/** A recorded relation between an enforcer and a market entity (kin, former employer …): excluded from its projects. */
@Entity({ tableName: 'conflict_of_interest' })
@Unique({ properties: ['enforcer', 'creditCode'] })
@ObjectType({ description: 'A conflict of interest (利害关系) between an enforcer and a market entity.' })
export class ConflictOfInterest {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Enforcer, { index: true })
  enforcer: Enforcer;

  @Property({ type: 'string', length: 18 })
  @Index()
  @Field({ description: 'Unified social credit code of the related market entity.' })
  creditCode: string;

  @Property({ type: 'text' })
  @Field()
  reason: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar)
  recordedOn: string;

  @Property({ type: 'string' })
  @Field()
  recordedBy: string;
}

/** An enforcer's recusal (回避) from one project. */
@Entity({ tableName: 'recusal' })
@Unique({ properties: ['enforcer', 'projectId'] })
@ObjectType({ description: 'A recusal (回避) of an enforcer from one project.' })
export class Recusal {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Enforcer, { index: true })
  enforcer: Enforcer;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID)
  projectId: string;

  @Property({ type: 'text' })
  @Field()
  reason: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar)
  recordedOn: string;

  @Property({ type: 'string' })
  @Field()
  recordedBy: string;
}

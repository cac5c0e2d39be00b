import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CreditGrade } from '../policy/policy';

/** The yearly joint credit evaluation (联合信用评价) of a tender agency (招标代理机构). */
@Entity({ tableName: 'agency_evaluation' })
@Unique({ properties: ['agencyCreditCode', 'year'] })
@ObjectType({ description: 'Yearly joint credit evaluation (联合信用评价) of a tender agency, from its credit records and substantiated cases.' })
export class AgencyEvaluation {
  [OptionalProps]?: 'computedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the evaluation (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 18 })
  @Index()
  @Field({ description: 'Unified social credit code (统一社会信用代码, 18 characters) of the tender agency.' })
  agencyCreditCode: string;

  @Property({ type: 'string' })
  @Field({ description: 'Name of the agency when the evaluation was computed.' })
  agencyName: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Calendar year evaluated (Asia/Shanghai).' })
  year: number;

  @Property({ type: 'integer' })
  @Field(() => Int, {
    description:
      "Score out of the start score (default 100): the start score minus the points of the year's records and a deduction per substantiated case (default 5), never below 0.",
  })
  score: number;

  @Enum({ items: () => CreditGrade, type: 'string' })
  @Field(() => CreditGrade, { description: 'Grade by score (A, B, C, D). Public.' })
  grade: CreditGrade;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: "Points of the agency's records that took effect in the year." })
  recordPoints: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Records that took effect in the year.' })
  recordCount: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Substantiated (属实) cases against the agency decided in the year.' })
  substantiatedCases: number;

  @Property({ type: 'text' })
  @Field({ description: 'How the score was reached, in words.' })
  basis: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the evaluation was computed, YYYY-MM-DD (Asia/Shanghai).' })
  computedOn: string;

  @Property({ type: 'string' })
  computedBy: string;

  @Property({ type: 'timestamptz' })
  computedAt: Date = new Date();
}

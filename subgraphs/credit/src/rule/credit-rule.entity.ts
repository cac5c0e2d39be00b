import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** One entry of the configurable rule catalogue (信用评价标准): what a violation costs. */
@Entity({ tableName: 'credit_rule' })
@ObjectType({ description: 'A rule of the credit catalogue (信用扣分标准): code, description, points; serious rules lead to joint punishment (失信联合惩戒).' })
export class CreditRule {
  [OptionalProps]?: 'active' | 'punishmentMonths';

  @PrimaryKey({ type: 'string', length: 32 })
  @Field({ description: 'Stable rule code of the catalogue.' })
  code: string;

  @Property({ type: 'text' })
  @Field({ description: 'The violation the rule covers. Public.' })
  description: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points deducted per violation.' })
  points: number;

  @Property({ type: 'boolean' })
  @Field({ description: 'A serious violation (严重失信): puts the subject on the joint punishment list.' })
  serious: boolean;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Term of joint punishment in months, for serious rules.' })
  punishmentMonths?: number | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Inactive rules stay for existing records but cannot be used for new ones.' })
  active: boolean = true;
}

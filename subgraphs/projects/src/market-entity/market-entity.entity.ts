import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { LocalDateScalar, registrationAuthorityOf } from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A market entity (市场主体): tenderer, tender agency or bidder, identified by its unified social
 * credit code. Owned by the projects slice; cases and credit hang their data on it by `creditCode`.
 */
@Entity({ tableName: 'market_entity' })
@ObjectType({ description: 'A market entity (市场主体) identified by its unified social credit code (统一社会信用代码).' })
@Directive('@key(fields: "creditCode")')
export class MarketEntity {
  [PrimaryKeyProp]?: 'creditCode';
  [OptionalProps]?: 'registrationAuthority';

  @PrimaryKey({ type: 'string', length: 18 })
  @Field(() => ID, { description: '18-character unified social credit code (GB 32100-2015).' })
  creditCode: string;

  @Property({ type: 'string' })
  @Field({ description: 'Registered name of the entity. Public.' })
  name: string;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'Legal representative (法定代表人).' })
  legalRepresentative?: string | null;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Date registered on the platform.' })
  registeredOn: string;

  @Field({ description: "Registration authority from the code's first character (e.g. MARKET_REGULATION for 9)." })
  get registrationAuthority(): string {
    return registrationAuthorityOf(this.creditCode);
  }
}

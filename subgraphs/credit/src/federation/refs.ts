import { LocalDateScalar } from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities owned by other slices that credit adds fields to. Each is a stub with only the key;
 * the owners define every other field.
 */
@ObjectType('MarketEntity')
@Directive('@key(fields: "creditCode")')
export class MarketEntityRef {
  @Field(() => ID) creditCode: string;
}

@ObjectType('Practitioner')
@Directive('@key(fields: "id")')
export class PractitionerRef {
  @Field(() => ID) id: string;
}

@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID) id: string;
}

@ObjectType('Case')
@Directive('@key(fields: "id")')
export class CaseRef {
  @Field(() => ID) id: string;
}

@ObjectType('Department')
@Directive('@key(fields: "code")')
export class DepartmentRef {
  @Field(() => ID) code: string;
}

/**
 * A bid (projects slice). The router fetches the bidder's credit code and the submission day from
 * projects (`@external`) and passes them in the representation, so the grade on the day of the bid
 * is answered here without credit storing bids.
 */
@ObjectType('Bid')
@Directive('@key(fields: "id")')
export class BidRef {
  @Field(() => ID) id: string;

  @Field() @Directive('@external') bidderCreditCode: string;

  @Field(() => LocalDateScalar) @Directive('@external') submittedOn: string;
}

import { federationStub, LocalDateScalar } from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { CreditStanding } from '../record/standing';

/**
 * Entities owned by other slices that credit adds fields to. Each is a stub with only the key;
 * the owners define every other field.
 */
export const MarketEntityRef = federationStub('MarketEntity', 'creditCode');
export type MarketEntityRef = InstanceType<typeof MarketEntityRef>;

export const PractitionerRef = federationStub('Practitioner', 'id');
export type PractitionerRef = InstanceType<typeof PractitionerRef>;

export const ProjectRef = federationStub('Project', 'id');
export type ProjectRef = InstanceType<typeof ProjectRef>;

export const CaseRef = federationStub('Case', 'id');
export type CaseRef = InstanceType<typeof CaseRef>;

export const DepartmentRef = federationStub('Department', 'code');
export type DepartmentRef = InstanceType<typeof DepartmentRef>;

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

  /** The bidder's standing on that day, loaded with the reference (resolveBids); not a GraphQL field. */
  standing?: CreditStanding;
}

import { isUuid, LocalDateScalar, PeriodInput } from '@hub/kit';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../loaders';
import { CreditRecord } from '../record/credit-record.entity';
import { loadStanding, standingOrPromise } from '../record/credit-record.resolver';
import { CreditSubjectType } from '../record/credit-types';
import { CreditStanding, visibleRecords } from '../record/standing';
import { CreditStats } from '../record/stats';
import { BidRef, CaseRef, DepartmentRef, MarketEntityRef, PractitionerRef, ProjectRef } from './refs';

const AS_OF = { nullable: true, description: 'Day to compute for; default today (Asia/Shanghai).' } as const;

@Resolver(() => MarketEntityRef)
export class MarketEntityCreditResolver {
  @FieldResolver(() => CreditStanding, { nullable: true, description: 'Credit standing (score, grade, restriction, records) as of a day.' })
  credit(@Root() entity: MarketEntityRef, @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | null, @Ctx() ctx: Context): Promise<CreditStanding> {
    return loadStanding(ctx, CreditSubjectType.MARKET_ENTITY, entity.creditCode, asOf);
  }
}

@Resolver(() => PractitionerRef)
export class PractitionerCreditResolver {
  @FieldResolver(() => CreditStanding, { nullable: true, description: 'Credit standing (score, grade, restriction, records) as of a day.' })
  credit(@Root() practitioner: PractitionerRef, @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | null, @Ctx() ctx: Context): Promise<CreditStanding> {
    return loadStanding(ctx, CreditSubjectType.PRACTITIONER, practitioner.id, asOf);
  }
}

@Resolver(() => ProjectRef)
export class ProjectCreditResolver {
  @FieldResolver(() => [CreditRecord], {
    nullable: true,
    description: "Credit records about this project's parties from its findings (the public sees published ones).",
  })
  async creditRecords(@Root() project: ProjectRef, @Ctx() { loaders, user }: Context): Promise<CreditRecord[]> {
    // Project ids are UUIDs; anything else cannot have records (and must not reach the uuid column).
    if (!isUuid(project.id)) return [];
    return visibleRecords(await loaders.recordsByProject.load(project.id), user);
  }
}

@Resolver(() => CaseRef)
export class CaseCreditResolver {
  @FieldResolver(() => [CreditRecord], { nullable: true, description: "Credit records whose source is this case's decision (the public sees published ones)." })
  async creditRecords(@Root() caseRef: CaseRef, @Ctx() { loaders, user }: Context): Promise<CreditRecord[]> {
    return visibleRecords(await loaders.recordsByCase.load(caseRef.id), user);
  }
}

@Resolver(() => DepartmentRef)
export class DepartmentCreditResolver {
  @FieldResolver(() => CreditStats, { nullable: true, description: "The department's credit work in a period (bimonthly meeting)." })
  creditStats(
    @Root() department: DepartmentRef,
    @Arg('period', () => PeriodInput, { description: 'The review period; from and to inclusive, YYYY-MM-DD (Asia/Shanghai).' }) period: PeriodInput,
    @Ctx() { services }: Context,
  ): Promise<CreditStats> {
    return services.creditStats.ofDepartment(department.code, period);
  }
}

@Resolver(() => BidRef)
export class BidCreditResolver {
  @FieldResolver(() => CreditStanding, { nullable: true, description: "The bidder's credit standing on the day it submitted the bid." })
  @Directive('@requires(fields: "bidderCreditCode submittedOn")')
  bidderCreditAtBid(@Root() bid: BidRef, @Ctx() ctx: Context): CreditStanding | Promise<CreditStanding> {
    return standingOrPromise(ctx, CreditSubjectType.MARKET_ENTITY, bid.bidderCreditCode, bid.submittedOn);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'The bidder was on the joint punishment list (失信联合惩戒) on the day it bid.' })
  @Directive('@requires(fields: "bidderCreditCode submittedOn")')
  bidderRestricted(@Root() bid: BidRef, @Ctx() ctx: Context): boolean | Promise<boolean> {
    const standing = standingOrPromise(ctx, CreditSubjectType.MARKET_ENTITY, bid.bidderCreditCode, bid.submittedOn);
    return standing instanceof Promise ? standing.then((s) => s.restricted) : standing.restricted;
  }
}

/**
 * Bid references (the router's representations carry the `@requires` fields): both of credit's Bid
 * fields need the bidder's standing on the day of the bid, so it is loaded before the reference
 * resolves — for all the bids of one `_entities` call in the same batch — and the fields then answer
 * with values: one promise per bid instead of one per field and per completion of each.
 */
export const bidReference = {
  __resolveReference(ref: Partial<BidRef>, ctx: Context): BidRef | Promise<BidRef> {
    const bid = Object.assign(new BidRef(), ref);
    if (!bid.bidderCreditCode) return bid;
    return loadStanding(ctx, CreditSubjectType.MARKET_ENTITY, bid.bidderCreditCode, bid.submittedOn).then(() => bid);
  },
};

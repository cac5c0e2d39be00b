import { isUuid, LocalDateScalar, PeriodInput, type BatchReferenceResolver } from '@hub/kit';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../loaders';
import { CreditRecord } from '../record/credit-record.entity';
import { loadStanding, loadStandingsOn } from '../record/credit-record.resolver';
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
    return bid.standing ?? loadStanding(ctx, CreditSubjectType.MARKET_ENTITY, bid.bidderCreditCode, bid.submittedOn);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'The bidder was on the joint punishment list (失信联合惩戒) on the day it bid.' })
  @Directive('@requires(fields: "bidderCreditCode submittedOn")')
  bidderRestricted(@Root() bid: BidRef, @Ctx() ctx: Context): boolean | Promise<boolean> {
    return bid.standing
      ? bid.standing.restricted
      : loadStanding(ctx, CreditSubjectType.MARKET_ENTITY, bid.bidderCreditCode, bid.submittedOn).then((s) => s.restricted);
  }
}

/**
 * Bid references, all the bids of one `_entities` call at once (the router's representations carry
 * the `@requires` fields): both of credit's Bid fields need the bidder's standing on the day of the
 * bid, so the standings are loaded with the references (loadStandingsOn: the same two statements, one
 * promise for the call) and the fields answer with values, without a promise per bid or per field.
 * A bid without a bidder's code is left to the fields, which load its standing themselves.
 */
export const resolveBids: BatchReferenceResolver<Context> = async (refs: Partial<BidRef>[], ctx, info) => {
  const bids = refs.map((ref) => Object.assign(new BidRef(), ref));
  const known = bids.filter((bid) => bid.bidderCreditCode);
  const today = ctx.clock.today();
  const standings = await loadStandingsOn(
    ctx,
    CreditSubjectType.MARKET_ENTITY,
    known.map((bid) => bid.bidderCreditCode),
    known.map((bid) => bid.submittedOn ?? today),
    mayAskRecords(info),
  );
  known.forEach((bid, i) => (bid.standing = standings[i]));
  return bids;
};

/** Field names under which a standing's records are read (CreditStandingResolver). */
const RECORD_FIELDS = new Set(['records', 'recordsInForce']);
const asksRecords = new WeakMap<FieldNode, boolean>();

/**
 * Whether the `_entities` call may ask a standing's records: any field named like one, anywhere in its
 * selection or the fragments it uses. Only a sure no lets the bids' standings be computed without their
 * records (loadStandingsOn); a yes reads them whole, as before.
 */
function mayAskRecords(info: GraphQLResolveInfo): boolean {
  const node = info.fieldNodes[0];
  let answer = asksRecords.get(node);
  if (answer === undefined) {
    const seen = new Set<string>();
    const search = (set: SelectionSetNode | undefined): boolean =>
      !!set &&
      set.selections.some((selection) => {
        if (selection.kind === Kind.FIELD) return RECORD_FIELDS.has(selection.name.value) || search(selection.selectionSet);
        if (selection.kind === Kind.INLINE_FRAGMENT) return search(selection.selectionSet);
        if (seen.has(selection.name.value)) return false;
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        return !fragment || search(fragment.selectionSet);
      });
    answer = info.fieldNodes.some((n) => search(n.selectionSet));
    asksRecords.set(node, answer);
  }
  return answer;
}

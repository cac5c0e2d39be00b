import { Connection, PageArgs, pageWindow } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MarketEntityRef } from '../federation/refs';
import type { Context } from '../loaders';
import { AgencyEvaluation } from './agency-evaluation.entity';
import { Allowed } from '../access-policy';

export const AgencyEvaluationConnection = Connection(AgencyEvaluation, 'AgencyEvaluation');

@Resolver(() => AgencyEvaluation)
export class AgencyEvaluationResolver {
  @Query(() => AgencyEvaluationConnection, { description: "Tender agencies' joint credit evaluations (联合信用评价) of a year, best first." })
  agencyEvaluations(
    @Arg('year', () => Int, { description: 'Calendar year of the evaluations, e.g. 2026.' }) year: number,
    @Args() page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.evaluations.list(year, pageWindow(page));
  }

  @Allowed('mutation.computeAgencyEvaluations')
  @Mutation(() => [AgencyEvaluation], { description: "Computes (or recomputes) the year's evaluation of every agency active that year." })
  computeAgencyEvaluations(
    @Arg('year', () => Int, { description: 'Calendar year to evaluate, e.g. 2026.' }) year: number,
    @Ctx() { services }: Context,
  ): Promise<AgencyEvaluation[]> {
    return services.evaluations.compute(year);
  }

  @FieldResolver(() => MarketEntityRef, { description: 'The tender agency as a market entity (projects slice).' })
  agency(@Root() evaluation: AgencyEvaluation): MarketEntityRef {
    return { creditCode: evaluation.agencyCreditCode };
  }
}

import { PageArgs, pageWindow, toConnection, Connection } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../loaders';
import { Bid, Project } from '../project/project.entity';
import { RegisterMarketEntityInput } from '../project/project.inputs';
import { MarketEntity } from './market-entity.entity';
import { Allowed } from '../access-policy';

export const MarketEntityConnection = Connection(MarketEntity, 'MarketEntity');

@Resolver(() => MarketEntity)
export class MarketEntityResolver {
  @Query(() => MarketEntity, { nullable: true, description: 'A market entity by its unified social credit code.' })
  marketEntity(
    @Arg('creditCode', () => ID, { description: '18-character unified social credit code (统一社会信用代码).' }) creditCode: string,
    @Ctx() { em }: Context,
  ): Promise<MarketEntity | null> {
    return em.findOne(MarketEntity, { creditCode });
  }

  @Query(() => MarketEntityConnection, { description: 'Market entities, searchable by name or credit code.' })
  async marketEntities(
    @Args() page: PageArgs,
    @Arg('text', () => String, { nullable: true, description: 'Text contained in the name or the credit code; null lists all.' }) text: string | null,
    @Ctx() { em }: Context,
  ) {
    const window = pageWindow(page);
    const like = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const [rows, total] = await em.findAndCount(MarketEntity, like ? { $or: [{ name: { $ilike: like } }, { creditCode: { $ilike: like } }] } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { creditCode: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  @FieldResolver(() => [Project], { description: 'Projects where this entity is the tenderer or the tender agency.' })
  projects(@Root() entity: MarketEntity, @Ctx() { loaders }: Context): Promise<Project[]> {
    return loaders.projectsByParty.load(entity.creditCode);
  }

  @FieldResolver(() => [Bid], { description: 'Bids this entity submitted, newest first.' })
  bids(@Root() entity: MarketEntity, @Ctx() { loaders }: Context): Promise<Bid[]> {
    return loaders.bidsByBidder.load(entity.creditCode);
  }

  @Allowed('mutation.registerMarketEntity')
  @Mutation(() => MarketEntity, { description: 'Registers a market entity on the platform (trading center).' })
  registerMarketEntity(
    @Arg('input', { description: 'The entity to register.' }) input: RegisterMarketEntityInput,
    @Ctx() { services }: Context,
  ): Promise<MarketEntity> {
    return services.projects.registerMarketEntity(input);
  }
}

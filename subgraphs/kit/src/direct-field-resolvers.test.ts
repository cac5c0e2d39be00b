import 'reflect-metadata';
import { graphql } from 'graphql';
import { Arg, Authorized, buildSchema, createResolversMap, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { authChecker } from './auth';
import { withDirectFieldResolvers } from './direct-field-resolvers';
import { buildFederatedSchema } from './schema';
import { as } from './testing';

@ObjectType('DirectResolverSample', { description: 'A row whose field resolvers need the class (a getter).' })
class DirectResolverSample {
  @Field({ description: 'A plain property.' }) code: string;

  get upper(): string {
    return this.code.toUpperCase();
  }
}

@Resolver(() => DirectResolverSample)
class DirectResolverSampleResolver {
  @Query(() => [DirectResolverSample], { description: 'Rows: one carrying the class prototype (as lean rows do), one plain object.' })
  samples(): DirectResolverSample[] {
    return [Object.setPrototypeOf({ code: 'a1' }, DirectResolverSample.prototype) as DirectResolverSample, { code: 'b2' } as DirectResolverSample];
  }

  @FieldResolver(() => String, { description: 'Root, context and a scalar argument.' })
  tagged(
    @Root() row: DirectResolverSample,
    @Arg('times', () => Int, { nullable: true, description: 'Repeat count.' }) times: number | null,
    @Ctx() context: { user: { role: string } },
  ): string {
    return `${row.upper.repeat(times ?? 1)}:${context.user.role}`;
  }

  @Authorized('OFFICE')
  @FieldResolver(() => String, { nullable: true, description: 'Guarded by role.' })
  guarded(@Root() row: DirectResolverSample): string {
    return `secret of ${row.code}`;
  }
}

describe('field resolvers called directly', () => {
  it("replaces type-graphql's wrapper only where it has nothing to do", async () => {
    const options = { resolvers: [DirectResolverSampleResolver] as const, validate: false, authChecker, authMode: 'error' as const };
    const schema = await buildSchema(options);
    const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
    const guarded = resolvers.DirectResolverSample.guarded;
    const tagged = resolvers.DirectResolverSample.tagged;
    expect(withDirectFieldResolvers(schema, resolvers, options)).toBe(1);
    expect(resolvers.DirectResolverSample.guarded).toBe(guarded);
    expect(resolvers.DirectResolverSample.tagged).not.toBe(tagged);
    // Validated arguments and global middlewares keep type-graphql's wrapper.
    expect(withDirectFieldResolvers(schema, createResolversMap(schema) as Record<string, Record<string, unknown>>, { ...options, validate: true })).toBe(0);
    expect(
      withDirectFieldResolvers(schema, createResolversMap(schema) as Record<string, Record<string, unknown>>, {
        ...options,
        globalMiddlewares: [(_data, next) => next()],
      }),
    ).toBe(0);
  });

  it('answers as before: instances pass through, plain roots are converted, guards hold', async () => {
    const schema = await buildFederatedSchema({ resolvers: [DirectResolverSampleResolver] });
    const ask = (role: 'OFFICE' | 'DEPT') =>
      graphql({
        schema,
        source: '{ samples { code tagged(times: 2) once: tagged guarded } }',
        contextValue: { user: as(role, role === 'OFFICE' ? 'ZWJ' : 'ZJJ') },
      });
    expect((await ask('OFFICE')).data).toEqual({
      samples: [
        { code: 'a1', tagged: 'A1A1:OFFICE', once: 'A1:OFFICE', guarded: 'secret of a1' },
        { code: 'b2', tagged: 'B2B2:OFFICE', once: 'B2:OFFICE', guarded: 'secret of b2' },
      ],
    });
    const refused = await ask('DEPT');
    expect(refused.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['samples.0.guarded', 'FORBIDDEN'],
      ['samples.1.guarded', 'FORBIDDEN'],
    ]);
  });
});

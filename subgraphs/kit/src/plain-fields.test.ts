import 'reflect-metadata';
import { graphql, type GraphQLObjectType } from 'graphql';
import { Authorized, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSchema } from './schema';
import { as } from './testing';

@ObjectType('PlainFieldsSample', { description: 'A row with plain, derived, guarded and resolved fields.' })
class PlainFieldsSample {
  @Field({ description: 'A plain property.' }) code: string;

  @Field({ description: 'A getter on the prototype.' })
  get label(): string {
    return `label of ${this.code}`;
  }

  @Authorized('OFFICE')
  @Field({ description: 'Guarded by role.' })
  secret: string;

  @Field({ name: 'renamed', description: 'GraphQL name other than the property.' }) internalName: string;
}

@Resolver(() => PlainFieldsSample)
class PlainFieldsSampleResolver {
  @Query(() => PlainFieldsSample, { description: 'One sample row, a plain object carrying the class prototype (as lean rows do).' })
  sample(): PlainFieldsSample {
    return Object.setPrototypeOf({ code: 'A1', secret: 's', internalName: 'n' }, PlainFieldsSample.prototype) as PlainFieldsSample;
  }

  @FieldResolver(() => String, { description: 'Resolved by a method.' })
  shout(@Root() row: PlainFieldsSample, @Ctx() context: { user: { role: string } }): string {
    return `${row.code}!${context.user.role}`;
  }
}

describe('plain fields resolve by graphql-js default resolver', () => {
  it('drops the wrapper of plain properties only; getters, guards, renamed fields and field resolvers keep theirs', async () => {
    const schema = await buildFederatedSchema({ resolvers: [PlainFieldsSampleResolver] });
    const fields = (schema.getType('PlainFieldsSample') as GraphQLObjectType).getFields();
    expect(fields.code.resolve).toBeUndefined();
    // A getter is a field resolver to type-graphql: it makes an instance of a plain object first.
    expect(fields.label.resolve).toBeTypeOf('function');
    expect(fields.secret.resolve).toBeTypeOf('function');
    expect(fields.renamed.resolve).toBeTypeOf('function');
    expect(fields.shout.resolve).toBeTypeOf('function');

    const ask = (role: 'OFFICE' | 'DEPT') =>
      graphql({ schema, source: '{ sample { code label renamed shout secret } }', contextValue: { user: as(role, role === 'OFFICE' ? 'ZWJ' : 'ZJJ') } });
    expect((await ask('OFFICE')).data).toEqual({ sample: { code: 'A1', label: 'label of A1', renamed: 'n', shout: 'A1!OFFICE', secret: 's' } });
    const refused = await ask('DEPT');
    expect(refused.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['sample.secret', 'FORBIDDEN']]);
  });
});

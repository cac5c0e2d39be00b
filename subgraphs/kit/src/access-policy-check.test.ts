import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Arg, Authorized, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { accessPolicyDrift } from './access-policy-check';
import { SIGNED_IN, EVERYONE } from './auth';
import { buildFederatedSchema } from './schema';

@ObjectType()
class Widget {
  @Field(() => ID) id: string;

  @Authorized('OFFICE', 'LEADER')
  @Field({ nullable: true })
  secret?: string;
}

@Resolver(() => Widget)
class WidgetResolver {
  @Query(() => [Widget])
  widgets(): Widget[] {
    return [];
  }

  @Authorized()
  @Query(() => Widget, { nullable: true })
  widget(@Arg('id', () => ID) _id: string): Widget | null {
    return null;
  }

  @Authorized('OFFICE')
  @Mutation(() => Widget)
  makeWidget(): Widget {
    return { id: '1' };
  }
}

const schema = () => buildFederatedSchema({ resolvers: [WidgetResolver] });
const agreeing = {
  'query.widgets': EVERYONE,
  'query.widget': SIGNED_IN,
  'mutation.makeWidget': ['OFFICE'],
  'Widget.secret': ['LEADER', 'OFFICE'],
} as const;

describe('accessPolicyDrift', () => {
  it('finds nothing when the decorators and the policy agree (order of roles aside)', async () => {
    expect(accessPolicyDrift(await schema(), agreeing)).toEqual([]);
  });

  it('names a role list that differs, a missing entry and an entry for no field', async () => {
    const { 'query.widgets': _dropped, ...rest } = agreeing;
    const drift = accessPolicyDrift(await schema(), { ...rest, 'mutation.makeWidget': ['OFFICE', 'DEPT'], 'query.gone': EVERYONE });
    expect(drift).toEqual([
      'query.widgets: guarded by [CENTER, DEPT, ENFORCER, LEADER, OFFICE, PUBLIC] in the resolvers but has no entry in access-policy.ts',
      'mutation.makeWidget: resolvers allow [OFFICE], access-policy.ts says [DEPT, OFFICE]',
      'query.gone: in access-policy.ts but not a root field or an @Authorized field of this schema',
    ]);
  });

  it('names an object field guarded in the resolvers and missing from the policy', async () => {
    const { 'Widget.secret': _dropped, ...rest } = agreeing;
    expect(accessPolicyDrift(await schema(), rest)).toEqual([
      'Widget.secret: guarded by [LEADER, OFFICE] in the resolvers but has no entry in access-policy.ts',
    ]);
  });
});

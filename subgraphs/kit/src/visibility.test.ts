import 'reflect-metadata';
import { graphql } from 'graphql';
import { Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './auth';
import { buildFederatedSchema } from './schema';
import { as } from './testing';
import { declareVisibility, hiddenFields, withVisibility } from './visibility';

@ObjectType()
class Matter {
  @Field(() => ID) id: string;
  @Field() owner: string;
  @Field(() => String, { nullable: true }) narrative?: string | null;
  // Added "later", with a plain @Field and no thought of views: restricted views must not show it.
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [String]) parties: string[];
}

const rows: Matter[] = [
  { id: 'm1', owner: 'ZJJ', narrative: 'facts', note: 'internal', parties: ['A'] },
  { id: 'm2', owner: 'JTJ', narrative: 'other facts', note: 'other note', parties: ['B'] },
];

let views = 0;
let narrativeResolved = 0;

const matterVisibility = declareVisibility<Matter, 'FULL' | 'SUMMARY'>({
  type: 'Matter',
  entity: Matter,
  viewOf: (user: Caller, m) => {
    views += 1;
    return user.role === 'OFFICE' || user.department === m.owner ? 'FULL' : 'SUMMARY';
  },
  full: ['FULL'],
  shows: { SUMMARY: ['id', 'owner'] },
});

@Resolver(() => Matter)
class MatterResolver {
  @Query(() => [Matter]) matters(): Matter[] {
    return rows;
  }

  @FieldResolver(() => String, { nullable: true })
  narrative(@Root() m: Matter): string | null {
    narrativeResolved += 1;
    return m.narrative ?? null;
  }
}

let schema: Awaited<ReturnType<typeof buildFederatedSchema>>;
beforeAll(async () => {
  schema = await buildFederatedSchema({ resolvers: [MatterResolver], visibility: [matterVisibility] });
});

const read = (user: Caller) => graphql({ schema, source: '{ matters { id owner narrative note parties } }', contextValue: { user } });

describe('declared field visibility', () => {
  it('a restricted view gets only the fields it lists: the rest are null, lists empty, and their resolvers never run', async () => {
    narrativeResolved = 0;
    const result = await read(as('DEPT', 'ZJJ'));
    expect(result.errors).toBeUndefined();
    expect(result.data?.matters).toEqual([
      { id: 'm1', owner: 'ZJJ', narrative: 'facts', note: 'internal', parties: ['A'] },
      { id: 'm2', owner: 'JTJ', narrative: null, note: null, parties: [] },
    ]);
    expect(narrativeResolved).toBe(1);
  });

  it('a full view gets every field', async () => {
    const result = await read(as('OFFICE', 'ZWJ'));
    expect(result.data?.matters).toEqual(rows.map((m) => ({ ...m })));
  });

  it('computes the view once per object and request, not once per field', async () => {
    views = 0;
    await read(as('DEPT', 'ZJJ'));
    expect(views).toBe(rows.length);
  });

  it('names the hidden fields of a view from the built schema: a new field is hidden without being listed', () => {
    expect(hiddenFields(schema, matterVisibility, 'SUMMARY').sort()).toEqual(['narrative', 'note', 'parties']);
    expect(hiddenFields(schema, matterVisibility, 'FULL')).toEqual([]);
  });

  it('refuses a declaration that lists an unknown field, or hides a non-null scalar', () => {
    const typo = declareVisibility<Matter, 'SUMMARY'>({
      type: 'Matter',
      entity: Matter,
      viewOf: () => 'SUMMARY',
      full: [],
      shows: { SUMMARY: ['id', 'owner', 'ownr'] },
    });
    expect(() => withVisibility(schema, {}, [typo])).toThrow(/lists ownr, not field\(s\) of the type/);
    const hidesOwner = declareVisibility<Matter, 'SUMMARY'>({ type: 'Matter', entity: Matter, viewOf: () => 'SUMMARY', full: [], shows: { SUMMARY: ['id'] } });
    expect(() => withVisibility(schema, {}, [hidesOwner])).toThrow(/owner is non-null, so view\(s\) SUMMARY must list it/);
  });
});

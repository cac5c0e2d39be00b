import 'reflect-metadata';
import { graphql } from 'graphql';
import { Arg, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { actDateOrToday, InputRule, LongText, PastDate, requireDateInBounds } from './input-rules';
import { LocalDateScalar } from './scalars';
import { buildFederatedSchema } from './schema';

@InputType()
class ThingInput {
  @Field(() => ID) ownerId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) @LongText() details?: string | null;
  @Field(() => LocalDateScalar) @PastDate() happenedOn: string;
  @Field(() => Int) @InputRule({ min: 1, max: 10 }) count: number;
  @Field(() => [String], { defaultValue: [] }) tags: string[];
}

@InputType()
class ThingFilter {
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) from?: string | null;
}

let writes = 0;
let reads = 0;

@Resolver()
class ThingResolver {
  @Query(() => Int) writes(): number {
    return writes;
  }

  @Query(() => Int)
  things(
    @Arg('filter', () => ThingFilter, { nullable: true }) _filter: ThingFilter | null,
    @Arg('search', () => String, { nullable: true }) _search: string | null,
    @Arg('first', () => Int, { nullable: true }) _first: number | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): number {
    reads += 1;
    return reads;
  }

  @Query(() => String, { nullable: true })
  thing(@Arg('id', () => ID) id: string): string {
    return id;
  }

  @Query(() => String, { nullable: true })
  unit(@Arg('code', () => ID) code: string): string {
    return code;
  }

  @Mutation(() => String)
  addThing(@Arg('input', () => ThingInput) input: ThingInput): string {
    writes += 1;
    return input.name;
  }
}

let schema: Awaited<ReturnType<typeof buildFederatedSchema>>;
beforeAll(async () => {
  schema = await buildFederatedSchema({ resolvers: [ThingResolver] });
});

const valid = {
  ownerId: '0b6f5e2e-3c1a-4c2b-9d2e-8f1a2b3c4d5e',
  name: 'A thing',
  details: 'line one\n\tline two\r\nthree',
  happenedOn: '2024-05-06',
  count: 3,
  tags: ['x'],
};

async function add(input: Record<string, unknown>) {
  return graphql({ schema, source: 'mutation($input: ThingInput!) { addThing(input: $input) }', variableValues: { input }, contextValue: {} });
}

describe('input rules', () => {
  it('accepts a valid input and stores text exactly as sent', async () => {
    const result = await add({ ...valid, name: '  spaced  ' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addThing).toBe('  spaced  ');
  });

  it.each([
    ['a NUL in text', { name: 'a\u0000b' }, 'name', 'no control characters'],
    ['a lone carriage return', { details: 'a\rb' }, 'details', 'no control characters'],
    ['an empty required text', { name: '' }, 'name', 'required'],
    ['blank text', { name: '   ' }, 'name', 'required'],
    ['text over the default maximum', { name: 'x'.repeat(256) }, 'name', 'max 255 characters'],
    ['prose over its declared maximum', { details: 'x'.repeat(4001) }, 'details', 'max 4000 characters'],
    ['a control character in a list element', { tags: ['ok', 'b\u0007'] }, 'tags[1]', 'no control characters'],
    ['an id that is not a UUID', { ownerId: 'x'.repeat(60_000) }, 'ownerId', 'UUID format'],
    ['a date before 2000', { happenedOn: '1900-01-01' }, 'happenedOn', 'not before 2000-01-01'],
    ['an event in the future', { happenedOn: '2100-01-01' }, 'happenedOn', 'not in the future'],
    ['a number out of its declared range', { count: 0 }, 'count', 'range 1 to 10'],
  ])('refuses %s, naming the field and the rule, before the resolver runs', async (_label, change, field, rule) => {
    const before = writes;
    const result = await add({ ...valid, ...change });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(result.errors?.[0].message).toContain(field);
    expect(result.errors?.[0].message.length).toBeLessThan(300);
    expect(writes).toBe(before);
  });

  it('bounds dates ten years ahead by default', () => {
    expect(() => requireDateInBounds('2037-01-01', 'dueOn', {}, '2026-11-27')).toThrow(/more than 10 years ahead/);
    expect(requireDateInBounds('2030-01-01', 'dueOn', {}, '2026-11-27')).toBe('2030-01-01');
  });

  it("takes an act's date as given or today, never in the future", () => {
    expect(actDateOrToday(null, 'createdOn', '2026-11-27')).toBe('2026-11-27');
    expect(actDateOrToday('2026-11-20', 'createdOn', '2026-11-27')).toBe('2026-11-20');
    expect(() => actDateOrToday('2026-11-28', 'createdOn', '2026-11-27')).toThrow(/createdOn \(2026-11-28\) is in the future; today is 2026-11-27/);
    expect(() => actDateOrToday('1999-12-31', 'createdOn', '2026-11-27')).toThrow(/createdOn \(1999-12-31\) is before 2000-01-01/);
  });
});

describe('input rules on query arguments', () => {
  const things = (variables: Record<string, unknown>) =>
    graphql({
      schema,
      source:
        'query($filter: ThingFilter, $search: String, $first: Int, $after: String) { things(filter: $filter, search: $search, first: $first, after: $after) }',
      variableValues: variables,
      contextValue: {},
    });

  it('accepts valid filters, search text, a long cursor, and a code where the argument is a code', async () => {
    expect(
      (await things({ filter: { ownerId: valid.ownerId, text: '招标', from: '2024-01-01' }, search: 'x', after: 'c'.repeat(400) })).errors,
    ).toBeUndefined();
    const unit = await graphql({ schema, source: '{ unit(code: "ZJJ") }', contextValue: {} });
    expect(unit.errors).toBeUndefined();
  });

  it.each([
    ['a NUL in search text', { search: 'a\u0000b' }, 'search', 'no control characters'],
    ['overlong search text', { search: 'x'.repeat(256) }, 'search', 'max 255 characters'],
    ['an empty search', { search: '' }, 'search', 'required'],
    ['a filter id that is not a UUID', { filter: { ownerId: 'x'.repeat(60_000) } }, 'ownerId', 'UUID format'],
    ['a control character in filter text', { filter: { text: 'a\u001bb' } }, 'text', 'no control characters'],
    ['a filter date before 2000', { filter: { from: '1900-01-01' } }, 'from', 'not before 2000-01-01'],
    ['a negative page size', { first: -1 }, 'first', 'range 0 to 1000000'],
  ])('refuses %s as BAD_USER_INPUT naming the argument, before the resolver runs', async (_label, variables, field, rule) => {
    const before = reads;
    const result = await things(variables);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(result.errors?.[0].message).toContain(field);
    expect(result.errors?.[0].message.length).toBeLessThan(300);
    expect(reads).toBe(before);
  });

  it('refuses an id argument that is not a UUID, echoing it shortened', async () => {
    const result = await graphql({ schema, source: 'query($id: ID!) { thing(id: $id) }', variableValues: { id: 'y'.repeat(5000) }, contextValue: {} });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', rule: 'UUID format' });
    expect(result.errors?.[0].message.length).toBeLessThan(200);
  });
});

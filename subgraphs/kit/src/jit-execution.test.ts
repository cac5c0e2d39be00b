import 'reflect-metadata';
import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  type GraphQLFormattedError,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLUnionType,
} from 'graphql';
import { Authorized, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { JitExecution, jitQueries } from './jit-execution';
import { buildFederatedSchema } from './schema';
import { as } from './testing';

/** Which executor ran a resolver: graphql-js's paths name their parent type, graphql-jit's do not. */
const executors: string[] = [];
const seen: GraphQLFieldResolver<unknown, unknown> = (_source, _args, _context, info) => {
  executors.push(info.path.typename ? 'graphql-js' : 'graphql-jit');
  return 'ok';
};

function sampleSchema() {
  const schema = buildSchema(/* GraphQL */ `
    type Query {
      seen: String
      refused: String
      broken: String
      rows: [Row!]
      strictRows: [Row!]!
      node(kind: String!): Node
      count(limit: Int!): Int
    }
    type Mutation {
      seen: String
    }
    type Row {
      code: String!
      label: String
    }
    type A {
      a: String
    }
    type B {
      b: String
    }
    union Node = A | B
  `);
  const query = (schema.getQueryType() as GraphQLObjectType).getFields();
  query.seen.resolve = seen;
  query.refused.resolve = () => {
    throw new GraphQLError('refused: the caller may not read this', { extensions: { code: 'FORBIDDEN', field: 'refused' } });
  };
  query.broken.resolve = () => {
    throw new Error('boom');
  };
  // One row breaks its non-null code: the null propagates to the row (nullable list items are not) or the whole list.
  const rows = async () => [{ code: 'R1', label: 'one' }, { code: null }, Promise.resolve({ code: 'R3' })];
  query.rows.resolve = rows;
  query.strictRows.resolve = rows;
  query.node.resolve = (_source, args: { kind: string }) => (args.kind === 'A' ? { __typename: 'A', a: 'x' } : { __typename: 'B', b: 'y' });
  query.count.resolve = (_source, args: { limit: number }) => args.limit;
  (schema.getType('Node') as GraphQLUnionType).resolveType = (value: { __typename: string }) => value.__typename;
  (schema.getMutationType() as GraphQLObjectType).getFields().seen.resolve = seen;
  return schema;
}

/** graphql-js's answer and the executor's, as they reach the wire (errors through toJSON). */
async function both(source: string, variables: Record<string, unknown> = {}) {
  const schema = sampleSchema();
  const document = parse(source);
  const expected = await execute({ schema, document, variableValues: variables, contextValue: {} });
  const actual = await new JitExecution(schema).run({ document, variables, contextValue: {} });
  return { expected: JSON.parse(JSON.stringify(expected)), actual: JSON.parse(JSON.stringify(actual)), raw: actual };
}

describe('JitExecution', () => {
  it('compiles queries and leaves mutations to graphql-js', async () => {
    const schema = sampleSchema();
    const execution = new JitExecution(schema);
    executors.length = 0;
    expect(await execution.run({ document: parse('{ seen }'), contextValue: {} })).toEqual({ data: { seen: 'ok' } });
    expect(await execution.run({ document: parse('mutation { seen }'), contextValue: {} })).toEqual({ data: { seen: 'ok' } });
    expect(executors).toEqual(['graphql-jit', 'graphql-js']);
  });

  it("answers a resolver's error as graphql-js does: message, locations, path, extensions and the original error", async () => {
    const { expected, actual, raw } = await both('query Q {\n  refused\n  seen\n}');
    expect(actual).toEqual(expected);
    expect(actual.errors[0]).toMatchObject({ path: ['refused'], locations: [{ line: 2, column: 3 }], extensions: { code: 'FORBIDDEN' } });
    const error = raw.errors![0];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.originalError).toBeInstanceOf(GraphQLError);
    expect(error.originalError?.message).toBe('refused: the caller may not read this');
    // Apollo Server reads `extensions.code` of every error: an error thrown without extensions still has the object.
    const plain = await both('{ broken }');
    expect(plain.actual).toEqual(plain.expected);
    expect(plain.raw.errors![0].extensions).toEqual({});
    expect(plain.raw.errors![0].originalError?.message).toBe('boom');
  });

  it('propagates nulls per the spec, to the nearest nullable position', async () => {
    const { expected, actual } = await both('{ rows { code label } seen }');
    expect(actual).toEqual(expected);
    expect(actual.data.rows).toBeNull();
    const strict = await both('{ strictRows { code } seen }');
    expect(strict.actual).toEqual(strict.expected);
    expect(strict.actual.data).toBeNull();
  });

  it('resolves abstract types, and reports variables that do not coerce with graphql-js messages', async () => {
    const nodes = await both('query N($kind: String!) { node(kind: $kind) { __typename ... on A { a } ... on B { b } } }', { kind: 'B' });
    expect(nodes.actual).toEqual({ data: { node: { __typename: 'B', b: 'y' } } });
    const bad = await both('query C($limit: Int!) { count(limit: $limit) }', { limit: 'many' });
    expect(bad.actual).toEqual(bad.expected);
    expect(bad.actual.errors[0].message).toContain('$limit');
    expect(bad.actual.data).toBeUndefined();
  });

  it("answers through Apollo Server's plugin as Apollo's own execution does: data, formatted errors, HTTP status", async () => {
    const schema = sampleSchema();
    const formatError = (formatted: GraphQLFormattedError) => ({ ...formatted, extensions: { ...formatted.extensions, formatted: true } });
    const plain = new ApolloServer({ schema, formatError });
    const compiled = new ApolloServer({ schema, formatError, plugins: [jitQueries(new JitExecution(schema), formatError)] });
    await plain.start();
    await compiled.start();
    try {
      for (const [query, variables] of [
        ['query Q {\n  refused\n  broken\n  seen\n}', {}],
        ['{ rows { code } strictRows { code } }', {}],
        ['mutation { seen }', {}],
        ['query C($limit: Int!) { count(limit: $limit) }', { limit: 'many' }],
      ] as const) {
        executors.length = 0;
        const expected = await plain.executeOperation({ query, variables });
        const actual = await compiled.executeOperation({ query, variables });
        expect(JSON.parse(JSON.stringify(actual.body))).toEqual(JSON.parse(JSON.stringify(expected.body)));
        expect(actual.http.status).toBe(expected.http.status);
      }
      executors.length = 0;
      const answer = await compiled.executeOperation({ query: '{ seen }' });
      expect(answer.body).toMatchObject({ kind: 'single', singleResult: { data: { seen: 'ok' } } });
      expect(executors).toEqual(['graphql-jit']);
      const errors = await compiled.executeOperation({ query: '{ refused broken }' });
      expect(errors.body.kind === 'single' && errors.body.singleResult.errors).toEqual([
        expect.objectContaining({ path: ['refused'], extensions: expect.objectContaining({ code: 'FORBIDDEN', formatted: true }) }),
        expect.objectContaining({ path: ['broken'], extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR', formatted: true }) }),
      ]);
    } finally {
      await plain.stop();
      await compiled.stop();
    }
  });

  it('falls back to graphql-js for a document it cannot compile', async () => {
    const { expected, actual } = await both('query One { seen } query Two { seen }');
    expect(actual).toEqual(expected);
    expect(actual.errors[0].message).toMatch(/operation name/i);
  });
});

@Directive('@key(fields: "id")')
@ObjectType('JitSample', { description: 'An entity with a guarded field.' })
class JitSample {
  @Field(() => ID, { description: 'Key.' }) id: string;

  @Authorized('OFFICE')
  @Field({ description: 'Guarded by role.' })
  secret: string;
}

@Resolver(() => JitSample)
class JitSampleResolver {
  @Query(() => JitSample, { description: 'One sample.' })
  jitSample(): JitSample {
    return Object.assign(new JitSample(), { id: 's1', secret: 'hidden' });
  }
}

describe('JitExecution on a federated type-graphql schema', () => {
  it("keeps type-graphql's guards and answers federation's _entities", async () => {
    const schema = await buildFederatedSchema({
      resolvers: [JitSampleResolver],
      referenceResolvers: {
        JitSample: { __resolveReference: (reference: { id: string }) => Object.assign(new JitSample(), { id: reference.id, secret: `s-${reference.id}` }) },
      },
    });
    const execution = new JitExecution(schema);
    const document = parse('{ jitSample { id secret } }');
    const guarded = await execution.run({ document, contextValue: { user: as('PUBLIC') } });
    const expected = await execute({ schema, document, contextValue: { user: as('PUBLIC') } });
    expect(JSON.parse(JSON.stringify(guarded))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(guarded.errors?.[0]).toMatchObject({ path: ['jitSample', 'secret'], extensions: { code: expect.any(String) } });
    const entities = await execution.run({
      document: parse('query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on JitSample { id secret } } }'),
      variables: { r: [{ __typename: 'JitSample', id: 'e1' }] },
      contextValue: { user: as('OFFICE', 'ZJJ') },
    });
    expect(entities).toEqual({ data: { _entities: [{ __typename: 'JitSample', id: 'e1', secret: 's-e1' }] } });
    const service = await execution.run({ document: parse('{ _service { sdl } }'), contextValue: { user: as('PUBLIC') } });
    expect((service.data as { _service: { sdl: string } })._service.sdl).toContain('type JitSample');
  });
});

import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLResolveInfo } from 'graphql';
import gql from 'graphql-tag';
import { describe, expect, it } from 'vitest';
import { entitiesSelect, withEntityBatches } from './entity-batches';
import { JitExecution } from './jit-execution';

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    ok: Boolean
  }
  type Bid @key(fields: "id") {
    id: ID!
    grade: String
    note: String
  }
  type Project @key(fields: "id") {
    id: ID!
    label: String
  }
`;

/** Resolves a bid to its id's grade, one at a time (a promise each), as @apollo/subgraph's stock path does. */
const perReference = {
  Bid: { __resolveReference: (ref: { id: string }) => Promise.resolve({ id: ref.id, grade: `G-${ref.id}` }) },
  Project: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, label: `P-${ref.id}` }) },
};

function schemas() {
  return { stock: buildSubgraphSchema([{ typeDefs, resolvers: perReference }]), batched: buildSubgraphSchema([{ typeDefs, resolvers: perReference }]) };
}

const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Bid { id grade } ... on Project { id label } } }`;
const representations = [
  { __typename: 'Bid', id: 'b1' },
  { __typename: 'Project', id: 'p1' },
  { __typename: 'Bid', id: 'b2' },
  { __typename: 'Bid', id: 'missing' },
];

async function both(schema: ReturnType<typeof schemas>['stock']) {
  const document = parse(query);
  const variables = { representations };
  const js = await execute({ schema, document, variableValues: variables, contextValue: {} });
  const jit = await new JitExecution(schema).run({ document, variables, contextValue: {} });
  return { js: JSON.parse(JSON.stringify(js)) as unknown, jit: JSON.parse(JSON.stringify(jit)) as unknown };
}

describe('withEntityBatches', () => {
  it('resolves the representations of a type in one call, in order, and answers as the stock resolver does', async () => {
    const { stock, batched } = schemas();
    const calls: string[][] = [];
    withEntityBatches(batched, {
      Bid: (refs: { id: string }[]) => {
        calls.push(refs.map((r) => r.id));
        return Promise.resolve(refs.map((r) => ({ id: r.id, grade: `G-${r.id}` })));
      },
    });
    const before = await both(stock);
    const after = await both(batched);
    // Once for graphql-js, once for graphql-jit.
    expect(calls).toEqual([
      ['b1', 'b2', 'missing'],
      ['b1', 'b2', 'missing'],
    ]);
    expect(after.js).toEqual({
      data: {
        _entities: [
          { __typename: 'Bid', id: 'b1', grade: 'G-b1' },
          { __typename: 'Project', id: 'p1', label: 'P-p1' },
          { __typename: 'Bid', id: 'b2', grade: 'G-b2' },
          { __typename: 'Bid', id: 'missing', grade: 'G-missing' },
        ],
      },
    });
    expect(after.js).toEqual(before.js);
    expect(after.jit).toEqual(before.jit);
  });

  it('answers without a promise when the batch is ready, and fails each entity of a failed batch as the stock path does', async () => {
    const { batched } = schemas();
    withEntityBatches(batched, { Project: (refs: { id: string }[]) => refs.map((r) => ({ id: r.id, label: `P-${r.id}` })) });
    const resolve = batched.getQueryType()!.getFields()._entities.resolve!;
    const projects = [{ __typename: 'Project', id: 'p1' }];
    const ready = resolve(undefined, { representations: projects }, {}, {} as GraphQLResolveInfo) as unknown[];
    expect(Array.isArray(ready)).toBe(true);
    expect(ready[0]).toMatchObject({ id: 'p1', __typename: 'Project' });
    const none = schemas().batched;
    withEntityBatches(none, { Bid: (refs: unknown[]) => refs.map(() => null) });
    expect((await both(none)).jit).toEqual({ data: { _entities: [null, { __typename: 'Project', id: 'p1', label: 'P-p1' }, null, null] } });

    const failing = schemas().batched;
    withEntityBatches(failing, { Bid: () => Promise.reject(new Error('the database did not answer')) });
    const failed = await both(failing);
    expect(failed.js).toMatchObject({
      data: { _entities: [null, { id: 'p1' }, null, null] },
      errors: [
        { message: 'the database did not answer', path: ['_entities', 0] },
        { message: 'the database did not answer', path: ['_entities', 2] },
        { message: 'the database did not answer', path: ['_entities', 3] },
      ],
    });
    expect(failed.jit).toMatchObject(failed.js as object);
  });

  it('refuses a type the schema does not have', () => {
    expect(() => withEntityBatches(schemas().batched, { Nope: () => [] })).toThrow(/"Nope" is not an object type/);
  });
});

describe('entitiesSelect', () => {
  const infoOf = (source: string) => {
    const document = parse(source);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
    const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])));
    const field = operation.kind === 'OperationDefinition' ? operation.selectionSet.selections[0] : undefined;
    return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
  };

  it('is sure only of a field asked on the type itself', () => {
    const inline = infoOf('{ _entities(representations: []) { ... on Project { cases { status } } } }');
    expect(entitiesSelect(inline, 'Project', 'cases')).toBe(true);
    expect(entitiesSelect(inline, 'Project', 'creditRecords')).toBe(false);
    expect(entitiesSelect(inline, 'Bid', 'cases')).toBe(false);
    expect(entitiesSelect(infoOf('{ _entities(representations: []) { ...p } } fragment p on Project { cases { status } }'), 'Project', 'cases')).toBe(true);
    expect(entitiesSelect(infoOf('{ _entities(representations: []) { ... { ... on Project { cases { status } } } } }'), 'Project', 'cases')).toBe(true);
    // Under a directive the field may not run: not counted.
    expect(
      entitiesSelect(
        infoOf('query($x: Boolean!) { _entities(representations: []) { ... on Project { cases @include(if: $x) { status } } } }'),
        'Project',
        'cases',
      ),
    ).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { buildSchema, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { seededRandom } from '@hub/kit';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hubOperations } from '../../../test/hub-operations';
import { createRepresentationsBuilder, type BuiltRepresentations, type EntityFetch, type RequiresSelection } from './representations';

/*
 * Differential test: the compiled representations against @apollo/gateway's own walk (the patch moves
 * it unchanged into `stockRepresentations`), on every entity fetch of the query plans of the hub's real
 * operations against the real supergraph, and on hand-written `requires` with nested objects, lists,
 * aliases, interface conditions, several fragments and inputRewrites, with generated entities, clean
 * and mutated (missing fields, nulls, primitives and lists where objects belong, wrong, unknown and
 * missing __typenames). Where the stock walk throws, the builder must step aside (undefined); it must
 * never report a fault of its own.
 */

const ROOT = resolve(__dirname, '../../..');
const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));
interface Supergraph {
  schema: { toGraphQLJSSchema(): GraphQLSchema };
  apiSchema(): unknown;
}
const internals = gatewayRequire('@apollo/federation-internals') as {
  Supergraph: { build(sdl: string): Supergraph };
  operationFromDocument(schema: unknown, document: DocumentNode, options?: { operationName?: string; validate?: boolean }): unknown;
};
const { QueryPlanner } = gatewayRequire('@apollo/query-planner') as {
  QueryPlanner: new (supergraph: Supergraph) => { buildQueryPlan(operation: unknown): { node?: unknown } };
};
const { stockRepresentations } = gatewayRequire('@apollo/gateway/dist/executeQueryPlan') as {
  stockRepresentations?: (schema: GraphQLSchema, fetch: EntityFetch, entities: unknown[]) => BuiltRepresentations;
};
const dataRewrites = gatewayRequire('@apollo/gateway/dist/dataRewrites') as { applyRewrites: (...args: unknown[]) => void };

const faults: unknown[] = [];
const buildRepresentations = createRepresentationsBuilder((error) => faults.push(error));
afterEach(() => {
  expect(faults, 'the compiled builder failed where the stock walk does not').toEqual([]);
});

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const STRANGE: unknown[] = [null, 'text', 7, true, [], [null], [undefined], {}, { __typename: 'Nope' }];

/** Entities as the gateway holds them before an entity fetch: what `requires` reads, and more. */
function entity(rng: Rng, selections: readonly RequiresSelection[], typenames: string[], rate: number): unknown {
  if (rng() < rate / 2) return structuredClone(pick(rng, STRANGE));
  const object: Record<string, unknown> = { extra: 1 };
  if (rng() < 0.2) object[pick(rng, ['constructor', 'toString'])] = 'own';
  if (rng() >= rate) object.__typename = pick(rng, typenames);
  fill(rng, object, selections, typenames, rate);
  return object;
}

function fill(rng: Rng, object: Record<string, unknown>, selections: readonly RequiresSelection[], typenames: string[], rate: number): void {
  for (const selection of selections) {
    if (selection.kind === 'InlineFragment') {
      fill(rng, object, selection.selections, typenames, rate);
      continue;
    }
    const name = selection.alias ?? selection.name;
    if (name === '__typename') {
      if (rng() < rate) object.__typename = pick(rng, [undefined, '', 'Nope', ...typenames]);
      continue;
    }
    if (rng() < rate) {
      if (rng() < 0.4) delete object[name];
      else object[name] = rng() < 0.3 ? undefined : structuredClone(pick(rng, STRANGE));
      continue;
    }
    const sub = selection.selections;
    if (!sub) object[name] = rng() < 0.5 ? `v${Math.floor(rng() * 100)}` : rng() < 0.5 ? Math.floor(rng() * 100) : { json: [1, 2] };
    else if (rng() < 0.4) object[name] = Array.from({ length: Math.floor(rng() * 3) }, () => entity(rng, sub, typenames, rate));
    else object[name] = entity(rng, sub, typenames, rate);
  }
}

/** Every key, its value and the order of keys, undefined included; prototypes aside. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

interface Tally {
  compared: number;
  stockThrew: number;
  leftToStock: number;
  sent: number;
}

function compare(schema: GraphQLSchema, fetch: EntityFetch, entities: unknown[], tally: Tally): void {
  tally.compared++;
  let stock: BuiltRepresentations | undefined;
  try {
    stock = stockRepresentations!(schema, fetch, structuredClone(entities));
  } catch {
    tally.stockThrew++;
  }
  const ours = buildRepresentations(schema, fetch, structuredClone(entities));
  if (!stock) {
    expect(ours, 'the builder steps aside where the stock walk throws').toBeUndefined();
    return;
  }
  if (!ours) {
    tally.leftToStock++;
    return;
  }
  expect(ours.representationToEntity).toEqual(stock.representationToEntity);
  expect(ours.representations.map(canonical)).toEqual(stock.representations.map(canonical));
  for (const representation of ours.representations) expect(Object.getPrototypeOf(representation)).toBe(Object.prototype);
  tally.sent += ours.representations.length;
}

function exercise(schema: GraphQLSchema, fetch: EntityFetch, seed: number, typenames: string[], tally: Tally, rounds = 20): void {
  const rng = seededRandom(seed);
  for (const rate of [0, 0.05, 0.2, 0.5]) {
    for (let i = 0; i < rounds; i++) {
      const entities = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => entity(rng, fetch.requires!, typenames, rate));
      compare(schema, fetch, entities, tally);
    }
  }
}

/** The fetch nodes with `requires` anywhere in a query plan. */
function entityFetches(node: unknown, into: EntityFetch[] = []): EntityFetch[] {
  if (Array.isArray(node)) for (const child of node) entityFetches(child, into);
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.kind === 'Fetch') {
      if (record.requires) into.push(record as EntityFetch);
      return into;
    }
    for (const value of Object.values(record)) entityFetches(value, into);
  }
  return into;
}

/** Every type condition in a fetch's `requires`. */
function conditions(selections: readonly RequiresSelection[], into = new Set<string>()): Set<string> {
  for (const selection of selections) {
    if (selection.kind === 'InlineFragment' && selection.typeCondition) into.add(selection.typeCondition);
    if (selection.selections) conditions(selection.selections, into);
  }
  return into;
}

describe('compiled entity representations give exactly the stock walk', () => {
  let supergraph: Supergraph;
  let schema: GraphQLSchema;
  let planner: InstanceType<typeof QueryPlanner>;

  beforeAll(() => {
    expect(stockRepresentations, 'patches/@apollo__gateway@2.14.4.patch is applied').toBeTypeOf('function');
    supergraph = internals.Supergraph.build(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
    schema = supergraph.schema.toGraphQLJSSchema();
    planner = new QueryPlanner(supergraph);
  });

  function fetchesOf(document: DocumentNode): EntityFetch[] {
    const fetches: EntityFetch[] = [];
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') continue;
      const operation = internals.operationFromDocument(supergraph.apiSchema(), document, { operationName: definition.name?.value });
      entityFetches(planner.buildQueryPlan(operation).node, fetches);
    }
    return fetches;
  }

  it("on every entity fetch of the hub's operations (schema/operations, the bench's, the web app's)", () => {
    const operations = hubOperations();
    expect(operations.bench.length).toBeGreaterThanOrEqual(3);
    expect(operations.webFiles).toBeGreaterThan(5);
    const documents = [...operations.dashboards, ...operations.bench, operations.web];

    const fetches = documents.flatMap(fetchesOf);
    expect(fetches.length).toBeGreaterThan(10);
    const tally: Tally = { compared: 0, stockThrew: 0, leftToStock: 0, sent: 0 };
    let seed = 1;
    for (const fetch of fetches) {
      const typenames = [...conditions(fetch.requires!), 'Nope', 'Query', 'Project', 'Case', 'MarketEntity'];
      exercise(schema, fetch, seed++, typenames, tally, 6);
    }
    expect(tally.leftToStock).toBeLessThan(tally.compared / 2);
    expect(tally.sent).toBeGreaterThan(fetches.length * 10);
  });

  const SMALL = buildSchema(/* GraphQL */ `
    interface Named {
      id: ID!
      name: String
    }
    type Person implements Named {
      id: ID!
      name: String
      friends: [Named]
      address: Address
    }
    type Firm implements Named {
      id: ID!
      name: String
      staff: [Person]
    }
    type Address {
      city: String
      zip: String
    }
    union Party = Person | Firm
    type Query {
      named: Named
    }
  `);
  const on = (typeCondition: string | undefined, selections: RequiresSelection[]): RequiresSelection => ({ kind: 'InlineFragment', typeCondition, selections });
  const field = (name: string, selections?: RequiresSelection[], alias?: string): RequiresSelection => ({ kind: 'Field', name, alias, selections });
  const REQUIRES: RequiresSelection[][] = [
    [on('Person', [field('__typename'), field('id')])],
    [on('Named', [field('__typename'), field('id'), field('name')])],
    [on('Party', [field('__typename'), field('id')]), on('Firm', [field('__typename'), field('id'), field('name')])],
    [on('Person', [field('__typename'), field('id'), field('address', [field('city'), field('zip')])])],
    [on('Person', [field('__typename'), field('id'), field('friends', [field('__typename'), field('id'), on('Person', [field('name')])])])],
    [on('Firm', [field('__typename'), field('staff', [field('id'), field('address', [field('city')])])]), on('Person', [field('__typename'), field('id')])],
    [field('__typename'), on('Person', [field('id'), field('name', undefined, 'label')]), on(undefined, [field('id')])],
    [on('Named', [field('__typename'), field('address', [field('city')])]), on('Person', [field('address', [field('zip')]), field('id')])],
  ];
  const REWRITES = [undefined, [{ kind: 'ValueSetter', path: ['... on Person', '__typename'], setValueTo: 'Named' }]];

  it('on nested objects, lists, aliases, interface and union conditions, several fragments and inputRewrites', () => {
    const tally: Tally = { compared: 0, stockThrew: 0, leftToStock: 0, sent: 0 };
    let seed = 500;
    for (const requires of REQUIRES) {
      for (const inputRewrites of REWRITES) {
        exercise(SMALL, { requires, inputRewrites }, seed++, ['Person', 'Firm', 'Named', 'Address', 'Party', 'Query', 'Nope'], tally);
      }
    }
    expect(tally.stockThrew).toBeGreaterThan(0);
    expect(tally.leftToStock).toBeLessThan(tally.compared / 2);
    expect(tally.sent).toBeGreaterThan(REQUIRES.length * 50);
  });

  it('reports a fault of the compiled builder once, answers with the stock walk and leaves the fetch to it; a throw of the stock walk too is no fault', () => {
    const reported: unknown[] = [];
    const builder = createRepresentationsBuilder((error) => reported.push(error));
    const fetch: EntityFetch = { requires: REQUIRES[0] };
    const entities = [{ __typename: 'Person', id: '1', extra: 1 }];
    const expected = { representations: [{ __typename: 'Person', id: '1' }], representationToEntity: [0] };
    expect(builder(SMALL, fetch, structuredClone(entities))).toEqual(expected);

    // applyRewrites is the first call both walks make on a representation: failing once, only the compiled one fails.
    const bug = new TypeError('a bug in the compiled builder');
    const once = vi.spyOn(dataRewrites, 'applyRewrites').mockImplementationOnce(() => {
      throw bug;
    });
    try {
      expect(builder(SMALL, fetch, structuredClone(entities))).toEqual(expected);
      expect(once).toHaveBeenCalledTimes(2);
      expect(reported).toEqual([bug]);
      // Left to the stock walk from then on, although the compiled one would work again.
      expect(builder(SMALL, fetch, structuredClone(entities))).toBeUndefined();
      expect(reported).toEqual([bug]);

      // Failing for both walks: the data's fault, the stock walk answers (and throws), nothing reported.
      const other: EntityFetch = { requires: REQUIRES[1] };
      once.mockImplementation(() => {
        throw new Error('bad data');
      });
      expect(builder(SMALL, other, [{ __typename: 'Person', id: '2', name: 'n' }])).toBeUndefined();
      expect(reported).toEqual([bug]);
    } finally {
      once.mockRestore();
    }
  });
});

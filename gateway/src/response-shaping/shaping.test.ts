import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Kind, parse, type DocumentNode, type GraphQLError } from 'graphql';
import { seededRandom } from '@hub/kit';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hubOperations } from '../../../test/hub-operations';
import { CompiledShaping, compileShaping } from './compile';
import { resultShaping, type NamedType, type Operation, type OutputType, type Schema, type SelectionSet, type ShapingArgs } from './federation';
import { createResponseShaper } from './index';

/*
 * Differential test: the compiled shaping against @apollo/gateway's own computeResponse (the patched
 * module without a shaper set is the stock function), on the hub's real operations against the real
 * supergraph's API schema and on a small schema with interfaces, unions, enums, custom scalars and
 * nested lists, with generated subgraph data, clean and mutated (nulls in non-null positions, wrong
 * or unknown __typenames, bad enum and scalar values, nulls in lists, missing fields). Where the stock
 * function throws, the shaper must step aside (undefined) so the stock function throws the same.
 */

/** Faults of the compiled walk (errors the stock walk would not throw): none may occur on any input. */
const faults: unknown[] = [];
const shapeResponse = createResponseShaper((error) => faults.push(error));
afterEach(() => {
  expect(faults, 'the compiled walk failed where the stock walk does not').toEqual([]);
});

const ROOT = resolve(__dirname, '../../..');
const internals = createRequire(require.resolve('@apollo/gateway'))('@apollo/federation-internals') as {
  Supergraph: { build(sdl: string): { apiSchema(): Schema } };
  buildSchema(sdl: string): Schema;
  operationFromDocument(schema: Schema, document: DocumentNode, options?: { operationName?: string; validate?: boolean }): Operation;
  possibleRuntimeTypes(type: NamedType): NamedType[];
  isSubtype(type: NamedType, maybeSubType: NamedType): boolean;
};

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const BAD_VALUES: unknown[] = [null, 'NOPE', 1.5, 7, -3, true, false, 'text', '42', {}, [], [null], { __typename: 'Nope' }];

/** Subgraph-like data for an operation: what the gateway has merged from its fetches before shaping. */
class Generator {
  constructor(
    private readonly rng: Rng,
    /** Chance of replacing a value with something wrong. */
    private readonly rate: number,
    private readonly strangeTypenames: string[],
  ) {}

  object(selectionSet: SelectionSet, type: NamedType, into?: Record<string, unknown>): Record<string, unknown> {
    const runtime = internals.possibleRuntimeTypes(type);
    const concrete = runtime.length > 0 ? pick(this.rng, runtime) : type;
    const object: Record<string, unknown> = into ?? {};
    if (type.kind !== 'ObjectType' || this.rng() < 0.5) object.__typename = concrete.name;
    const strange = this.rng() < this.rate;
    const missing = this.rng() < this.rate;
    if (strange) object.__typename = pick(this.rng, this.strangeTypenames);
    else if (missing) delete object.__typename;
    this.fill(object, selectionSet, concrete);
    return object;
  }

  private fill(object: Record<string, unknown>, selectionSet: SelectionSet, concrete: NamedType): void {
    for (const selection of selectionSet.selections()) {
      if (selection.kind === 'FragmentSelection') {
        const condition = selection.element.typeCondition;
        if (!condition || internals.isSubtype(condition, concrete) || this.rng() < 0.2) this.fill(object, selection.selectionSet, concrete);
        continue;
      }
      const field = selection.element;
      const rn = field.responseName();
      if (field.definition.isSchemaIntrospectionField()) continue;
      if (field.name === '__typename') {
        if (rn !== '__typename' && this.rng() < 0.5) object[rn] = this.rng() < this.rate ? pick(this.rng, this.strangeTypenames) : concrete.name;
        continue;
      }
      if (this.rng() < this.rate) {
        if (this.rng() < 0.3) delete object[rn];
        else object[rn] = structuredClone(pick(this.rng, BAD_VALUES));
        continue;
      }
      const existing = object[rn];
      object[rn] = this.value(field.definition.type, selection.selectionSet, existing);
    }
  }

  private value(type: OutputType, selectionSet: SelectionSet | undefined, existing: unknown): unknown {
    if (type.kind === 'NonNullType') return this.value(type.ofType, selectionSet, existing);
    if (this.rng() < 0.08) return null;
    if (type.kind === 'ListType') {
      if (Array.isArray(existing)) return existing.map((e) => (e !== null && typeof e === 'object' ? this.value(type.ofType, selectionSet, e) : e));
      const length = Math.floor(this.rng() * 4);
      return Array.from({ length }, () =>
        this.rng() < this.rate ? structuredClone(pick(this.rng, BAD_VALUES)) : this.value(type.ofType, selectionSet, undefined),
      );
    }
    if (type.kind === 'ObjectType' || type.kind === 'InterfaceType' || type.kind === 'UnionType') {
      const into = existing !== null && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : undefined;
      return this.object(selectionSet!, type, into);
    }
    return this.leaf(type);
  }

  private leaf(type: NamedType): unknown {
    const r = this.rng();
    switch (type.kind === 'EnumType' ? 'enum' : type.name) {
      case 'enum': {
        const values = (type as unknown as { values: { name: string }[] }).values.map((v) => v.name);
        return values.length > 0 ? pick(this.rng, values) : 'X';
      }
      case 'String':
        return r < 0.5 ? `s${Math.floor(r * 1000)}` : '中文名称';
      case 'Int':
        return Math.floor(r * 2000) - 1000;
      case 'Float':
        return r < 0.5 ? r * 100 : 3;
      case 'Boolean':
        return r < 0.5;
      case 'ID':
        return r < 0.7 ? `id-${Math.floor(r * 100)}` : Math.floor(r * 100);
      default:
        return r < 0.5 ? `2026-11-${10 + Math.floor(r * 18)}` : { custom: r };
    }
  }
}

function normalized(result: { data: unknown; errors: GraphQLError[] }) {
  return {
    data: JSON.stringify(result.data),
    errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })),
  };
}

/** Introspection stays with the gateway: both sides get the same answer for the same selection. */
const introspectionHandling = (selection: never) => ({ handled: (selection as { element: { responseName(): string } }).element.responseName() });

interface Tally {
  compared: number;
  stockThrew: number;
  withErrors: number;
  nullData: number;
  leftToStock: number;
}

/** Runs stock and compiled on one input; expects the same data and errors, or both leaving it to the stock throw. */
function compare(operation: Operation, variables: Record<string, unknown> | undefined, input: Record<string, unknown>, tally: Tally, clean: boolean): void {
  const args: ShapingArgs = { operation, variables, input, introspectionHandling };
  let stock: { data: unknown; errors: GraphQLError[] } | undefined;
  let stockError: unknown;
  try {
    stock = resultShaping.computeResponse(args);
  } catch (error) {
    stockError = error;
  }
  const ours = shapeResponse(args);
  tally.compared++;
  if (stock === undefined) {
    tally.stockThrew++;
    expect(ours, `stock threw ${String(stockError)}`).toBeUndefined();
    return;
  }
  if (ours === undefined) {
    // Left to the stock walk (a list where an object belongs): only ever on mutated data.
    expect(clean, 'the compiled shaping answers every well-formed input').toBe(false);
    tally.leftToStock++;
    return;
  }
  expect(normalized(ours)).toEqual(normalized(stock));
  if (stock.errors.length > 0) tally.withErrors++;
  if (stock.data === null) tally.nullData++;
}

/** Boolean variables of an operation's definitions, each set, unset or flipped at random. */
function variableSets(document: DocumentNode, operationName: string | undefined, rng: Rng): (Record<string, unknown> | undefined)[] {
  const definition = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName));
  const names =
    definition && definition.kind === Kind.OPERATION_DEFINITION
      ? (definition.variableDefinitions ?? []).filter((v) => /Boolean/.test(JSON.stringify(v.type))).map((v) => v.variable.name.value)
      : [];
  const sets: (Record<string, unknown> | undefined)[] = [undefined, {}];
  for (let i = 0; i < 4 && names.length > 0; i++) sets.push(Object.fromEntries(names.filter(() => rng() < 0.8).map((n) => [n, rng() < 0.5])));
  return sets;
}

function exercise(
  schema: Schema,
  document: DocumentNode,
  operationName: string | undefined,
  seed: number,
  strangeTypenames: string[],
  tally: Tally,
  rounds = 12,
): void {
  const operation = internals.operationFromDocument(schema, document, { operationName });
  expect(compileShaping(operation), `${operationName ?? 'anonymous'} compiles`).toBeDefined();
  const rng = seededRandom(seed);
  const root = schema.schemaDefinition.rootType(operation.rootKind)!;
  for (const variables of variableSets(document, operationName, rng)) {
    for (const rate of [0, 0.02, 0.1, 0.3]) {
      for (let i = 0; i < rounds; i++) {
        const input = new Generator(rng, rate, strangeTypenames).object(operation.selectionSet, root);
        delete input.__typename;
        compare(operation, variables, input, tally, rate === 0);
        // The same input through JSON, as the gateway has it from the subgraphs' answers.
        compare(operation, variables, JSON.parse(JSON.stringify(input)) as Record<string, unknown>, tally, rate === 0);
      }
    }
  }
}

function operationNames(document: DocumentNode): (string | undefined)[] {
  return document.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => (d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : undefined));
}

describe('compiled response shaping gives exactly the stock computeResponse output', () => {
  let api: Schema;
  let supergraphOnlyTypes: string[];

  beforeAll(() => {
    expect(resultShaping.setResponseShaper, 'patches/@apollo__gateway@2.14.4.patch is applied').toBeTypeOf('function');
    const sdl = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    api = internals.Supergraph.build(sdl).apiSchema();
    // Types of the supergraph the API schema hides (join types, inaccessible ones): invalid __typenames.
    supergraphOnlyTypes = [...sdl.matchAll(/^(?:type|enum|scalar|input) (\w+)/gm)].map((m) => m[1]).filter((name) => !api.type(name));
    expect(supergraphOnlyTypes.length).toBeGreaterThan(0);
  });

  const strange = () => ['Nope', 'String', 'Int', 'Query', 'Project', 'Case', 'MarketEntity', ...supergraphOnlyTypes.slice(0, 5)];

  it("on the dashboards' operations (schema/operations) and the bench's", () => {
    const tally: Tally = { compared: 0, stockThrew: 0, withErrors: 0, nullData: 0, leftToStock: 0 };
    let seed = 1;
    const operations = hubOperations();
    for (const document of operations.dashboards) {
      for (const name of operationNames(document)) exercise(api, document, name, seed++, strange(), tally);
    }
    expect(operations.bench.length).toBeGreaterThanOrEqual(3);
    for (const query of operations.bench) exercise(api, query, undefined, seed++, strange(), tally);
    expect(tally.withErrors).toBeGreaterThan(50);
    expect(tally.nullData).toBeGreaterThan(5);
    expect(tally.compared - tally.stockThrew - tally.leftToStock).toBeGreaterThan(tally.compared / 2);
  });

  it("on the web app's operations", () => {
    const tally: Tally = { compared: 0, stockThrew: 0, withErrors: 0, nullData: 0, leftToStock: 0 };
    const { web: document, webFiles } = hubOperations();
    expect(webFiles).toBeGreaterThan(5);
    let seed = 1000;
    const names = operationNames(document);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) exercise(api, document, name, seed++, strange(), tally, 4);
    expect(tally.withErrors).toBeGreaterThan(50);
  });

  const SMALL = /* GraphQL */ `
    scalar Date
    enum Grade {
      A
      B
      C
      D
    }
    interface Named {
      name: String!
      id: ID!
    }
    type Person implements Named {
      id: ID!
      name: String!
      age: Int
      grade: Grade
      friends: [Named!]
      tags: [[String]!]
    }
    type Firm implements Named {
      id: ID!
      name: String!
      founded: Date
      score: Float!
      staff: [Person]!
    }
    type Note {
      text: String
      at: Date!
    }
    union Item = Person | Firm | Note
    type Query {
      me: Person!
      items: [Item!]!
      named(id: ID): Named
      grades: [Grade!]
      flag: Boolean
      count: Int!
    }
  `;
  const SMALL_OPERATIONS = /* GraphQL */ `
    query Mixed($skipAge: Boolean!, $withFriends: Boolean = true, $no: Boolean = false) {
      me {
        id
        name
        age @skip(if: $skipAge)
        kind: __typename
        grade
        friends @include(if: $withFriends) {
          __typename
          name
          ... on Person {
            age
            tags
          }
        }
      }
      items {
        __typename
        ... on Named {
          id
          name
        }
        ... on Person {
          grade
          friends {
            id
          }
          also: name
        }
        ... on Firm {
          founded
          score
          staff {
            name
            grade
          }
          staff {
            id
            age
          }
        }
        ... on Note {
          text
          at
        }
        ... @include(if: $no) {
          __typename
        }
      }
      aliased: named(id: 1) {
        the: name
        ...NamedBits
        ... on Firm @skip(if: $skipAge) {
          score
        }
      }
      grades
      flag
      count
      __schema {
        queryType {
          name
        }
      }
      t: __type(name: "Person") {
        name
      }
      __typename
      literal: flag @skip(if: false) @include(if: true)
      never: count @skip(if: true)
    }
    fragment NamedBits on Named {
      id
      ... on Person {
        age
      }
      ... on Firm {
        founded
      }
    }
    query Plain {
      me {
        name
      }
      count
      items {
        ... on Note {
          text
        }
      }
    }
  `;

  it('on interfaces, unions, enums, custom scalars, nested lists, @skip/@include, aliases and introspection', () => {
    const schema = internals.buildSchema(SMALL);
    const document = parse(SMALL_OPERATIONS);
    const tally: Tally = { compared: 0, stockThrew: 0, withErrors: 0, nullData: 0, leftToStock: 0 };
    for (const [i, name] of ['Mixed', 'Plain'].entries()) {
      for (let round = 0; round < 5; round++) {
        exercise(schema, document, name, 77 + i * 10 + round, ['Nope', 'Date', 'Grade', 'Named', 'Item', 'Note', 'Query', 'String'], tally, 20);
      }
    }
    // A condition's variable that is not a boolean: the stock function throws, the compiled one steps aside.
    const operation = internals.operationFromDocument(schema, document, { operationName: 'Mixed' });
    compare(operation, { skipAge: 'yes' }, { me: { id: '1', name: 'x', __typename: 'Person' } }, tally, false);
    expect(tally.stockThrew).toBeGreaterThan(1);
    expect(tally.withErrors).toBeGreaterThan(50);
    expect(tally.nullData).toBeGreaterThan(5);
  });

  it('is what the patched computeResponse uses once set, and leaves unsupported operations to the stock walk', () => {
    const schema = internals.buildSchema(SMALL);
    const operation = internals.operationFromDocument(schema, parse('{ me { name constructor: name } }'));
    expect(compileShaping(operation)).toBeUndefined();
    const input = { me: { name: 'x', constructor: 'y' } };
    expect(shapeResponse({ operation, input, introspectionHandling })).toBeUndefined();
    expect(JSON.stringify(resultShaping.computeResponse({ operation, input, introspectionHandling }).data)).toBe('{"me":{"name":"x","constructor":"y"}}');

    const plain = internals.operationFromDocument(schema, parse('{ me { name age } }'));
    const calls: unknown[] = [];
    resultShaping.setResponseShaper!((args) => {
      calls.push(args.operation);
      return shapeResponse(args);
    });
    try {
      const shaped = resultShaping.computeResponse({ operation: plain, input: { me: { name: 'x', age: 'old' } }, introspectionHandling });
      expect(calls).toEqual([plain]);
      expect(JSON.stringify(shaped.data)).toBe('{"me":{"name":"x","age":null}}');
      expect(shaped.errors.map((e) => e.message)).toEqual(['Invalid value found for field Person.age.']);
      // A list where an object belongs is left to the stock walk: the same answer as without the shaper.
      const odd = { operation: plain, input: { me: [{ name: 'x' }] }, introspectionHandling };
      const withShaper = normalized(resultShaping.computeResponse(odd));
      expect(calls).toHaveLength(2);
      resultShaping.setResponseShaper!(undefined);
      expect(withShaper).toEqual(normalized(resultShaping.computeResponse(odd)));
      expect(withShaper.errors.map((e) => e.message)).toEqual(['Cannot return null for non-nullable field Person.name.']);
    } finally {
      resultShaping.setResponseShaper!(undefined);
    }
  });

  it('reports a fault of the compiled walk once, then leaves the operation to the stock walk; a stock throw is no fault', () => {
    const schema = internals.buildSchema(SMALL);
    const operation = internals.operationFromDocument(schema, parse('query Who { me { name age } }'));
    const input = { me: { name: 'x', age: 3 } };
    const reported: [unknown, string | undefined][] = [];
    const shaper = createResponseShaper((error, operationName) => reported.push([error, operationName]));
    expect(JSON.stringify(shaper({ operation, input, introspectionHandling })?.data)).toBe('{"me":{"name":"x","age":3}}');

    // Where the stock walk throws too (a condition's variable that is not a boolean): stepped aside, nothing reported.
    const conditional = internals.operationFromDocument(schema, parse('query If($on: Boolean!) { me { name @include(if: $on) } }'));
    expect(shaper({ operation: conditional, variables: { on: 'yes' }, input, introspectionHandling })).toBeUndefined();
    expect(reported).toEqual([]);
    expect(JSON.stringify(shaper({ operation: conditional, variables: { on: true }, input, introspectionHandling })?.data)).toBe('{"me":{"name":"x"}}');

    const bug = new TypeError('a bug in the compiled walk');
    const run = vi.spyOn(CompiledShaping.prototype, 'run').mockImplementation(() => {
      throw bug;
    });
    try {
      expect(shaper({ operation, input, introspectionHandling })).toBeUndefined();
      expect(shaper({ operation, input, introspectionHandling })).toBeUndefined();
      expect(reported).toEqual([[bug, 'Who']]);
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      run.mockRestore();
    }
    // Still the stock walk's, although the compiled one would work again: the fault is not retried per request.
    expect(shaper({ operation, input, introspectionHandling })).toBeUndefined();
    expect(JSON.stringify(resultShaping.computeResponse({ operation, input, introspectionHandling }).data)).toBe('{"me":{"name":"x","age":3}}');
  });
});

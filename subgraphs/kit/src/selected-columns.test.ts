import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { columnsOf, fieldsByType, SelectedColumns } from './selected-columns';

const schema = buildSchema(/* GraphQL */ `
  interface Named {
    name: String
  }
  type Firm implements Named {
    code: ID!
    name: String
    label: String
    bids: [Bid!]!
  }
  type Bid {
    id: ID!
    amount: String
    bidder: Firm
  }
  union Anything = Firm | Bid
  type Query {
    firms: [Firm!]!
    named: [Named!]!
    anything: [Anything!]!
  }
`);

function selectionOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { operation, fragments };
}

function fields(query: string) {
  const { operation, fragments } = selectionOf(query);
  return Object.fromEntries([...fieldsByType(schema, operation, fragments)].map(([type, names]) => [type, [...names].sort()]));
}

const property = (name: string, kind: ReferenceKind, extra: Record<string, unknown> = {}) => ({ name, kind, fieldNames: [`${name}_column`], ...extra });
const firmMeta = {
  className: 'Firm',
  primaryKeys: ['code'],
  properties: {
    code: property('code', ReferenceKind.SCALAR),
    name: property('name', ReferenceKind.SCALAR),
    notes: property('notes', ReferenceKind.SCALAR),
    parent: property('parent', ReferenceKind.MANY_TO_ONE),
    bidRows: { name: 'bidRows', kind: ReferenceKind.ONE_TO_MANY },
    computed: property('computed', ReferenceKind.SCALAR, { persist: false }),
  },
} as unknown as EntityMetadata;

describe('fieldsByType', () => {
  it('collects the fields of every type, through nested selections, fragments and inline fragments', () => {
    expect(fields(`{ firms { code ...F bids { amount ... on Bid { id } } } } fragment F on Firm { name bids { bidder { label } } }`)).toEqual({
      Query: ['firms'],
      Firm: ['bids', 'code', 'label', 'name'],
      Bid: ['amount', 'bidder', 'id'],
    });
  });

  it("counts an interface's or a union's selection for each possible type", () => {
    expect(fields(`{ named { name } anything { __typename ... on Bid { amount } } }`)).toEqual({
      Query: ['anything', 'named'],
      Firm: ['__typename', 'name'],
      Bid: ['__typename', 'amount'],
    });
  });
});

describe('columnsOf', () => {
  it('selects the primary key, the always-read properties and the columns of the selected fields', () => {
    expect(columnsOf(firmMeta, new Set(['__typename', 'name', 'parent', 'bids']), { bids: [] }, ['notes'])?.sort()).toEqual([
      'code',
      'name',
      'notes',
      'parent',
    ]);
  });

  it('reads every column for a field that is neither a column nor declared, or a type the operation does not select', () => {
    expect(columnsOf(firmMeta, new Set(['name', 'label']), {}, [])).toBeUndefined();
    expect(columnsOf(firmMeta, new Set(['computed']), {}, [])).toBeUndefined();
    expect(columnsOf(firmMeta, new Set(['bidRows']), {}, [])).toBeUndefined();
    expect(columnsOf(firmMeta, undefined, {}, [])).toBeUndefined();
  });

  it('lets a declaration name what a field reads', () => {
    expect(columnsOf(firmMeta, new Set(['label']), { label: ['name', 'notes'] }, [])?.sort()).toEqual(['code', 'name', 'notes']);
  });

  it('refuses a declaration naming no column property', () => {
    expect(() => columnsOf(firmMeta, new Set(['label']), { label: ['nothing'] }, [])).toThrow(/Firm\.nothing is not a column property/);
  });
});

describe('SelectedColumns', () => {
  it('reads every column until an operation is registered, then the operation’s columns', () => {
    const selection = new SelectedColumns();
    expect(selection.of(firmMeta, 'Firm')).toBeUndefined();
    selection.use({ schema, ...selectionOf(`{ firms { name } }`) });
    expect(selection.of(firmMeta, 'Firm')?.sort()).toEqual(['code', 'name']);
    // Only the first operation counts: one request, one operation.
    selection.use({ schema, ...selectionOf(`{ firms { notes: label } }`) });
    expect(selection.of(firmMeta, 'Firm')?.sort()).toEqual(['code', 'name']);
  });
});

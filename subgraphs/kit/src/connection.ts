import type { EntityClass, EntityManager, EntityName, FilterQuery, FindOptions } from '@mikro-orm/postgresql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InputError } from './errors';
import { leanFind } from './lean';

/** Relay page info; the same shape in every subgraph, hence `@shareable`. */
@ObjectType({ description: 'Relay-style page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type. Every list in the graph is one of these:
 * `edges { cursor node }`, `nodes`, `pageInfo`, `totalCount`.
 */
export function Connection<T extends object>(Node: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => Node) node: T;
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [Node]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'All items matching the filter, across pages.' }) totalCount: number;
  }
  return ConnectionClass;
}

/** Largest `first`: dashboards and exports read up to 500 rows a page (the gateway's cost limit counts it). */
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page.' })
  after?: string | null;
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

/** A keyset cursor: the sort-key values of the last row seen, `["k", …values]` in base64url JSON. */
const encodeKeyset = (values: readonly KeyValue[]) => Buffer.from(JSON.stringify(['k', ...values])).toString('base64url');

type KeyValue = string | number | boolean;

const notACursor = () => new InputError('Argument "after" is not a cursor this list issued', { field: 'after', rule: 'cursor' });

/** An offset (`offset:N`, from offset lists and from keyset lists before they were keyset) or keyset values. */
function decodeCursor(cursor: string): { offset: number } | { keyset: KeyValue[] } {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^offset:(\d+)$/.exec(text);
  if (match) return { offset: Number(match[1]) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'k' || parsed.length < 2 || !parsed.slice(1).every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
    throw notACursor();
  return { keyset: parsed.slice(1) as KeyValue[] };
}

export interface PageWindow {
  limit: number;
  offset: number;
  /** Sort-key values of the last row of the previous page (keyset lists). */
  keyset?: KeyValue[];
}

/** Turns `first`/`after` into a SQL window, refusing page sizes outside 1..MAX_PAGE_SIZE. */
export function pageWindow(args: PageArgs): PageWindow {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InputError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, { field: 'first', rule: `1..${MAX_PAGE_SIZE}` });
  }
  if (!args.after) return { limit: first, offset: 0 };
  const cursor = decodeCursor(args.after);
  if ('offset' in cursor) return { limit: first, offset: cursor.offset + 1 };
  return { limit: first, offset: 0, keyset: cursor.keyset };
}

/** The sort of a keyset list: property names and directions, the last one unique (e.g. the id or code). */
export type KeysetOrder = readonly (readonly [property: string, direction: 'asc' | 'desc'])[];

/**
 * The rows after `values` in `order`: (k1 < v1) OR (k1 = v1 AND k2 > v2) OR …, each comparison in its
 * key's direction. Unlike an offset it does not shift when rows are inserted before the cursor.
 */
export function keysetWhere(order: KeysetOrder, values: readonly KeyValue[]): Record<string, unknown> {
  if (values.length !== order.length) throw notACursor();
  const branches = order.map(([property, direction], i) => {
    const branch: Record<string, unknown> = {};
    for (let j = 0; j < i; j += 1) branch[order[j][0]] = values[j];
    branch[property] = { [direction === 'desc' ? '$lt' : '$gt']: values[i] };
    return branch;
  });
  return { $or: branches };
}

function keyValue(value: unknown): KeyValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`A keyset sort key must be a non-null scalar, got ${String(value)}`);
}

/**
 * One page of a keyset list and its total: the rows (limit + 1, to know whether a next page exists)
 * and the count of the whole filter — one statement for a first page of a lean list, two after a
 * cursor, whatever the page size. `offset:` cursors issued before the list was keyset still page by
 * offset.
 */
export async function keysetPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  window: PageWindow,
  order: KeysetOrder,
  /**
   * `columns`: a lean page's columns (lean.ts); the order's keys are added for the cursors. `including` and
   * `includingColumns`: a many-to-one relation read with a lean page's rows (lean.ts).
   */
  options: { lean?: boolean; columns?: readonly string[]; including?: string; includingColumns?: readonly string[] } = {},
): Promise<ConnectionShape<T>> {
  const after = window.keyset ? keysetWhere(order, window.keyset) : undefined;
  const filter = (after ? { $and: [where, after] } : where) as FilterQuery<T>;
  const columns = options.columns && [...new Set([...options.columns, ...order.map(([property]) => property)])];
  const lean = { columns, including: options.including as (string & keyof T) | undefined, includingColumns: options.includingColumns };
  const page = { limit: window.limit + 1, offset: window.offset || undefined, orderBy: Object.fromEntries(order) as FindOptions<T>['orderBy'] };
  if (options.lean && !after) {
    // A first (or offset) page: the rows and the total in one statement (count(*) over ()); a
    // keyset page's window would count only the rows after the cursor, so it counts apart.
    const rows = await leanFind(em, entity as EntityClass<T>, filter, { ...(page as object), ...lean, withTotal: true });
    const total = rows.total ?? (window.offset > 0 ? await em.count(entity, where) : 0);
    return keysetConnection(rows, total, window, order);
  }
  const [rows, total] = await Promise.all([
    // Lean rows (lean.ts) for lists that are only read; entities when the caller needs them managed.
    options.lean ? leanFind(em, entity as EntityClass<T>, filter, { ...(page as object), ...lean }) : em.find(entity, filter, page),
    em.count(entity, where),
  ]);
  return keysetConnection(rows as T[], total, window, order);
}

/** The connection of a keyset page from its rows (fetched with limit + 1) and the total of the filter. */
export function keysetConnection<T extends object>(rows: T[], totalCount: number, window: PageWindow, order: KeysetOrder): ConnectionShape<T> {
  const page = rows.slice(0, window.limit);
  const edges = page.map((node) => ({ cursor: encodeKeyset(order.map(([property]) => keyValue((node as Record<string, unknown>)[property]))), node }));
  return {
    edges,
    nodes: page,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      hasPreviousPage: !!window.keyset || window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Builds the connection object from one page of rows and the total count. */
export function toConnection<T>(rows: T[], totalCount: number, window: { offset: number }): ConnectionShape<T> {
  const edges = rows.map((node, i) => ({ cursor: encodeCursor(window.offset + i), node }));
  return {
    edges,
    nodes: rows,
    totalCount,
    pageInfo: {
      hasNextPage: window.offset + rows.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

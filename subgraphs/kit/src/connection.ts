import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InputError } from './errors';

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

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page.' })
  after?: string | null;
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InputError('Argument "after" is not a cursor this list issued', { field: 'after', rule: 'cursor' });
  return Number(match[1]);
}

/** Turns `first`/`after` into a SQL window, refusing page sizes outside 1..MAX_PAGE_SIZE. */
export function pageWindow(args: PageArgs): { limit: number; offset: number } {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InputError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, { field: 'first', rule: `1..${MAX_PAGE_SIZE}` });
  }
  return { limit: first, offset: args.after ? decodeCursor(args.after) + 1 : 0 };
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

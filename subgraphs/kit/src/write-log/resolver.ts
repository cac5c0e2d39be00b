import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { Caller } from '../auth';
import { keysetPage, PageArgs, PageInfo, pageWindow, type KeysetOrder } from '../connection';
import { InputError } from '../errors';
import { GraphClient } from '../graph-client';
import { readSubgraphList, subgraphUrl } from '../subgraph-list';
import { WriteLogEntry, WriteOperation } from './entry';

/** Who reads the write log: the leading group and its office (docs/domain.md, "Write log"). */
export const WRITE_LOG_READERS = ['LEADER', 'OFFICE'] as const;

@InputType({ description: 'Narrows a write log: every given condition must hold.' })
export class WriteLogFilter {
  @Field(() => Date, { nullable: true, description: 'Entries at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries before this instant.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'The caller’s token subject.' })
  actorSub?: string | null;

  @Field(() => String, { nullable: true, description: 'The mutation’s name, e.g. upsertCreditRule.' })
  mutation?: string | null;

  @Field(() => String, { nullable: true, description: 'The object’s type, e.g. CreditRule.' })
  objectType?: string | null;

  @Field(() => String, { nullable: true, description: 'The object’s key (id or code); with objectType.' })
  objectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries about objects of this project.' })
  projectId?: string | null;

  @Field(() => WriteOperation, { nullable: true, description: 'Only entries of this kind of write (created, changed, deleted).' })
  operation?: WriteOperation | null;
}

@ObjectType('WriteLogEntryEdge')
@Directive('@shareable')
export class WriteLogEntryEdge {
  @Field() cursor: string;
  @Field(() => WriteLogEntry) node: WriteLogEntry;
}

@ObjectType('WriteLogEntryConnection', { description: 'A page of a write log, newest first.' })
@Directive('@shareable')
export class WriteLogEntryConnection {
  @Field(() => [WriteLogEntryEdge]) edges: WriteLogEntryEdge[];
  @Field(() => [WriteLogEntry]) nodes: WriteLogEntry[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'All entries matching the filter, across pages.' }) totalCount: number;
}

/** Newest first; the id breaks ties between entries of one flush. */
export const WRITE_LOG_ORDER: KeysetOrder = [
  ['at', 'desc'],
  ['id', 'desc'],
];

/** The most entries an object's `history` field returns (the newest); older ones are in the slice's log query. */
export const MAX_HISTORY = 200;

function whereOf(filter: WriteLogFilter | null | undefined): FilterQuery<WriteLogEntry> {
  if (!filter) return {};
  const where: Record<string, unknown> = {};
  if (filter.from || filter.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  for (const key of ['actorSub', 'mutation', 'objectType', 'objectId', 'projectId', 'operation'] as const) {
    if (filter[key] != null) where[key] = filter[key];
  }
  return where as FilterQuery<WriteLogEntry>;
}

/** A page of one slice's write log. */
export function readWriteLog(em: EntityManager, filter: WriteLogFilter | null | undefined, page: PageArgs) {
  if (filter?.from && filter.to && filter.from >= filter.to) {
    throw new InputError('filter.from must be before filter.to', { field: 'filter.from', rule: 'from before to' });
  }
  return keysetPage(em, WriteLogEntry, whereOf(filter), pageWindow(page), WRITE_LOG_ORDER, { lean: false });
}

function requireHistoryLength(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_HISTORY) {
    throw new InputError(`Argument "first" must be between 1 and ${MAX_HISTORY}, got ${first}`, { field: 'first', rule: `1..${MAX_HISTORY}` });
  }
  return first;
}

/** The newest entries about one object of this slice. */
export function objectHistory(em: EntityManager, objectType: string, objectId: string, first = 50): Promise<WriteLogEntry[]> {
  return em.find(WriteLogEntry, { objectType, objectId }, { orderBy: { at: 'desc', id: 'desc' }, limit: requireHistoryLength(first) });
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The root field of a slice's write log: `<slice>WriteLog`, e.g. `creditWriteLog`. */
export const writeLogQueryName = (slice: string) => `${camel(slice)}WriteLog`;

/**
 * The filtered write-log query of one slice (`<slice>WriteLog`, LEADER and OFFICE): each slice adds it
 * to its resolvers (with the access-policy entry), since root fields are per slice in the graph.
 */
export function writeLogQueryResolver(slice: string): ClassType {
  @Resolver()
  class WriteLogQueryResolver {
    @Authorized(...WRITE_LOG_READERS)
    @Query(() => WriteLogEntryConnection, {
      name: writeLogQueryName(slice),
      description: `The ${slice} slice's write log (操作日志), newest first: every object created, changed or deleted by a mutation, with who, when and what changed (personal data masked).`,
    })
    log(
      @Arg('filter', () => WriteLogFilter, {
        nullable: true,
        description: 'Conditions the entries must meet (time range, actor, mutation, object, project, kind of write); null lists every entry.',
      })
      filter: WriteLogFilter | null,
      @Args() page: PageArgs,
      @Ctx() { em }: { em: EntityManager },
    ) {
      return readWriteLog(em, filter, page);
    }
  }
  return WriteLogQueryResolver;
}

/**
 * `history` on one of the slice's object types (e.g. CreditRule, Enforcer): the newest write-log
 * entries about that object, for LEADER and OFFICE. `key` is the property holding the object's key.
 */
export function historyResolver<T extends object>(Target: ClassType<T>, key: keyof T & string, typeName = Target.name): ClassType {
  @Resolver(() => Target)
  class HistoryResolver {
    @Authorized(...WRITE_LOG_READERS)
    @FieldResolver(() => [WriteLogEntry], { description: `Who changed this ${typeName} and what changed, newest first (the write log).` })
    history(
      @Root() root: T,
      @Arg('first', () => Int, {
        defaultValue: 50,
        description: 'How many of the newest entries to return; default 50, at most 200 (older ones through the slice’s write-log query).',
      })
      first: number,
      @Ctx() { em }: { em: EntityManager },
    ) {
      return objectHistory(em, typeName, String(root[key]), first);
    }
  }
  return HistoryResolver;
}

const ENTRY_SELECTION =
  'id at slice mutation requestId actor { sub name role department } operation objectType objectId projectId changes { field before after }';

type RemoteEntry = Omit<WriteLogEntry, 'at' | 'actor'> & { at: string; actor: { sub: string; name: string; role: string; department: string | null } };

function fromRemote(remote: RemoteEntry): WriteLogEntry {
  const entry = new WriteLogEntry();
  const { actor, at, ...rest } = remote;
  Object.assign(entry, rest, { at: new Date(at), actorSub: actor.sub, actorName: actor.name, actorRole: actor.role, actorDepartment: actor.department });
  return entry;
}

/**
 * A project's history across every slice of subgraphs.json: this slice's entries plus each other
 * slice's (its `<slice>WriteLog` filtered by the project, through the graph), merged newest first.
 * A slice that does not answer is named in the error: a history with a silent gap would mislead.
 */
export async function projectHistory(em: EntityManager, slice: string, projectId: string, first: number, requestId?: string): Promise<WriteLogEntry[]> {
  requireHistoryLength(first);
  const local = em.find(WriteLogEntry, { projectId }, { orderBy: { at: 'desc', id: 'desc' }, limit: first });
  const list = readSubgraphList();
  const remote = list.subgraphs
    .filter((entry) => entry.name !== slice)
    .map(async (entry) => {
      const query = `query($filter: WriteLogFilter, $first: Int) { log: ${writeLogQueryName(entry.name)}(filter: $filter, first: $first) { nodes { ${ENTRY_SELECTION} } } }`;
      try {
        const data = await new GraphClient(subgraphUrl(entry, list)).request<{ log: { nodes: RemoteEntry[] } }>(
          query,
          { filter: { projectId }, first },
          requestId,
        );
        return data.log.nodes.map(fromRemote);
      } catch (error) {
        throw new GraphQLError(`Project.history: the ${entry.name} slice did not answer, so the history would be incomplete`, {
          originalError: error as Error,
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: entry.name },
        });
      }
    });
  const all = (await Promise.all([local, ...remote])).flat();
  all.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
  return all.slice(0, first);
}

/** `Project.history` in the slice that owns projects: merged across every slice (projectHistory). */
export function projectHistoryResolver<T extends { id: string }>(ProjectClass: ClassType<T>, slice: string): ClassType {
  @Resolver(() => ProjectClass)
  class ProjectHistoryResolver {
    @Authorized(...WRITE_LOG_READERS)
    // Nullable like every field of Project that depends on other slices: one slice down costs this field only.
    @FieldResolver(() => [WriteLogEntry], {
      nullable: true,
      description: 'Who changed what about this project, across every slice (its stages and bids, cases, inspections, credit records …), newest first.',
    })
    history(
      @Root() project: T,
      @Arg('first', () => Int, {
        defaultValue: 50,
        description: 'How many of the newest entries to return; default 50, at most 200 (older ones through the slice’s write-log query).',
      })
      first: number,
      @Ctx() { em, requestId }: { em: EntityManager; requestId?: string; user: Caller },
    ) {
      return projectHistory(em, slice, project.id, first, requestId);
    }
  }
  return ProjectHistoryResolver;
}

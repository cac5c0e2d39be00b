import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
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
import { keysetPage, MAX_PAGE_SIZE, PageArgs, PageInfo, pageWindow, type KeysetOrder } from '../connection';
import { InputError } from '../errors';
import type { SliceGraph } from '../graph-client';
import { cachedSubgraphList } from '../subgraph-list';
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

/** The root field with the newest entries of several projects at once: `<slice>WriteLogOfProjects` (Project.history's batch). */
export const writeLogOfProjectsQueryName = (slice: string) => `${camel(slice)}WriteLogOfProjects`;

function requireProjectCount(projectIds: readonly string[]): void {
  if (projectIds.length > MAX_PAGE_SIZE) {
    throw new InputError(`Argument "projectIds" lists ${projectIds.length} projects; at most ${MAX_PAGE_SIZE} are allowed`, {
      field: 'projectIds',
      rule: `at most ${MAX_PAGE_SIZE}`,
    });
  }
}

/**
 * The newest `first` entries about each of the given projects in this slice's log, in one statement:
 * `row_number()` over each project's entries keeps `first` per project (a plain LIMIT would let one
 * busy project crowd out the others). Newest first within each project.
 */
export async function writeLogOfProjects(em: EntityManager, projectIds: readonly string[], first: number): Promise<WriteLogEntry[]> {
  requireHistoryLength(first);
  requireProjectCount(projectIds);
  const ids = [...new Set(projectIds)];
  if (ids.length === 0) return [];
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select * from (
       select w.*, row_number() over (partition by w.project_id order by w.at desc, w.id desc) as newest
       from write_log w where w.project_id in (${ids.map(() => '?').join(', ')})
     ) ranked where newest <= ? order by project_id, at desc, id desc`,
    [...ids, first],
  );
  return rows.map(({ newest: _rank, ...row }) => em.map(WriteLogEntry, row));
}

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

    @Authorized(...WRITE_LOG_READERS)
    @Query(() => [WriteLogEntry], {
      name: writeLogOfProjectsQueryName(slice),
      description: `The newest entries of the ${slice} slice's write log (操作日志) about each of the given projects: at most \`first\` per project, newest first within a project. Project.history gathers every slice's entries with one call per slice for a whole list of projects.`,
    })
    logOfProjects(
      @Arg('projectIds', () => [ID], { description: `UUIDs of the projects (at most ${MAX_PAGE_SIZE}); an unknown id simply has no entries.` })
      projectIds: string[],
      @Arg('first', () => Int, {
        defaultValue: 50,
        description: `How many of the newest entries to return per project; default 50, at most ${MAX_HISTORY}.`,
      })
      first: number,
      @Ctx() { em }: { em: EntityManager },
    ) {
      return writeLogOfProjects(em, projectIds, first);
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

/** Newest first; the id breaks ties between entries of one flush. */
const newestFirst = (a: WriteLogEntry, b: WriteLogEntry) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The histories of several projects across every slice of subgraphs.json: this slice's entries (one
 * statement) plus each other slice's (one `<slice>WriteLogOfProjects` call per slice, through the graph),
 * merged newest first and cut to `first` per project. A slice that does not answer is named in the
 * error: a history with a silent gap would mislead.
 */
export async function projectHistories(
  em: EntityManager,
  slice: string,
  projectIds: readonly string[],
  first: number,
  graph: SliceGraph,
): Promise<WriteLogEntry[][]> {
  requireHistoryLength(first);
  const local = writeLogOfProjects(em, projectIds, first);
  const list = cachedSubgraphList();
  const remote = list.subgraphs
    .filter((entry) => entry.name !== slice)
    .map(async (entry) => {
      const query = `query($projectIds: [ID!]!, $first: Int!) { log: ${writeLogOfProjectsQueryName(entry.name)}(projectIds: $projectIds, first: $first) { ${ENTRY_SELECTION} } }`;
      try {
        const data = await graph(entry.name).request<{ log: RemoteEntry[] }>(query, { projectIds, first });
        return data.log.map(fromRemote);
      } catch (error) {
        throw new GraphQLError(`Project.history: the ${entry.name} slice did not answer, so the history would be incomplete`, {
          originalError: error as Error,
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: entry.name },
        });
      }
    });
  const byProject = new Map<string, WriteLogEntry[]>(projectIds.map((id) => [id, []]));
  for (const entry of (await Promise.all([local, ...remote])).flat()) byProject.get(entry.projectId ?? '')?.push(entry);
  return projectIds.map((id) => byProject.get(id)!.sort(newestFirst).slice(0, first));
}

interface HistoryContext {
  em: EntityManager;
  /** The request's clients for the other slices: calls signed as this slice, on behalf of the caller (graph-client.ts). */
  graph: SliceGraph;
}

/**
 * One DataLoader per request and per `first`, keyed by the request's context object (it lives exactly as
 * long as the request): a list of N projects asking for their history costs one statement and one call
 * per other slice, not N of each.
 */
const historyLoaders = new WeakMap<object, Map<number, DataLoader<string, WriteLogEntry[]>>>();

function historyLoader(context: HistoryContext, slice: string, first: number): DataLoader<string, WriteLogEntry[]> {
  let byFirst = historyLoaders.get(context);
  if (!byFirst) historyLoaders.set(context, (byFirst = new Map<number, DataLoader<string, WriteLogEntry[]>>()));
  let loader = byFirst.get(first);
  if (!loader) {
    loader = new DataLoader((projectIds) => projectHistories(context.em, slice, projectIds, first, context.graph), { maxBatchSize: MAX_PAGE_SIZE });
    byFirst.set(first, loader);
  }
  return loader;
}

/** `Project.history` in the slice that owns projects: merged across every slice (projectHistories, batched per request). */
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
      @Ctx() context: HistoryContext & { user: Caller },
    ) {
      requireHistoryLength(first);
      return historyLoader(context, slice, first).load(project.id);
    }
  }
  return ProjectHistoryResolver;
}

import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { authenticate, type Caller } from './auth';
import { startCalendarFirmUp, type CalendarDerivedDates } from './calendar/firm-up';
import { systemClock, type Clock } from './clock';
import { envBool, envInt } from './config';
import { databaseReadiness, databaseUnavailableError, isDatabaseUnavailable } from './database-availability';
import { databaseUrlFor, ensureDatabase, ormOptions } from './db';
import { loadDemoDataOnce } from './demo-data';
import { checkDepartmentClaim, useMemberUnitSource, type MemberUnitSource } from './departments';
import { requestLogFields } from './call-origin';
import { callerGraph, GraphClient, sliceGraph, type SliceGraph } from './graph-client';
import { asciiJson } from './ascii-json';
import { JitExecution, jitQueries } from './jit-execution';
import { attachGraphQL, createHttpServer, listen } from './http';
import { createLogger } from './logger';
import { assertSafeForProduction, introspectionSetting } from './production-safety';
import { isUniqueViolation, uniqueViolationRefusal } from './unique';
import { readSubgraphList, subgraphPort, subgraphUrl } from './subgraph-list';
import { withStartupLock } from './startup-lock';

/**
 * The per-request context every resolver receives: a fresh entity-manager fork, the caller, this
 * request's loaders (only DataLoaders), the slice's services (made once per request from this
 * context), the graph clients for other slices and the slice's clock.
 */
export interface RequestContext<L = unknown, S = unknown> {
  em: EntityManager;
  user: Caller;
  /** This request's DataLoaders (SubgraphDefinition.createLoaders): batching and caching reads, nothing else. */
  loaders: L;
  /** The slice's services for this request (SubgraphDefinition.createServices): what resolvers call. */
  services: S;
  /** Clients for the other slices, signed as this slice on behalf of this request's caller (graph-client.ts). */
  graph: SliceGraph;
  /** The exception: clients asking as the caller (their own token), for reads answering with the caller's own view (graph-client.ts). */
  graphAsCaller: SliceGraph;
  /** The slice's clock (SubgraphDefinition.clock): "today" for resolvers, services and the input rules. */
  clock: Clock;
  requestId: string;
  log: Logger;
}

/** What a slice's services are made from: the request's context without the services themselves. */
export type ServiceContext<L = unknown> = Omit<RequestContext<L>, 'services'>;

/** What seeding gets: a client for reading other slices through the graph, and a logger. */
export interface SeedEnvironment {
  /** GraphClient for another subgraph by name (its URL from the subgraph list). */
  graph(subgraph: string): GraphClient;
  log: Logger;
}

/** What a departmental subgraph exports as `subgraph` from its main module. */
export interface SubgraphDefinition<L = unknown, S = unknown> {
  name: string;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  buildSchema(): Promise<GraphQLSchema>;
  /** New DataLoaders for one request (never shared between requests). */
  createLoaders(em: EntityManager, user: Caller): L;
  /**
   * The slice's services for one request, from its context (caller, entity manager, clock, graph
   * clients). The slice's outside ports (other slices) are chosen here: tests build the definition
   * with fakes, production with the graph clients of `context.graph`.
   */
  createServices?(context: ServiceContext<L>): S;
  /** The slice's clock, carried by every request's context (default the system clock; tests fix it). */
  clock?: Clock;
  /**
   * Loads deterministic demo data. The kit runs it in one transaction and records completion
   * (`loadDemoDataOnce`), so it runs at most once per database and never leaves half a demo.
   */
  seedDemoData?(em: EntityManager, env: SeedEnvironment): Promise<void>;
  /** Stored dates derived from the official calendar, firmed up at start and when the calendar gains a year. */
  calendarDerivedDates?: CalendarDerivedDates[];
  /** Tables whose rows the slice's migrations write (reference data): a start does not take them for demo or operator data. */
  referenceTables?: readonly string[];
  /** Only for the slice that owns the member units (projects): read them from its own database instead of through the graph. */
  memberUnits?(orm: MikroORM): MemberUnitSource;
}

/** The one place a request's context is put together (the HTTP server and the in-process test runner). */
export function requestContext<L, S>(
  definition: SubgraphDefinition<L, S>,
  em: EntityManager,
  user: Caller,
  requestId: string,
  log: Logger,
  /** The request's Authorization header, forwarded by `graphAsCaller`. */
  authorization?: string,
): RequestContext<L, S> {
  const base: ServiceContext<L> = {
    em,
    user,
    loaders: definition.createLoaders(em, user),
    graph: sliceGraph(definition.name, { caller: user, requestId }),
    graphAsCaller: callerGraph(definition.name, user, { caller: user, requestId, authorization }),
    clock: definition.clock ?? systemClock,
    requestId,
    log,
  };
  return { ...base, services: definition.createServices ? definition.createServices(base) : (undefined as S) };
}

export interface SubgraphService {
  orm: MikroORM;
  schema: GraphQLSchema;
  httpServer: Server;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Hides unexpected errors' messages (SQL, stack traces) from callers; domain errors pass through.
 * With the subgraph's name, an unreachable database is reported as DATABASE_UNAVAILABLE naming the slice.
 */
export function formatError(log: Logger, subgraph?: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' && isUniqueViolation(original)) {
      const refusal = uniqueViolationRefusal();
      return { message: refusal.message, locations: formatted.locations, path: formatted.path, extensions: refusal.extensions };
    }
    if (code === 'INTERNAL_SERVER_ERROR' && !(original instanceof GraphQLError)) {
      if (subgraph && isDatabaseUnavailable(original)) {
        log.warn({ err: original }, 'database unavailable');
        return databaseUnavailableError(subgraph, formatted);
      }
      log.error({ err: original }, 'unexpected resolver error');
      return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    const { stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (code === 'BAD_USER_INPUT' && extensions.field === undefined) {
      const field = variableFieldOf(formatted.message);
      if (field) extensions.field = field;
    }
    return { ...formatted, extensions };
  };
}

/**
 * The field a refused variable names, from graphql-js's coercion message (a kit scalar's rule, a
 * wrong type): `Variable "$input" got invalid value "2020-02-30" at "input.registeredOn"; …` names
 * `registeredOn` (the path inside the argument, as the services' own refusals name fields, e.g.
 * `findings[0].description`); a variable that is itself the bad value (`Variable "$on" got invalid
 * value …`) names `on`.
 */
export function variableFieldOf(message: string): string | undefined {
  const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "(\w+)((?:\.\w+|\[\d+\])+)")?; /s.exec(message);
  if (!match) return undefined;
  const [, variable, , path] = match;
  return path ? path.replace(/^\./, '') : variable;
}

export interface StartOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  /** Apply committed migrations before serving (default true; MIGRATE=false turns it off). */
  migrate?: boolean;
  /** Load demo data when the database is empty (SEED_DEMO=true). */
  seed?: boolean;
  orm?: Partial<Options>;
}

/** Opens the ORM for a subgraph: creates the database if needed and applies the committed migrations. */
export async function openDatabase(
  definition: SubgraphDefinition<any>,
  databaseUrl: string,
  migrate = true,
  overrides: Partial<Options> = {},
): Promise<MikroORM> {
  await ensureDatabase(databaseUrl);
  const orm = await MikroORM.init(ormOptions(definition, databaseUrl, overrides));
  if (migrate) await orm.getMigrator().up();
  return orm;
}

/** Builds the Apollo Server and HTTP server of a subgraph on an open ORM, and listens. */
export async function serveSubgraph<L, S>(
  definition: SubgraphDefinition<L, S>,
  orm: MikroORM,
  options: { port: number; host?: string },
): Promise<SubgraphService> {
  const log = createLogger(`subgraph-${definition.name}`);
  const introspection = introspectionSetting();
  assertSafeForProduction(`subgraph-${definition.name}`, { introspection });
  if (definition.memberUnits) useMemberUnitSource(definition.memberUnits(orm));
  const schema = await definition.buildSchema();
  const httpServer = createHttpServer();
  const format = formatError(log, definition.name);
  const apollo = new ApolloServer<RequestContext<L, S>>({
    schema,
    introspection,
    csrfPrevention: true,
    formatError: format,
    // Apollo Server pretty-prints answers (2-space indent) by default: about a third more bytes to write, and for the gateway to read.
    // ASCII only (ascii-json.ts): a two-byte answer string costs a large-object copy to send and another to read.
    stringifyResult: asciiJson,
    // No Apollo Studio: federated traces would only cost time. No cache hints either: the hub sets
    // none, and the cache-control plugin wraps every field resolver of every row to compute them.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // Queries run compiled by graphql-jit, mutations by graphql-js (jit-execution.ts).
      jitQueries(new JitExecution(schema), format),
    ],
  });
  await apollo.start();
  const calendarFirmUp = await startCalendarFirmUp(orm.em.fork(), definition.calendarDerivedDates ?? [], log);
  attachGraphQL(httpServer, {
    apollo,
    log,
    maxBodyBytes: envInt('MAX_BODY_BYTES', 1_000_000),
    internalOnly: true,
    readiness: async () => {
      const database = await databaseReadiness(orm);
      return { ok: database === 'up', subgraph: definition.name, database };
    },
    context: async (req, requestId) => {
      const user = await checkDepartmentClaim(await authenticate(req.headers.authorization));
      const em = orm.em.fork();
      // A cross-slice call names the person it was made for (graph-client.ts): logged with the request id.
      return requestContext(definition, em, user, requestId, log.child(requestLogFields(req.headers, requestId)), req.headers.authorization);
    },
  });
  const port = await listen(httpServer, options.port, options.host);
  log.info({ port }, 'subgraph listening');
  return {
    orm,
    schema,
    httpServer,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      calendarFirmUp.stop();
      await calendarFirmUp.idle();
      await apollo.stop();
      await orm.close();
    },
  };
}

/** Seeds demo data through the definition's seeder (all-or-nothing, once), with clients for the other subgraphs. */
export async function seedSubgraph(definition: SubgraphDefinition<any>, orm: MikroORM): Promise<void> {
  if (!definition.seedDemoData) return;
  const log = createLogger(`seed-${definition.name}`);
  const list = readSubgraphList();
  const env: SeedEnvironment = {
    log,
    graph: (name) => {
      const entry = list.subgraphs.find((s) => s.name === name);
      if (!entry) throw new Error(`No subgraph "${name}" in subgraphs.json`);
      return new GraphClient(subgraphUrl(entry, list));
    },
  };
  await loadDemoDataOnce(definition, orm, env);
}

/** The whole life of a subgraph process (its index.ts): database, migrations, optional demo data, HTTP, clean shutdown. */
export async function runSubgraph(definition: SubgraphDefinition<any>, options: StartOptions = {}): Promise<SubgraphService> {
  const entry = readSubgraphList().subgraphs.find((s) => s.name === definition.name);
  const port = options.port ?? (entry ? subgraphPort(entry) : envInt('PORT', 4100));
  const databaseUrl = options.databaseUrl ?? databaseUrlFor(definition.name);
  // Replicas started together take turns (startup-lock.ts): migrations and demo data are applied once.
  const orm = await withStartupLock(
    databaseUrl,
    `hub startup ${definition.name}`,
    async () => {
      const orm = await openDatabase(definition, databaseUrl, options.migrate ?? envBool('MIGRATE', true), options.orm);
      // Seed before listening, so readiness means "demo data is there" for whoever waits on it.
      if (options.seed ?? envBool('SEED_DEMO', false)) await seedSubgraph(definition, orm);
      return orm;
    },
    createLogger(`subgraph-${definition.name}`),
  );
  const service = await serveSubgraph(definition, orm, { port, host: options.host });
  const shutdown = async () => {
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return service;
}

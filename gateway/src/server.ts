import { readFileSync, watchFile, unwatchFile } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  answerJson,
  assertSafeForProduction,
  attachGraphQL,
  authenticate,
  createHttpServer,
  createLogger,
  envInt,
  formatError,
  internalCallHeaders,
  listen,
  readSubgraphList,
  REQUEST_ID_HEADER,
  subgraphUrl,
  type Logger,
} from '@hub/kit';
import { readGatewayConfig, type GatewayConfig } from './config';
import { documentKey } from './early-fetch';
import { listCostRule } from './cost';
import { RateLimiter } from './rate-limit';
import { passRefusalsThrough, validateKitScalarsAtTheEdge } from './refusals';
import { installResponseShaping } from './response-shaping';
import { ServerTiming } from './server-timing';
import { subgraphHttp } from './subgraph-http';
import { SubgraphTraffic, type SubgraphFetch } from './traffic';

export type { SubgraphFetch } from './traffic';
import { loadTrustedDocuments, readWebConfig, trustedDocumentsPlugin, webRoutes, type WebConfig } from './web';

/** What the gateway keeps per request: the caller's token to forward, and the request id for the logs. */
export interface GatewayContext {
  authorization?: string;
  requestId: string;
  /** The operation as sent (early-fetch.ts `documentKey`): its planned root fetches can leave early. */
  documentKey?: string;
}

/**
 * Forwards the caller's Authorization and the request id; every subgraph verifies the token itself.
 * Adds the internal-call key (HUB_INTERNAL_KEY) that lets subgraphs refuse anyone but the gateway.
 */
class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    private readonly timeoutMs: number,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(config);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    for (const [name, value] of Object.entries(internalCallHeaders())) request.http?.headers.set(name, value);
    if (!('requestId' in context)) return; // health checks and schema loads carry no caller
    const caller = context as GatewayContext;
    if (caller.authorization) request.http?.headers.set('authorization', caller.authorization);
    request.http?.headers.set(REQUEST_ID_HEADER, caller.requestId);
  }

  /** A subgraph that cannot be reached or does not answer in time: name it; the rest of the answer is still there. */
  override didEncounterError(...args: Parameters<RemoteGraphQLDataSource<GatewayContext>['didEncounterError']>): void {
    const [error] = args;
    const timedOut = error?.name === 'TimeoutError' || error?.name === 'AbortError';
    if (timedOut || (error instanceof TypeError && /fetch failed/i.test(error.message))) {
      const reason = timedOut ? `did not answer within ${this.timeoutMs} ms` : 'cannot be reached';
      throw new GraphQLError(`The ${this.serviceName} service ${reason}; the fields it provides are missing from this answer`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
      });
    }
    super.didEncounterError(...args);
  }
}

/** Like the subgraphs' formatError, and never shows a subgraph's raw HTTP response (internal URLs) to callers. */
function gatewayFormatError(log: Logger) {
  const base = formatError(log);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // graphql-armor reports its limits as "Syntax Error: …" although the query is well formed.
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /^Syntax Error: .*limit/.test(formatted.message)) {
      formatted = { ...formatted, message: formatted.message.replace(/^Syntax Error: /, 'Query refused: ') };
    }
    if (formatted.extensions?.code === 'SUBGRAPH_UNAVAILABLE')
      log.warn({ serviceName: formatted.extensions.serviceName, message: formatted.message }, 'subgraph unavailable');
    const result = base(formatted, error);
    if (!result.extensions?.response) return result;
    const { response: _response, ...extensions } = result.extensions as Record<string, unknown>;
    return { ...result, extensions };
  };
}

/** Subgraph URL by name: the subgraph list for this environment wins over the URLs baked into the supergraph file. */
export function subgraphUrls(): Map<string, string> {
  const list = readSubgraphList();
  return new Map(list.subgraphs.map((entry) => [entry.name, subgraphUrl(entry, list)]));
}

/**
 * The supergraph from the committed file, hot-reloaded: when the file changes the gateway swaps
 * in the new schema without a restart (in-flight requests finish on the old one); a file that does
 * not load keeps the old schema and logs why.
 */
function fileSupergraph(file: string, log: Logger) {
  return async ({ update }: { update: (sdl: string) => void }) => {
    let current = readFileSync(file, 'utf8');
    const onChange = () => {
      let next: string;
      try {
        next = readFileSync(file, 'utf8');
      } catch (error) {
        log.error({ err: error, file }, 'supergraph file unreadable; keeping the current schema');
        return;
      }
      if (next === current) return;
      try {
        update(next);
        current = next;
        log.info({ file }, 'supergraph reloaded');
      } catch (error) {
        log.error({ err: error, file }, 'new supergraph rejected; keeping the current schema');
      }
    };
    watchFile(file, { interval: 500 }, onChange);
    return { supergraphSdl: current, cleanup: async () => unwatchFile(file, onChange) };
  };
}

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  /** Subgraph traffic counters (merged fetches, admissions, refusals). */
  traffic: SubgraphTraffic;
  stop(): Promise<void>;
}

/** Builds and starts the gateway; `overrides` let tests point at their own subgraphs and files. */
export async function startGateway(
  overrides: Partial<GatewayConfig> & {
    urls?: Map<string, string>;
    web?: Partial<WebConfig>;
    /** Wraps the HTTP client of subgraph fetches (the benchmark records what the gateway sends). */
    wrapSubgraphFetch?: (fetch: SubgraphFetch) => SubgraphFetch;
  } = {},
): Promise<RunningGateway> {
  const config = { ...readGatewayConfig(), ...overrides };
  assertSafeForProduction('gateway', { introspection: config.introspection });
  const web = { ...readWebConfig(), ...overrides.web };
  const log = createLogger('gateway');
  // @apollo/gateway otherwise sends usage metrics to Apollo and probes cloud metadata addresses
  // (169.254.169.254, …) at start: supervision data stays on the district's network.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  // Re-read on every schema (re)load, so a department plugged in later is found without a restart.
  const urlOf = (name: string) => (overrides.urls ?? subgraphUrls()).get(name);
  const { traffic: trafficConfig } = config;
  const subgraphFetch = subgraphHttp(config.subgraphTimeoutMs);
  const traffic = new SubgraphTraffic({
    concurrency: (name) => envInt(`SUBGRAPH_MAX_CONCURRENCY_${name.toUpperCase().replace(/-/g, '_')}`, trafficConfig.maxConcurrency),
    maxQueue: () => trafficConfig.maxQueue,
    maxWaitMs: trafficConfig.maxWaitMs,
    mergeInflight: trafficConfig.mergeInflight,
    earlyRootFetches: trafficConfig.earlyRootFetches,
  });
  const timing = new ServerTiming();
  installResponseShaping(log);
  const gateway = new ApolloGateway({
    supergraphSdl: fileSupergraph(config.supergraphFile, log),
    experimental_didResolveQueryPlan: traffic.didResolveQueryPlan,
    buildService: ({ name, url }) => {
      const serviceUrl = urlOf(name) ?? url!;
      return new AuthForwardingDataSource(name, config.subgraphTimeoutMs, {
        url: serviceUrl,
        fetcher: traffic.fetcher(
          name,
          passRefusalsThrough(timing.fetcher(name, overrides.wrapSubgraphFetch?.(subgraphFetch) ?? subgraphFetch) as unknown as typeof fetch) as never,
          serviceUrl,
        ) as never,
      });
    },
  });
  validateKitScalarsAtTheEdge(gateway);
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    // armor lets `__typename` be aliased without limit by default; 1,000 of them are still abuse.
    maxAliases: { n: config.limits.maxAliases, allowList: [] },
    // graphql-js' own parse limit answers 400 (armor's token plugin throws from a hook: 500).
    maxTokens: { enabled: false },
    maxDirectives: { n: config.limits.maxDirectives },
    // Field-count cost is armor's; list sizes multiplied by `first` is ours (cost.ts).
    costLimit: { maxCost: config.limits.maxCost * 10 },
    blockFieldSuggestion: { enabled: !config.introspection },
  });
  const protection = armor.protect();
  const httpServer = createHttpServer();
  const rateLimiter = await RateLimiter.create(
    { perMinute: config.rateLimitPerMinute, store: config.rateLimitStore, databaseUrl: config.rateLimitDatabaseUrl },
    log,
  );
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: gatewayFormatError(log),
    // Compact answers: Apollo Server's default pretty-prints them (more bytes to stringify and send);
    // large ones ASCII only (kit ascii-json.ts), so that an answer with a Chinese name is not a large two-byte string.
    stringifyResult: answerJson,
    ...protection,
    validationRules: [...protection.validationRules, listCostRule(config.limits.maxCost)],
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      traffic.plugin(),
      ...(config.serverTiming ? [timing.plugin<GatewayContext>()] : []),
      // Apollo's landing page loads from a CDN; browsers get the bundled GraphiQL (web/routes.ts).
      ApolloServerPluginLandingPageDisabled(),
      trustedDocumentsPlugin(loadTrustedDocuments(web.trustedDocumentManifests), web.trustedDocuments),
    ],
  });
  await apollo.start();
  attachGraphQL(httpServer, {
    apollo,
    log,
    maxBodyBytes: config.maxBodyBytes,
    routes: webRoutes(web, log),
    readiness: async () => {
      const checks = await Promise.all(
        [...(overrides.urls ?? subgraphUrls())].map(async ([name, url]) => {
          try {
            const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2_000) });
            if (response.ok) return [name, 'ready'] as const;
            // A subgraph up without its database says so in its own readiness report.
            const report = (await response.json().catch(() => ({}))) as { database?: string };
            return [name, report.database === 'unavailable' ? 'database unavailable' : `HTTP ${response.status}`] as const;
          } catch (error) {
            return [name, `unreachable: ${(error as Error).message}`] as const;
          }
        }),
      );
      return { ok: checks.every(([, status]) => status === 'ready'), subgraphs: Object.fromEntries(checks) };
    },
    context: async (req, requestId, body) => {
      await rateLimiter.check(req);
      // Refuse a bad token at the edge with a clear 401; each subgraph verifies it again.
      await authenticate(req.headers.authorization);
      const context: GatewayContext = {
        authorization: req.headers.authorization,
        requestId,
        documentKey: req.method === 'POST' ? documentKey(body) : undefined,
      };
      // A query planned before sends its first subgraph fetch now, while Apollo Server validates and plans (early-fetch.ts).
      traffic.startEarly(context, body);
      return context;
    },
  });
  const port = await listen(httpServer, config.port);
  log.info({ port, supergraph: config.supergraphFile }, 'gateway listening');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    httpServer,
    traffic,
    async stop() {
      await apollo.stop();
      await rateLimiter.close();
    },
  };
}

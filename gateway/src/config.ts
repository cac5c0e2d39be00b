import { join } from 'node:path';
import { databaseUrlFor, envBool, envInt, envOptional, repoRoot } from '@hub/kit';
import type { RateLimitStore } from './rate-limit';

/** Gateway settings, all from the environment (see .env.example), with development defaults. */
export interface GatewayConfig {
  port: number;
  /** The composed supergraph the gateway serves (`pnpm compose` writes it). */
  supergraphFile: string;
  /** Timeout of one subgraph fetch. */
  subgraphTimeoutMs: number;
  /** Introspection and the landing page; off in production unless asked for. */
  introspection: boolean;
  maxBodyBytes: number;
  /** `Server-Timing` on GraphQL answers (server-timing.ts): SERVER_TIMING, on outside production. */
  serverTiming: boolean;
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxDirectives: number };
  /** Requests per caller per minute. */
  rateLimitPerMinute: number;
  /** `memory` (one gateway, the default) or `postgres` (shared by every gateway replica). */
  rateLimitStore: RateLimitStore;
  /** The shared store's database: RATE_LIMIT_DATABASE_URL, else `hub_gateway` on DATABASE_URL's server. */
  rateLimitDatabaseUrl?: string;
  /** Subgraph traffic (traffic.ts): concurrency bound, admission and merging of identical in-flight queries. */
  traffic: {
    /**
     * Fetches in flight to one subgraph; `SUBGRAPH_MAX_CONCURRENCY_<NAME>` overrides it for one
     * subgraph. A Node subgraph works on one request at a time: more in flight only makes each
     * slower (and late ones time out), so a few per process (×replicas) is right.
     */
    maxConcurrency: number;
    /** Admitted requests per subgraph waiting for a slot beyond the concurrency; more get 503. */
    maxQueue: number;
    /** Refuse (503) a request whose expected wait for a subgraph slot exceeds this (ms). */
    maxWaitMs: number;
    mergeInflight: boolean;
    /** A query planned before sends its root subgraph fetches as soon as the caller is authenticated (early-fetch.ts). */
    earlyRootFetches: boolean;
  };
}

export function readGatewayConfig(): GatewayConfig {
  const production = envOptional('NODE_ENV') === 'production';
  return {
    port: envInt('GATEWAY_PORT', 4000),
    supergraphFile: envOptional('SUPERGRAPH_FILE') ?? join(repoRoot(), 'schema', 'supergraph.graphql'),
    subgraphTimeoutMs: envInt('SUBGRAPH_TIMEOUT_MS', 10_000),
    introspection: envBool('INTROSPECTION', !production),
    maxBodyBytes: envInt('MAX_BODY_BYTES', 100_000),
    serverTiming: envBool('SERVER_TIMING', !production),
    limits: {
      maxDepth: envInt('MAX_QUERY_DEPTH', 12),
      maxAliases: envInt('MAX_QUERY_ALIASES', 30),
      maxTokens: envInt('MAX_QUERY_TOKENS', 10_000),
      // A page of 500 of the leaders' joined view (projects, cases, credit, bids, grades) costs about 54,000.
      maxCost: envInt('MAX_QUERY_COST', 100_000),
      maxDirectives: envInt('MAX_QUERY_DIRECTIVES', 30),
    },
    rateLimitPerMinute: envInt('RATE_LIMIT_PER_MINUTE', 600),
    rateLimitStore: rateLimitStore(envOptional('RATE_LIMIT_STORE') ?? 'memory'),
    rateLimitDatabaseUrl: envOptional('RATE_LIMIT_DATABASE_URL') ?? (envOptional('DATABASE_URL') ? databaseUrlFor('gateway') : undefined),
    traffic: {
      maxConcurrency: envInt('SUBGRAPH_MAX_CONCURRENCY', 4),
      maxQueue: envInt('SUBGRAPH_MAX_QUEUE', 64),
      maxWaitMs: envInt('SUBGRAPH_MAX_WAIT_MS', 5_000),
      mergeInflight: envBool('MERGE_INFLIGHT_FETCHES', true),
      earlyRootFetches: envBool('EARLY_ROOT_FETCHES', true),
    },
  };
}

function rateLimitStore(value: string): RateLimitStore {
  if (value === 'memory' || value === 'postgres') return value;
  throw new Error(`Setting RATE_LIMIT_STORE must be "memory" or "postgres", got "${value}"`);
}

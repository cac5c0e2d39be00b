import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFormattedError } from 'graphql';

/** Error codes that mean "the database cannot be reached right now", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  // Node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now (starting up, recovering), too many connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|Timeout acquiring a connection|the database system is (starting up|shutting down|in recovery)|Connection refused/i;

/**
 * Whether an error (or one it wraps: MikroORM, knex and pg nest them) says the database is
 * unreachable: refused or dropped connections, a server shutting down or starting, a pool that
 * cannot get a connection. SQL state class 08 is "connection exception".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, sqlState, name, message } = current as { code?: unknown; sqlState?: unknown; name?: unknown; message?: unknown };
    for (const value of [code, sqlState]) {
      if (typeof value === 'string' && (UNAVAILABLE_CODES.has(value) || /^08/.test(value))) return true;
    }
    if (name === 'ConnectionException' || name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    const next = current as { cause?: unknown; originalError?: unknown; previous?: unknown };
    current = next.cause ?? next.originalError ?? next.previous;
  }
  return false;
}

/** What the caller sees instead of "Internal server error" when the slice's database is unreachable. */
export function databaseUnavailableError(subgraph: string, formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: `The ${subgraph} database is unavailable; try again shortly`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'DATABASE_UNAVAILABLE', subgraph },
  };
}

/** Readiness of a subgraph's database: a `select 1` that must answer within `timeoutMs`. */
export async function databaseReadiness(orm: MikroORM, timeoutMs = 2_000): Promise<'up' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([orm.isConnected(), timeout])) ? 'up' : 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

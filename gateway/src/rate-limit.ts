import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { ensureDatabase, type Logger } from '@hub/kit';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Where the per-caller counters live. */
export type RateLimitStore = 'memory' | 'postgres';

export interface RateLimitSettings {
  /** Requests per caller per minute. */
  perMinute: number;
  /** `memory`: this process only (one gateway). `postgres`: shared by every gateway replica. */
  store: RateLimitStore;
  /** The database of the shared counters (store `postgres`); created if missing. */
  databaseUrl?: string;
}

/** The counters' table; rate-limiter-flexible's own layout (key, points, expire). */
const TABLE = 'gateway_rate_limit';

/**
 * Per-caller rate limit (the token, hashed; the client address when anonymous) over one-minute
 * windows, on rate-limiter-flexible. With the `postgres` store every replica counts in one table,
 * each request one atomic upsert, so N replicas still allow `perMinute`, not N times it. If that
 * database cannot be reached, each replica falls back to counting in its own memory (a limit per
 * replica rather than none) and logs it.
 */
export class RateLimiter {
  private lastStoreWarning = 0;

  private constructor(
    private readonly perMinute: number,
    private readonly limiter: RateLimiterAbstract,
    private readonly fallback: RateLimiterAbstract | undefined,
    private readonly pool: pg.Pool | undefined,
    private readonly log: Logger | undefined,
  ) {}

  static async create(settings: RateLimitSettings, log?: Logger): Promise<RateLimiter> {
    const options = { points: settings.perMinute, duration: 60, keyPrefix: 'gw' };
    if (settings.store === 'memory') return new RateLimiter(settings.perMinute, new RateLimiterMemory(options), undefined, undefined, log);
    if (!settings.databaseUrl) throw new Error('RATE_LIMIT_STORE=postgres needs a database: set RATE_LIMIT_DATABASE_URL (or DATABASE_URL)');
    const unreachable = (error: unknown) => new Error(`Rate limit store (RATE_LIMIT_STORE=postgres) unreachable: ${(error as Error).message}`);
    await ensureDatabase(settings.databaseUrl).catch((error) => {
      throw unreachable(error);
    });
    // A wait for a free connection counts as the store being down (fallback below): leave room under load.
    const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 10, connectionTimeoutMillis: 10_000, application_name: 'hub gateway rate limit' });
    // Replicas may create the table at the same moment; rate-limiter-flexible treats the loser's
    // duplicate-type error as "created by another replica".
    const connect = () =>
      new Promise<RateLimiterPostgres>((resolve, reject) => {
        const created: RateLimiterPostgres = new RateLimiterPostgres({ ...options, storeClient: pool, storeType: 'pool', tableName: TABLE }, (error?: Error) =>
          error ? reject(error) : resolve(created),
        );
      });
    // The loser of a concurrent CREATE TABLE may also see "relation … already exists" (42P07):
    // the table is there then, so a second attempt finds it.
    const limiter = await connect()
      .catch((error: Error) => (/already exists/.test(error.message) ? connect() : Promise.reject(error)))
      .catch(async (error) => {
        await pool.end();
        throw unreachable(error);
      });
    return new RateLimiter(settings.perMinute, limiter, new RateLimiterMemory(options), pool, log);
  }

  key(req: IncomingMessage): string {
    const auth = req.headers.authorization;
    if (auth) return `token:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}`;
    return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  }

  /** Counts the request; throws RATE_LIMITED (HTTP 429 with Retry-After) beyond the budget. */
  async check(req: IncomingMessage): Promise<void> {
    const key = this.key(req);
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.refusal(rejection);
      if (!this.fallback) throw rejection;
      this.warnStoreDown(rejection);
      try {
        await this.fallback.consume(key);
      } catch (fallbackRejection) {
        if (fallbackRejection instanceof RateLimiterRes) throw this.refusal(fallbackRejection);
        throw fallbackRejection;
      }
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }

  private refusal(result: RateLimiterRes): GraphQLError {
    const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    return new GraphQLError(`Rate limit exceeded: at most ${this.perMinute} requests per minute per caller; retry in ${retryAfter} s`, {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: retryAfter,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
      },
    });
  }

  /** At most one warning a minute while the shared store is down. */
  private warnStoreDown(error: unknown): void {
    const now = Date.now();
    if (now - this.lastStoreWarning < 60_000) return;
    this.lastStoreWarning = now;
    this.log?.warn({ err: error }, 'rate limit store unreachable; counting in this replica only until it is back');
  }
}

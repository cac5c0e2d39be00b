import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { ensureDatabase } from './db';

/** A 64-bit advisory-lock key from a name (the first 8 bytes of its SHA-256), as PostgreSQL's bigint. */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `work` while holding a PostgreSQL session-level advisory lock named `name` in the database
 * at `databaseUrl` (created first if missing). Replicas of one subgraph started at the same moment
 * take turns: the first applies the migrations and loads the demo data, the others wait on the lock
 * and then find both done. The lock lives on its own connection, so a replica that dies mid-way
 * releases it with its session and the next one starts over from what was committed.
 * Needs a session-level connection: not through a transaction-pooling PgBouncer.
 */
export async function withStartupLock<T>(databaseUrl: string, name: string, work: () => Promise<T>, log?: Logger): Promise<T> {
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: `hub startup lock ${name}` });
  await client.connect();
  const key = advisoryLockKey(name);
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
    if (!rows[0].locked) {
      log?.info({ lock: name }, 'another replica is applying migrations or loading demo data; waiting for it');
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
      log?.info({ lock: name }, 'startup lock acquired');
    }
    const result = await work();
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}

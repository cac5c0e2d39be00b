import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { envInt, envOptional } from '@hub/kit';
import { startEmbeddedPostgres, type RunningPostgres } from '../embedded-postgres';

/**
 * The PostgreSQL server backups and restores talk to: DATABASE_URL when set; otherwise the embedded
 * one of `pnpm start` (EMBEDDED_PG_PORT), started here for the duration when the hub is not running
 * (`create`: initialise a new data directory when there is none, for a restore into a new cluster).
 */
export async function backupServer(root: string, create: boolean): Promise<{ url: string; stop(): Promise<void> }> {
  const external = envOptional('DATABASE_URL');
  if (external) return { url: external, stop: async () => undefined };
  const port = envInt('EMBEDDED_PG_PORT', 54320);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    // The slices' database URLs (databaseUrlFor) derive from DATABASE_URL.
    process.env.DATABASE_URL = url;
    return { url, stop: async () => undefined };
  } catch {
    // not running: start it below
  }
  const dataDir = join(root, '.data', 'pg');
  if (!create && !existsSync(join(dataDir, 'PG_VERSION')))
    throw new Error(`No PostgreSQL on port ${port} and no data in .data/pg: nothing to back up (set DATABASE_URL for a server)`);
  console.log(`Starting the embedded PostgreSQL on port ${port} (data in .data/pg) for the duration …`);
  const running: RunningPostgres = await startEmbeddedPostgres({ dataDir, port, persistent: true, logFile: join(root, '.data', 'logs', 'postgres.log') });
  process.env.DATABASE_URL = running.url;
  return { url: running.url, stop: () => running.stop() };
}

/** Whether the server has the database at all (a slice never started has none). */
export async function databaseExists(url: string): Promise<boolean> {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

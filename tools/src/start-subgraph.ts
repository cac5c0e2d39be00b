import { join } from 'node:path';
import { envInt, envOptional, readSubgraphList, repoRoot, subgraphPort, subgraphUrl } from '@hub/kit';
import { runningHub } from './hub-state';
import { SupervisedProcess, type SupervisorEvent } from './supervisor';
import { waitReady } from './wait-ready';

/**
 * `pnpm start:subgraph <name>`: runs one subgraph beside a hub started with `pnpm start` (same
 * embedded PostgreSQL unless DATABASE_URL says otherwise), with demo data on first start. Used to
 * plug in a newly scaffolded department without restarting anything else. Like `pnpm start`, it
 * restarts the subgraph when it exits; Ctrl-C stops it. A subgraph the running hub already
 * supervises is left to the hub.
 */
const root = repoRoot();
const name = process.argv[2];
const list = readSubgraphList();
const entry = list.subgraphs.find((s) => s.name === name);
if (!entry) {
  console.error(`Usage: pnpm start:subgraph <name>; "${name}" is not in subgraphs.json`);
  process.exit(1);
}
const hub = runningHub(join(root, '.data'));
const supervised = hub?.services[entry.name];
if (hub && supervised) {
  console.log(`${entry.name} runs under the hub's supervision (pnpm start, pid ${hub.pid}): it is restarted automatically when it exits.
To restart it now (e.g. after a rebuild): kill ${supervised.pid ?? '<its pid>'} — the hub starts it again within seconds.
Ctrl-C in the hub's terminal stops it with the rest.`);
  process.exit(0);
}
const databaseUrl = envOptional('DATABASE_URL') ?? `postgres://postgres:postgres@127.0.0.1:${envInt('EMBEDDED_PG_PORT', 54320)}/postgres`;
const service = new SupervisedProcess({
  name: entry.name,
  args: ['--enable-source-maps', join(root, 'subgraphs', entry.name, 'dist', 'index.js')],
  cwd: root,
  env: { DATABASE_URL: databaseUrl, SEED_DEMO: envOptional('SEED_DEMO') ?? 'true' },
  logFile: join(root, '.data', 'logs', `${entry.name}.log`),
});
service.on('event', (event: SupervisorEvent) => {
  if (event.type === 'exit')
    console.error(`✗ ${entry.name} stopped (${event.signal ? `signal ${event.signal}` : `exit ${event.code}`}); restarting in ${event.restartInMs / 1000} s`);
  else console.log(`↻ ${entry.name} restarted (restart ${event.restarts})`);
});
const stop = async (code: number) => {
  console.log(`\nStopping ${entry.name} …`);
  await service.stop();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(0));
service.start();
const url = subgraphUrl(entry, list);
waitReady({
  name: entry.name,
  url: new URL('/health/ready', url).toString(),
  service,
  timeoutMs: envInt('READY_TIMEOUT_SECONDS', 900) * 1000,
  prefix: `Starting subgraph ${entry.name} on port ${subgraphPort(entry)} … `,
}).then(
  () => console.log(`${entry.name} is serving ${url}; logs in .data/logs/${entry.name}.log. Restarted if it exits; Ctrl-C stops it.`),
  async (error: Error) => {
    console.error(`✗ ${error.message}`);
    await stop(1);
  },
);

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { envInt, envOptional, readSubgraphList, repoRoot, subgraphPort } from '@hub/kit';

/**
 * `pnpm start:subgraph <name>`: runs one subgraph beside a hub started with `pnpm start` (same
 * embedded PostgreSQL unless DATABASE_URL says otherwise), with demo data on first start. Used to
 * plug in a newly scaffolded department without restarting anything else.
 */
const name = process.argv[2];
const entry = readSubgraphList().subgraphs.find((s) => s.name === name);
if (!entry) {
  console.error(`Usage: pnpm start:subgraph <name>; "${name}" is not in subgraphs.json`);
  process.exit(1);
}
const databaseUrl = envOptional('DATABASE_URL') ?? `postgres://postgres:postgres@127.0.0.1:${envInt('EMBEDDED_PG_PORT', 54320)}/postgres`;
console.log(`Starting subgraph ${entry.name} on port ${subgraphPort(entry)} …`);
const child = spawn(process.execPath, ['--enable-source-maps', join(repoRoot(), 'subgraphs', entry.name, 'dist', 'index.js')], {
  env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: envOptional('SEED_DEMO') ?? 'true' },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openDatabase, repoRoot, seedSubgraph, serveSubgraph, signDevToken, type SubgraphService } from '@hub/kit';
import { startGateway } from '@hub/gateway';
import { freePort, startEmbeddedPostgres } from './embedded-postgres';
import { loadSubgraphs } from './load-subgraphs';

/**
 * `pnpm bench`: a rerunnable benchmark of the composed graph on the demo dataset (200 projects,
 * ~150 market entities, ~1,000 bids and the other slices' demo data), through the real gateway
 * over loopback HTTP, on a throw-away embedded PostgreSQL. For each operation it reports latency
 * percentiles and the SQL statements each subgraph ran per request — the "no query per row"
 * property, measured. Results go to bench-results/latest.json. `BENCH_ITERATIONS` (default 30).
 */
// One JSON log line per request would bury the results; LOG_LEVEL=info brings them back.
process.env.LOG_LEVEL ??= 'warn';

interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const OPERATIONS: Operation[] = [
  {
    name: 'projects page of 20 (dashboard list)',
    query: `{ projects(first: 20) { totalCount nodes { code name stage supervisingDepartment { code name } tenderer { name creditCode } } } }`,
  },
  {
    name: 'projects page of 100 with bids and bidders',
    query: `{ projects(first: 100) { totalCount nodes { code stage tenderer { name } bids { amount awarded bidder { name creditCode } } stageRecords { kind occurredOn } } } }`,
  },
  {
    name: "leaders' joined view: 50 projects, cases, bidders' grade at bid",
    query: `{ projects(first: 50) { totalCount nodes { code stage cases { status kind } creditRecords { status }
      bids { amount bidder { name } bidderCreditAtBid { grade score } bidderRestricted } } } }`,
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 30);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const services: { name: string; service: SubgraphService; orm: MikroORM }[] = [];
  try {
    const started = Date.now();
    for (const { entry, definition } of loadSubgraphs()) {
      const orm = await openDatabase(definition, pg.url.replace(/\/postgres$/, `/bench_${entry.name.replace(/-/g, '_')}`));
      await seedSubgraph(definition, orm);
      const service = await serveSubgraph(definition, orm, { port: 0, host: '127.0.0.1' });
      process.env[`${entry.name.toUpperCase().replace(/-/g, '_')}_URL`] = service.url;
      services.push({ name: entry.name, service, orm });
    }
    console.log(`Demo dataset loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const gateway = await startGateway({
      port: 0,
      urls: new Map(services.map((s) => [s.name, s.service.url])),
      supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'),
      rateLimitPerMinute: 1_000_000,
    });
    const token = await signDevToken({ sub: 'bench', role: 'LEADER' });
    const counters = new Map(services.map((s) => [s.name, 0]));
    for (const s of services) s.orm.em.getConnection().getKnex().on('query', () => counters.set(s.name, (counters.get(s.name) ?? 0) + 1));
    const send = async (op: Operation) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: op.query, variables: op.variables ?? {} }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (body.errors) throw new Error(`${op.name}: ${body.errors.map((e) => e.message).join('; ')}`);
    };
    const results = [];
    for (const op of OPERATIONS) {
      for (let i = 0; i < 3; i += 1) await send(op); // warm-up
      for (const name of counters.keys()) counters.set(name, 0);
      const timings: number[] = [];
      for (let i = 0; i < iterations; i += 1) {
        const t0 = process.hrtime.bigint();
        await send(op);
        timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      timings.sort((a, b) => a - b);
      const statements = Object.fromEntries([...counters].map(([name, count]) => [name, count / iterations]));
      const result = { operation: op.name, iterations, p50ms: percentile(timings, 50), p95ms: percentile(timings, 95), maxMs: timings[timings.length - 1], statementsPerRequest: statements };
      results.push(result);
      console.log(
        `${op.name.padEnd(48)} p50 ${result.p50ms.toFixed(1).padStart(7)} ms  p95 ${result.p95ms.toFixed(1).padStart(7)} ms  SQL/request ${Object.entries(statements)
          .filter(([, n]) => n > 0)
          .map(([name, n]) => `${name}=${n}`)
          .join(' ')}`,
      );
    }
    mkdirSync(join(repoRoot(), 'bench-results'), { recursive: true });
    writeFileSync(join(repoRoot(), 'bench-results', 'latest.json'), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
    await gateway.stop();
  } finally {
    for (const s of services) await s.service.stop();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

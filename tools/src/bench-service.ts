import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { openDatabase, repoRoot, seedSubgraph, serveSubgraph } from '@hub/kit';
import { startGateway, type SubgraphFetch } from '@hub/gateway';
import { loadSubgraphs } from './load-subgraphs';

/**
 * One service of `pnpm bench` in its own process (tools/src/bench.ts forks one per subgraph and one
 * for the gateway), so that `process.cpuUsage()` is that service's CPU alone. Answers the parent
 * over IPC: `stats` (CPU microseconds, garbage-collection pause microseconds, SQL statements so far), `record` (the gateway's subgraph
 * fetches, to replay them directly), `stop`.
 *
 * Environment: BENCH_ROLE (`gateway` or a subgraph name), BENCH_DATABASE_URL and BENCH_SEED for a
 * subgraph, BENCH_URLS (JSON pairs name → URL) for the gateway.
 */

export interface RecordedFetch {
  url: string;
  headers: Record<string, string>;
  body: string;
  start: number;
  end: number;
}

export type ServiceMessage =
  | { type: 'ready'; url: string }
  | { type: 'stats'; cpuMicros: number; gcMicros: number; statements: number; merged?: number; refused?: number }
  | { type: 'recording' }
  | { type: 'recorded'; fetches: RecordedFetch[] };

process.env.LOG_LEVEL ??= 'warn';

async function main() {
  const role = process.env.BENCH_ROLE;
  if (!role) throw new Error('BENCH_ROLE is not set');
  let statements = 0;
  // Time the main thread spent in garbage-collection pauses, to weigh heap settings against each other.
  let gcMicros = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMicros += entry.duration * 1000;
  }).observe({ entryTypes: ['gc'] });
  let recording: RecordedFetch[] | undefined;
  let stop: () => Promise<void>;
  let url: string;
  let counters: () => { merged?: number; refused?: number } = () => ({});
  if (role === 'gateway') {
    // Record what the gateway's data sources send, to replay it directly.
    const record =
      (send: SubgraphFetch): SubgraphFetch =>
      async (input, init) => {
        if (!recording || typeof init?.body !== 'string') return send(input, init);
        const entry: RecordedFetch = {
          url: String(input),
          headers: { ...(init.headers as Record<string, string>) },
          body: init.body,
          start: performance.now(),
          end: 0,
        };
        recording.push(entry);
        try {
          const response = await send(input, init);
          const text = await response.text();
          entry.end = performance.now();
          return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
        } catch (error) {
          entry.end = performance.now();
          throw error;
        }
      };
    const gateway = await startGateway({
      wrapSubgraphFetch: record,
      port: 0,
      urls: new Map(JSON.parse(process.env.BENCH_URLS ?? '[]') as [string, string][]),
      supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'),
      rateLimitPerMinute: 1_000_000_000,
    });
    url = gateway.url;
    stop = () => gateway.stop();
    counters = () => ({ merged: gateway.traffic.merger.stats.merged, refused: gateway.traffic.admission.stats.refused });
  } else {
    const found = loadSubgraphs().find((s) => s.entry.name === role);
    if (!found) throw new Error(`No subgraph "${role}" in subgraphs.json`);
    const orm = await openDatabase(found.definition, process.env.BENCH_DATABASE_URL!);
    if (process.env.BENCH_SEED === 'true') await seedSubgraph(found.definition, orm);
    orm.em
      .getConnection()
      .getKnex()
      .on('query', () => (statements += 1));
    const service = await serveSubgraph(found.definition, orm, { port: 0, host: '127.0.0.1' });
    url = service.url;
    stop = () => service.stop();
  }
  process.on('message', (message: { type: string; on?: boolean }) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      process.send!({ type: 'stats', cpuMicros: cpu.user + cpu.system, gcMicros: Math.round(gcMicros), statements, ...counters() } satisfies ServiceMessage);
    } else if (message.type === 'record') {
      if (message.on) {
        recording = [];
        process.send!({ type: 'recording' } satisfies ServiceMessage);
      } else {
        process.send!({ type: 'recorded', fetches: recording ?? [] } satisfies ServiceMessage);
        recording = undefined;
      }
    } else if (message.type === 'stop') {
      // A normal exit, so that --cpu-prof writes its profile.
      void stop().finally(() => process.exit(0));
    }
  });
  // The benchmark died: stop too (and write the CPU profile).
  process.once('disconnect', () => void stop().finally(() => process.exit(0)));
  process.send!({ type: 'ready', url } satisfies ServiceMessage);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { openDatabase, repoRoot, seedSubgraph, serveSubgraph } from '@hub/kit';
import type { SubgraphFetch } from '@hub/gateway';
import { loadSubgraphs } from './load-subgraphs';

/**
 * One service of `pnpm bench` in its own process (tools/src/bench.ts forks one per subgraph and one
 * for the gateway), so that `process.cpuUsage()` is that service's CPU alone. Answers the parent
 * over IPC: `stats` (CPU microseconds, garbage-collection pause microseconds, SQL statements so far), `record` (the gateway's subgraph
 * fetches, to replay them directly), `timeline` (on: start timing the gateway's requests; off: their
 * {@link GatewayTimeline}s), `stop`.
 *
 * A third role, `hop`, is one HTTP round trip and nothing else: it answers every POST with the
 * operation's gateway answer (`hop-answer` sets it), the floor any gateway adds to direct fetches.
 *
 * Environment: BENCH_ROLE (`gateway`, `gateway-b`, `hop` or a subgraph name), BENCH_DATABASE_URL and BENCH_SEED for a
 * subgraph, BENCH_URLS (JSON pairs name → URL) for the gateway.
 */

export interface RecordedFetch {
  url: string;
  headers: Record<string, string>;
  body: string;
  start: number;
  end: number;
  /** The subgraph's answer as read (for tools/src/bench-gateway.ts, which serves it again). */
  answer?: string;
  status?: number;
}

/** `pnpm bench`'s BENCH_RECORD file: each operation as sent to the gateway, and the subgraph fetches and answers of one run of it. */
export type Recording = { operation: string; query: string; operationName?: string; variables: Record<string, unknown>; fetches: RecordedFetch[] }[];

/**
 * One request through the gateway as a timeline: when it came in and when its answer was written,
 * when each subgraph fetch was sent and its answer read (ms on the monotonic clock), and the gateway
 * process's CPU ms at each of those moments. What lies before the first fetch and after the last is
 * the gateway's own part of the request's critical path.
 */
export interface GatewayTimeline {
  in: number;
  out: number;
  cpuIn: number;
  cpuOut: number;
  fetches: { start: number; end: number; cpuStart: number; cpuEnd: number }[];
}

export type ServiceMessage =
  | { type: 'ready'; url: string }
  | { type: 'stats'; cpuMicros: number; gcMicros: number; statements: number; merged?: number; refused?: number }
  | { type: 'recording' }
  | { type: 'recorded'; fetches: RecordedFetch[] }
  | { type: 'timeline'; requests: GatewayTimeline[] }
  | { type: 'hop-ready' };

const cpuMs = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
};

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
  // Timelines of the gateway's requests, one at a time (the benchmark's pairs): fetches go to the request last started.
  let timelines: GatewayTimeline[] | undefined;
  let stop: () => Promise<void>;
  let url: string;
  let counters: () => { merged?: number; refused?: number } = () => ({});
  /** The `hop` role's answer: what it sends back to every POST (bench.ts sets it per operation). */
  let hopAnswer = Buffer.alloc(0);
  if (role === 'hop') {
    // One HTTP round trip and nothing else: reads the request, answers the operation's gateway answer.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': hopAnswer.length });
        res.end(hopAnswer);
      });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    stop = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
  } else if (role === 'gateway' || role === 'gateway-b') {
    // BENCH_GATEWAY_DIST: another build of the gateway (bench.ts BENCH_COMPARE_GATEWAY).
    const { startGateway } = (
      process.env.BENCH_GATEWAY_DIST ? await import(join(process.env.BENCH_GATEWAY_DIST, 'server.js')) : await import('@hub/gateway')
    ) as typeof import('@hub/gateway');
    // Record what the gateway's data sources send, to replay it directly.
    const record =
      (send: SubgraphFetch): SubgraphFetch =>
      async (input, init) => {
        const timeline = timelines?.at(-1);
        if (timeline) {
          const fetch = { start: performance.now(), end: 0, cpuStart: cpuMs(), cpuEnd: 0 };
          timeline.fetches.push(fetch);
          try {
            return await send(input, init);
          } finally {
            fetch.end = performance.now();
            fetch.cpuEnd = cpuMs();
          }
        }
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
          entry.answer = text;
          entry.status = response.status;
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
    // First among the request listeners, so that the request's time starts before the gateway's handler runs.
    gateway.httpServer.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!timelines || req.method !== 'POST') return;
      const timeline: GatewayTimeline = { in: performance.now(), out: 0, cpuIn: cpuMs(), cpuOut: 0, fetches: [] };
      timelines.push(timeline);
      res.once('finish', () => {
        timeline.out = performance.now();
        timeline.cpuOut = cpuMs();
      });
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
  process.on('message', (message: { type: string; on?: boolean; text?: string }) => {
    if (message.type === 'timeline') {
      if (message.on) timelines = [];
      process.send!({ type: 'timeline', requests: timelines ?? [] } satisfies ServiceMessage);
      if (!message.on) timelines = undefined;
      return;
    }
    if (message.type === 'hop-answer') {
      hopAnswer = Buffer.from(message.text ?? '');
      process.send!({ type: 'hop-ready' } satisfies ServiceMessage);
      return;
    }
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

import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readSubgraphList, repoRoot, signDevToken } from '@hub/kit';
import type { Recording } from './bench-service';

/**
 * The gateway alone, on recorded subgraph answers: its CPU milliseconds per request and its latency,
 * for one or more builds of it side by side, without PostgreSQL or subgraphs (whose CPU and noise
 * would hide a change of a tenth of a millisecond).
 *
 *   BENCH_RECORD=/tmp/rec.json BENCH_SKIP_SCALING=1 pnpm bench        # once: the requests and answers
 *   cp -r gateway/dist gateway/dist-before                            # a build to compare against
 *   node tools/dist/bench-gateway.js /tmp/rec.json dist-before dist   # builds under gateway/
 *
 * One process serves every recorded subgraph answer (by the fetch's body, instantly); one process per
 * build runs the gateway (`startGateway` of that build, production settings). The builds take turns
 * in blocks of requests (BENCH_BLOCK, default 20) for BENCH_ROUNDS rounds (default 20), the order
 * alternating, after BENCH_WARM requests each (default 300: the JIT settles late); each block gives
 * the gateway's CPU per request (`process.cpuUsage` before and after, in its own process) and the
 * client's median latency. With two builds it also prints the median of the per-round differences,
 * which is what to read on a busy machine. BENCH_ONLY=<words,…> picks operations, as in `pnpm bench`.
 * A build's answers are checked against the recorded one (as parsed JSON) before timing.
 */

interface Child {
  name: string;
  child: ChildProcess;
  url: string;
  cpu: number[];
  latency: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const next = <T>(child: ChildProcess) => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));

async function serveAnswers(recording: Recording): Promise<number> {
  const answers = new Map<string, { status: number; bytes: Buffer }>();
  for (const op of recording)
    for (const f of op.fetches) if (f.answer !== undefined) answers.set(f.body, { status: f.status ?? 200, bytes: Buffer.from(f.answer) });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = answers.get(Buffer.concat(chunks).toString('utf8'));
      if (!answer) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'bench-gateway: no recorded answer for this fetch' }] }));
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.bytes.length });
      res.end(answer.bytes);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function gatewayRole(dist: string, subgraphPort: number) {
  const { startGateway } = (await import(join(dist, 'server.js'))) as typeof import('@hub/gateway');
  const names = readSubgraphList().subgraphs.map((entry) => entry.name);
  const gateway = await startGateway({
    port: 0,
    urls: new Map(names.map((name) => [name, `http://127.0.0.1:${subgraphPort}/${name}/graphql`])),
    supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'),
    rateLimitPerMinute: 1_000_000_000,
  });
  process.on('message', (message: string) => {
    if (message === 'cpu') {
      const cpu = process.cpuUsage();
      process.send!({ cpu: (cpu.user + cpu.system) / 1000 });
    } else if (message === 'stop') void gateway.stop().finally(() => process.exit(0));
  });
  process.send!({ url: gateway.url });
}

async function main() {
  const [file, ...builds] = process.argv.slice(2);
  if (!file) throw new Error('usage: node tools/dist/bench-gateway.js <BENCH_RECORD file> [build under gateway/ …] (default: dist)');
  const recording = (JSON.parse(readFileSync(file, 'utf8')) as Recording).filter(
    (op) =>
      !process.env.BENCH_ONLY ||
      process.env.BENCH_ONLY.toLowerCase()
        .split(',')
        .some((w) => op.operation.toLowerCase().includes(w)),
  );
  const port = await serveAnswers(recording);
  // The token is signed here with this run's secret: the answers do not depend on it.
  const token = await signDevToken({ sub: 'bench', role: 'LEADER' });
  const children: Child[] = [];
  for (const build of builds.length ? builds : ['dist']) {
    const dist = isAbsolute(build) ? build : join(repoRoot(), 'gateway', build);
    const child = fork(__filename, ['--gateway', dist, String(port)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--max-semi-space-size=32'],
    });
    children.push({ name: build, child, url: (await next<{ url: string }>(child)).url, cpu: [], latency: [] });
  }
  const block = Number(process.env.BENCH_BLOCK ?? 20);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const warm = Number(process.env.BENCH_WARM ?? 300);
  for (const op of recording) {
    const post = async (url: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: op.query, operationName: op.operationName, variables: op.variables }),
      });
      return response.text();
    };
    let reference: string | undefined;
    for (const c of children) {
      c.cpu = [];
      c.latency = [];
      const answer = JSON.stringify(JSON.parse(await post(c.url)));
      if (answer.includes('"errors"')) throw new Error(`${c.name}: ${op.operation}: ${answer.slice(0, 500)}`);
      if (reference !== undefined && answer !== reference) throw new Error(`${c.name}: ${op.operation}: the answer differs from ${children[0].name}'s`);
      reference ??= answer;
      for (let i = 0; i < warm; i += 1) await post(c.url);
    }
    const loads = [loadavg()[0]];
    for (let r = 0; r < rounds; r += 1) {
      for (const c of r % 2 ? [...children].reverse() : children) {
        c.child.send('cpu');
        const before = (await next<{ cpu: number }>(c.child)).cpu;
        const times: number[] = [];
        for (let i = 0; i < block; i += 1) {
          const t0 = performance.now();
          await post(c.url);
          times.push(performance.now() - t0);
        }
        c.child.send('cpu');
        c.cpu.push(((await next<{ cpu: number }>(c.child)).cpu - before) / block);
        c.latency.push(median(times));
      }
    }
    loads.push(loadavg()[0]);
    console.log(`${op.operation} (${op.fetches.length} fetches; load ${loads.map((l) => l.toFixed(1)).join(' → ')})`);
    for (const c of children)
      console.log(
        `  ${c.name.padEnd(16)} CPU ms/request ${median(c.cpu).toFixed(3)} (blocks ${Math.min(...c.cpu).toFixed(2)}–${Math.max(...c.cpu).toFixed(2)})  latency p50 ${median(c.latency).toFixed(3)} ms`,
      );
    if (children.length === 2) {
      const [a, b] = children;
      const diff = (pick: (c: Child) => number[]) => median(pick(b).map((v, i) => v - pick(a)[i])).toFixed(3);
      console.log(`  ${b.name} − ${a.name}, median of the rounds' differences: CPU ${diff((c) => c.cpu)} ms, latency ${diff((c) => c.latency)} ms`);
    }
  }
  for (const c of children) {
    c.child.send('stop');
    await new Promise((resolve) => c.child.once('exit', resolve));
  }
  process.exit(0);
}

// Production settings, with this run's own secrets (production refuses the development ones).
Object.assign(process.env, {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: process.env.BENCH_GATEWAY_SECRET ?? (process.env.BENCH_GATEWAY_SECRET = randomBytes(32).toString('hex')),
  HUB_INTERNAL_KEY: process.env.BENCH_GATEWAY_INTERNAL_KEY ?? (process.env.BENCH_GATEWAY_INTERNAL_KEY = randomBytes(16).toString('hex')),
  INTROSPECTION: 'false',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

if (process.argv[2] === '--gateway') {
  gatewayRole(process.argv[3], Number(process.argv[4])).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

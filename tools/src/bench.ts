import { fork, execSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, OperationTypeNode, Kind } from 'graphql';
import { knex } from '@mikro-orm/postgresql';
import { readSubgraphList, repoRoot, signDevToken } from '@hub/kit';
import type { GatewayTimeline, RecordedFetch, Recording, ServiceMessage } from './bench-service';
import { freePort, startEmbeddedPostgres } from './embedded-postgres';
import { SERVICE_NODE_FLAGS } from './node-flags';

/**
 * `pnpm bench`: the performance story of the composed graph, rerunnable and comparable between
 * commits. Every service runs in its own process (tools/src/bench-service.ts) on a throw-away
 * embedded PostgreSQL loaded with the demo data set, so the CPU each one spends is measured apart.
 *
 * For each operation (the benchmark's own and every operation in schema/operations/*.graphql):
 * - p50/p95 latency through the gateway, one request at a time;
 * - CPU milliseconds per request of every service (process.cpuUsage deltas in each process) and
 *   SQL statements per request of every subgraph;
 * - the gateway's overhead: the same subgraph fetches the gateway sent for one request, replayed
 *   directly in the same order and overlap, in pairs within the same seconds: each of 5 rounds gives
 *   p50 against p50, the median of the rounds is the ratio and their min–max its spread;
 * - the floor of that ratio: the direct replay followed by one more HTTP round trip to a process that
 *   only answers the operation's answer (what any gateway adds at the least), in pairs with the direct
 *   replay alone, in rounds the same way; and the gateway ÷ that floor (the median of the rounds'
 *   ratios, round i of the gateway's over round i of the floor's);
 * - what that overhead is made of: the gateway's own time on each request's critical path in those
 *   pairs (before its first subgraph fetch, between fetches, after the last; CPU ms of the first and
 *   the last), from a timeline of every request the gateway served (tools/src/bench-service.ts);
 * - requests per second with 10 and 50 concurrent clients (each with its own token, so nothing is
 *   merged between them), and how many answers were complete, refused (503) or partial.
 * Then the joined view's p50 at 10, 50, 100 and 500 projects on a bigger data set (the demo
 * projects plus copies with their bids, stage records, cases and credit records: 1,000 projects).
 *
 * Writes bench-results/<commit>-<time>.json and bench-results/latest.json; `--readme` also replaces
 * the table between the bench markers in README.md. Settings: BENCH_ITERATIONS (default 30),
 * BENCH_DATA_DIR (keep the loaded database between runs), BENCH_CPU_PROF=<service,…> (write
 * V8 CPU profiles of those services to bench-results/profiles; BENCH_CPU_PROF_INTERVAL=<µs> to sample
 * more often than every 1000 µs), BENCH_ONLY=<words,…> (operations
 * whose name contains one of them), BENCH_SKIP_SCALING=1, BENCH_SCALING=<sizes,…> (the joined view's page sizes
 * instead of 10,50,100,500, e.g. `100` to profile one size), BENCH_NODE_FLAGS (the services' Node
 * flags instead of production's, tools/src/node-flags.ts; empty for none), BENCH_DEVELOPMENT=1 (the
 * services without NODE_ENV=production, as `pnpm start` runs them), BENCH_COMPARE_GATEWAY=<build
 * directory under gateway/, e.g. a copy of another commit's gateway/dist> (run that build too, on the
 * same subgraphs, and compare both with the direct replay in the same rounds), BENCH_RECORD=<file> (write each
 * operation's request and the subgraph fetches and answers of one run of it, for tools/src/bench-gateway.ts).
 */
process.env.LOG_LEVEL ??= 'warn';

/**
 * The services run as deployed (Dockerfile, docker-compose.yml and the Kubernetes manifests set
 * NODE_ENV=production): graphql-js checks types with a plain `instanceof` only in production (its
 * development check looks up class names on every miss, a few per cent of each subgraph's CPU), and the
 * gateway sends no Server-Timing. Production refuses the development secret and subgraphs open to
 * anyone (kit/src/production-safety.ts), so each run makes its own. BENCH_DEVELOPMENT=1 measures
 * without (as `pnpm start` runs).
 */
if (!process.env.BENCH_DEVELOPMENT) {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    HUB_INTERNAL_KEY: randomBytes(16).toString('hex'),
    INTROSPECTION: 'false',
  });
}

interface Operation {
  name: string;
  query: string;
  operationName?: string;
  variables?: () => Record<string, unknown>;
}

const JOINED_VIEW = (first: number) => `{ projects(first: ${first}) { totalCount nodes { code stage cases { status kind } creditRecords { status }
      bids { amount bidder { name } bidderCreditAtBid { grade score } bidderRestricted } } } }`;

export const OPERATIONS: Operation[] = [
  {
    name: 'projects page of 20 (dashboard list)',
    query: `{ projects(first: 20) { totalCount nodes { code name stage supervisingDepartment { code name } tenderer { name creditCode } } } }`,
  },
  {
    name: 'projects page of 100 with bids and bidders',
    query: `{ projects(first: 100) { totalCount nodes { code stage tenderer { name } bids { amount awarded bidder { name creditCode } } stageRecords { kind occurredOn } } } }`,
  },
  { name: "leaders' joined view: 50 projects, cases, bidders' grade at bid", query: JOINED_VIEW(50) },
];
const JOINED = OPERATIONS[2].name;

/** Variables for the dashboards' operations, from the data set (ids differ per database). */
const sample: { projectId?: string; creditCode?: string } = {};
const OPERATION_VARIABLES: Record<string, () => Record<string, unknown>> = {
  ProjectsOverview: () => ({ first: 20 }),
  ProjectDetail: () => ({ id: sample.projectId }),
  MarketEntityProfile: () => ({ creditCode: sample.creditCode }),
};

function dashboardOperations(): Operation[] {
  const dir = join(repoRoot(), 'schema', 'operations');
  const operations: Operation[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const definition of parse(text).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== OperationTypeNode.QUERY || !definition.name) continue;
      const operationName = definition.name.value;
      operations.push({ name: `${operationName} (${file})`, query: text, operationName, variables: OPERATION_VARIABLES[operationName] ?? (() => ({})) });
    }
  }
  return operations;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Service {
  name: string;
  child: ChildProcess;
  url: string;
}

function request<T extends ServiceMessage['type']>(service: Service, message: object, reply: T): Promise<Extract<ServiceMessage, { type: T }>> {
  return new Promise((resolve) => {
    const listener = (m: ServiceMessage) => {
      if (m.type !== reply) return;
      service.child.off('message', listener);
      resolve(m as Extract<ServiceMessage, { type: T }>);
    };
    service.child.on('message', listener);
    service.child.send(message);
  });
}

/** The services' Node flags: production's, or BENCH_NODE_FLAGS (space-separated, empty for none) to weigh others against them. */
const serviceFlags = process.env.BENCH_NODE_FLAGS === undefined ? SERVICE_NODE_FLAGS : process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean);

function startService(name: string, env: Record<string, string>, profile: boolean): Promise<Service> {
  const profileDir = join(repoRoot(), 'bench-results', 'profiles');
  if (profile) mkdirSync(profileDir, { recursive: true });
  const child = fork(join(__dirname, 'bench-service.js'), [], {
    env: { ...process.env, ...env, BENCH_ROLE: name },
    execArgv: [
      ...serviceFlags,
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : []),
      // V8 samples every 1000 µs by default: too coarse for a request of a few milliseconds.
      ...(profile && process.env.BENCH_CPU_PROF_INTERVAL ? [`--cpu-prof-interval=${process.env.BENCH_CPU_PROF_INTERVAL}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
    child.on('message', (m: ServiceMessage) => {
      if (m.type === 'ready') {
        child.removeAllListeners('exit');
        resolve({ name, child, url: m.url });
      }
    });
  });
}

type Outcome = 'complete' | 'refused' | 'partial' | 'failed';

interface Sent {
  outcome: Outcome;
  body?: { data?: any; errors?: { message: string }[] };
}

async function post(url: string, token: string, op: Operation, first?: number): Promise<Sent> {
  const variables = op.variables?.() ?? {};
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: first ? JOINED_VIEW(first) : op.query, operationName: op.operationName, variables }),
  });
  const text = await response.text();
  if (response.status === 503) return { outcome: 'refused' };
  let body: Sent['body'];
  try {
    body = JSON.parse(text);
  } catch {
    return { outcome: 'failed' };
  }
  if (!body?.errors) return { outcome: 'complete', body };
  return { outcome: body.data ? 'partial' : 'failed', body };
}

async function cpuAndStatements(services: Service[]) {
  const stats = await Promise.all(services.map((s) => request(s, { type: 'stats' }, 'stats')));
  return new Map(services.map((s, i) => [s.name, stats[i]]));
}

/** Replays recorded subgraph fetches directly: each starts once every fetch that had ended before it started has ended. */
async function replay(fetches: RecordedFetch[]): Promise<void> {
  const done: Promise<void>[] = [];
  for (const [i, f] of fetches.entries()) {
    const before = fetches.slice(0, i).flatMap((g, j) => (g.end <= f.start ? [done[j]] : []));
    done.push(
      (async () => {
        await Promise.all(before);
        const response = await fetch(f.url, { method: 'POST', headers: f.headers, body: f.body });
        await response.json();
      })(),
    );
  }
  await Promise.all(done);
}

/** Rounds of the gateway ÷ direct measurement (BENCH_RATIO_ROUNDS); each gives its own ratio, their min–max is the spread. */
const RATIO_ROUNDS = Math.max(1, Number(process.env.BENCH_RATIO_ROUNDS ?? 5));

const elapsed = async (work: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

/**
 * The gateway's time against the same subgraph fetches sent directly. Requests go in pairs, one
 * through the gateway and one replayed directly, back to back, the pair's order alternating (so
 * neither side always runs right after the other); the pairs are grouped in rounds. A change of
 * load on the machine lands on both sides of a pair alike; each round gives its ratio of p50s, and
 * their min–max shows how far the ratio moves within one run.
 */
async function gatewayAgainstDirect(
  viaGateway: () => Promise<unknown>,
  direct: () => Promise<unknown>,
  iterations: number,
): Promise<{ viaGateway: number[]; direct: number[]; rounds: number[] }> {
  // The direct side's connections and the subgraphs' caches warm, as the gateway's are by then.
  for (let i = 0; i < 3; i += 1) await direct();
  const pairsPerRound = Math.max(10, Math.ceil(iterations / 2));
  const all = { viaGateway: [] as number[], direct: [] as number[], rounds: [] as number[] };
  for (let r = 0; r < RATIO_ROUNDS; r += 1) {
    const g: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < pairsPerRound; i += 1) {
      if (i % 2 === 0) {
        g.push(await elapsed(viaGateway));
        d.push(await elapsed(direct));
      } else {
        d.push(await elapsed(direct));
        g.push(await elapsed(viaGateway));
      }
    }
    all.rounds.push(median(g) / median(d));
    all.viaGateway.push(...g);
    all.direct.push(...d);
  }
  return all;
}

/**
 * The floor of the gateway ÷ direct ratio: what any gateway adds at the least, one more HTTP round
 * trip between the client and another process that answers the operation's answer (the `hop` service,
 * which does nothing else), the client reading and parsing it. Pairs of the direct replay alone and
 * the direct replay followed by that round trip, in rounds like the gateway's pairs; each round gives
 * its ratio of p50s.
 */
async function floorOfAnyGateway(direct: () => Promise<unknown>, hop: () => Promise<unknown>, iterations: number): Promise<number[]> {
  for (let i = 0; i < 3; i += 1) await hop();
  const withHop = async () => {
    await direct();
    await hop();
  };
  return (await gatewayAgainstDirect(withHop, direct, iterations)).rounds;
}

/**
 * Two gateway builds against the same direct replay (BENCH_COMPARE_GATEWAY): requests go in triplets
 * (this build, the other build, direct), the order rotating from triplet to triplet, in rounds; each
 * round gives each build's ratio of p50s to the direct p50 of the same round. A change between two
 * commits smaller than the ratio's spread between whole runs shows here, where both builds meet the
 * same load at the same moments.
 */
async function compareGateways(
  sides: { a: () => Promise<unknown>; b: () => Promise<unknown>; direct: () => Promise<unknown> },
  iterations: number,
): Promise<{ a: number[]; b: number[]; direct: number[]; roundsA: number[]; roundsB: number[] }> {
  for (let i = 0; i < 3; i += 1) for (const side of [sides.a, sides.b, sides.direct]) await side();
  const perRound = Math.max(10, Math.ceil(iterations / 2));
  const all = { a: [] as number[], b: [] as number[], direct: [] as number[], roundsA: [] as number[], roundsB: [] as number[] };
  const names = ['a', 'b', 'direct'] as const;
  for (let r = 0; r < RATIO_ROUNDS; r += 1) {
    const times = { a: [] as number[], b: [] as number[], direct: [] as number[] };
    for (let i = 0; i < perRound; i += 1) {
      for (let k = 0; k < 3; k += 1) {
        const name = names[(k + i) % 3];
        times[name].push(await elapsed(sides[name]));
      }
    }
    all.roundsA.push(median(times.a) / median(times.direct));
    all.roundsB.push(median(times.b) / median(times.direct));
    for (const name of names) all[name].push(...times[name]);
  }
  return all;
}

/**
 * The gateway's own part of its requests' critical path, from their timelines (p50s, ms): from the
 * request's arrival to its first subgraph fetch (reading the request, Apollo Server's pipeline, the
 * plan), the time between fetches when none is in flight (reading an answer, building the next
 * fetch's representations), and from the last subgraph answer to the answer written (merging,
 * shaping, serialising, writing); with the gateway's CPU ms in the first and the last. A direct replay
 * of the same fetches has none of these, only its own client's work: they are what the gateway ÷ direct
 * ratio is made of, apart from the extra hop from the client to the gateway and back.
 */
function gatewayOwnTime(timelines: GatewayTimeline[]) {
  const complete = timelines.filter((t) => t.out > 0 && t.fetches.length > 0 && t.fetches.every((f) => f.end > 0));
  if (!complete.length) return undefined;
  const parts = complete.map((t) => {
    const byStart = [...t.fetches].sort((a, b) => a.start - b.start);
    const first = byStart[0];
    const last = t.fetches.reduce((a, b) => (b.end > a.end ? b : a));
    // Gaps in the union of the fetches' in-flight intervals.
    let between = 0;
    let reach = first.end;
    for (const f of byStart) {
      if (f.start > reach) between += f.start - reach;
      reach = Math.max(reach, f.end);
    }
    return {
      before: first.start - t.in,
      beforeCpu: first.cpuStart - t.cpuIn,
      between,
      after: t.out - last.end,
      afterCpu: t.cpuOut - last.cpuEnd,
    };
  });
  const p50 = (pick: (p: (typeof parts)[number]) => number) => round(median(parts.map(pick)));
  return {
    requests: complete.length,
    beforeFirstFetchMs: p50((p) => p.before),
    beforeFirstFetchCpuMs: p50((p) => p.beforeCpu),
    betweenFetchesMs: p50((p) => p.between),
    afterLastFetchMs: p50((p) => p.after),
    afterLastFetchCpuMs: p50((p) => p.afterCpu),
  };
}

/** Min and max of per-round ratios, rounded: the spread printed next to a ratio. */
function spread(values: number[]): [number, number] {
  return [round(Math.min(...values)), round(Math.max(...values))];
}

interface PageSizeSeries {
  /** Each size's request times (ms), over all rounds; absent for a size that did not answer completely. */
  timings: Map<number, number[]>;
  /** Why a size was left out. */
  refused: Map<number, string>;
  /** CPU ms per request of each service at each size. */
  cpu: Map<number, Record<string, number>>;
  /** Each round's time (ms) per size, in the order the rounds ran. */
  rounds: Map<number, number>[];
}

/** `blocks(items, n)`: the items in n consecutive blocks of (nearly) equal length. */
function blocks<T>(items: T[], n: number): T[][] {
  const count = Math.max(1, Math.min(n, items.length));
  return Array.from({ length: count }, (_, b) => items.slice(Math.floor((b * items.length) / count), Math.floor(((b + 1) * items.length) / count)));
}

async function cloneDataset(pgUrl: string, copies: number): Promise<number> {
  const db = (name: string) => knex({ client: 'pg', connection: pgUrl.replace(/\/postgres$/, `/bench_${name}`), pool: { min: 0, max: 1 } });
  const databases = { projects: db('projects'), cases: db('cases'), credit: db('credit') };
  try {
    const count = async () => Number(((await databases.projects.raw('select count(*) as n from project')).rows[0] as { n: string }).n);
    const already = Number(((await databases.projects.raw(`select count(*) as n from project where code like '%-C1'`)).rows[0] as { n: string }).n);
    if (already > 0) return await count();
    for (let k = 1; k <= copies; k += 1) {
      // Copies get ids derived from the original's (md5(id:k)), so every database maps them alike.
      const id = (column: string) => `'${column}', md5(x.${column}::text || ':${k}')::uuid`;
      const copy = (table: string, overrides: string, where: string) =>
        `insert into ${table} select (jsonb_populate_record(null::${table}, to_jsonb(x) || jsonb_build_object(${overrides}))).* from ${table} x where ${where}`;
      const originalProjects = `x.project_id in (select id from project where code not like '%-C%')`;
      // Copies are registered ten years per copy before the originals: the list is newest first, so a page
      // of 10, 50 or 100 holds as many distinct projects as on the demo data (had copies kept the original's
      // day, a page of 50 would be ten projects five times over, and their bidders' standings cached).
      await databases.projects.raw(
        copy('project', `${id('id')}, 'code', x.code || '-C${k}', 'registered_on', x.registered_on - ${k * 3650}`, `x.code not like '%-C%'`),
      );
      for (const table of ['bid', 'stage_record', 'project_flag'])
        await databases.projects.raw(copy(table, `${id('id')}, ${id('project_id')}`, originalProjects));
      const originalCases = `receipt_number not like '%-C%'`;
      await databases.cases.raw(
        copy(
          'case_file',
          `${id('id')}, ${id('project_id')}, 'receipt_number', left(x.receipt_number, 28) || '-C${k}', 'idempotency_key', x.idempotency_key || '-C${k}', 'finding_id', x.finding_id || '-C${k}'`,
          `x.${originalCases}`,
        ),
      );
      await databases.cases.raw(copy('case_event', `${id('id')}, ${id('case_id')}`, `x.case_id in (select id from case_file where ${originalCases})`));
      await databases.credit.raw(
        copy(
          'credit_record',
          `${id('id')}, ${id('project_id')}, 'created_by', x.created_by || '-C${k}'`,
          `x.project_id is not null and x.created_by not like '%-C%'`,
        ),
      );
    }
    for (const database of Object.values(databases)) await database.raw('analyze');
    return await count();
  } finally {
    for (const database of Object.values(databases)) await database.destroy();
  }
}

async function main() {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 30);
  const profiled = new Set((process.env.BENCH_CPU_PROF ?? '').split(',').filter(Boolean));
  const keep = process.env.BENCH_DATA_DIR;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const pgServer = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: !!keep });
  const services: Service[] = [];
  let gateway: Service | undefined;
  let otherGateway: Service | undefined;
  /** Services stopped with the gateway: the floor's `hop`. */
  const extraServices: Service[] = [];
  try {
    const started = Date.now();
    const env: Record<string, string> = {};
    for (const entry of readSubgraphList().subgraphs) {
      const service = await startService(
        entry.name,
        { ...env, BENCH_DATABASE_URL: pgServer.url.replace(/\/postgres$/, `/bench_${entry.name.replace(/-/g, '_')}`), BENCH_SEED: 'true' },
        profiled.has(entry.name),
      );
      // Later slices read earlier ones when they load demo data.
      env[`${entry.name.toUpperCase().replace(/-/g, '_')}_URL`] = service.url;
      services.push(service);
    }
    gateway = await startService('gateway', { BENCH_URLS: JSON.stringify(services.map((s) => [s.name, s.url])) }, profiled.has('gateway'));
    const hop = await startService('hop', {}, false);
    extraServices.push(hop);
    // Another build of the gateway on the same subgraphs, compared with this one (compareGateways).
    const compareWith = process.env.BENCH_COMPARE_GATEWAY;
    if (compareWith)
      otherGateway = await startService(
        'gateway-b',
        { BENCH_URLS: JSON.stringify(services.map((s) => [s.name, s.url])), BENCH_GATEWAY_DIST: join(repoRoot(), 'gateway', compareWith) },
        false,
      );
    const all = [...services, gateway];
    console.log(`Demo dataset loaded and ${all.length} services started in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const token = await signDevToken({ sub: 'bench', role: 'LEADER' });
    const overview = await post(gateway.url, token, { name: 'sample', query: `{ projects(first: 1) { nodes { id tenderer { creditCode } } } }` });
    sample.projectId = overview.body?.data?.projects.nodes[0].id;
    sample.creditCode = overview.body?.data?.projects.nodes[0].tenderer.creditCode;
    const clients = await Promise.all(Array.from({ length: 50 }, (_, i) => signDevToken({ sub: `bench-client-${i}`, role: 'LEADER' })));

    const results = [];
    const recorded: Recording = [];
    const only = process.env.BENCH_ONLY?.toLowerCase();
    for (const op of [...OPERATIONS, ...dashboardOperations()].filter((o) => !only || only.split(',').some((w) => o.name.toLowerCase().includes(w)))) {
      const check = await post(gateway.url, token, op);
      if (check.outcome !== 'complete') {
        console.log(`${op.name}: skipped (${check.outcome}: ${check.body?.errors?.map((e) => e.message).join('; ') ?? 'no answer'})`);
        continue;
      }
      for (let i = 0; i < 3; i += 1) await post(gateway.url, token, op); // warm-up
      // One at a time: latency, CPU per service, SQL per subgraph.
      const before = await cpuAndStatements(all);
      const timings: number[] = [];
      for (let i = 0; i < iterations; i += 1) {
        const t0 = performance.now();
        const sent = await post(gateway.url, token, op);
        timings.push(performance.now() - t0);
        if (sent.outcome !== 'complete') throw new Error(`${op.name}: ${sent.outcome}: ${sent.body?.errors?.map((e) => e.message).join('; ')}`);
      }
      const after = await cpuAndStatements(all);
      timings.sort((a, b) => a - b);
      const cpuMsPerRequest = Object.fromEntries(
        all.map((s) => [s.name, round((after.get(s.name)!.cpuMicros - before.get(s.name)!.cpuMicros) / 1000 / iterations)]),
      );
      const gcMsPerRequest = Object.fromEntries(
        all.map((s) => [s.name, round((after.get(s.name)!.gcMicros - before.get(s.name)!.gcMicros) / 1000 / iterations)] as const).filter(([, v]) => v >= 0.05),
      );
      const statementsPerRequest = Object.fromEntries(
        services.map((s) => [s.name, round((after.get(s.name)!.statements - before.get(s.name)!.statements) / iterations)] as const).filter(([, n]) => n !== 0),
      );

      // Gateway against the same subgraph fetches sent directly, in pairs within the same seconds.
      await request(gateway, { type: 'record', on: true }, 'recording');
      await post(gateway.url, token, op);
      const { fetches } = await request(gateway, { type: 'record', on: false }, 'recorded');
      recorded.push({ operation: op.name, query: op.query, operationName: op.operationName, variables: op.variables?.() ?? {}, fetches });
      await request(gateway, { type: 'timeline', on: true }, 'timeline');
      const overhead = await gatewayAgainstDirect(
        () => post(gateway!.url, token, op),
        () => replay(fetches),
        iterations,
      );
      const ownTime = gatewayOwnTime((await request(gateway, { type: 'timeline', on: false }, 'timeline')).requests);
      // The floor: the direct replay plus one HTTP round trip answering this operation's answer.
      const answerText = JSON.stringify((await post(gateway.url, token, op)).body);
      await request(hop, { type: 'hop-answer', text: answerText }, 'hop-ready');
      const requestBody = JSON.stringify({ query: op.query, operationName: op.operationName, variables: op.variables?.() ?? {} });
      const floorRounds = await floorOfAnyGateway(
        () => replay(fetches),
        async () => {
          const response = await fetch(hop.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: requestBody,
          });
          await response.json();
        },
        iterations,
      );
      let comparison: Record<string, unknown> | undefined;
      if (otherGateway) {
        const c = await compareGateways(
          { a: () => post(gateway!.url, token, op), b: () => post(otherGateway!.url, token, op), direct: () => replay(fetches) },
          iterations,
        );
        const differences = c.roundsB.map((b, i) => b - c.roundsA[i]);
        comparison = {
          with: process.env.BENCH_COMPARE_GATEWAY,
          p50ms: { this: round(median(c.a)), other: round(median(c.b)), direct: round(median(c.direct)) },
          overDirect: { this: round(median(c.roundsA)), other: round(median(c.roundsB)) },
          overDirectSpread: { this: spread(c.roundsA), other: spread(c.roundsB) },
          otherMinusThisMedian: round(median(differences)),
        };
        console.log(
          `  against gateway/${process.env.BENCH_COMPARE_GATEWAY}: this ${round(median(c.a))} ms, other ${round(median(c.b))} ms, direct ${round(median(c.direct))} ms; ` +
            `÷ direct this ${round(median(c.roundsA))} (rounds ${spread(c.roundsA).join('–')}), other ${round(median(c.roundsB))} (rounds ${spread(c.roundsB).join('–')}); ` +
            `other − this, median of the rounds: ${round(median(differences))}`,
        );
      }

      // Throughput with concurrent clients, each with its own token.
      const concurrency: Record<string, { requestsPerSecond: number; complete: number; refused: number; partial: number; failed: number }> = {};
      for (const clientsCount of [10, 50]) {
        const perClient = Math.max(2, Math.ceil(iterations / clientsCount) + 1);
        const outcomes: Outcome[] = [];
        const t0 = performance.now();
        await Promise.all(
          clients.slice(0, clientsCount).map(async (clientToken) => {
            for (let i = 0; i < perClient; i += 1) outcomes.push((await post(gateway!.url, clientToken, op)).outcome);
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
        concurrency[`c${clientsCount}`] = {
          requestsPerSecond: round(count('complete') / seconds),
          complete: count('complete'),
          refused: count('refused'),
          partial: count('partial'),
          failed: count('failed'),
        };
      }

      const result = {
        operation: op.name,
        iterations,
        p50ms: round(percentile(timings, 50)),
        p95ms: round(percentile(timings, 95)),
        cpuMsPerRequest,
        gcMsPerRequest,
        statementsPerRequest,
        subgraphFetches: fetches.length,
        gatewayP50ms: round(median(overhead.viaGateway)),
        directP50ms: round(median(overhead.direct)),
        // The median of the rounds' ratios: always within the spread printed next to it (the ratio of
        // the p50s over all pairs can fall outside it when the load drifts between rounds).
        gatewayOverDirect: round(median(overhead.rounds)),
        gatewayOverDirectPooled: round(median(overhead.viaGateway) / median(overhead.direct)),
        gatewayOverDirectRounds: overhead.rounds.map(round),
        gatewayOverDirectSpread: spread(overhead.rounds),
        gatewayOverDirectPairs: overhead.viaGateway.length,
        gatewayOwnTime: ownTime,
        floorOverDirect: round(median(floorRounds)),
        floorOverDirectSpread: spread(floorRounds),
        // The gateway against that floor: round i of the gateway's pairs over round i of the floor's.
        gatewayOverFloor: round(median(overhead.rounds.map((g, i) => g / floorRounds[i]))),
        ...(comparison ? { comparison } : {}),
        concurrency,
      };
      results.push(result);
      console.log(
        `${op.name}\n  p50 ${result.p50ms} ms  p95 ${result.p95ms} ms  | CPU ms/request ${Object.entries(cpuMsPerRequest)
          .map(([n, v]) => `${n}=${v}`)
          .join(' ')}` +
          `\n  GC pause ms/request ${Object.entries(gcMsPerRequest)
            .map(([n, v]) => `${n}=${v}`)
            .join(' ')}` +
          `\n  SQL/request ${Object.entries(statementsPerRequest)
            .map(([n, v]) => `${n}=${v}`)
            .join(
              ' ',
            )}  | gateway ÷ direct ${result.gatewayOverDirect} (rounds ${result.gatewayOverDirectSpread.join('–')}; ${result.gatewayP50ms} / ${result.directP50ms} ms, ${result.gatewayOverDirectPairs} pairs, ${fetches.length} fetches)` +
          `\n  floor (direct + one HTTP round trip of the same answer) ÷ direct ${result.floorOverDirect} (rounds ${result.floorOverDirectSpread.join('–')}); gateway ÷ floor ${result.gatewayOverFloor}` +
          (ownTime
            ? `\n  gateway's own time p50: before the first fetch ${ownTime.beforeFirstFetchMs} ms (CPU ${ownTime.beforeFirstFetchCpuMs}), between fetches ${ownTime.betweenFetchesMs} ms, after the last ${ownTime.afterLastFetchMs} ms (CPU ${ownTime.afterLastFetchCpuMs})`
            : '') +
          `\n  ${Object.entries(concurrency)
            .map(([c, v]) => `${c}: ${v.requestsPerSecond} req/s (${v.complete} complete, ${v.refused} refused, ${v.partial} partial, ${v.failed} failed)`)
            .join('  ')}`,
      );
    }

    if (process.env.BENCH_RECORD) {
      writeFileSync(process.env.BENCH_RECORD, JSON.stringify(recorded));
      console.log(`Recorded ${recorded.length} operations with their subgraph answers in ${process.env.BENCH_RECORD}`);
    }

    // The joined view as the data grows.
    /**
     * The joined view at each page size, the sizes interleaved: every round sends each size once, in
     * an order that rotates from round to round, so that a change of load during the series lands on
     * every size alike instead of on the sizes that happened to run then. Each size is warmed up
     * first. The page of 500, slow, runs in a third of the rounds (spread evenly).
     */
    const pageSizeSeries = async (sizes: number[]): Promise<PageSizeSeries> => {
      const op = OPERATIONS[2];
      const series: PageSizeSeries = { timings: new Map(), refused: new Map(), cpu: new Map(), rounds: [] };
      for (const first of sizes) {
        const check = await post(gateway!.url, token, op, first);
        if (check.outcome !== 'complete') {
          series.refused.set(first, `${check.outcome}: ${check.body?.errors?.map((e) => e.message).join('; ')}`);
          continue;
        }
        for (let i = 0; i < 3; i += 1) await post(gateway!.url, token, op, first);
        series.timings.set(first, []);
      }
      const live = [...series.timings.keys()];
      if (!live.length) return series;
      const runsOf = (first: number) => (first >= 500 ? Math.max(5, Math.ceil(iterations / 3)) : iterations);
      const rounds = Math.max(...live.map(runsOf));
      // Whether `first` runs in round r: runsOf(first) of the rounds, evenly spread.
      const runsIn = (first: number, r: number) => Math.floor(((r + 1) * runsOf(first)) / rounds) > Math.floor((r * runsOf(first)) / rounds);
      for (let r = 0; r < rounds; r += 1) {
        const times = new Map<number, number>();
        for (let k = 0; k < live.length; k += 1) {
          const first = live[(k + r) % live.length];
          if (!runsIn(first, r)) continue;
          const ms = await elapsed(() => post(gateway!.url, token, op, first));
          series.timings.get(first)!.push(ms);
          times.set(first, ms);
        }
        series.rounds.push(times);
      }
      // CPU per request, one size at a time after the timed rounds, as many requests as timed: the
      // services' CPU counters are read before and after each block (reading them after every request
      // would add the reading's own cost, about half a millisecond per service on a busy machine).
      for (const first of live) {
        const runs = runsOf(first);
        const before = await cpuAndStatements(all);
        for (let i = 0; i < runs; i += 1) await post(gateway!.url, token, op, first);
        const after = await cpuAndStatements(all);
        series.cpu.set(
          first,
          Object.fromEntries(
            all.map((s) => [s.name, round((after.get(s.name)!.cpuMicros - before.get(s.name)!.cpuMicros) / 1000 / runs)] as const).filter(([, v]) => v >= 0.05),
          ),
        );
      }
      return series;
    };

    const projectCount = await cloneDataset(pgServer.url, 4);
    const scaling: Record<string, number | string> = {};
    // CPU ms per request of each service at each page size: the per-row cost, apart from the machine's load.
    const scalingCpu: Record<string, Record<string, number>> = {};
    const sizes = process.env.BENCH_SCALING?.split(',').map(Number) ?? [10, 50, 100, 500];
    const series: PageSizeSeries = process.env.BENCH_SKIP_SCALING
      ? { timings: new Map(), refused: new Map(), cpu: new Map(), rounds: [] }
      : await pageSizeSeries(sizes);
    for (const first of sizes) {
      const timings = series.timings.get(first);
      const refused = series.refused.get(first);
      if (refused) scaling[`p${first}`] = refused;
      if (!timings) continue;
      scaling[`p${first}`] = round(median(timings));
      scalingCpu[`p${first}`] = series.cpu.get(first)!;
    }
    // The 100 ÷ 10 ratio of each block of rounds: how far it moves within this run.
    const ratioBlocks = series.rounds.length
      ? blocks(series.rounds, RATIO_ROUNDS).flatMap((block) => {
          const t = (first: number) => block.flatMap((r) => r.get(first) ?? []);
          return t(100).length && t(10).length ? [median(t(100)) / median(t(10))] : [];
        })
      : [];
    const ratio = typeof scaling.p100 === 'number' && typeof scaling.p10 === 'number' ? round(scaling.p100 / scaling.p10) : null;
    console.log(
      `${JOINED}, p50 by page size on ${projectCount} projects: ${Object.entries(scaling)
        .map(([k, v]) => `${k.slice(1)}: ${v} ms`)
        .join(
          ', ',
        )}; 100 ÷ 10 = ${ratio}${ratioBlocks.length ? ` (p50s over all rounds; blocks of rounds ${spread(ratioBlocks).join('–')}, their median ${round(median(ratioBlocks))})` : ''}` +
        Object.entries(scalingCpu)
          .map(
            ([k, cpu]) =>
              `\n  CPU ms/request at ${k.slice(1)}: ${Object.entries(cpu)
                .map(([n, v]) => `${n}=${v}`)
                .join(' ')}`,
          )
          .join(''),
    );

    const commit = gitCommit();
    const report = {
      at: new Date().toISOString(),
      commit,
      node: process.version,
      loadAverage: loadavg().map(round),
      cpus: (await import('node:os')).cpus().length,
      iterations,
      results,
      joinedViewScaling: {
        projects: projectCount,
        p50ms: scaling,
        p100OverP10: ratio,
        cpuMsPerRequest: scalingCpu,
        rounds: series.rounds.length,
        p100OverP10Blocks: ratioBlocks.map(round),
        p100OverP10Spread: ratioBlocks.length ? spread(ratioBlocks) : null,
        p100OverP10BlocksMedian: ratioBlocks.length ? round(median(ratioBlocks)) : null,
      },
    };
    const outDir = join(repoRoot(), 'bench-results');
    mkdirSync(outDir, { recursive: true });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    writeFileSync(join(outDir, `${commit}-${report.at.replace(/[:.]/g, '-')}.json`), json);
    writeFileSync(join(outDir, 'latest.json'), json);
    const table = markdownTable(report);
    writeFileSync(join(outDir, 'latest.md'), table);
    console.log(`\n${table}`);
    if (process.argv.includes('--readme')) updateReadme(table);
  } finally {
    for (const s of [...(gateway ? [gateway] : []), ...(otherGateway ? [otherGateway] : []), ...extraServices, ...services.reverse()]) {
      const exited = new Promise((resolve) => s.child.once('exit', resolve));
      s.child.send({ type: 'stop' });
      await exited;
    }
    await pgServer.stop();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function gitCommit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: repoRoot() }).toString().trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: repoRoot() }).toString().trim() ? '-dirty' : '';
    return sha + dirty;
  } catch {
    return 'unknown';
  }
}

type Report = {
  at: string;
  commit: string;
  loadAverage: number[];
  cpus: number;
  iterations: number;
  results: {
    operation: string;
    p50ms: number;
    p95ms: number;
    cpuMsPerRequest: Record<string, number>;
    statementsPerRequest: Record<string, number>;
    gatewayOverDirect: number;
    gatewayOverDirectSpread?: [number, number];
    floorOverDirect?: number;
    gatewayOverFloor?: number;
    concurrency: Record<string, { requestsPerSecond: number; complete: number; refused: number; partial: number }>;
  }[];
  joinedViewScaling: {
    projects: number;
    p50ms: Record<string, number | string>;
    p100OverP10: number | null;
    p100OverP10Spread?: [number, number] | null;
    p100OverP10BlocksMedian?: number | null;
  };
};

function markdownTable(report: Report): string {
  const lines = [
    `Commit ${report.commit}, ${report.at.slice(0, 16).replace('T', ' ')} UTC, ${report.cpus} CPUs, load average ${report.loadAverage.join(' / ')}, ${report.iterations} iterations${process.env.BENCH_DEVELOPMENT ? ', services in development mode' : ''}.`,
    '',
    '| operation | p50 ms | p95 ms | req/s at 10 | req/s at 50 (complete / 503 / partial) | CPU ms per request | SQL per request | gateway ÷ direct (min–max of rounds) | floor ÷ direct (gateway ÷ floor) |',
    '|---|---:|---:|---:|---:|---|---|---:|---:|',
  ];
  for (const r of report.results) {
    const c50 = r.concurrency.c50;
    lines.push(
      `| ${r.operation} | ${r.p50ms} | ${r.p95ms} | ${r.concurrency.c10.requestsPerSecond} | ${c50.requestsPerSecond} (${c50.complete} / ${c50.refused} / ${c50.partial}) | ${Object.entries(
        r.cpuMsPerRequest,
      )
        .filter(([, v]) => v >= 0.05)
        .map(([n, v]) => `${n} ${v}`)
        .join(', ')} | ${Object.entries(r.statementsPerRequest)
        .map(([n, v]) => `${n} ${v}`)
        .join(
          ', ',
        )} | ${r.gatewayOverDirect}${r.gatewayOverDirectSpread ? ` (${r.gatewayOverDirectSpread.join('–')})` : ''} | ${r.floorOverDirect ?? ''}${r.gatewayOverFloor ? ` (gateway ÷ floor ${r.gatewayOverFloor})` : ''} |`,
    );
  }
  const s = report.joinedViewScaling;
  lines.push(
    '',
    `Joined view p50 by page size (${s.projects} projects): ${Object.entries(s.p50ms)
      .map(([k, v]) => `${k.slice(1)} → ${v}${typeof v === 'number' ? ' ms' : ''}`)
      .join(
        ', ',
      )}; 100 ÷ 10 = ${s.p100OverP10}${s.p100OverP10Spread ? ` (p50s over all rounds; ${s.p100OverP10Spread.join('–')} over blocks of rounds, median ${s.p100OverP10BlocksMedian})` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}

function updateReadme(table: string): void {
  const file = join(repoRoot(), 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error('README.md has no bench markers');
  writeFileSync(file, `${readme.slice(0, from + start.length)}\n${table}${readme.slice(to)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

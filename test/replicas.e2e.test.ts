import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readSubgraphList, repoRoot, signDevToken, subgraphModulePath, type SubgraphDefinition } from '@hub/kit';

/*
 * Two replicas of the projects, enforcers and cases subgraphs and two gateways, all real processes
 * from the built dist/ (as `pnpm start`, the containers and the pods run them), against one
 * PostgreSQL, with demo data on (SEED_DEMO=true) and the rate limit in the shared store.
 *
 * Both replicas of a subgraph start at the same moment; the pairs start in the order of
 * subgraphs.json because a slice's demo data reads the slices before it (enforcers read the project
 * pool; cases read projects and the roster), as in `pnpm start` and docker-compose. Both gateways
 * start at the same moment at the beginning. Gateway A talks to the A replicas, gateway B to the B
 * replicas, so every cross-gateway race below is also a cross-replica race.
 *
 * REPLICA_TEST_READY_MS bounds the wait for a pair to be ready (default 10 minutes: loading demo
 * data on a busy 2-core machine takes minutes).
 */

const SLICES = ['projects', 'enforcers', 'cases'];
const RATE_LIMIT = 30;
/** This run's production secrets; the test's own tokens are signed with the same secret (signDevToken reads AUTH_JWT_SECRET). */
const PRODUCTION_SECRET = randomBytes(32).toString('hex');
const INTERNAL_KEY = randomBytes(32).toString('hex');
process.env.AUTH_JWT_SECRET = PRODUCTION_SECRET;
const READY_MS = Number(process.env.REPLICA_TEST_READY_MS ?? 600_000);
const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

interface Replica {
  name: string;
  process: ChildProcess;
  port: number;
  output: string;
}

const replicas: Replica[] = [];
const prefix = `rep${randomBytes(3).toString('hex')}_`;
let admin: pg.Client;
const databases = new Map<string, pg.Client>();

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The environment a replica runs with: this test's database server and prefix, production-like logs. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Not a test process: vitest's variables would silence the logs this test reads.
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST') && key !== 'TEST') env[key] = value;
  // Production refuses to start with the development secret or without the internal key: give both.
  return {
    ...env,
    DATABASE_URL: inject('pgServerUrl'),
    DATABASE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    INTROSPECTION: 'false',
    AUTH_JWT_SECRET: PRODUCTION_SECRET,
    HUB_INTERNAL_KEY: INTERNAL_KEY,
  };
}

function start(name: string, entry: string, env: NodeJS.ProcessEnv, port: number): Replica {
  const child = spawn(process.execPath, [join(repoRoot(), entry)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const replica: Replica = { name, process: child, port, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (replica.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (replica.output += chunk.toString()));
  replicas.push(replica);
  return replica;
}

async function waitReady(replica: Replica, path = '/health/ready'): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    if (replica.process.exitCode !== null) throw new Error(`${replica.name} exited with ${replica.process.exitCode}:\n${replica.output.slice(-4000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${replica.port}${path}`, { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      // not listening yet: migrations, demo data, or waiting for the other replica's
    }
    if (Date.now() > deadline) throw new Error(`${replica.name} not ready within ${READY_MS} ms (REPLICA_TEST_READY_MS):\n${replica.output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const gateways: Replica[] = [];
const slicePorts = new Map<string, [number, number]>();

async function graphql<D = any>(gateway: Replica, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: D; errors?: { message: string; extensions?: Record<string, any> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...body };
}

beforeAll(
  async () => {
    const list = readSubgraphList();
    for (const name of SLICES) slicePorts.set(name, [await freePort(), await freePort()]);
    // URLs of the A and B replicas; the slices not started here point at a closed port.
    const urls = (side: 0 | 1) =>
      Object.fromEntries(
        list.subgraphs.map((s) => [
          `${envName(s.name)}_URL`,
          slicePorts.has(s.name) ? `http://127.0.0.1:${slicePorts.get(s.name)![side]}/graphql` : 'http://127.0.0.1:9/graphql',
        ]),
      );
    const gatewayEnv = { ...baseEnv(), RATE_LIMIT_STORE: 'postgres', RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) };
    const [gatewayPortA, gatewayPortB] = [await freePort(), await freePort()];
    gateways.push(
      start('gateway A', 'gateway/dist/index.js', { ...gatewayEnv, ...urls(0), GATEWAY_PORT: String(gatewayPortA) }, gatewayPortA),
      start('gateway B', 'gateway/dist/index.js', { ...gatewayEnv, ...urls(1), GATEWAY_PORT: String(gatewayPortB) }, gatewayPortB),
    );
    for (const name of SLICES) {
      const entry = `subgraphs/${name}/dist/index.js`;
      // Demo data reads the other slices through the A replicas.
      const env = { ...baseEnv(), ...urls(0), SEED_DEMO: 'true' };
      const [a, b] = slicePorts.get(name)!;
      const pair = [
        start(`${name} A`, entry, { ...env, [`${envName(name)}_PORT`]: String(a) }, a),
        start(`${name} B`, entry, { ...env, [`${envName(name)}_PORT`]: String(b) }, b),
      ];
      await Promise.all(pair.map((r) => waitReady(r)));
    }
    // The gateways' readiness also asks for credit and audit, not started here: liveness, then the slices started.
    await Promise.all(gateways.map((g) => waitReady(g, '/health/live')));
    admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    for (const name of [...SLICES, 'gateway']) {
      const url = new URL(inject('pgServerUrl'));
      url.pathname = `/${prefix}${name}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      databases.set(name, client);
    }
  },
  READY_MS * (SLICES.length + 1),
);

afterAll(async () => {
  for (const replica of replicas) replica.process.kill('SIGTERM');
  await Promise.all(replicas.map((r) => (r.process.exitCode === null ? new Promise((resolve) => r.process.once('exit', resolve)) : Promise.resolve())));
  for (const client of databases.values()) await client.end();
  if (admin) {
    for (const name of [...SLICES, 'gateway']) await admin.query(`DROP DATABASE IF EXISTS "${prefix}${name}" WITH (FORCE)`);
    await admin.end();
  }
}, 60_000);

const db = (name: string) => databases.get(name)!;
const count = async (name: string, sql: string, params: unknown[] = []) => Number((await db(name).query(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0].n);

describe('two replicas of every service against one PostgreSQL', () => {
  it('every replica and both gateways came up without an error, and one replica of each pair waited for the other', async () => {
    for (const replica of replicas) {
      expect(replica.process.exitCode, replica.name).toBeNull();
      const errors = replica.output.split('\n').filter((line) => /"level":(50|60)/.test(line));
      expect(errors, replica.name).toEqual([]);
    }
    for (const gateway of gateways) {
      expect(gateway.output, gateway.name).toContain('gateway listening');
      const report = (await (await fetch(`http://127.0.0.1:${gateway.port}/health/ready`)).json()) as { subgraphs: Record<string, string> };
      for (const name of SLICES) expect(report.subgraphs[name], `${gateway.name}: ${name}`).toBe('ready');
    }
    for (const name of SLICES) {
      const waited = replicas.filter((r) => r.name.startsWith(`${name} `) && r.output.includes('another replica is applying migrations or loading demo data'));
      expect(
        waited.map((r) => r.name),
        name,
      ).toHaveLength(1);
    }
  });

  it('applied each migration exactly once per database', async () => {
    for (const name of SLICES) {
      const entry = readSubgraphList().subgraphs.find((s) => s.name === name)!;
      const { subgraph } = (await import(subgraphModulePath(entry, 'src'))) as { subgraph: SubgraphDefinition };
      const { rows } = await db(name).query<{ name: string; n: string }>('SELECT name, count(*) AS n FROM mikro_orm_migrations GROUP BY name ORDER BY name');
      expect(
        rows.map((r) => r.name),
        name,
      ).toEqual(subgraph.migrations.map((m) => m.name).sort());
      expect(
        rows.every((r) => Number(r.n) === 1),
        name,
      ).toBe(true);
    }
  });

  it('loaded the demo data exactly once', async () => {
    expect(await count('projects', 'project')).toBe(200);
    expect(await count('projects', 'department')).toBe(7);
    expect(await count('projects', 'market_entity')).toBe(150);
    expect(await count('projects', 'practitioner')).toBe(40);
    expect(await count('enforcers', 'enforcer')).toBe(80);
    expect(await count('enforcers', 'inspection_item')).toBe(8);
    expect(await count('enforcers', 'inspection_plan')).toBe(3);
    expect(await count('cases', 'case_file')).toBe(300);
  });

  it('shares the rate limit: requests spread over both gateways are refused after the limit, with Retry-After', async () => {
    const token = await signDevToken({ sub: `rate-${randomUUID()}`, role: 'LEADER' });
    const sent = RATE_LIMIT + 6;
    // One after the other, alternating gateways: each gateway alone has seen only half of them.
    const results = [];
    for (let i = 0; i < sent; i += 1) results.push(await graphql(gateways[i % 2], token, '{ departments { code } }'));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(sent - RATE_LIMIT);
    // Both gateways refused some: neither had a budget of its own.
    expect(new Set(results.map((r, i) => (r.status === 429 ? i % 2 : -1)).filter((g) => g >= 0)).size).toBe(2);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(await count('gateway', 'gateway_rate_limit')).toBeGreaterThan(0);
    // Counted in the shared store, not in each gateway's fallback memory.
    for (const gateway of gateways) expect(gateway.output, gateway.name).not.toContain('rate limit store unreachable');
  });

  describe('domain rules hold across replicas (enforced in the database)', () => {
    let project: { id: string; creditCode: string };
    const today = new Date().toISOString().slice(0, 10);
    const SUBMIT = /* GraphQL */ `
      mutation ($input: SubmitComplaintInput!) {
        submitComplaint(input: $input) {
          receiptNumber
          duplicate
        }
      }
    `;
    const complaint = (idempotencyKey: string) => ({
      idempotencyKey,
      projectId: project.id,
      complainantName: '荆州市某建设有限公司',
      complainantContact: '0716-0000000',
      relationToProject: 'bidder',
      knewOn: today,
      summary: '评标委员会未按招标文件规定的评标标准评审',
      details: 'Submitted at once through both gateways by the replica test.',
      respondentCreditCodes: [project.creditCode],
    });

    beforeAll(async () => {
      const { rows } = await db('projects').query<{ id: string; tenderer_credit_code: string }>(
        'SELECT id, tenderer_credit_code FROM project ORDER BY code LIMIT 1',
      );
      project = { id: rows[0].id, creditCode: rows[0].tenderer_credit_code };
    });

    it('idempotency: one key submitted concurrently through both gateways makes one case', async () => {
      const token = await signDevToken({ sub: `public-${randomUUID()}`, role: 'OFFICE', department: 'ZWJ' });
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => graphql(gateways[i % 2], token, SUBMIT, { input: complaint(key) })));
      for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const receipts = new Set(results.map((r) => r.data.submitComplaint.receiptNumber));
      expect(receipts.size).toBe(1);
      expect(results.filter((r) => !r.data.submitComplaint.duplicate)).toHaveLength(1);
      expect(await count('cases', 'case_file WHERE idempotency_key = $1', [key])).toBe(1);
    });

    it('trail: the same step sent concurrently through both gateways is recorded once, the sequence unbroken', async () => {
      const token = await signDevToken({ sub: `office-${randomUUID()}`, role: 'OFFICE', department: 'ZWJ' });
      const key = randomUUID();
      expect((await graphql(gateways[0], token, SUBMIT, { input: complaint(key) })).errors).toBeUndefined();
      const { rows } = await db('cases').query<{ id: string }>('SELECT id FROM case_file WHERE idempotency_key = $1', [key]);
      const accept = /* GraphQL */ `
        mutation ($input: CaseStepInput!) {
          acceptCase(input: $input) {
            id
            status
          }
        }
      `;
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => graphql(gateways[i % 2], token, accept, { input: { caseId: rows[0].id } })));
      const accepted = results.filter((r) => !r.errors);
      expect(accepted).toHaveLength(1);
      for (const r of results.filter((r) => r.errors)) expect(r.errors?.[0].extensions?.code, r.errors?.[0].message).toBe('CONFLICT');
      const events = await db('cases').query<{ sequence: number; transition: string }>(
        'SELECT sequence, transition FROM case_event WHERE case_id = $1 ORDER BY sequence',
        [rows[0].id],
      );
      expect(events.rows).toEqual([
        { sequence: 1, transition: 'SUBMIT' },
        { sequence: 2, transition: 'ACCEPT' },
      ]);
    });

    it('draw: one plan drawn concurrently through both gateways gets one committed draw', async () => {
      const token = await signDevToken({ sub: `office-${randomUUID()}`, role: 'OFFICE', department: 'ZWJ' });
      const created = await graphql(
        gateways[0],
        token,
        /* GraphQL */ `
          mutation ($input: CreateInspectionPlanInput!) {
            createInspectionPlan(input: $input) {
              id
            }
          }
        `,
        {
          input: { name: `replica test ${randomUUID()}`, periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['CJ-01', 'CJ-03'], samplingRatio: 0.1 },
        },
      );
      expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
      const planId = created.data.createInspectionPlan.id;
      // The draw procedure (docs/draw.md): freeze, the office and a leader (witness) commit, then reveal (the office first).
      const frozen = await graphql(
        gateways[0],
        token,
        /* GraphQL */ `
          mutation ($input: FreezeDrawInput!) {
            freezeDraw(input: $input) {
              id
            }
          }
        `,
        {
          input: { planId, participantUnits: ['ZWJ', 'LEADING_GROUP'], revealDeadline: new Date(Date.now() + 86_400_000).toISOString() },
        },
      );
      expect(frozen.errors, JSON.stringify(frozen.errors)).toBeUndefined();
      const roundId = frozen.data.freezeDraw.id;
      const leader = await signDevToken({ sub: `leader-${randomUUID()}`, role: 'LEADER' });
      const parties = [
        [token, randomBytes(32).toString('hex')],
        [leader, randomBytes(32).toString('hex')],
      ] as const;
      for (const [caller, secret] of parties) {
        const commitment = createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex');
        const committed = await graphql(
          gateways[1],
          caller,
          /* GraphQL */ `
            mutation ($id: ID!, $c: String!) {
              commitDrawSecret(roundId: $id, commitment: $c) {
                status
              }
            }
          `,
          { id: roundId, c: commitment },
        );
        expect(committed.errors, JSON.stringify(committed.errors)).toBeUndefined();
      }
      for (const [caller, secret] of parties) {
        const revealed = await graphql(
          gateways[0],
          caller,
          /* GraphQL */ `
            mutation ($id: ID!, $s: String!) {
              revealDrawSecret(roundId: $id, secret: $s) {
                status
              }
            }
          `,
          { id: roundId, s: secret },
        );
        expect(revealed.errors, JSON.stringify(revealed.errors)).toBeUndefined();
      }
      const draw = /* GraphQL */ `
        mutation ($planId: ID!) {
          drawInspections(planId: $planId) {
            id
          }
        }
      `;
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => graphql(gateways[i % 2], token, draw, { planId })));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of results.filter((r) => r.errors)) expect(r.errors?.[0].extensions?.code, r.errors?.[0].message).toBe('CONFLICT');
      expect(await count('enforcers', 'inspection_draw WHERE plan_id = $1 AND superseded_at IS NULL', [planId])).toBe(1);
    });
  });
});

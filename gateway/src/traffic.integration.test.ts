import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSubgraphList, repoRoot, signDevToken } from '@hub/kit';
import { startGateway, type RunningGateway } from './server';
import { isQueryBody, subgraphsOfPlan } from './traffic';

/**
 * The gateway's subgraph traffic against a stand-in subgraph that holds every request until the
 * test releases it: merging of identical in-flight queries, and refusal up front (503 +
 * Retry-After) when a subgraph's concurrency and queue are taken. No timing is asserted: the test
 * waits for the gateway's own counters.
 */

interface Held {
  body: { query: string; variables?: Record<string, unknown> };
  /** The body as sent, byte for byte. */
  raw: string;
  requestId?: string;
  authorization?: string;
  answer(data: unknown): void;
}

class StandIn {
  readonly held: Held[] = [];
  received = 0;
  server: Server;

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        this.received += 1;
        this.held.push({
          body: JSON.parse(raw),
          raw,
          requestId: req.headers['x-request-id'] as string | undefined,
          authorization: req.headers.authorization,
          answer: (data) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ data }));
          },
        });
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/graphql`;
  }

  answerAll(data: unknown): void {
    for (const held of this.held.splice(0)) held.answer(data);
  }

  async close(): Promise<void> {
    this.answerAll(null);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls a condition the gateway reaches by itself (no fixed sleeps in assertions). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

let standIn: StandIn;
let gateway: RunningGateway;

async function start(env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    standIn = new StandIn();
    const url = await standIn.listen();
    const urls = new Map(readSubgraphList().subgraphs.map((s) => [s.name, url]));
    gateway = await startGateway({ port: 0, urls, supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'), rateLimitPerMinute: 100_000 });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

afterEach(async () => {
  await gateway?.stop();
  await standIn?.close();
});

const post = (query: string, token?: string, variables: Record<string, unknown> = {}) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });

const COUNT = `{ projects(first: 5) { totalCount } }`;
const REGISTER = `mutation { registerMarketEntity(input: { creditCode: "91350100M000100Y43", name: "A", registeredOn: "2026-01-01" }) { creditCode } }`;

describe('merging identical in-flight subgraph queries', () => {
  it('two identical concurrent requests of one caller cost one subgraph fetch; both get the whole answer', async () => {
    await start();
    const token = await signDevToken({ sub: 'leader-1', role: 'LEADER' });
    const first = post(COUNT, token);
    const second = post(COUNT, token);
    await until(() => gateway.traffic.merger.stats.merged === 1 && standIn.received === 1, 'the second request to join the first fetch');
    expect(gateway.traffic.merger.stats.sent).toBe(1);
    standIn.answerAll({ projects: { totalCount: 7 } });
    for (const response of await Promise.all([first, second])) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { projects: { totalCount: 7 } } });
    }
    expect(standIn.received).toBe(1);
    // Merged only while in flight: the same request afterwards is fetched again.
    const third = post(COUNT, token);
    await until(() => standIn.held.length === 1, 'the third fetch');
    standIn.answerAll({ projects: { totalCount: 8 } });
    expect(await (await third).json()).toEqual({ data: { projects: { totalCount: 8 } } });
    expect(standIn.received).toBe(2);
  });

  it('two callers asking the same thing cost two fetches, each with its own Authorization', async () => {
    await start();
    const [a, b] = await Promise.all([signDevToken({ sub: 'leader-a', role: 'LEADER' }), signDevToken({ sub: 'leader-b', role: 'LEADER' })]);
    const answers = Promise.all([post(COUNT, a), post(COUNT, b)]);
    await until(() => standIn.held.length === 2, 'two subgraph fetches');
    expect(new Set(standIn.held.map((h) => h.authorization))).toEqual(new Set([`Bearer ${a}`, `Bearer ${b}`]));
    standIn.answerAll({ projects: { totalCount: 3 } });
    for (const response of await answers) expect((await response.json()) as unknown).toEqual({ data: { projects: { totalCount: 3 } } });
    expect(gateway.traffic.merger.stats.merged).toBe(0);
  });

  it('never merges mutations, even identical ones of one caller', async () => {
    await start();
    const token = await signDevToken({ sub: 'center-1', role: 'CENTER' });
    const answers = Promise.all([post(REGISTER, token), post(REGISTER, token)]);
    await until(() => standIn.held.length === 2, 'two mutation fetches');
    expect(standIn.held.every((h) => h.body.query.startsWith('mutation'))).toBe(true);
    standIn.answerAll({ registerMarketEntity: { creditCode: '91350100M000100Y43' } });
    for (const response of await answers) expect(response.status).toBe(200);
    expect(standIn.received).toBe(2);
    expect(gateway.traffic.merger.stats.merged).toBe(0);
  });
});

describe('shedding overload', () => {
  it('with one slot and a queue of one for a slow subgraph, the excess is refused up front with 503 and Retry-After; none is partial', async () => {
    await start({ SUBGRAPH_MAX_CONCURRENCY: '1', SUBGRAPH_MAX_QUEUE: '1', MERGE_INFLIGHT_FETCHES: 'false' });
    const token = await signDevToken({ sub: 'leader-1', role: 'LEADER' });
    const pending = Array.from({ length: 6 }, () => post(COUNT, token));
    // Two are admitted (one fetching, one waiting for the slot); the four others are refused at once.
    await until(() => gateway.traffic.admission.stats.refused === 4, 'four refusals');
    expect(gateway.traffic.admission.stats.admitted).toBe(2);
    expect(standIn.held).toHaveLength(1);
    standIn.answerAll({ projects: { totalCount: 1 } });
    await until(() => standIn.held.length === 1, 'the queued request to get the slot');
    standIn.answerAll({ projects: { totalCount: 1 } });
    const responses = await Promise.all(pending);
    const bodies = await Promise.all(
      responses.map(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as any })),
    );
    const complete = bodies.filter((b) => b.status === 200);
    const refused = bodies.filter((b) => b.status === 503);
    expect(complete).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const b of complete) expect(b.body).toEqual({ data: { projects: { totalCount: 1 } } });
    for (const b of refused) {
      expect(Number(b.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(b.body.data).toBeUndefined();
      expect(b.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_OVERLOADED', serviceName: 'projects' });
    }
    // The subgraph saw only the admitted requests.
    expect(standIn.received).toBe(2);
    // Capacity is given back when answers are sent.
    const later = post(COUNT, token);
    await until(() => standIn.held.length === 1, 'a later request to be admitted');
    standIn.answerAll({ projects: { totalCount: 2 } });
    expect((await later).status).toBe(200);
  });
});

const COUNT_BY = `query CountBy($first: Int!) { projects(first: $first) { totalCount } }`;

describe('early root fetches', () => {
  it('a query planned before sends its root fetch from the context; the executor takes it, one subgraph fetch per request', async () => {
    await start({ SERVER_TIMING: 'true' });
    const token = await signDevToken({ sub: 'leader-1', role: 'LEADER' });
    // First time: no recipe, the executor sends the fetch itself.
    const first = post(COUNT_BY, token, { first: 5 });
    await until(() => standIn.held.length === 1, 'the first fetch');
    const planned = standIn.held[0];
    standIn.answerAll({ projects: { totalCount: 5 } });
    expect(await (await first).json()).toEqual({ data: { projects: { totalCount: 5 } } });
    expect(gateway.traffic.early.stats).toEqual({ sent: 0, used: 0, unused: 0 });
    // Second time, other variables: sent early, with this request's variables, and taken by the executor.
    const second = post(COUNT_BY, token, { first: 7 });
    await until(() => standIn.held.length === 1, 'the early fetch');
    const early = standIn.held[0];
    expect(early.body.query).toBe(planned.body.query);
    expect(early.body.variables).toEqual({ first: 7 });
    expect(early.authorization).toBe(`Bearer ${token}`);
    // Byte for byte what the executor sends (the first request's body, with the other value).
    expect(early.raw).toBe(planned.raw.replace('"first":5', '"first":7'));
    standIn.answerAll({ projects: { totalCount: 7 } });
    const secondResponse = await second;
    expect(await secondResponse.json()).toEqual({ data: { projects: { totalCount: 7 } } });
    // The early fetch counts in the answer's Server-Timing like any other.
    expect(secondResponse.headers.get('server-timing')).toMatch(/projects;dur=[\d.]+;desc="1 fetch"/);
    expect(gateway.traffic.early.stats).toEqual({ sent: 1, used: 1, unused: 0 });
    expect(standIn.received).toBe(2);
    expect(gateway.traffic.early.waiting).toBe(0);
  });

  it('a request refused after its early fetch left drops the early answer unread', async () => {
    await start();
    const token = await signDevToken({ sub: 'leader-1', role: 'LEADER' });
    const first = post(COUNT_BY, token, { first: 5 });
    await until(() => standIn.held.length === 1, 'the first fetch');
    standIn.answerAll({ projects: { totalCount: 5 } });
    expect((await first).status).toBe(200);
    // Same document, a variable of the wrong type: the fetch leaves early, the gateway then refuses the request.
    const refused = await post(COUNT_BY, token, { first: 'seven' });
    const body = (await refused.json()) as { data?: unknown; errors: { message: string }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/\$first/);
    expect(gateway.traffic.early.stats).toEqual({ sent: 1, used: 0, unused: 1 });
    expect(gateway.traffic.early.waiting).toBe(0);
    await until(() => standIn.held.length === 1, 'the early fetch to arrive');
    standIn.answerAll({ projects: { totalCount: 5 } });
  });

  it('never sends a mutation early', async () => {
    await start();
    const token = await signDevToken({ sub: 'center-1', role: 'CENTER' });
    for (let i = 0; i < 2; i += 1) {
      const answer = post(REGISTER, token);
      await until(() => standIn.held.length === 1, 'the mutation fetch');
      standIn.answerAll({ registerMarketEntity: { creditCode: '91350100M000100Y43' } });
      expect((await answer).status).toBe(200);
    }
    expect(gateway.traffic.early.stats.sent).toBe(0);
  });

  it('sends nothing early when the subgraph has no free slot, or when switched off', async () => {
    await start({ SUBGRAPH_MAX_CONCURRENCY: '1', MERGE_INFLIGHT_FETCHES: 'false' });
    const token = await signDevToken({ sub: 'leader-1', role: 'LEADER' });
    const learn = post(COUNT, token);
    await until(() => standIn.held.length === 1, 'the first fetch');
    standIn.answerAll({ projects: { totalCount: 1 } });
    await learn;
    // One request takes the slot (early); the next one, while it is held, finds no room and queues as before.
    const holding = post(COUNT, token);
    await until(() => standIn.held.length === 1, 'the fetch holding the slot');
    const queued = post(COUNT, token);
    await until(() => gateway.traffic.admission.stats.admitted === 3, 'the second request to be admitted');
    expect(gateway.traffic.early.stats.sent).toBe(1);
    standIn.answerAll({ projects: { totalCount: 2 } });
    await until(() => standIn.held.length === 1, 'the queued fetch');
    standIn.answerAll({ projects: { totalCount: 2 } });
    for (const response of await Promise.all([holding, queued])) expect(await response.json()).toEqual({ data: { projects: { totalCount: 2 } } });
    expect(gateway.traffic.early.stats).toEqual({ sent: 1, used: 1, unused: 0 });
    await gateway.stop();
    await standIn.close();

    await start({ EARLY_ROOT_FETCHES: 'false' });
    for (let i = 0; i < 2; i += 1) {
      const answer = post(COUNT, token);
      await until(() => standIn.held.length === 1, 'the fetch');
      standIn.answerAll({ projects: { totalCount: 3 } });
      expect((await answer).status).toBe(200);
    }
    expect(gateway.traffic.early.stats.sent).toBe(0);
  });
});

describe('helpers', () => {
  it('recognises the subgraph queries the gateway generates, and nothing else', () => {
    expect(isQueryBody(JSON.stringify({ query: 'query Q__projects__0{projects{totalCount}}' }))).toBe(true);
    expect(isQueryBody(JSON.stringify({ query: '{projects{totalCount}}' }))).toBe(true);
    expect(isQueryBody(JSON.stringify({ query: 'mutation{registerMarketEntity}' }))).toBe(false);
    expect(isQueryBody(JSON.stringify({ query: 'subscription{x}' }))).toBe(false);
    expect(isQueryBody(JSON.stringify({ variables: {}, query: '{x}' }))).toBe(false);
  });

  it('lists the subgraphs of a nested plan', () => {
    const fetch = (serviceName: string) => ({ kind: 'Fetch', serviceName, operation: '', operationName: undefined, operationKind: 'query' });
    const plan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Sequence',
        nodes: [
          fetch('projects'),
          {
            kind: 'Parallel',
            nodes: [
              { kind: 'Flatten', path: [], node: fetch('cases') },
              { kind: 'Flatten', path: [], node: fetch('credit') },
            ],
          },
        ],
      },
    };
    expect(subgraphsOfPlan(plan as never)).toEqual(new Set(['projects', 'cases', 'credit']));
  });
});

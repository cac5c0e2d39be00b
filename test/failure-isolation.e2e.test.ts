import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@hub/kit';
import { startGateway } from '@hub/gateway';
import { startHub, type Hub } from './harness';

let hub: Hub;
type Readiness = { ok: boolean; subgraphs: Record<string, string> };
beforeAll(async () => {
  hub = await startHub({ seed: ['projects'], only: ['projects', 'cases', 'credit'] });
});
afterAll(async () => hub?.stop());

describe('failure isolation', () => {
  it("with the cases subgraph stopped, a leader's project query still returns projects and credit, with an error for the cases part", async () => {
    const leader = await hub.token('LEADER');
    const query = `{ projects(first: 3) { totalCount nodes { code cases { status } creditRecords { status } } } }`;
    const healthy = await hub.query(query, {}, leader);
    expect(healthy.errors).toBeUndefined();

    const cases = hub.subgraphs.get('cases')!.service;
    await new Promise<void>((resolve) => cases.httpServer.close(() => resolve()));
    cases.httpServer.closeAllConnections();

    const degraded = await hub.query(query, {}, leader);
    expect(degraded.data.projects.totalCount).toBe(200);
    expect(degraded.data.projects.nodes).toHaveLength(3);
    for (const node of degraded.data.projects.nodes) {
      expect(node.code).toMatch(/^SS/);
      expect(node.cases).toBeNull();
      expect(node.creditRecords).toEqual([]);
    }
    expect(degraded.errors?.length).toBeGreaterThan(0);
    expect(degraded.errors?.[0]).toMatchObject({
      message: 'The cases service cannot be reached; the fields it provides are missing from this answer',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cases' },
    });

    const ready = (await (await fetch(new URL('/health/ready', hub.gateway.url))).json()) as Readiness;
    expect(ready.ok).toBe(false);
    expect(ready.subgraphs.cases).toMatch(/unreachable/);
  });
});

describe('subgraph timeouts', () => {
  it('a gateway starts with a subgraph down; a subgraph that does not answer in time costs its fields only, and the error names it and the limit', async () => {
    // A credit "subgraph" that accepts the request and never answers.
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const urls = new Map([...hub.subgraphs].map(([name, s]) => [name, s.service.url]));
    urls.set('credit', `http://127.0.0.1:${(hanging.address() as { port: number }).port}/graphql`);
    // The cases subgraph is still stopped (previous test): the gateway starts from the committed supergraph all the same.
    const gateway = await startGateway({ port: 0, urls, supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'), subgraphTimeoutMs: 300 });
    try {
      expect((await fetch(new URL('/health/live', gateway.url))).status).toBe(200);
      const ready = (await (await fetch(new URL('/health/ready', gateway.url))).json()) as Readiness;
      expect(ready.subgraphs).toMatchObject({
        projects: 'ready',
        cases: expect.stringMatching(/unreachable/),
        credit: expect.stringMatching(/unreachable|HTTP|timeout|abort/i),
      });
      const started = Date.now();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await hub.token('LEADER')}` },
        body: JSON.stringify({ query: '{ projects(first: 2) { nodes { code creditRecords { status } } } }' }),
      });
      const body = (await response.json()) as { data: { projects: { nodes: { creditRecords: unknown }[] } }; errors: unknown[] };
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.data.projects.nodes).toHaveLength(2);
      for (const node of body.data.projects.nodes) expect(node.creditRecords).toBeNull();
      expect(body.errors[0]).toMatchObject({
        message: 'The credit service did not answer within 300 ms; the fields it provides are missing from this answer',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'credit' },
      });
    } finally {
      await gateway.stop();
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});

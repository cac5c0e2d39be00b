import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness';

let hub: Hub;
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
    expect(degraded.errors?.[0]).toMatchObject({ message: expect.stringMatching(/service of the graph is unavailable/), extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });

    const ready = await (await fetch(new URL('/health/ready', hub.gateway.url))).json();
    expect(ready.ok).toBe(false);
    expect(ready.subgraphs.cases).toMatch(/unreachable/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ seed: true, only: ['projects'] });
});
afterAll(async () => hub?.stop());

describe('the graph through the gateway (projects on demo data)', () => {
  it("answers the README's first query with a LEADER token", async () => {
    const result = await hub.query(
      `{ projects(first: 5) { totalCount nodes { code name stage supervisingDepartment { code name } tenderer { name creditCode } } } }`,
      {},
      await hub.token('LEADER'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.projects.totalCount).toBe(200);
    expect(result.data.projects.nodes).toHaveLength(5);
    for (const node of result.data.projects.nodes) {
      expect(node.supervisingDepartment.code).toMatch(/^(FGJ|ZJJ|JTJ|SLJ|NYJ)$/);
      expect(node.tenderer.creditCode).toHaveLength(18);
    }
  });

  it('refuses an invalid token with 401 and a clear message, never as PUBLIC', async () => {
    const result = await hub.query(`{ departments { code } }`, {}, 'not-a-token');
    expect(result.status).toBe(401);
    expect(result.errors?.[0].message).toMatch(/Authentication failed: the token is invalid/);
    expect(JSON.stringify(result)).not.toContain('127.0.0.1');
  });

  it('pages with cursors and filters by department and text', async () => {
    const token = await hub.token('DEPT', 'ZJJ');
    const first = await hub.query(
      `{ projects(first: 10, filter: { supervisingDepartment: "ZJJ" }) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }`,
      {},
      token,
    );
    expect(first.data.projects.totalCount).toBe(40);
    const next = await hub.query(
      `query($after: String) { projects(first: 10, after: $after, filter: { supervisingDepartment: "ZJJ" }) { nodes { code } } }`,
      { after: first.data.projects.pageInfo.endCursor },
      token,
    );
    const codes = [...first.data.projects.nodes, ...next.data.projects.nodes].map((n: { code: string }) => n.code);
    expect(new Set(codes).size).toBe(20);
    expect(codes.every((c) => c.includes('-ZJJ-'))).toBe(true);
  });

  it('lists flagged projects with the rule and the numbers', async () => {
    const result = await hub.query(
      `{ flaggedProjects(first: 50) { totalCount nodes { code flags { rule required actual unit message } } } }`,
      {},
      await hub.token('OFFICE'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.flaggedProjects.totalCount).toBeGreaterThan(0);
    const flag = result.data.flaggedProjects.nodes[0].flags[0];
    expect(flag.rule).toMatch(/DAYS|BIDS/);
    expect(typeof flag.required).toBe('number');
  });
});

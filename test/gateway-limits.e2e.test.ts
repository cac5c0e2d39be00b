import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '@hub/gateway';
import { startHub, type Hub } from './harness';

let hub: Hub;
let token: string;
beforeAll(async () => {
  hub = await startHub({ only: ['projects'] });
  token = await hub.token('LEADER');
});
afterAll(async () => hub?.stop());

const nest = (depth: number) => {
  let selection = 'code';
  for (let i = 0; i < depth; i += 1) selection = i % 2 === 0 ? `bids { project { ${selection} } }` : `bids { project { code ${selection.slice(0)} } }`;
  return `{ projects(first: 1) { nodes { ${selection} } } }`;
};

describe('gateway limits against abusive queries', () => {
  it('accepts an ordinary dashboard query', async () => {
    const result = await hub.query(`{ projects(first: 3) { totalCount nodes { code bids { amount } } } }`, {}, token);
    expect(result.errors).toBeUndefined();
  });

  it('refuses a depth-20 query with a clear message', async () => {
    const result = await hub.query(nest(10), {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/^Query refused: Query depth limit of 12 exceeded, found \d+\.$/);
  });

  it('refuses a 1,000-alias query with a clear message', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: departments { code }`).join(' ');
    const result = await hub.query(`{ ${aliases} }`, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/alias/i);
    const typenames = Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ');
    const cheap = await hub.query(`{ ${typenames} }`, {}, token);
    expect(cheap.status).toBe(400);
    expect(cheap.errors?.[0].message).toBe('Query refused: Aliases limit of 30 exceeded, found 1000.');
  });

  it('refuses a query whose list sizes multiply beyond the cost limit, naming the cost', async () => {
    const result = await hub.query(
      `{ projects(first: 100) { nodes { bids { project { bids { project { bids { bidder { name creditCode } } } } } } } } }`,
      {},
      token,
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/Query cost \d+ exceeds the limit of \d+: request smaller pages/);
  });

  it('refuses an enormous document by its token count with 400', async () => {
    const fields = Array.from({ length: 5000 }, (_, i) => `f${i}: code`).join(' ');
    const result = await hub.query(`{ departments { ${fields} } }`, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/Document contains more th\w+ \d+ tokens/);
  });

  it('refuses an oversized body with 413', async () => {
    const result = await hub.query(`{ departments { code } } # ${'x'.repeat(200_000)}`, {}, token);
    expect(result.status).toBe(413);
  });

  it('blocks cross-site simple requests (CSRF prevention)', async () => {
    const response = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('{ departments { code } }')}`, { method: 'GET' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it('rate-limits a caller beyond the per-minute budget with 429', async () => {
    const limited = await startGateway({ port: 0, urls: new Map([['projects', hub.subgraphs.get('projects')!.service.url]]), rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await hub.query(`{ departments { code } }`, {}, token, limited.url)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ departments { code } }' }),
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });

  it('switches introspection off by configuration', async () => {
    const closed = await startGateway({ port: 0, urls: new Map([['projects', hub.subgraphs.get('projects')!.service.url]]), introspection: false });
    try {
      const result = await hub.query(`{ __schema { types { name } } }`, {}, token, closed.url);
      expect(result.errors?.[0].message).toMatch(/introspection/i);
    } finally {
      await closed.stop();
    }
  });

  it("keeps Apollo's usage telemetry and cloud-metadata probes off unless the operator turns them on", () => {
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it('reports readiness per subgraph', async () => {
    const response = await fetch(new URL('/health/ready', hub.gateway.url));
    const body = (await response.json()) as { subgraphs: Record<string, string> };
    expect(body.subgraphs.projects).toBe('ready');
  });
});

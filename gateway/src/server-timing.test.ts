import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '@hub/kit';
import { ServerTiming, serverTimingHeader } from './server-timing';

describe('Server-Timing on GraphQL answers', () => {
  it("names the gateway's time and each subgraph's fetch time", () => {
    const header = serverTimingHeader(
      {
        started: 100,
        subgraphs: new Map([
          ['projects', { fetches: 1, ms: 12.34 }],
          ['cases', { fetches: 2, ms: 30 }],
        ]),
      },
      150.02,
    );
    expect(header).toBe('gateway;dur=50.0, projects;dur=12.3;desc="1 fetch", cases;dur=30.0;desc="2 fetches"');
  });

  it('times fetches against the request whose id they carry, and passes others through untimed', async () => {
    const timing = new ServerTiming();
    const plugin = timing.plugin<{ requestId: string }>();
    const listener = await plugin.requestDidStart!({ contextValue: { requestId: 'r1' } } as never);
    const fetcher = timing.fetcher('cases', async () => new Response('{}'));
    await fetcher('http://cases/graphql', { headers: { [REQUEST_ID_HEADER]: 'r1' } });
    await fetcher('http://cases/graphql', { headers: { [REQUEST_ID_HEADER]: 'someone-else' } });
    const headers = new Map<string, string>();
    await listener!.willSendResponse!({ contextValue: { requestId: 'r1' }, response: { http: { headers } } } as never);
    expect(headers.get('server-timing')).toMatch(/^gateway;dur=[\d.]+, cases;dur=[\d.]+;desc="1 fetch"$/);
  });

  it('counts a fetch that left before the request reached the plugin (an early root fetch)', async () => {
    const timing = new ServerTiming();
    const plugin = timing.plugin<{ requestId: string }>();
    const fetcher = timing.fetcher('projects', async () => new Response('{}'));
    await fetcher('http://projects/graphql', { method: 'POST', headers: { [REQUEST_ID_HEADER]: 'r2' } });
    const listener = await plugin.requestDidStart!({ contextValue: { requestId: 'r2' } } as never);
    const headers = new Map<string, string>();
    await listener!.willSendResponse!({ contextValue: { requestId: 'r2' }, response: { http: { headers } } } as never);
    expect(headers.get('server-timing')).toMatch(/^gateway;dur=[\d.]+, projects;dur=[\d.]+;desc="1 fetch"$/);
  });

  it('keeps nothing for fetches when no plugin is installed (Server-Timing off)', async () => {
    const timing = new ServerTiming();
    const fetcher = timing.fetcher('projects', async () => new Response('{}'));
    await fetcher('http://projects/graphql', { method: 'POST', headers: { [REQUEST_ID_HEADER]: 'r3' } });
    expect((timing as unknown as { requests: Map<string, unknown> }).requests.size).toBe(0);
  });
});

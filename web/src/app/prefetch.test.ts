import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JoinedProjectsDocument, LeaderCaseTilesDocument } from '../gql/leader/graphql';
import { leaderOverviewOperations } from '../leader/operations';
import { prefetch } from './first-script';
import { answerKey, hasPrefetchedAnswers, operationNameOf, takePrefetchedAnswer, takePrefetchedConfig, takeSettledAnswer } from './prefetch';

const TODAY = '2026-11-28';

function storageWith(session?: object): Storage {
  const items = new Map<string, string>(session ? [['hub.session', JSON.stringify(session)]] : []);
  return { getItem: (key: string) => items.get(key) ?? null } as Storage;
}

const leader = { token: 'leader-token', sub: 'l1', name: 'Leader', role: 'LEADER', expiresAt: Date.now() + 3_600_000 };

describe('the page first script (prefetch)', () => {
  let sent: { url: string; init?: RequestInit }[];
  const fetchStub = (answer: (url: string) => Response) =>
    ((url: string, init?: RequestInit) => {
      sent.push({ url, init });
      return Promise.resolve(answer(url));
    }) as typeof fetch;

  beforeEach(() => {
    sent = [];
    vi.stubGlobal('window', {});
  });
  afterEach(() => vi.unstubAllGlobals());

  it("sends the settings and, for a leader, the overview's operations by their registered hash with the token", async () => {
    vi.stubGlobal('localStorage', storageWith(leader));
    prefetch(
      fetchStub(() => Response.json({ data: { ok: true } })),
      TODAY,
    );
    expect(sent.map((s) => s.url)).toEqual(['/auth/config', '/graphql', '/graphql', '/graphql', '/graphql']);
    const joined = sent.find(
      (s) => (JSON.parse((s.init?.body as string | undefined) ?? '{}') as { operationName?: string }).operationName === 'JoinedProjects',
    )!;
    const body = JSON.parse(joined.init!.body as string) as { variables: object; extensions: { persistedQuery: { sha256Hash: string } } };
    expect(body.extensions.persistedQuery.sha256Hash).toBe((JoinedProjectsDocument as { __meta__?: { hash?: string } }).__meta__?.hash);
    expect(body.variables).toEqual({ first: 20, filter: {} });
    expect((joined.init!.headers as Record<string, string>).authorization).toBe('Bearer leader-token');
    // The app's client asks with the same name and variables (Apollo may list keys in another order or add undefined ones).
    const { variables } = leaderOverviewOperations(TODAY)[3];
    await expect(takePrefetchedAnswer('JoinedProjects', { filter: {}, after: undefined, first: variables.first })).resolves.toEqual({ data: { ok: true } });
    // Taken once: a later identical query goes to the server.
    expect(takePrefetchedAnswer('JoinedProjects', variables)).toBeUndefined();
    expect(takePrefetchedConfig()).toBeDefined();
    expect(takePrefetchedConfig()).toBeUndefined();
  });

  it('hands over no refused answer: the app asks again and its links handle the refusal', async () => {
    vi.stubGlobal('localStorage', storageWith(leader));
    prefetch(
      fetchStub((url) => (url === '/graphql' ? new Response('{}', { status: 401 }) : Response.json({}))),
      TODAY,
    );
    await expect(takePrefetchedAnswer(operationNameOf(LeaderCaseTilesDocument), {})).resolves.toBeUndefined();
  });

  it('hands a complete answer already in to the view synchronously, once, and leaves any other to the links', async () => {
    vi.stubGlobal('localStorage', storageWith(leader));
    const body = (init?: RequestInit) => (JSON.parse((init?.body as string | undefined) ?? '{}') as { operationName?: string }).operationName;
    prefetch(
      ((url: string, init?: RequestInit) =>
        Promise.resolve(
          url !== '/graphql'
            ? Response.json({})
            : body(init) === 'LeaderCaseTiles'
              ? Response.json({ data: { open: 1 } })
              : body(init) === 'LeaderCreditTiles'
                ? Response.json({ data: { inPublicity: null }, errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] })
                : new Response('{}', { status: 401 }),
        )) as typeof fetch,
      TODAY,
    );
    // Not in yet: nothing synchronously, the answer stays for the client's links.
    expect(takeSettledAnswer('LeaderCaseTiles', {})).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve));
    expect(takeSettledAnswer('LeaderCaseTiles', {})).toEqual({ data: { open: 1 } });
    expect(takeSettledAnswer('LeaderCaseTiles', {})).toBeUndefined();
    expect(takePrefetchedAnswer('LeaderCaseTiles', {})).toBeUndefined();
    // An answer with errors (a slice down, an expired token) goes through the links, which handle it.
    expect(takeSettledAnswer('LeaderCreditTiles', {})).toBeUndefined();
    await expect(takePrefetchedAnswer('LeaderCreditTiles', {})).resolves.toMatchObject({ errors: [{ message: 'down' }] });
    const { variables } = leaderOverviewOperations(TODAY)[3];
    expect(takeSettledAnswer('JoinedProjects', variables)).toBeUndefined();
    await expect(takePrefetchedAnswer('JoinedProjects', variables)).resolves.toBeUndefined();
  });

  it("preloads the leader overview's chunks for a leader, not for anyone else", () => {
    const preloaded: { rel: string; href: string }[] = [];
    vi.stubGlobal('document', {
      getElementById: () => null,
      createElement: () => ({}),
      head: { append: (link: { rel: string; href: string }) => preloaded.push(link) },
    });
    vi.stubGlobal('localStorage', storageWith(leader));
    prefetch(
      fetchStub(() => Response.json({})),
      TODAY,
      ['/assets/LeaderOverview-x.js', '/assets/table-y.js'],
    );
    expect(preloaded).toEqual([
      { rel: 'modulepreload', href: '/assets/LeaderOverview-x.js' },
      { rel: 'modulepreload', href: '/assets/table-y.js' },
    ]);
    vi.stubGlobal('localStorage', storageWith({ ...leader, role: 'DEPT', department: 'ZJJ' }));
    prefetch(
      fetchStub(() => Response.json({})),
      TODAY,
      ['/assets/LeaderOverview-x.js'],
    );
    expect(preloaded).toHaveLength(2);
  });

  it("tells the app's warm start whether the first view's queries are already asked for (then it sends none of its own)", () => {
    vi.stubGlobal('localStorage', storageWith(leader));
    prefetch(
      fetchStub(() => Response.json({})),
      TODAY,
    );
    expect(hasPrefetchedAnswers()).toBe(true);
    for (const { document, variables } of leaderOverviewOperations(TODAY)) void takePrefetchedAnswer(operationNameOf(document), variables);
    expect(hasPrefetchedAnswers()).toBe(false);
    vi.stubGlobal('localStorage', storageWith({ ...leader, role: 'DEPT', department: 'ZJJ' }));
    prefetch(fetchStub(() => Response.json({})));
    expect(hasPrefetchedAnswers()).toBe(false);
  });

  it('asks only for the settings without a leader signed in', () => {
    vi.stubGlobal('localStorage', storageWith({ ...leader, role: 'DEPT', department: 'ZJJ' }));
    prefetch(fetchStub(() => Response.json({})));
    vi.stubGlobal('localStorage', storageWith({ ...leader, expiresAt: Date.now() - 1 }));
    prefetch(fetchStub(() => Response.json({})));
    expect(sent.map((s) => s.url)).toEqual(['/auth/config', '/auth/config']);
  });

  it('asks for no settings when the gateway wrote them into the page', () => {
    const settings = { signIn: { mode: 'development' }, explorer: true };
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'hub-settings' ? { textContent: JSON.stringify(settings) } : null) });
    vi.stubGlobal('localStorage', storageWith(leader));
    prefetch(
      fetchStub(() => Response.json({})),
      TODAY,
    );
    expect(sent.map((s) => s.url)).toEqual(['/graphql', '/graphql', '/graphql', '/graphql']);
    expect(takePrefetchedConfig()).toBeUndefined();
  });

  it('keys an answer on the operation and its variables, whatever their order', () => {
    expect(answerKey('Q', { b: 1, a: { d: 2, c: undefined } })).toBe(answerKey('Q', { a: { d: 2 }, b: 1 }));
    expect(answerKey('Q', { a: 1 })).not.toBe(answerKey('Q', { a: 2 }));
    expect(answerKey('Q', undefined)).toBe(answerKey('Q', {}));
  });
});

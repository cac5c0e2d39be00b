import { describe, expect, it } from 'vitest';
import { documentKey, EarlyRootFetches, rootFetchBody, rootFetchesOfPlan, type EarlyCaller } from './early-fetch';

const fetchNode = (serviceName: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Fetch',
  serviceName,
  operation: `{${serviceName}}`,
  operationKind: 'query',
  variableUsages: [],
  ...extra,
});
const plan = (node: unknown) => ({ kind: 'QueryPlan', node }) as never;

describe('rootFetchesOfPlan', () => {
  it('takes a lone fetch, a sequence’s first fetch and the fetches of a parallel group a plan starts with', () => {
    expect(rootFetchesOfPlan(plan(fetchNode('projects'))).map((f) => f.serviceName)).toEqual(['projects']);
    const entity = { kind: 'Flatten', path: ['projects'], node: fetchNode('cases', { requires: [{}] }) };
    expect(rootFetchesOfPlan(plan({ kind: 'Sequence', nodes: [fetchNode('projects'), entity] })).map((f) => f.serviceName)).toEqual(['projects']);
    const parallel = { kind: 'Parallel', nodes: [fetchNode('projects'), fetchNode('credit'), entity] };
    expect(rootFetchesOfPlan(plan({ kind: 'Sequence', nodes: [parallel, entity] })).map((f) => f.serviceName)).toEqual(['projects', 'credit']);
  });

  it('takes nothing that needs an earlier answer, a mutation, or what depends on a condition', () => {
    expect(rootFetchesOfPlan(plan(fetchNode('cases', { requires: [{}] })))).toEqual([]);
    expect(rootFetchesOfPlan(plan(fetchNode('cases', { inputRewrites: [{}] })))).toEqual([]);
    expect(rootFetchesOfPlan(plan(fetchNode('cases', { operationKind: 'mutation' })))).toEqual([]);
    expect(rootFetchesOfPlan(plan({ kind: 'Condition', condition: 'x', ifClause: fetchNode('cases') }))).toEqual([]);
    expect(rootFetchesOfPlan(plan(undefined))).toEqual([]);
  });
});

describe('documentKey', () => {
  it('tells operations apart by name, hash and text; none for a batch or a body without a document', () => {
    const a = documentKey({ query: '{ a }' });
    expect(a).toBeDefined();
    expect(documentKey({ query: '{ a }', operationName: 'A' })).not.toBe(a);
    expect(documentKey({ query: '{ a }', extensions: { persistedQuery: { sha256Hash: 'h' } } })).not.toBe(a);
    expect(documentKey({ extensions: { persistedQuery: { sha256Hash: 'h' } } })).toBeDefined();
    expect(documentKey({ documentId: 'sha256:h' })).toBeDefined();
    expect(documentKey([{ query: '{ a }' }])).toBeUndefined();
    expect(documentKey({ variables: {} })).toBeUndefined();
    expect(documentKey('{ a }')).toBeUndefined();
  });
});

describe('rootFetchBody', () => {
  it('is the data source’s body: the plan’s variables the request gave, in the plan’s order, undefined ones left out', () => {
    const root = { serviceName: 's', operation: 'query Q($b:Int,$a:Int,$c:Int){x}', operationName: 'Q', variableUsages: ['b', 'a', 'c'] };
    expect(rootFetchBody(root, { a: 1, b: 2, c: undefined, unused: 3 })).toBe(
      '{"query":"query Q($b:Int,$a:Int,$c:Int){x}","variables":{"b":2,"a":1},"operationName":"Q"}',
    );
    expect(rootFetchBody({ serviceName: 's', operation: '{x}' }, undefined)).toBe('{"query":"{x}","variables":{}}');
  });
});

/** A projects subgraph target that answers at once and always has room. */
const answering = (early: EarlyRootFetches) =>
  early.target(
    'projects',
    'http://p/graphql',
    async () => new Response('{}'),
    () => true,
  );

describe('EarlyRootFetches', () => {
  const learnt = (early: EarlyRootFetches, key: string) =>
    early.learn({
      queryPlan: plan(fetchNode('projects')),
      requestContext: { context: { documentKey: key } },
      operationContext: { operation: { operation: 'query' } },
    } as never);

  it('hands an early fetch only to the same request id, URL, body and Authorization, once', async () => {
    const early = new EarlyRootFetches();
    const sent: RequestInit[] = [];
    early.target(
      'projects',
      'http://p/graphql',
      async (_url, init) => (sent.push(init), new Response('{"data":{}}')),
      () => true,
    );
    learnt(early, 'k');
    const caller: EarlyCaller = { requestId: 'r1', authorization: 'Bearer a', documentKey: 'k' };
    expect(early.start(caller, {})).toBe(1);
    const init = sent[0];
    expect(early.take('http://p/graphql', { ...init, headers: { ...(init.headers as object), authorization: 'Bearer b' } })).toBeUndefined();
    expect(early.take('http://p/graphql', { ...init, body: '{"query":"{other}","variables":{}}' })).toBeUndefined();
    expect(early.take('http://other/graphql', init)).toBeUndefined();
    const taken = early.take('http://p/graphql', init);
    expect(taken).toBeDefined();
    expect(await (await taken!).json()).toEqual({ data: {} });
    expect(early.take('http://p/graphql', init)).toBeUndefined();
    early.finish(caller);
    expect(early.stats).toEqual({ sent: 1, used: 1, unused: 0 });
  });

  it('sends nothing without a recipe or without room; a request’s end drops only its own early fetches', () => {
    const early = new EarlyRootFetches();
    let room = false;
    early.target(
      'projects',
      'http://p/graphql',
      async () => new Response('{}'),
      () => room,
    );
    learnt(early, 'k');
    expect(early.start({ requestId: 'r', documentKey: 'other' }, {})).toBe(0);
    expect(early.start({ requestId: 'r', documentKey: 'k' }, {})).toBe(0);
    room = true;
    // Two requests that chose the same request id.
    const a: EarlyCaller = { requestId: 'same', documentKey: 'k' };
    const b: EarlyCaller = { requestId: 'same', documentKey: 'k' };
    early.start(a, {});
    early.start(b, {});
    early.finish(a);
    expect(early.waiting).toBe(1);
    expect(early.stats.unused).toBe(1);
    early.finish(b);
    expect(early.waiting).toBe(0);
    expect(early.stats).toEqual({ sent: 2, used: 0, unused: 2 });
  });

  it('keeps recipes within a bound of characters, the least recently planned going first', () => {
    const early = new EarlyRootFetches(1_000, 30);
    answering(early);
    // Each recipe: a 1-character key and the 10-character operation "{projects}": 11 characters.
    for (const key of ['a', 'b', 'c']) learnt(early, key);
    expect(early.start({ requestId: '1', documentKey: 'a' }, {})).toBe(0);
    expect(early.start({ requestId: '2', documentKey: 'b' }, {})).toBe(1);
    expect(early.start({ requestId: '3', documentKey: 'c' }, {})).toBe(1);
    // A document larger than the whole bound is not kept, and pushes nothing out.
    learnt(early, 'x'.repeat(40));
    expect(early.start({ requestId: '4', documentKey: 'x'.repeat(40) }, {})).toBe(0);
    expect(early.start({ requestId: '5', documentKey: 'b' }, {})).toBe(1);
  });

  it('forgets a document whose new plan has no root fetch, and keeps a bounded number of recipes', () => {
    const early = new EarlyRootFetches(2);
    answering(early);
    for (const key of ['a', 'b', 'c']) learnt(early, key);
    expect(early.start({ requestId: '1', documentKey: 'a' }, {})).toBe(0);
    expect(early.start({ requestId: '2', documentKey: 'c' }, {})).toBe(1);
    early.learn({
      queryPlan: plan(fetchNode('projects', { operationKind: 'mutation' })),
      requestContext: { context: { documentKey: 'c' } },
      operationContext: { operation: { operation: 'query' } },
    } as never);
    expect(early.start({ requestId: '3', documentKey: 'c' }, {})).toBe(0);
  });
});

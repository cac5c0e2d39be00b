import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, PUBLIC_CALLER } from './auth';
import { ON_BEHALF_OF_HEADER, requestLogFields } from './call-origin';
import { callerGraph, GraphClient, sliceGraph, sliceIdentity } from './graph-client';

/** Records what a client sends instead of sending it. */
function captureFetch() {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: { headers: Record<string, string> }) => {
    sent.push({ url, headers: init.headers });
    return new Response(JSON.stringify({ data: { ok: true } }), { headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

describe('the identity of cross-slice calls', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('signs as the calling slice with office rights, naming the original caller and the request', async () => {
    const sent = captureFetch();
    const graph = sliceGraph('enforcers', { caller: { sub: 'enforcer-17', name: 'Inspector Wang' }, requestId: 'req-42' });
    await graph('cases').request('{ ok }');
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toMatch(/\/graphql$/);
    expect(sent[0].headers['x-request-id']).toBe('req-42');
    expect(sent[0].headers[ON_BEHALF_OF_HEADER]).toBe('enforcer-17');
    // The receiving slice sees the slice, not the enforcer (whose own rights would hide the finding it checks).
    const signed = await authenticate(sent[0].headers.authorization);
    expect(signed).toMatchObject({ sub: 'service:enforcers', role: 'OFFICE', department: 'ZWJ', name: 'Inspector Wang' });
  });

  it('the receiving slice logs the original caller and the request id it was sent', async () => {
    const sent = captureFetch();
    await sliceGraph('cases', { caller: { sub: 'office-clerk-3', name: 'Clerk' }, requestId: 'req-9' })('enforcers').request('{ ok }');
    expect(requestLogFields(sent[0].headers, sent[0].headers['x-request-id'])).toEqual({ requestId: 'req-9', onBehalfOf: 'office-clerk-3' });
    // A call from the gateway names no one else: the caller is the token's subject.
    expect(requestLogFields({}, 'req-10')).toEqual({ requestId: 'req-10' });
  });

  it('reuses one client per slice within a request', () => {
    const graph = sliceGraph('cases', { requestId: 'r' });
    expect(graph('projects')).toBe(graph('projects'));
    expect(graph('projects')).not.toBe(graph('enforcers'));
  });

  it('names a slice missing from the subgraph list and who needed it', () => {
    expect(() => sliceGraph('cases')('nowhere')).toThrow(/no "nowhere" subgraph, which the cases slice calls/);
  });

  it('without a request (seeding, background work) signs as the slice and forwards nothing', async () => {
    const sent = captureFetch();
    await new GraphClient('http://127.0.0.1:1/graphql', sliceIdentity('credit')).request('{ ok }');
    expect(sent[0].headers[ON_BEHALF_OF_HEADER]).toBeUndefined();
    expect(sent[0].headers['x-request-id']).toBeUndefined();
    expect(await authenticate(sent[0].headers.authorization)).toMatchObject({ sub: 'service:credit', role: 'OFFICE', name: 'credit slice' });
  });

  it('an anonymous client sends no token', async () => {
    const sent = captureFetch();
    await new GraphClient('http://127.0.0.1:1/graphql', null).request('{ ok }');
    expect(sent[0].headers.authorization).toBeUndefined();
  });

  it('the exception, reads of the caller’s own view: forwards the caller’s own token, never the slice’s', async () => {
    const sent = captureFetch();
    const inspector = { sub: 'enforcer-17', name: 'Inspector Wang', role: 'ENFORCER' as const, department: 'ZJJ' };
    await callerGraph('projects', inspector, { authorization: 'Bearer the.callers.token', requestId: 'req-7' })('cases').request('{ ok }');
    expect(sent[0].headers.authorization).toBe('Bearer the.callers.token');
    expect(sent[0].headers['x-request-id']).toBe('req-7');
    // In process (no header to forward), the caller's claims are signed: still the caller, not the slice.
    await callerGraph('projects', inspector)('cases').request('{ ok }');
    expect(await authenticate(sent[1].headers.authorization)).toMatchObject({ sub: 'enforcer-17', role: 'ENFORCER', department: 'ZJJ' });
    await callerGraph('projects', PUBLIC_CALLER)('cases').request('{ ok }');
    expect(sent[2].headers.authorization).toBeUndefined();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { cacheHint, LeanRemoteDataSource } from './data-source';

function answer(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return {
    status,
    statusText: status === 200 ? 'OK' : 'Bad Gateway',
    ok: status >= 200 && status < 300,
    url: 'http://subgraph/graphql',
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    json: async () => JSON.parse(body),
    text: async () => body,
  };
}

function operation(restrict = vi.fn()) {
  return {
    kind: 'incoming operation',
    request: { query: '{ projects { id } }', variables: { first: 2 }, operationName: 'Q' },
    context: { requestId: 'r1' },
    incomingRequestContext: { overallCachePolicy: { restrict } },
  } as unknown as GraphQLDataSourceProcessOptions;
}

describe('LeanRemoteDataSource', () => {
  it('sends the query first with the headers willSendRequest set, and answers with the parsed body', async () => {
    const fetcher = vi.fn(async () =>
      answer(200, '{"data":{"projects":[{"id":"1"}]}}', { 'content-type': 'application/json', 'cache-control': 'max-age=30, private' }),
    );
    const restrict = vi.fn();
    const source = new (class extends LeanRemoteDataSource {
      override willSendRequest({ request }: GraphQLDataSourceProcessOptions) {
        request.http?.headers.set('Authorization', 'Bearer t');
      }
    })({ url: 'http://subgraph/graphql', fetcher: fetcher as never });
    const response = await source.process(operation(restrict));
    expect(response.data).toEqual({ projects: [{ id: '1' }] });
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, { method: string; headers: Record<string, string>; body: string }];
    expect(url).toBe('http://subgraph/graphql');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer t' });
    expect(init.body).toBe('{"query":"{ projects { id } }","variables":{"first":2},"operationName":"Q"}');
    expect(restrict).toHaveBeenCalledWith({ maxAge: 30, scope: 'PRIVATE' });
  });

  it('throws a non-2xx answer as the stock data source does, through didEncounterError', async () => {
    const seen: Error[] = [];
    const source = new (class extends LeanRemoteDataSource {
      override didEncounterError(error: Error) {
        seen.push(error);
        throw error;
      }
    })({ url: 'http://subgraph/graphql', fetcher: (async () => answer(502, '{"message":"down"}')) as never });
    await expect(source.process(operation())).rejects.toMatchObject({
      message: '502: Bad Gateway',
      extensions: { response: { status: 502, body: { message: 'down' } } },
    });
    expect(seen).toHaveLength(1);
  });

  it('refuses a body that is not a JSON object', async () => {
    const source = new LeanRemoteDataSource({
      url: 'http://subgraph/graphql',
      fetcher: (async () => answer(200, 'hello', { 'content-type': 'text/plain' })) as never,
    });
    await expect(source.process(operation())).rejects.toThrow('Expected JSON response body, but received: hello');
  });
});

describe('cacheHint', () => {
  it('reads Cache-Control as @apollo/gateway does: max-age, private, public wins over private, none is max-age 0', () => {
    expect(cacheHint(null)).toEqual({ maxAge: 0 });
    expect(cacheHint('max-age="60"')).toEqual({ maxAge: 60 });
    expect(cacheHint('public, private, max-age=x')).toEqual({ maxAge: 0, scope: 'PUBLIC' });
    expect(cacheHint('no-store')).toEqual({ maxAge: 0 });
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '@hub/kit';
import { subgraphHttp } from './subgraph-http';

const servers: ReturnType<typeof createHttpServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('the gateway’s subgraph client', () => {
  it('closes an idle kept-alive connection itself, before the service would: a reused connection is never one the service is closing', async () => {
    const server = createHttpServer();
    servers.push(server);
    const closedBy: Promise<'client' | 'server'>[] = [];
    server.on('connection', (socket: Socket) => {
      closedBy.push(
        new Promise((resolve) => {
          // 'end' is the peer's FIN: the client hung up; a close without it is the server's own.
          let peerEnded = false;
          socket.on('end', () => (peerEnded = true));
          socket.on('close', () => resolve(peerEnded ? 'client' : 'server'));
        }),
      );
    });
    server.on('request', (_req, res) => res.end('{"data":{}}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const fetch = subgraphHttp(10_000, 100);

    const answer = await fetch(url, { method: 'POST', body: '{"query":"mutation { a }"}' });
    expect(answer.status).toBe(200);
    expect(server.keepAliveTimeout, 'services keep idle connections longer than the gateway').toBeGreaterThan(10_000);
    expect(await closedBy[0]).toBe('client');
    // The next fetch opens a fresh connection and is answered.
    expect((await fetch(url, { method: 'POST', body: '{"query":"mutation { a }"}' })).status).toBe(200);
    expect(closedBy).toHaveLength(2);
  });

  it('reads an answer as fetch would: status, reason, headers (repeated ones joined), the whole body; sends the caller’s headers and body', async () => {
    const server = createHttpServer();
    servers.push(server);
    const seen: { method?: string; headers?: Record<string, unknown>; body?: string }[] = [];
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 418;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('x-several', ['a', 'b']);
        // Larger than one chunk, with characters beyond ASCII split across chunk boundaries.
        res.end(JSON.stringify({ errors: [{ message: '工程'.repeat(40_000) }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?x=1`;
    const answer = await subgraphHttp(10_000)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', authorization: 'Bearer t' },
      body: '{"query":"{ a }"}',
    });
    expect(answer.status).toBe(418);
    expect(answer.ok).toBe(false);
    expect(answer.statusText).toBe("I'm a Teapot");
    expect(answer.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('x-several')).toBe('a, b');
    expect(await answer.json()).toEqual({ errors: [{ message: '工程'.repeat(40_000) }] });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      body: '{"query":"{ a }"}',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'content-length': '17' },
    });
  });

  it('fails as fetch would: a subgraph that does not answer in time with a TimeoutError, one that cannot be reached with TypeError("fetch failed")', async () => {
    const server = createHttpServer();
    servers.push(server);
    server.on('request', () => {
      // Never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await expect(subgraphHttp(50)(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    servers.splice(servers.indexOf(server), 1);
    const refused = subgraphHttp(10_000)(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' });
    await expect(refused).rejects.toThrow(TypeError);
    await expect(refused).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });
});

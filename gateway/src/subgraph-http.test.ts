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
});

import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RateLimiter } from './rate-limit';

const request = (authorization: string) => ({ headers: { authorization }, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

/** Sends `count` requests spread round-robin over the limiters; returns how many were refused and the first refusal. */
async function spread(limiters: RateLimiter[], count: number, caller: string) {
  let refused = 0;
  let first: GraphQLError | undefined;
  for (let i = 0; i < count; i += 1) {
    try {
      await limiters[i % limiters.length].check(request(caller));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      refused += 1;
      first ??= error;
    }
  }
  return { refused, first };
}

const opened: RateLimiter[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
});

describe('gateway rate limit', () => {
  it('memory store: each replica counts alone (the single-node default)', async () => {
    const replicas = [await RateLimiter.create({ perMinute: 4, store: 'memory' }), await RateLimiter.create({ perMinute: 4, store: 'memory' })];
    expect((await spread(replicas, 8, 'Bearer a')).refused).toBe(0);
  });

  it('postgres store: replicas share one budget, and the refusal is a 429 with Retry-After', async () => {
    const url = new URL(inject('pgServerUrl'));
    url.pathname = `/t_gateway_${randomBytes(5).toString('hex')}`;
    // Created at the same moment, as replicas are: the database and the table are made once.
    const replicas = await Promise.all([1, 2, 3].map(() => RateLimiter.create({ perMinute: 5, store: 'postgres', databaseUrl: url.toString() })));
    opened.push(...replicas);
    const { refused, first } = await spread(replicas, 9, 'Bearer shared');
    expect(refused).toBe(4);
    expect(first?.extensions.code).toBe('RATE_LIMITED');
    const http = first?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    const retryAfter = Number(http.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another caller has its own budget.
    expect((await spread(replicas, 5, 'Bearer other')).refused).toBe(0);
  });

  it('postgres store: refuses to start on an unreachable database, naming the setting', async () => {
    await expect(RateLimiter.create({ perMinute: 5, store: 'postgres', databaseUrl: 'postgres://nobody:x@127.0.0.1:9/none' })).rejects.toThrow(
      /RATE_LIMIT_STORE=postgres/,
    );
  });
});

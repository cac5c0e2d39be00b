import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';

/**
 * Fixed-window rate limit per caller (the token, hashed; the client address when anonymous).
 * In-memory: one gateway process. Several gateway replicas need a shared store — see README.
 */
export class RateLimiter {
  private windowStart = Date.now();
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  key(req: IncomingMessage): string {
    const auth = req.headers.authorization;
    if (auth) return `token:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}`;
    return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  }

  check(req: IncomingMessage): void {
    const now = this.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.counts.clear();
    }
    const key = this.key(req);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > this.perMinute) {
      const retryAfter = Math.ceil((this.windowStart + 60_000 - now) / 1000);
      throw new GraphQLError(`Rate limit exceeded: at most ${this.perMinute} requests per minute per caller; retry in ${retryAfter} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429 } },
      });
    }
  }
}

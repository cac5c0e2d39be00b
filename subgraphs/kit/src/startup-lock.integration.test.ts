import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { advisoryLockKey, withStartupLock } from './startup-lock';

function freshDatabaseUrl(): string {
  const url = new URL(inject('pgServerUrl'));
  url.pathname = `/t_lock_${randomBytes(5).toString('hex')}`;
  return url.toString();
}

describe('withStartupLock (replicas starting at the same moment)', () => {
  it('creates the missing database once and runs the work of concurrent callers one at a time', async () => {
    const url = freshDatabaseUrl();
    let active = 0;
    let most = 0;
    const order: string[] = [];
    const work = (name: string) => async () => {
      active += 1;
      most = Math.max(most, active);
      order.push(`${name} in`);
      // Yield to the event loop several times: an overlapping caller would get in here.
      for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
      order.push(`${name} out`);
      active -= 1;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((name) => withStartupLock(url, 'test startup', work(name))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i].replace(' in', ' out'));
  });

  it('waits while another session holds the lock, and goes on once that session ends (a crashed replica releases it)', async () => {
    const url = freshDatabaseUrl();
    await withStartupLock(url, 'create only', async () => undefined);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [advisoryLockKey('held')]);
    let ran = false;
    const waiting = withStartupLock(url, 'held', async () => {
      ran = true;
    });
    // The waiter is blocked in pg_advisory_lock: visible in pg_locks as a lock not granted.
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      for (;;) {
        const { rows } = await probe.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (rows[0].n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(ran).toBe(false);
      await holder.end();
      await waiting;
      expect(ran).toBe(true);
    } finally {
      await probe.end();
    }
  });
});

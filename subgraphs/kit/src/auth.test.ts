import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, signDevToken } from './auth';

describe('authenticate with verified tokens remembered', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('answers a token verified before with the same caller, and refuses it once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T01:00:00Z'));
    const token = await signDevToken({ sub: 'officer-1', role: 'DEPT', department: 'ZJJ' }, '1h');
    const first = await authenticate(`Bearer ${token}`);
    expect(first).toMatchObject({ sub: 'officer-1', role: 'DEPT', department: 'ZJJ' });
    expect(await authenticate(`Bearer ${token}`)).toBe(first);
    // Past exp plus the 60 s of clock skew: refused although it was verified before.
    vi.setSystemTime(new Date('2026-11-28T02:01:01Z'));
    await expect(authenticate(`Bearer ${token}`)).rejects.toThrow('the token has expired');
  });

  it('verifies afresh when the signing secret changes', async () => {
    const token = await signDevToken({ sub: 'leader-1', role: 'LEADER' });
    await authenticate(`Bearer ${token}`);
    vi.stubEnv('AUTH_JWT_SECRET', 'another secret of at least thirty-two characters');
    await expect(authenticate(`Bearer ${token}`)).rejects.toThrow('the token is invalid');
  });
});

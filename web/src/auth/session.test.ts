import { describe, expect, it } from 'vitest';
import { directSignInRequest } from './dev-sign-in';
import { decodeJwtPayload, isExpired, readSession, safeNext, saveSession, sessionFromToken } from './session';

function token(claims: Record<string, unknown>): string {
  const part = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `eyJhbGciOiJIUzI1NiJ9.${part}.signature`;
}

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

describe('the session', () => {
  it('reads role, department, name and expiry from the token, with configurable claim names', () => {
    const session = sessionFromToken(token({ sub: 'u1', name: '张伟', role: 'DEPT', department: 'zjj', exp: 2_000_000_000 }));
    expect(session).toMatchObject({ sub: 'u1', name: '张伟', role: 'DEPT', department: 'ZJJ', expiresAt: 2_000_000_000_000 });
    const idp = sessionFromToken(token({ sub: 'u2', hub_role: 'leader', exp: 2_000_000_000 }), { role: 'hub_role', department: 'dept' });
    expect(idp).toMatchObject({ role: 'LEADER', department: undefined });
    const nested = sessionFromToken(token({ sub: 'u3', groups: ['staff', 'DEPT'], org: { code: 'ZJJ' }, exp: 2_000_000_000 }), {
      role: 'groups',
      department: 'org.code',
    });
    expect(nested).toMatchObject({ role: 'DEPT', department: 'ZJJ' });
    expect(decodeJwtPayload(token({ name: '中文' })).name).toBe('中文');
    expect(() => sessionFromToken(token({ sub: 'x', role: 'LEADER' }))).toThrow(/exp/);
  });

  it('is gone once expired', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const session = sessionFromToken(token({ sub: 'u', role: 'LEADER', exp: 1_000 }));
    saveSession(session, storage);
    expect(isExpired(session, 999_999)).toBe(false);
    expect(readSession(storage, 999_999)).toEqual(session);
    expect(readSession(storage, 1_000_000)).toBeNull();
  });

  it('returns only to paths of the app after sign-in', () => {
    expect(safeNext('/projects/1?x=1')).toBe('/projects/1?x=1');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('signs in directly from /login?role=…&department=…', () => {
    expect(directSignInRequest(new URLSearchParams('role=dept&department=zjj'))).toEqual({ role: 'DEPT', department: 'ZJJ', sub: undefined, name: undefined });
    expect(directSignInRequest(new URLSearchParams('reason=expired'))).toBeNull();
  });
});

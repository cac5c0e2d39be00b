import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, callerFromClaims, claimAt, signDevToken, tokenRules, type TokenRules } from './auth';
import { DEV_JWT_SECRET } from './config';

const IDP: TokenRules = {
  issuer: 'https://idp.example',
  audience: 'urn:hub',
  roleClaim: 'realm_access.roles',
  departmentClaim: 'dept',
  nameClaim: 'preferred_username',
};
const VARIABLES = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_ROLE_CLAIM', 'AUTH_DEPARTMENT_CLAIM', 'AUTH_NAME_CLAIM'];

afterEach(() => {
  for (const name of VARIABLES) delete process.env[name];
});

describe('token rules from the environment', () => {
  it("default to the hub's own tokens and follow AUTH_* settings", () => {
    expect(tokenRules()).toEqual({
      issuer: 'supervision-hub',
      audience: 'supervision-hub',
      roleClaim: 'role',
      departmentClaim: 'department',
      nameClaim: 'name',
    });
    process.env.AUTH_ISSUER = IDP.issuer;
    process.env.AUTH_ROLE_CLAIM = 'groups';
    expect(tokenRules()).toMatchObject({ issuer: IDP.issuer, roleClaim: 'groups', departmentClaim: 'department' });
  });

  it("read a provider's claims under its names, nested paths and role lists included", () => {
    expect(claimAt({ a: { b: 1 } }, 'a.b')).toBe(1);
    const caller = callerFromClaims({ sub: 'u1', preferred_username: '王建国', realm_access: { roles: ['offline_access', 'DEPT'] }, dept: 'ZJJ' }, IDP);
    expect(caller).toEqual({ sub: 'u1', name: '王建国', role: 'DEPT', department: 'ZJJ' });
    expect(() => callerFromClaims({ sub: 'u1', realm_access: { roles: ['DEPT', 'LEADER'] }, dept: 'ZJJ' }, IDP)).toThrow(/several hub roles/);
    expect(() => callerFromClaims({ sub: 'u1', role: 'LEADER' }, IDP)).toThrow(/claim "realm_access.roles" must be one of/);
    expect(() => callerFromClaims({ sub: 'u1', realm_access: { roles: ['DEPT'] } }, IDP)).toThrow(/claim "dept"/);
  });

  it('refuse a token from another issuer or for another audience, naming the setting', async () => {
    const sign = (iss: string, aud: string) =>
      new SignJWT({ role: 'LEADER' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('l')
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    process.env.AUTH_ISSUER = IDP.issuer;
    process.env.AUTH_AUDIENCE = IDP.audience;
    await expect(authenticate(`Bearer ${await sign('supervision-hub', IDP.audience)}`)).rejects.toThrow(/"iss" is not the one this hub accepts \(AUTH_ISSUER/);
    await expect(authenticate(`Bearer ${await sign(IDP.issuer, 'other')}`)).rejects.toThrow(/"aud"/);
    await expect(authenticate(`Bearer ${await sign(IDP.issuer, IDP.audience)}`)).resolves.toMatchObject({ role: 'LEADER' });
  });

  it('shape development tokens by the same rules, so they pass whatever the claim names', async () => {
    process.env.AUTH_ROLE_CLAIM = 'realm_access.roles';
    process.env.AUTH_DEPARTMENT_CLAIM = 'org.code';
    const token = await signDevToken({ sub: 'd', role: 'DEPT', department: 'ZJJ' });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ realm_access: { roles: 'DEPT' }, org: { code: 'ZJJ' } });
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({ sub: 'd', name: 'd', role: 'DEPT', department: 'ZJJ' });
  });
});

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

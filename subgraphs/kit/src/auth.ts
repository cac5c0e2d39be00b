import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { DEV_JWT_SECRET, envInt, envOptional, envString } from './config';
import { AuthenticationError } from './errors';

/** The roles of docs/domain.md ("Who may do what"). */
export const ROLES = ['LEADER', 'OFFICE', 'CENTER', 'DEPT', 'ENFORCER', 'PUBLIC'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the verified token's claims, or the anonymous PUBLIC caller. */
export interface Caller {
  /** Subject: a staff id, or for ENFORCER the enforcer's roster id. */
  sub: string;
  name: string;
  role: Role;
  /** Department code; required for DEPT (a line department) and ENFORCER. */
  department?: string;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ sub: 'anonymous', name: 'Public', role: 'PUBLIC' });

export const TOKEN_ISSUER = 'supervision-hub';
export const TOKEN_AUDIENCE = 'supervision-hub';

let keyCache: { jwks?: JWTVerifyGetKey; secret?: Uint8Array; source: string } | undefined;

function verificationKey(): JWTVerifyGetKey | Uint8Array {
  const jwksUrl = envOptional('AUTH_JWKS_URL');
  const source = jwksUrl ?? `secret:${envOptional('AUTH_JWT_SECRET') ?? ''}`;
  if (!keyCache || keyCache.source !== source) {
    keyCache = jwksUrl
      ? { jwks: createRemoteJWKSet(new URL(jwksUrl)), source }
      : { secret: new TextEncoder().encode(envString('AUTH_JWT_SECRET', DEV_JWT_SECRET)), source };
  }
  return keyCache.jwks ?? keyCache.secret!;
}

/**
 * Tokens already verified, until they expire: every request is verified by the gateway and again by
 * each subgraph it reaches, and the signature check (HMAC or RSA, claims parsing) showed in every
 * service's profile. An entry holds for the key source it was verified with (a new secret or JWKS
 * URL verifies afresh) and ends at the token's `exp` plus the clock skew, as the check itself would;
 * the cache is bounded and simply emptied when full.
 */
const verifiedTokens = new Map<string, { caller: Caller; source: string; validUntil: number }>();
const VERIFIED_TOKENS_KEPT = 10_000;

/** A member unit's code: capital letters and digits, as in the department table's key (16 at most). */
const DEPARTMENT_CODE = /^[A-Z][A-Z0-9]{1,15}$/;

/** Checks the claims' shape; a token that verifies but carries nonsense is as bad as a forged one. */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role) || role === 'PUBLIC') {
    throw new AuthenticationError(`Token claim "role" must be one of ${ROLES.filter((r) => r !== 'PUBLIC').join(', ')}`);
  }
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new AuthenticationError('Token claim "sub" is missing');
  const department = typeof claims.department === 'string' ? claims.department : undefined;
  // Shape only: which units exist is reference data in the projects slice, checked by the subgraphs
  // (checkDepartmentClaim in departments.ts, cached); the gateway only needs a well-formed caller.
  if (role === 'DEPT' && !department) {
    throw new AuthenticationError('A DEPT token needs claim "department" set to its line department\'s code (e.g. ZJJ)');
  }
  if (department !== undefined && !DEPARTMENT_CODE.test(department)) {
    throw new AuthenticationError(`Token claim "department" must be a unit code (capital letters, e.g. ZJJ), got "${department}"`);
  }
  const name = typeof claims.name === 'string' ? claims.name : sub;
  return { sub, name, role: role as Role, department };
}

/**
 * Turns an Authorization header into a Caller. No header means PUBLIC; a header that is present
 * but not a valid, unexpired token is refused (never silently downgraded to PUBLIC).
 */
export async function authenticate(authorization: string | undefined | null): Promise<Caller> {
  if (!authorization) return PUBLIC_CALLER;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>"', 'invalid_request');
  try {
    const key = verificationKey();
    const cached = verifiedTokens.get(match[1]);
    if (cached && cached.source === keyCache!.source && Date.now() / 1000 < cached.validUntil) return cached.caller;
    // exp is required (a token without it would be valid forever); nbf and exp get the clock skew.
    const options = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS };
    const { payload } =
      key instanceof Uint8Array ? await jwtVerify(match[1], key, options) : await jwtVerify(match[1], key, options);
    checkTokenTimes(payload);
    const caller = Object.freeze(callerFromClaims(payload as Record<string, unknown>));
    if (verifiedTokens.size >= VERIFIED_TOKENS_KEPT) verifiedTokens.clear();
    verifiedTokens.set(match[1], { caller, source: keyCache!.source, validUntil: payload.exp! + CLOCK_SKEW_SECONDS });
    return caller;
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    const { code, claim } = error as { code?: string; claim?: string };
    const reason =
      code === 'ERR_JWT_EXPIRED'
        ? 'the token has expired'
        : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp'
          ? 'the token has no "exp" (expiry) claim; tokens must expire'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'nbf'
            ? 'the token is not valid yet ("nbf" is in the future)'
            : 'the token is invalid';
    throw new AuthenticationError(`Authentication failed: ${reason}`);
  }
}

/** Tolerated difference between the issuer's clock and ours, for iat, nbf and exp. */
export const CLOCK_SKEW_SECONDS = 60;

/** The longest a token may live, from AUTH_TOKEN_MAX_LIFETIME_MINUTES (default 12 hours). */
export function maxTokenLifetimeSeconds(): number {
  return envInt('AUTH_TOKEN_MAX_LIFETIME_MINUTES', 12 * 60) * 60;
}

/** A token issued in the future, or valid for longer than the configured lifetime, is refused. */
export function checkTokenTimes(payload: { iat?: number; exp?: number }, now = Math.floor(Date.now() / 1000)): void {
  const lifetime = maxTokenLifetimeSeconds();
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) {
    throw new AuthenticationError('Authentication failed: the token was issued in the future ("iat" is after now)');
  }
  const start = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
  if (typeof payload.exp === 'number' && payload.exp - start > lifetime + CLOCK_SKEW_SECONDS) {
    throw new AuthenticationError(`Authentication failed: the token lives longer than ${lifetime / 3600} hours (AUTH_TOKEN_MAX_LIFETIME_MINUTES)`);
  }
}

/** Signs a development token with the HS256 secret. Production tokens come from the identity provider (JWKS). */
export async function signDevToken(caller: Omit<Caller, 'name'> & { name?: string }, expiresIn = '12h'): Promise<string> {
  const secret = new TextEncoder().encode(envString('AUTH_JWT_SECRET', DEV_JWT_SECRET));
  const claims: Record<string, unknown> = { role: caller.role, name: caller.name ?? caller.sub };
  if (caller.department) claims.department = caller.department;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

/**
 * The one AuthChecker of every subgraph. `@Authorized()` = any signed-in caller;
 * `@Authorized('OFFICE', 'LEADER')` = one of those roles. Row-level scoping (a department's own cases)
 * lives in the services, not here. A refusal names the field and the rule, so a client knows why.
 */
export const authChecker: AuthChecker<{ user: Caller }> = ({ context, info }, roles) => {
  const { user } = context;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (roles.length === 0 ? user.role !== 'PUBLIC' : roles.includes(user.role)) return true;
  if (user.role === 'PUBLIC') {
    // Not AuthenticationError: no HTTP 401 for a whole answer because one field needs a login.
    throw new GraphQLError(`Access denied: ${field} needs a signed-in caller (send "Authorization: Bearer <token>")`, {
      extensions: { code: 'UNAUTHENTICATED', field, allowedRoles: roles.length ? roles : ROLES.filter((r) => r !== 'PUBLIC') },
    });
  }
  throw new GraphQLError(`Access denied: ${field} is for ${roles.join(', ')}; the caller's role is ${user.role}`, {
    extensions: { code: 'FORBIDDEN', field, allowedRoles: roles, role: user.role },
  });
};

/**
 * Who may call each of a subgraph's root fields and mutations, keyed "query.<field>" or
 * "mutation.<field>", and each object field it guards with @Authorized, keyed "Type.field":
 * declared in the subgraph's own src/access-policy.ts, next to its resolvers. The authorization
 * matrix (test/authorization.e2e.test.ts) calls every one as every role, through the gateway (root
 * fields also at the subgraph's own port), and expects exactly these roles to get past
 * authorization; a field without an entry fails it (deny by default).
 */
export type AccessPolicy = Record<string, readonly Role[]>;

/** Every caller, the public included. */
export const EVERYONE: readonly Role[] = ROLES;
/** Every signed-in caller. */
export const SIGNED_IN: readonly Role[] = ROLES.filter((r) => r !== 'PUBLIC');

export function hasRole(user: Caller, ...roles: Role[]): boolean {
  return roles.includes(user.role);
}

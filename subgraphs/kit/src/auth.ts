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

/** The hub's own `iss` and `aud` (development tokens); an identity provider's are configured (tokenRules). */
export const TOKEN_ISSUER = 'supervision-hub';
export const TOKEN_AUDIENCE = 'supervision-hub';

/**
 * What a token must say and where its claims are, read from the environment by the gateway and every
 * subgraph alike (the same variables, so they accept the same tokens). Defaults fit the hub's own
 * development tokens; with an identity provider set them to its `iss`, the `aud` it puts in access
 * tokens for the hub, and the names of its role and department claims. A claim name may be a dotted
 * path into nested claims (e.g. Keycloak's `realm_access.roles`).
 */
export interface TokenRules {
  /** AUTH_ISSUER: the `iss` every token must carry. */
  issuer: string;
  /** AUTH_AUDIENCE: an `aud` every token must carry. */
  audience: string;
  /** AUTH_ROLE_CLAIM: the claim holding the hub role (a string, or a list holding exactly one hub role). */
  roleClaim: string;
  /** AUTH_DEPARTMENT_CLAIM: the claim holding the department code. */
  departmentClaim: string;
  /** AUTH_NAME_CLAIM: the display name (falls back to `sub`). */
  nameClaim: string;
}

export function tokenRules(): TokenRules {
  return {
    issuer: envString('AUTH_ISSUER', TOKEN_ISSUER),
    audience: envString('AUTH_AUDIENCE', TOKEN_AUDIENCE),
    roleClaim: envString('AUTH_ROLE_CLAIM', 'role'),
    departmentClaim: envString('AUTH_DEPARTMENT_CLAIM', 'department'),
    nameClaim: envString('AUTH_NAME_CLAIM', 'name'),
  };
}

/** A claim by name or dotted path (`realm_access.roles`). */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function setClaimAt(claims: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = claims;
  for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
  target[parts[parts.length - 1]!] = value;
}

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
const verifiedTokens = new Map<string, { caller: Caller; source: string; rules: string; validUntil: number }>();
const VERIFIED_TOKENS_KEPT = 10_000;

/** A member unit's code: capital letters and digits, as in the department table's key (16 at most). */
const DEPARTMENT_CODE = /^[A-Z][A-Z0-9]{1,15}$/;

/** Checks the claims' shape; a token that verifies but carries nonsense is as bad as a forged one. */
export function callerFromClaims(claims: Record<string, unknown>, rules: TokenRules = tokenRules()): Caller {
  const signInRoles = ROLES.filter((r) => r !== 'PUBLIC') as string[];
  const raw = claimAt(claims, rules.roleClaim);
  // A provider often sends a list of groups or roles: exactly one of them must be a hub role.
  const candidates = (Array.isArray(raw) ? raw : [raw]).filter((r): r is string => typeof r === 'string' && signInRoles.includes(r));
  if (candidates.length !== 1) {
    throw new AuthenticationError(
      candidates.length > 1
        ? `Token claim "${rules.roleClaim}" names several hub roles (${candidates.join(', ')}): exactly one is allowed`
        : `Token claim "${rules.roleClaim}" must be one of ${signInRoles.join(', ')}`,
    );
  }
  const role = candidates[0] as Role;
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new AuthenticationError('Token claim "sub" is missing');
  const departmentValue = claimAt(claims, rules.departmentClaim);
  const department = typeof departmentValue === 'string' ? departmentValue : undefined;
  // Shape only: which units exist is reference data in the projects slice, checked by the subgraphs
  // (checkDepartmentClaim in departments.ts, cached); the gateway only needs a well-formed caller.
  if (role === 'DEPT' && !department) {
    throw new AuthenticationError(`A DEPT token needs claim "${rules.departmentClaim}" set to its line department's code (e.g. ZJJ)`);
  }
  if (department !== undefined && !DEPARTMENT_CODE.test(department)) {
    throw new AuthenticationError(`Token claim "${rules.departmentClaim}" must be a unit code (capital letters, e.g. ZJJ), got "${department}"`);
  }
  const nameValue = claimAt(claims, rules.nameClaim);
  const name = typeof nameValue === 'string' && nameValue ? nameValue : sub;
  return { sub, name, role, department };
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
    const rules = tokenRules();
    // Remembered only for the key and the token rules it was verified under (settings can change).
    const rulesKey = JSON.stringify(rules);
    const cached = verifiedTokens.get(match[1]);
    if (cached && cached.source === keyCache!.source && cached.rules === rulesKey && Date.now() / 1000 < cached.validUntil) return cached.caller;
    // exp is required (a token without it would be valid forever); nbf and exp get the clock skew.
    const options = { issuer: rules.issuer, audience: rules.audience, requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS };
    const { payload } = key instanceof Uint8Array ? await jwtVerify(match[1], key, options) : await jwtVerify(match[1], key, options);
    checkTokenTimes(payload);
    const caller = Object.freeze(callerFromClaims(payload as Record<string, unknown>, rules));
    if (verifiedTokens.size >= VERIFIED_TOKENS_KEPT) verifiedTokens.clear();
    verifiedTokens.set(match[1], { caller, source: keyCache!.source, rules: rulesKey, validUntil: payload.exp! + CLOCK_SKEW_SECONDS });
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
            : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (claim === 'iss' || claim === 'aud')
              ? `the token's "${claim}" is not the one this hub accepts (AUTH_ISSUER / AUTH_AUDIENCE)`
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
  // Shaped by the same rules the verifier applies, so a development token passes whatever they are.
  const rules = tokenRules();
  const claims: Record<string, unknown> = {};
  setClaimAt(claims, rules.roleClaim, caller.role);
  setClaimAt(claims, rules.nameClaim, caller.name ?? caller.sub);
  if (caller.department) setClaimAt(claims, rules.departmentClaim, caller.department);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.sub)
    .setIssuer(rules.issuer)
    .setAudience(rules.audience)
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

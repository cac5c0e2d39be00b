/**
 * The signed-in user: the bearer token the gateway verifies, and what the views need from its
 * claims. Kept in localStorage so GraphiQL in another tab signs its requests with the same token.
 */
export type Role = 'LEADER' | 'OFFICE' | 'CENTER' | 'DEPT' | 'ENFORCER';

export interface Session {
  token: string;
  sub: string;
  name: string;
  role: Role;
  department?: string;
  /** Milliseconds since the epoch (the token's `exp`). */
  expiresAt: number;
  /** From an identity provider: its ID token, the hint for ending the provider's session at sign-out. */
  idToken?: string;
}

const STORAGE_KEY = 'hub.session';

/** Claim names: the hub's own tokens use `role` and `department`; an identity provider may use others. */
export interface ClaimNames {
  role: string;
  department: string;
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('Not a JWT: no payload');
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

const HUB_ROLES: readonly Role[] = ['LEADER', 'OFFICE', 'CENTER', 'DEPT', 'ENFORCER'];

/** A claim by name or dotted path (`realm_access.roles`), as the gateway reads it (AUTH_ROLE_CLAIM). */
function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function sessionFromToken(token: string, claims: ClaimNames = { role: 'role', department: 'department' }): Session {
  const payload = decodeJwtPayload(token);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const roleValue = claimAt(payload, claims.role);
  // A provider may send a list of roles or groups; the hub role is the one among them the hub knows.
  const role = ((Array.isArray(roleValue) ? roleValue : [roleValue]).map((r) => text(r).toUpperCase()).find((r) => (HUB_ROLES as string[]).includes(r)) ??
    text(roleValue).toUpperCase()) as Role;
  const department = claimAt(payload, claims.department);
  if (typeof payload.exp !== 'number') throw new Error('Token has no "exp" claim');
  return {
    token,
    sub: text(payload.sub),
    name: typeof payload.name === 'string' ? payload.name : text(payload.sub),
    role,
    department: typeof department === 'string' && department ? department.toUpperCase() : undefined,
    expiresAt: payload.exp * 1000,
  };
}

export function isExpired(session: Session, now = Date.now()): boolean {
  return session.expiresAt <= now;
}

export function readSession(storage: Storage = localStorage, now = Date.now()): Session | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return isExpired(session, now) ? null : session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = localStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/** Where the sign-in page sends the user back to; only paths of this app (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

/** Leaves the current page for sign-in, remembering where the user was; `expired` says why. */
let leaving = false;

export function goToSignIn(reason: 'expired' | 'signed-out' | 'required', leave?: () => Promise<boolean>): void {
  // Several queries may fail with the same expired token: leave once.
  if (leaving) return;
  leaving = true;
  clearSession();
  const here = window.location.pathname + window.location.search;
  const params = new URLSearchParams({ reason });
  if (reason !== 'signed-out') params.set('next', safeNext(here));
  const toSignIn = () => window.location.assign(`/login?${params}`);
  // `leave`: another way out first (the identity provider's sign-out), the sign-in page when it has none.
  if (leave) void leave().then((left) => left || toSignIn(), toSignIn);
  else toSignIn();
}

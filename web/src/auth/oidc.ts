import type { OidcSettings } from '../config';
import { sessionFromToken, type Session } from './session';

/**
 * OpenID Connect authorization code flow with PKCE (RFC 7636) for a public client: the browser
 * holds no secret; the verifier stays in sessionStorage until the provider sends the user back.
 */
const PENDING_KEY = 'hub.oidc.pending';

interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  next: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`Identity provider discovery answered HTTP ${response.status}`);
  return (await response.json()) as Discovery;
}

export function redirectUri(): string {
  return `${window.location.origin}/auth/callback`;
}

export async function startOidcSignIn(settings: OidcSettings, next: string): Promise<void> {
  const discovery = await discover(settings.issuer);
  const pending: Pending = { state: randomString(), verifier: randomString(), nonce: randomString(), next };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Completes the flow on /auth/callback: checks the state, exchanges the code, returns the session and where to go. */
export async function finishOidcSignIn(settings: OidcSettings, search: URLSearchParams): Promise<{ session: Session; next: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (search.get('error')) throw new Error(`${search.get('error')}: ${search.get('error_description') ?? ''}`);
  if (!pending || search.get('state') !== pending.state) throw new Error('Sign-in answer does not match the request (state): start again');
  const code = search.get('code');
  if (!code) throw new Error('The identity provider sent no code');
  const discovery = await discover(settings.issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error_description ?? body.error ?? `Token exchange answered HTTP ${response.status}`);
  // The access token is what the gateway verifies (JWKS); its claims name the role and department.
  const session = sessionFromToken(body.access_token, { role: settings.roleClaim, department: settings.departmentClaim });
  return { session: { ...session, idToken: body.id_token }, next: pending.next };
}

/**
 * Sign-out ends the provider's session too (RP-initiated logout), or the next sign-in would pass
 * through the provider without asking; the provider sends the user back to the sign-in page.
 */
export async function endOidcSession(settings: OidcSettings, idToken: string | undefined): Promise<boolean> {
  const discovery = await discover(settings.issuer).catch(() => undefined);
  if (!discovery?.end_session_endpoint) return false;
  const url = new URL(discovery.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: `${window.location.origin}/login?reason=signed-out`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  window.location.assign(url.toString());
  return true;
}

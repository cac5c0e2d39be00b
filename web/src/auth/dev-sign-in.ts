import { useEffect, useState } from 'react';
import { sessionFromToken, type Role, type Session } from './session';

export interface DevSignInRequest {
  role: Role;
  department?: string;
  sub?: string;
  name?: string;
}

/** Development only: the gateway signs a token for the chosen role (404 in production). */
export async function devSignIn(request: DevSignInRequest, fetchImpl: typeof fetch = fetch): Promise<Session> {
  const response = await fetchImpl('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `Sign-in refused (HTTP ${response.status})`);
  return sessionFromToken(body.token);
}

/** `/login?role=DEPT&department=ZJJ`: the request those parameters ask for, or null to show the picker. */
export function directSignInRequest(search: URLSearchParams): DevSignInRequest | null {
  const role = search.get('role')?.toUpperCase();
  if (!role) return null;
  return {
    role: role as Role,
    department: search.get('department')?.toUpperCase() || undefined,
    sub: search.get('sub') || undefined,
    name: search.get('name') || undefined,
  };
}

/** Development only: a short office token for the sign-in picker's roster question (undefined until it arrives). */
export function useDevRosterToken(wanted: boolean): string | undefined {
  const [token, setToken] = useState<string>();
  useEffect(() => {
    if (!wanted || token) return;
    devSignIn({ role: 'OFFICE', sub: 'sign-in-picker', name: 'sign-in picker' })
      .then((session) => setToken(session.token))
      .catch(() => undefined);
  }, [wanted, token]);
  return token;
}

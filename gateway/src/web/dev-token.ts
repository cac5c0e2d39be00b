import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, signDevToken, type Role } from '@hub/kit';

/** Roles the development sign-in offers (PUBLIC needs no token). */
const SIGN_IN_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'PUBLIC');

function readJson(req: IncomingMessage, limit = 10_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
      if (raw.length > limit) reject(new Error('body too large'));
    });
    req.on('end', () => {
      try {
        resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * POST /auth/dev-token {role, department?, sub?, name?} → {token}: the development sign-in. It signs
 * with the development secret what anyone asks for, so it exists only outside production (the
 * caller answers 404 there).
 */
export async function devToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = await readJson(req);
  } catch (error) {
    send(res, 400, { error: `Sign-in request refused: ${(error as Error).message}` });
    return;
  }
  const role = (typeof body.role === 'string' ? body.role : '').toUpperCase() as Role;
  if (!SIGN_IN_ROLES.includes(role)) {
    send(res, 400, { error: `role must be one of ${SIGN_IN_ROLES.join(', ')}` });
    return;
  }
  const department =
    typeof body.department === 'string' && body.department ? body.department.toUpperCase() : role === 'CENTER' ? 'JYZX' : role === 'OFFICE' ? 'ZWJ' : undefined;
  if ((role === 'DEPT' || role === 'ENFORCER') && !department) {
    send(res, 400, { error: `department is required for ${role}` });
    return;
  }
  // Shape only: whether the code is a member unit is data of the projects slice, and every
  // subgraph checks the token's department claim against it.
  if (department && !/^[A-Z][A-Z0-9_]{1,19}$/.test(department)) {
    send(res, 400, { error: `department "${department.slice(0, 40)}" is not a member unit code` });
    return;
  }
  if (role === 'ENFORCER' && !body.sub) {
    send(res, 400, { error: 'sub (the enforcer id from the roster) is required for ENFORCER' });
    return;
  }
  const sub = typeof body.sub === 'string' && body.sub ? body.sub : `${role.toLowerCase()}${department ? `-${department.toLowerCase()}` : ''}-demo`;
  const name = typeof body.name === 'string' && body.name ? body.name : sub;
  try {
    send(res, 200, { token: await signDevToken({ sub, role, department, name }, '8h') });
  } catch (error) {
    send(res, 400, { error: (error as Error).message });
  }
}

import { parseArgs } from 'node:util';
import { maxTokenLifetimeSeconds, ROLES, signDevToken, type Role } from '@hub/kit';

/**
 * `pnpm -s token --role ROLE [--department CODE] [--sub ID] [--name NAME] [--expires 12h]` prints
 * only a signed development JWT (HS256, the development secret or AUTH_JWT_SECRET).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const role = values.role?.toUpperCase() as Role | undefined;
  if (!role || !ROLES.includes(role) || role === 'PUBLIC') {
    throw new Error(`--role must be one of ${ROLES.filter((r) => r !== 'PUBLIC').join(', ')} (PUBLIC needs no token)`);
  }
  const department = values.department?.toUpperCase() ?? (role === 'CENTER' ? 'JYZX' : role === 'OFFICE' ? 'ZWJ' : undefined);
  if ((role === 'DEPT' || role === 'ENFORCER') && !department) throw new Error(`--department is required for ${role}`);
  if (role === 'ENFORCER' && !values.sub) throw new Error('--sub is required for ENFORCER: the enforcer id from the roster');
  const sub = values.sub ?? `${role.toLowerCase()}${department ? `-${department.toLowerCase()}` : ''}-demo`;
  const token = await signDevToken({ sub, role, department, name: values.name ?? sub }, values.expires);
  // The services refuse tokens that live longer than the configured lifetime: say so here instead.
  const { iat, exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { iat: number; exp: number };
  if (exp - iat > maxTokenLifetimeSeconds()) {
    throw new Error(
      `--expires ${values.expires} is longer than the ${maxTokenLifetimeSeconds() / 3600} hours a token may live (AUTH_TOKEN_MAX_LIFETIME_MINUTES)`,
    );
  }
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});

import { parseArgs } from 'node:util';
import { ROLES, signDevToken, type Role } from '@hub/kit';

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
  process.stdout.write(`${await signDevToken({ sub, role, department, name: values.name ?? sub }, values.expires)}\n`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});

import { DEV_JWT_SECRET, envBool, envOptional } from './config';

/** A service that would run unsafe in production; the message names every setting to fix. */
export class UnsafeProductionConfig extends Error {}

/**
 * With NODE_ENV=production a service refuses to start on settings that are fine for development
 * and unsafe on the district's network: tokens signed with the development secret committed in the
 * repository, subgraphs that answer anyone (no HUB_INTERNAL_KEY), and introspection (the whole
 * schema for anyone who asks) unless ALLOW_INTROSPECTION_IN_PRODUCTION=true says it is wanted.
 */
export function assertSafeForProduction(service: string, settings: { introspection: boolean }, env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  const read = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const problems: string[] = [];
  if (!read('AUTH_JWKS_URL')) {
    const secret = read('AUTH_JWT_SECRET');
    if (!secret)
      problems.push('AUTH_JWT_SECRET is not set (the development secret would sign tokens): set AUTH_JWKS_URL, or AUTH_JWT_SECRET to a secret of your own');
    else if (secret === DEV_JWT_SECRET)
      problems.push('AUTH_JWT_SECRET is the development secret from the repository: set AUTH_JWKS_URL, or a secret of your own');
  }
  if (!read('HUB_INTERNAL_KEY')) problems.push('HUB_INTERNAL_KEY is not set: without it the subgraphs answer anyone, not only the gateway');
  if (settings.introspection && read('ALLOW_INTROSPECTION_IN_PRODUCTION')?.toLowerCase() !== 'true') {
    problems.push('INTROSPECTION is on: set INTROSPECTION=false, or ALLOW_INTROSPECTION_IN_PRODUCTION=true if the schema may be public');
  }
  if (problems.length) {
    throw new UnsafeProductionConfig(`${service} refuses to start with NODE_ENV=production:\n- ${problems.join('\n- ')}`);
  }
}

/** Introspection default: on in development, off in production (INTROSPECTION overrides). */
export function introspectionSetting(): boolean {
  return envBool('INTROSPECTION', envOptional('NODE_ENV') !== 'production');
}

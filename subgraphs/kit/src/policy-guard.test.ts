import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphql } from 'graphql';
import { Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { SIGNED_IN, type AccessPolicy } from './auth';
import { guardsFrom } from './policy-guard';
import { buildFederatedSchema } from './schema';
import { repoRoot } from './subgraph-list';
import { as } from './testing';

const policy = { 'query.secret': ['OFFICE'], 'query.signedIn': SIGNED_IN } satisfies AccessPolicy;
const Allowed = guardsFrom(policy);

@Resolver()
class GuardedResolver {
  @Allowed('query.secret')
  @Query(() => String)
  secret(): string {
    return 'ok';
  }

  @Allowed('query.signedIn')
  @Query(() => String)
  signedIn(): string {
    return 'ok';
  }
}

describe('guards from the access policy', () => {
  it('guards a field with exactly the roles of its policy entry', async () => {
    const schema = await buildFederatedSchema({ resolvers: [GuardedResolver] });
    const ask = (source: string, role: Parameters<typeof as>[0]) =>
      graphql({ schema, source, contextValue: { user: as(role, role === 'OFFICE' ? 'ZWJ' : 'ZJJ') } });
    expect((await ask('{ secret }', 'OFFICE')).data).toEqual({ secret: 'ok' });
    expect((await ask('{ secret }', 'DEPT')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ask('{ signedIn }', 'CENTER')).data).toEqual({ signedIn: 'ok' });
    expect((await ask('{ signedIn }', 'PUBLIC')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('no slice writes roles in its resolvers: every guard is @Allowed(<policy key>), never a literal @Authorized(…)', () => {
    const literal: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => /^\s*@Authorized\(/.test(line) && literal.push(`${path.slice(repoRoot().length + 1)}:${i + 1}: ${line.trim()}`));
        }
      }
    };
    for (const slice of readdirSync(join(repoRoot(), 'subgraphs'))) {
      if (slice !== 'kit') walk(join(repoRoot(), 'subgraphs', slice, 'src'));
    }
    expect(literal).toEqual([]);
  });
});

import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadDemoDataOnce, type GraphClient, type SeedEnvironment, type SubgraphDefinition } from '@hub/kit';
import { createTestOrm, loadDemoDataInterrupted, rowCounts } from '@hub/kit/testing';
import { prng, seedDemoData, type SeedProject } from './seed';
import { subgraph } from './server';
import { validCreditCode } from './test-support/fixtures';

const random = prng(11);
const departments = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
const code = () => validCreditCode(`91421002MA${String(Math.floor(random() * 1e7)).padStart(7, '0')}`);
const PROJECTS: SeedProject[] = Array.from({ length: 30 }, (_, i) => ({
  id: `40000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  code: `SS2025-${departments[i % 5]}-${String(i + 1).padStart(4, '0')}`,
  name: `测试项目${i}`,
  registeredOn: '2024-06-01',
  supervisingDepartment: { code: departments[i % 5] },
  tenderer: { creditCode: code() },
  tenderAgency: i % 4 === 0 ? null : { creditCode: code() },
  bids: Array.from({ length: 3 }, () => ({ bidderCreditCode: code() })),
}));
const ENFORCERS = Array.from({ length: 4 }, (_, i) => `50000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
const env: SeedEnvironment = {
  log: createLogger('cases-demo-data-test'),
  graph: (name) =>
    ({
      async request(_query: string, variables: { first?: number; after?: string | null } = {}) {
        if (name === 'enforcers') return { enforcers: { nodes: ENFORCERS.map((id) => ({ id })) } };
        const offset = variables.after ? Number(variables.after) : 0;
        const first = variables.first ?? 20;
        const hasNextPage = offset + first < PROJECTS.length;
        return {
          projects: { nodes: PROJECTS.slice(offset, offset + first), pageInfo: { hasNextPage, endCursor: hasNextPage ? String(offset + first) : null } },
        };
      },
    }) as unknown as GraphClient,
};
// 40 cases instead of 300 keep the test cheap; the load goes through the same service calls.
const definition: SubgraphDefinition<any> = { ...subgraph, seedDemoData: (em, seedEnv) => seedDemoData(em, seedEnv, { count: 40, today: '2026-11-26' }) };

let orm: MikroORM;
beforeAll(async () => {
  orm = await createTestOrm(subgraph);
});
afterAll(async () => orm?.close());

describe('cases demo data on an interrupted first start', () => {
  it('leaves nothing behind when interrupted part-way; the next start loads all of it, the one after nothing', async () => {
    const error = await loadDemoDataInterrupted(definition, orm, env, 25);
    expect(error.message).toMatch(/injected fault/);
    const interrupted = await rowCounts(orm);
    expect(Object.entries(interrupted).filter(([table, n]) => table !== 'mikro_orm_migrations' && n > 0)).toEqual([]);

    expect(await loadDemoDataOnce(definition, orm, env)).toBe('loaded');
    const full = await rowCounts(orm);
    expect(full).toMatchObject({ case_file: 40, hub_demo_data: 1 });
    expect(full.case_event).toBeGreaterThan(40);
    expect(full.rectification_task).toBeGreaterThanOrEqual(12);
    expect(await loadDemoDataOnce(definition, orm, env)).toBe('already-loaded');
    expect(await rowCounts(orm)).toEqual(full);
  }, 120_000);
});

import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, creditCodeCheckCharacter, loadDemoDataOnce, type GraphClient, type SeedEnvironment } from '@hub/kit';
import { createTestOrm, loadDemoDataInterrupted, rowCounts } from '@hub/kit/testing';
import { subgraph } from './server';

const code = (n: number) => {
  const first17 = `91421002MA48${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const LINES = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
const CATEGORY: Record<string, string> = { FGJ: 'MUNICIPAL', ZJJ: 'HOUSING', JTJ: 'TRANSPORT', SLJ: 'WATER', NYJ: 'AGRICULTURE' };
/** 60 canned projects over 2024–2026, as the projects slice's `projects` query pages them. */
const PROJECTS = Array.from({ length: 60 }, (_, i) => {
  const d = LINES[i % 5];
  const year = 2024 + (i % 3);
  return {
    id: `30000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    code: `SS${year}-${d}-${String(i + 1).padStart(4, '0')}`,
    category: CATEGORY[d],
    registeredOn: `${year}-0${(i % 9) + 1}-15`,
    supervisingDepartment: { code: d },
    tenderer: { creditCode: code(i % 20) },
    tenderAgency: i % 4 === 0 ? null : { creditCode: code(50 + (i % 6)) },
    bids: [0, 1, 2].map((b) => ({ bidderCreditCode: code(100 + ((i + b * 7) % 60)) })),
  };
});
const env: SeedEnvironment = {
  log: createLogger('enforcers-demo-data-test'),
  graph: () =>
    ({
      async request(_query: string, variables: { first: number; after: string | null; filter: { registeredFrom: string; registeredTo: string } }) {
        const matching = PROJECTS.filter((p) => p.registeredOn >= variables.filter.registeredFrom && p.registeredOn <= variables.filter.registeredTo);
        const offset = variables.after ? Number(variables.after) : 0;
        const nodes = matching.slice(offset, offset + variables.first);
        const hasNextPage = offset + variables.first < matching.length;
        return {
          projects: { totalCount: matching.length, pageInfo: { hasNextPage, endCursor: hasNextPage ? String(offset + variables.first) : null }, nodes },
        };
      },
    }) as unknown as GraphClient,
};

let orm: MikroORM;
beforeAll(async () => {
  orm = await createTestOrm(subgraph);
});
afterAll(async () => orm?.close());

describe('enforcers demo data on an interrupted first start', () => {
  it('leaves nothing behind when interrupted part-way; the next start loads all of it, the one after nothing', async () => {
    // The roster is written first; fail during the yearly plans and draws.
    const error = await loadDemoDataInterrupted(subgraph, orm, env, 3);
    expect(error.message).toMatch(/injected fault/);
    const interrupted = await rowCounts(orm);
    expect(Object.entries(interrupted).filter(([table, n]) => table !== 'mikro_orm_migrations' && n > 0)).toEqual([]);

    expect(await loadDemoDataOnce(subgraph, orm, env)).toBe('loaded');
    const full = await rowCounts(orm);
    expect(full).toMatchObject({ enforcer: 80, inspection_item: 8, inspection_plan: 3, inspection_draw: 3, hub_demo_data: 1 });
    expect(full.inspection).toBeGreaterThan(0);
    expect(await loadDemoDataOnce(subgraph, orm, env)).toBe('already-loaded');
    expect(await rowCounts(orm)).toEqual(full);
  }, 120_000);
});

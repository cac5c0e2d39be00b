import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadDemoDataOnce, type SeedEnvironment, type SubgraphDefinition } from '@hub/kit';
import { createTestOrm, loadDemoDataInterrupted, rowCounts } from '@hub/kit/testing';
import { seedDemoData } from './seed';
import { subgraph } from './server';

// 20 projects instead of 200 keep the test cheap; the load goes through the same service calls.
const definition: SubgraphDefinition<any> = { ...subgraph, seedDemoData: (em, env) => seedDemoData(em, env, { projects: 20 }) };
const env: SeedEnvironment = {
  log: createLogger('projects-demo-data-test'),
  graph: (name) => {
    throw new Error(`the projects demo data reads no other slice (asked for ${name})`);
  },
};

let orm: MikroORM;
beforeAll(async () => {
  orm = await createTestOrm(subgraph);
});
afterAll(async () => orm?.close());

describe('projects demo data on an interrupted first start', () => {
  it('leaves nothing behind when interrupted part-way; the next start loads all of it, the one after nothing', async () => {
    // Fault after the registry and a dozen project steps: half-way through the projects.
    const error = await loadDemoDataInterrupted(definition, orm, env, 12);
    expect(error.message).toMatch(/injected fault/);
    const interrupted = await rowCounts(orm);
    // The member units are the migration's reference rows, not demo data: they stay.
    expect(Object.entries(interrupted).filter(([table, n]) => !['mikro_orm_migrations', 'department'].includes(table) && n > 0)).toEqual([]);

    expect(await loadDemoDataOnce(definition, orm, env)).toBe('loaded');
    const full = await rowCounts(orm);
    expect(full).toMatchObject({ department: 7, market_entity: 150, practitioner: 40, project: 20, hub_demo_data: 1 });
    expect(full.stage_record).toBeGreaterThan(20);
    expect(full.bid).toBeGreaterThan(20);

    expect(await loadDemoDataOnce(definition, orm, env)).toBe('already-loaded');
    expect(await rowCounts(orm)).toEqual(full);
  }, 120_000);
});

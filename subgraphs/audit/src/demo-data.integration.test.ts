import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadDemoDataOnce, type GraphClient, type SeedEnvironment } from '@hub/kit';
import { createTestOrm, loadDemoDataInterrupted, rowCounts } from '@hub/kit/testing';
import { subgraph } from './server';

const projects = Array.from({ length: 12 }, (_, i) => ({
  id: `20000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  code: `SS2025-ZJJ-${String(i + 1).padStart(4, '0')}`,
  registeredOn: '2025-03-01',
}));
const env: SeedEnvironment = {
  log: createLogger('audit-demo-data-test'),
  graph: () => ({ request: async () => ({ projects: { nodes: projects } }) }) as unknown as GraphClient,
};

let orm: MikroORM;
beforeAll(async () => {
  orm = await createTestOrm(subgraph);
});
afterAll(async () => orm?.close());

describe('audit demo data on an interrupted first start', () => {
  it('leaves nothing behind when interrupted; the next start loads all of it, the one after nothing', async () => {
    // The audit seed writes in one flush: fail right after it, before the load completes.
    const error = await loadDemoDataInterrupted(subgraph, orm, env, 1);
    expect(error.message).toMatch(/injected fault/);
    expect(await rowCounts(orm)).toMatchObject({ audit_finding: 0, hub_demo_data: 0 });

    expect(await loadDemoDataOnce(subgraph, orm, env)).toBe('loaded');
    const full = await rowCounts(orm);
    expect(full).toMatchObject({ audit_finding: 12, hub_demo_data: 1 });
    expect(await loadDemoDataOnce(subgraph, orm, env)).toBe('already-loaded');
    expect(await rowCounts(orm)).toEqual(full);
  });

  it('records no completion when the seeder found nothing to hang its data on, so the next start tries again', async () => {
    const empty = await createTestOrm(subgraph);
    try {
      const noProjects: SeedEnvironment = { ...env, graph: () => ({ request: async () => ({ projects: { nodes: [] } }) }) as unknown as GraphClient };
      expect(await loadDemoDataOnce(subgraph, empty, noProjects)).toBe('nothing-loaded');
      expect(await loadDemoDataOnce(subgraph, empty, env)).toBe('loaded');
      expect(await rowCounts(empty)).toMatchObject({ audit_finding: 12, hub_demo_data: 1 });
    } finally {
      await empty.close();
    }
  });
});

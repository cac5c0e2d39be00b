import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createLogger, loadDemoDataOnce, todayInShanghai, withCheckCharacter, type GraphClient, type SeedEnvironment } from '@hub/kit';
import { createTestOrm, loadDemoDataInterrupted, rowCounts } from '@hub/kit/testing';
import { createCreditSubgraph } from './server';

const code = (n: number) => withCheckCharacter(`91421002MA${String(4900000 + n).padStart(7, '0')}`);
const departments = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
/** 60 canned awarded projects, as the projects slice's `projects` query pages them. */
const PROJECTS = Array.from({ length: 60 }, (_, i) => {
  const registeredOn = addDays('2024-01-02', i * 10);
  return {
    id: randomUUID(),
    code: `SS-${String(i).padStart(4, '0')}`,
    registeredOn,
    awardNoticeOn: addDays(registeredOn, 40) <= todayInShanghai() ? addDays(registeredOn, 40) : null,
    supervisingDepartment: { code: departments[i % 5] },
    tenderAgency: i % 4 === 3 ? null : { creditCode: code(i % 6), name: `Agency ${i % 6}` },
    bids: [0, 1, 2].map((b) => ({
      id: randomUUID(),
      bidderCreditCode: code(100 + ((i + b * 7) % 30)),
      submittedOn: addDays(registeredOn, 25),
      awarded: b === i % 3,
    })),
  };
});
const env: SeedEnvironment = {
  log: createLogger('credit-demo-data-test'),
  graph(name) {
    // No cases slice: the seed then evaluates agencies from credit records alone.
    if (name !== 'projects') throw new Error(`No subgraph "${name}" in this test`);
    return {
      async request(query: string, variables: { first: number; after: string | null }) {
        if (query.includes('practitioners(')) return { practitioners: { nodes: [{ id: randomUUID() }, { id: randomUUID() }] } };
        const offset = variables.after ? Number(variables.after) : 0;
        const nodes = PROJECTS.slice(offset, offset + variables.first);
        const end = offset + nodes.length;
        return { projects: { pageInfo: { hasNextPage: end < PROJECTS.length, endCursor: String(end) }, nodes } };
      },
    } as unknown as GraphClient;
  },
};
const subgraph = createCreditSubgraph({
  projects: { projects: async () => new Map(), tenderAgencies: async () => [] },
  cases: { casesAgainst: async () => new Map() },
});

let orm: MikroORM;
beforeAll(async () => {
  orm = await createTestOrm(subgraph);
});
afterAll(async () => orm?.close());

describe('credit demo data on an interrupted first start', () => {
  it('leaves nothing behind when interrupted part-way; the next start loads all of it, the one after nothing', async () => {
    // After the rule catalogue and a few records.
    const error = await loadDemoDataInterrupted(subgraph, orm, env, 20);
    expect(error.message).toMatch(/injected fault/);
    const interrupted = await rowCounts(orm);
    expect(Object.entries(interrupted).filter(([table, n]) => table !== 'mikro_orm_migrations' && n > 0)).toEqual([]);

    expect(await loadDemoDataOnce(subgraph, orm, env)).toBe('loaded');
    const full = await rowCounts(orm);
    expect(full).toMatchObject({ credit_rule: 12, hub_demo_data: 1 });
    expect(full.credit_record).toBeGreaterThanOrEqual(100);
    expect(full.agency_evaluation).toBeGreaterThan(0);
    // The two project managers the fake projects slice lists get one published record each (the public's practitioner search finds them).
    const aboutPractitioners = await orm.em
      .getConnection()
      .execute<{ status: string }[]>(`select status from credit_record where subject_type = 'PRACTITIONER'`);
    expect(aboutPractitioners).toHaveLength(2);
    expect(aboutPractitioners.every((r) => r.status !== 'DRAFT')).toBe(true);
    expect(await loadDemoDataOnce(subgraph, orm, env)).toBe('already-loaded');
    expect(await rowCounts(orm)).toEqual(full);
  }, 180_000);
});

import { randomUUID } from 'node:crypto';
import { createLogger, type GraphClient, type SeedEnvironment } from '@hub/kit';
import { createTestOrm } from '@hub/kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case, CaseEvent } from './case/case.entity';
import { CaseStatus } from './case/case-states';
import { RectificationTask } from './rectification/rectification.entity';
import { prng, seedDemoData, type SeedProject } from './seed';
import { subgraph } from './server';
import { validCreditCode } from './test-support/fixtures';

/** 60 canned projects across the five line departments, as the projects subgraph would page them. */
function cannedProjects(): SeedProject[] {
  const random = prng(7);
  const departments = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
  const code = () => validCreditCode(`91421002MA${String(Math.floor(random() * 1e7)).padStart(7, '0')}`);
  return Array.from({ length: 60 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: `SS2025-${departments[i % 5]}-${String(i + 1).padStart(4, '0')}`,
    name: `测试项目${i}`,
    registeredOn: '2024-06-01',
    supervisingDepartment: { code: departments[i % 5] },
    tenderer: { creditCode: code() },
    tenderAgency: i % 4 === 0 ? null : { creditCode: code() },
    bids: Array.from({ length: 3 }, () => ({ bidderCreditCode: code() })),
  }));
}

function fakeEnvironment(projects: SeedProject[]): SeedEnvironment {
  const enforcers = Array.from({ length: 6 }, () => randomUUID()).sort();
  return {
    log: createLogger('seed-test'),
    graph: (name: string) =>
      ({
        async request(_query: string, variables: { first?: number; after?: string | null } = {}) {
          if (name === 'enforcers')
            return { enforcers: { nodes: enforcers.map((id, i) => ({ id, department: { code: ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'][i % 5] } })) } };
          const offset = variables.after ? Number(variables.after) : 0;
          const first = variables.first ?? 20;
          const nodes = projects.slice(offset, offset + first);
          const hasNextPage = offset + first < projects.length;
          return { projects: { nodes, pageInfo: { hasNextPage, endCursor: hasNextPage ? String(offset + first) : null } } };
        },
      }) as unknown as GraphClient,
  };
}

let orm: MikroORM;
let other: MikroORM;

beforeAll(async () => {
  [orm, other] = await Promise.all([createTestOrm(subgraph), createTestOrm(subgraph)]);
});

afterAll(async () => {
  await orm?.close();
  await other?.close();
});

describe('cases demo data', () => {
  // The hub loads DEMO_CASES (300); a smaller run keeps this test fast and exercises the same code.
  const COUNT = 60;
  const TODAY = '2026-11-26';

  it('loads cases over real (canned) projects across kinds, states and departments, deterministically, once', async () => {
    const projects = cannedProjects();
    await seedDemoData(orm.em.fork(), fakeEnvironment(projects), { count: COUNT, today: TODAY });
    const em = orm.em.fork();
    const cases = await em.find(Case, {}, { orderBy: { receiptNumber: 'asc' } });
    expect(cases).toHaveLength(COUNT);
    expect(new Set(cases.map((c) => c.kind)).size).toBe(4);
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(Object.values(CaseStatus)));
    expect(new Set(cases.flatMap((c) => c.responsibleDepartments))).toEqual(new Set(['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ', 'ZWJ']));
    expect(cases.every((c) => projects.some((p) => p.id === c.projectId))).toBe(true);
    const today = TODAY;
    expect(cases.filter((c) => c.nextDueOn && c.nextDueOn < today).length).toBeGreaterThan(0);
    expect(cases.some((c) => c.receivedOn === '2026-09-30' || c.receivedOn === '2026-02-13')).toBe(true);
    expect(cases.some((c) => c.assignedEnforcerIds.length > 0)).toBe(true);

    // Full trails: every case starts with SUBMIT, sequences have no gaps, archived ones end with ARCHIVE.
    const events = await em.find(CaseEvent, {}, { orderBy: { case: 'asc', sequence: 'asc' } });
    const byCase = new Map<string, CaseEvent[]>();
    for (const e of events) byCase.set(e.case.id, [...(byCase.get(e.case.id) ?? []), e]);
    for (const c of cases) {
      const trail = byCase.get(c.id)!;
      expect(trail[0].transition).toBe('SUBMIT');
      expect(trail.map((e) => e.sequence)).toEqual(trail.map((_, i) => i + 1));
      expect(trail[trail.length - 1].toStatus).toBe(c.status);
    }
    expect(await em.count(RectificationTask, {})).toBeGreaterThanOrEqual(12);

    // A second start leaves everything as it is.
    await seedDemoData(orm.em.fork(), fakeEnvironment(projects), { count: COUNT, today: TODAY });
    expect(await orm.em.fork().count(Case, {})).toBe(cases.length);

    // The same input gives the same data on another machine (database).
    await seedDemoData(other.em.fork(), fakeEnvironment(projects), { count: COUNT, today: TODAY });
    const again = await other.em.fork().find(Case, {}, { orderBy: { receiptNumber: 'asc' } });
    expect(again.map((c) => [c.receiptNumber, c.status, c.kind, c.projectId])).toEqual(cases.map((c) => [c.receiptNumber, c.status, c.kind, c.projectId]));
  }, 120_000);
});

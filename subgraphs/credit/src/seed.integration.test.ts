import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createLogger, todayInShanghai, type GraphClient, type SeedEnvironment, withCheckCharacter } from '@hub/kit';
import { as, createTestOrm, run } from '@hub/kit/testing';
import { AgencyEvaluation } from './evaluation/agency-evaluation.entity';
import { PerformanceNotification } from './notification/notification.entity';
import { prng, seedDemoData } from './seed';
import { JointPunishmentEntry } from './punishment/joint-punishment.entity';
import { CreditObjection, CreditRecord } from './record/credit-record.entity';
import { CreditRule } from './rule/credit-rule.entity';
import { createCreditSubgraph } from './server';

/** Canned projects in the shape the projects subgraph answers, paged like it (what the seed reads). */
function cannedProjects() {
  const random = prng(7);
  const code = (n: number) => withCheckCharacter(`91421002MA${String(4800000 + n).padStart(7, '0')}`);
  const departments = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
  return Array.from({ length: 150 }, (_, i) => {
    const registeredOn = addDays('2024-01-02', Math.floor(i * 6.5));
    const awardNoticeOn = addDays(registeredOn, 40);
    const bidders = [code(100 + (i % 37)), code(200 + (i % 23)), code(300 + (i % 11))];
    return {
      id: randomUUID(),
      code: `SS-${String(i).padStart(4, '0')}`,
      registeredOn,
      awardNoticeOn: awardNoticeOn <= todayInShanghai() ? awardNoticeOn : null,
      supervisingDepartment: { code: departments[i % 5] },
      tenderAgency: i % 4 === 3 ? null : { creditCode: code(i % 6), name: `Agency ${i % 6}` },
      bids: bidders.map((bidderCreditCode, b) => ({
        id: randomUUID(),
        bidderCreditCode,
        submittedOn: addDays(registeredOn, 25),
        awarded: b === Math.floor(random() * 3),
      })),
    };
  });
}

const projects = cannedProjects();
const env: SeedEnvironment = {
  log: createLogger('credit-seed-test'),
  graph(name: string) {
    if (name !== 'projects') throw new Error(`No subgraph "${name}" in subgraphs.json`);
    return {
      async request(query: string, variables: { first: number; after: string | null }) {
        if (query.includes('practitioners(')) return { practitioners: { nodes: [{ id: randomUUID() }, { id: randomUUID() }, { id: randomUUID() }] } };
        const offset = variables.after ? Number(variables.after) : 0;
        const nodes = projects.slice(offset, offset + variables.first);
        const end = offset + nodes.length;
        return { projects: { pageInfo: { hasNextPage: end < projects.length, endCursor: String(end) }, nodes } };
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

describe('credit demo data', () => {
  it('seeds the catalogue, records in every state, objections, joint punishment, late and overdue notifications, and evaluations — once', async () => {
    await seedDemoData(orm.em.fork(), env);
    const em = orm.em.fork();
    const counts = async () => [await em.count(CreditRule), await em.count(CreditRecord), await em.count(PerformanceNotification)];
    const first = await counts();
    await seedDemoData(orm.em.fork(), env); // second start: no-op
    expect(await counts()).toEqual(first);

    expect(first[0]).toBe(12);
    expect(await em.count(CreditRule, { serious: true })).toBe(3);
    expect(first[1]).toBeGreaterThanOrEqual(100);
    const today = todayInShanghai();
    const records = await em.find(CreditRecord, {});
    const statuses = new Set(records.map((r) => r.statusOn(today)));
    for (const status of ['DRAFT', 'IN_PUBLICITY', 'EFFECTIVE', 'EXPIRED']) expect(statuses, status).toContain(status);

    const objections = await em.find(CreditObjection, {});
    expect(objections.map((o) => o.outcome).sort()).toEqual(expect.arrayContaining(['CORRECTED', 'UPHELD']));
    expect(await em.count(JointPunishmentEntry)).toBeGreaterThan(0);

    const notifications = await em.find(PerformanceNotification, {});
    expect(notifications.filter((n) => n.recordedLate).length).toBeGreaterThan(0);
    expect(notifications.filter((n) => n.recordedOn && !n.recordedLate).length).toBeGreaterThan(0);
    expect(notifications.filter((n) => n.overdueOn(today)).length).toBeGreaterThan(0);

    // Project managers absent from site (LY-01), published: the public's practitioner search finds them.
    const aboutPractitioners = records.filter((r) => r.subjectType === 'PRACTITIONER');
    expect(aboutPractitioners.map((r) => [r.rule.code, r.published])).toEqual([
      ['LY-01', true],
      ['LY-01', true],
      ['LY-01', true],
    ]);

    const years = new Set((await em.find(AgencyEvaluation, {})).map((e) => e.year));
    expect([...years].sort()).toEqual([2024, 2025]);

    // Through the graph, the public sees the published part only.
    const schema = await subgraph.buildSchema();
    const visible = await run(subgraph, schema, orm, `{ creditRecords(first: 1) { totalCount } }`, {}, as('PUBLIC'));
    expect(visible.data.creditRecords.totalCount).toBe(records.filter((r) => r.published).length);
    expect(visible.data.creditRecords.totalCount).toBeLessThan(records.length);
  });
});

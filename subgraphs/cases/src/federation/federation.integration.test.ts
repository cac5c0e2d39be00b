import { randomUUID } from 'node:crypto';
import { countStatements } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case } from '../case/case.entity';
import { as, complaintInput, createWorld, RESPONDENT_A, validCreditCode, SUBMIT_COMPLAINT } from '../test-support/fixtures';

let world: Awaited<ReturnType<typeof createWorld>>;
const office = as('OFFICE', 'ZWJ');
const respondents = Array.from({ length: 100 }, (_, i) => validCreditCode(`91421002MA49${String(10000 + i).slice(-5)}`));

const OPEN_FINDING = /* GraphQL */ `
  mutation ($input: OpenCaseFromInspectionFindingInput!) {
    openCaseFromInspectionFinding(input: $input) {
      id
    }
  }
`;

beforeAll(async () => {
  world = await createWorld({ perDepartment: 20 });
  // One finding case per project (100 projects), each naming its own respondent.
  for (const [i, project] of world.projects.entries()) {
    const result = await world.gql(
      OPEN_FINDING,
      {
        input: {
          findingId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          projectId: project.id,
          departmentCode: project.supervisingDepartmentCode,
          summary: `Finding ${i}`,
          respondentCreditCodes: [respondents[i]],
        },
      },
      office,
    );
    expect(result.errors).toBeUndefined();
  }
});

afterAll(async () => world?.orm.close());

describe('federation fields are batched', () => {
  const projectCases = /* GraphQL */ `
    query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Project {
          id
          cases {
            id
            kind
            events {
              transition
            }
          }
        }
      }
    }
  `;

  it('Project.cases with their trails: the same statements for 100 projects as for 5', async () => {
    const ask = (n: number) => world.gql(projectCases, { r: world.projects.slice(0, n).map((p) => ({ __typename: 'Project', id: p.id })) }, as('LEADER'));
    const five = await countStatements(world.orm, () => ask(5));
    const hundred = await countStatements(world.orm, () => ask(100));
    expect(hundred.result.errors).toBeUndefined();
    expect(hundred.result.data._entities).toHaveLength(100);
    expect(hundred.result.data._entities.every((p: { cases: { events: unknown[] }[] }) => p.cases.length === 1 && p.cases[0].events.length === 2)).toBe(true);
    expect(hundred.statements.length).toBe(five.statements.length);
    expect(hundred.statements.length).toBeLessThanOrEqual(2);
  });

  it('MarketEntity.cases (as respondent): the same statements for 100 entities as for 5', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on MarketEntity { creditCode cases { id respondents { creditCode } } } } }`;
    const ask = (n: number) => world.gql(query, { r: respondents.slice(0, n).map((creditCode) => ({ __typename: 'MarketEntity', creditCode })) }, as('LEADER'));
    const five = await countStatements(world.orm, () => ask(5));
    const hundred = await countStatements(world.orm, () => ask(100));
    expect(hundred.result.data._entities[42].cases[0].respondents).toEqual([{ creditCode: respondents[42] }]);
    expect(hundred.statements.length).toBe(five.statements.length);
    expect(hundred.statements.length).toBe(1);
  });

  it('Department.cases and Department.caseStats: the same statements for 100 departments as for 5', async () => {
    const query = `query($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) { ... on Department { code
      cases(first: 5) { totalCount pageInfo { hasNextPage } nodes { id supervisingDepartment { code } } }
      caseStats(period: $p) { received accepted rejected resolvedOnTime resolvedLate overdue byKind { kind count } } } } }`;
    const codes = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ', ...Array.from({ length: 95 }, (_, i) => `X${i}`)];
    const ask = (n: number) =>
      world.gql(query, { r: codes.slice(0, n).map((code) => ({ __typename: 'Department', code })), p: { from: '2026-11-01', to: '2026-11-30' } }, as('LEADER'));
    const five = await countStatements(world.orm, () => ask(5));
    const hundred = await countStatements(world.orm, () => ask(100));
    expect(hundred.result.errors).toBeUndefined();
    const zjj = hundred.result.data._entities[1];
    expect(zjj.cases).toMatchObject({ totalCount: 20, pageInfo: { hasNextPage: true } });
    expect(zjj.cases.nodes).toHaveLength(5);
    expect(zjj.cases.nodes.every((n: { supervisingDepartment: { code: string } }) => n.supervisingDepartment.code === 'ZJJ')).toBe(true);
    expect(zjj.caseStats).toMatchObject({ received: 20, accepted: 20, rejected: 0, overdue: 0 });
    expect(zjj.caseStats.byKind).toContainEqual({ kind: 'INSPECTION_FINDING', count: 20 });
    expect(hundred.result.data._entities[99].cases.totalCount).toBe(0);
    expect(hundred.statements.length).toBe(five.statements.length);
    expect(hundred.statements.length).toBe(2);
  });

  it("pages a department's cases with cursors", async () => {
    const query = `query($after: String) { _entities(representations: [{ __typename: "Department", code: "JTJ" }]) { ... on Department { cases(first: 8, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const result: any = await world.gql(query, { after }, office);
      const cases = result.data._entities[0].cases;
      seen.push(...cases.nodes.map((n: { id: string }) => n.id));
      after = cases.pageInfo.endCursor;
      if (!cases.pageInfo.hasNextPage) break;
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('resolves a Case reference for those who may see it, null for an enforcer not assigned', async () => {
    const id = (await world.gql(`{ cases(first: 1) { nodes { id } } }`, {}, office)).data.cases.nodes[0].id;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id kind } } }`;
    expect((await world.gql(query, { r: [{ __typename: 'Case', id }] }, as('LEADER'))).data._entities).toEqual([{ id, kind: 'INSPECTION_FINDING' }]);
    expect((await world.gql(query, { r: [{ __typename: 'Case', id }] }, as('ENFORCER', 'ZJJ', randomUUID()))).data._entities).toEqual([null]);
  });
});

describe('deadlines through the graph', () => {
  const ACCEPTANCE = `query($id: ID!) { case(id: $id) { receivedOn acceptanceDeadline { dueOn provisional daysLeft overdue } resolutionDeadline { dueOn provisional } overdue } }`;

  async function submitAt(instant: string, overrides: Record<string, unknown> = {}) {
    world.clock.now = new Date(instant);
    const result = await world.gql(
      SUBMIT_COMPLAINT,
      { input: complaintInput(world.projectOf('ZJJ'), { respondentCreditCodes: [RESPONDENT_A], ...overrides }) },
      as('PUBLIC'),
    );
    expect(result.errors).toBeUndefined();
    return (await world.orm.em.fork().findOneOrFail(Case, { receiptNumber: result.data.submitComplaint.receiptNumber })).id;
  }

  it('counts across Spring Festival 2024 to a make-up Sunday, the same under America/Los_Angeles', async () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        // 09:00 on Thu 2024-02-08 in Shanghai.
        const id = await submitAt('2024-02-08T01:00:00Z', { knewOn: '2024-02-05', idempotencyKey: randomUUID() });
        world.clock.now = new Date('2024-02-14T04:00:00Z');
        const result = await world.gql(ACCEPTANCE, { id }, office);
        expect(result.data.case, zone).toEqual({
          receivedOn: '2024-02-08',
          acceptanceDeadline: { dueOn: '2024-02-18', provisional: false, daysLeft: 1, overdue: false },
          resolutionDeadline: null,
          overdue: false,
        });
      }
    } finally {
      process.env.TZ = tz;
    }
  });

  it('takes the receipt day in Shanghai (late evening UTC is the next day) and jumps National Day 2026', async () => {
    const id = await submitAt('2026-09-30T17:30:00Z', { knewOn: '2026-09-28' });
    const result = await world.gql(ACCEPTANCE, { id }, office);
    expect(result.data.case.receivedOn).toBe('2026-10-01');
    expect(result.data.case.acceptanceDeadline.dueOn).toBe('2026-10-09');
  });

  it('marks a resolution due date beyond the calendar (2027) provisional', async () => {
    // Accepted Mon 2026-12-28: 3 working days in 2026, then 2027 counted as plain weekdays (1 Jan included): Mon 2027-01-18.
    const id = await submitAt('2026-12-28T02:00:00Z', { knewOn: '2026-12-25' });
    await world.gql(`mutation($id: ID!) { acceptCase(input: { caseId: $id }) { status } }`, { id }, office);
    const result = await world.gql(ACCEPTANCE, { id }, office);
    expect(result.data.case.resolutionDeadline).toEqual({ dueOn: '2027-01-18', provisional: true });
  });

  it('lists overdue and soon-due cases per department, soonest first', async () => {
    const overdueId = await submitAt('2026-11-20T02:00:00Z', { knewOn: '2026-11-18' });
    const soonId = await submitAt('2026-11-26T02:00:00Z', { knewOn: '2026-11-25' });
    world.clock.now = new Date('2026-11-26T06:00:00Z');
    const list = await world.gql(
      `{ casesDueSoon(withinDays: 5) { totalCount nodes { id overdue acceptanceDeadline { dueOn daysLeft overdue } } } }`,
      {},
      as('DEPT', 'ZJJ'),
    );
    expect(list.errors).toBeUndefined();
    const ids = list.data.casesDueSoon.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(overdueId);
    expect(ids).toContain(soonId);
    expect(ids.indexOf(overdueId)).toBeLessThan(ids.indexOf(soonId));
    const overdue = list.data.casesDueSoon.nodes.find((n: { id: string }) => n.id === overdueId);
    expect(overdue).toMatchObject({ overdue: true, acceptanceDeadline: { dueOn: '2026-11-24', daysLeft: -2, overdue: true } });
    // A dashboard that lists the overdue cases apart asks for the ones still due only.
    const stillDue = await world.gql(`{ casesDueSoon(withinDays: 5, includeOverdue: false) { nodes { id overdue } } }`, {}, as('DEPT', 'ZJJ'));
    const stillDueIds = stillDue.data.casesDueSoon.nodes.map((n: { id: string }) => n.id);
    expect(stillDueIds).toContain(soonId);
    expect(stillDueIds).not.toContain(overdueId);
    expect(stillDue.data.casesDueSoon.nodes.every((n: { overdue: boolean }) => !n.overdue)).toBe(true);
    const otherDept = await world.gql(`{ casesDueSoon(withinDays: 5) { nodes { id } } }`, {}, as('DEPT', 'JTJ'));
    expect(otherDept.data.casesDueSoon.nodes.map((n: { id: string }) => n.id)).not.toContain(overdueId);
    const filtered = await world.gql(`{ cases(filter: { overdue: true, department: "ZJJ" }) { nodes { id } } }`, {}, office);
    expect(filtered.data.cases.nodes.map((n: { id: string }) => n.id)).toContain(overdueId);
    const stats = await world.gql(
      `{ _entities(representations: [{ __typename: "Department", code: "ZJJ" }]) { ... on Department { caseStats(period: { from: "2026-11-01", to: "2026-11-30" }) { overdue } } } }`,
      {},
      as('LEADER'),
    );
    expect(stats.data._entities[0].caseStats.overdue).toBeGreaterThanOrEqual(1);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, complaintInput, createWorld, SUBMIT_COMPLAINT, SUBMIT_REPORT } from '../test-support/fixtures';
import { Case } from './case.entity';
import { CaseReviewFigure } from './review';

/**
 * The bimonthly review (每两月集中研判) for past and current periods: each figure as it stood at the
 * period's end, and each equal to the list of cases it counts. Dates are fixed by the world's clock.
 */
let world: Awaited<ReturnType<typeof createWorld>>;
const office = as('OFFICE', 'ZWJ');
const zjj = as('DEPT', 'ZJJ');
const leader = as('LEADER');

/** Sets the clock to 10:00 in Shanghai on a day. */
const on = (day: string) => {
  world.clock.now = new Date(`${day}T02:00:00Z`);
};

async function complaint(day: string): Promise<string> {
  on(day);
  const result = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(world.projectOf('ZJJ'), { knewOn: day }) }, as('PUBLIC'));
  expect(result.errors).toBeUndefined();
  return (await world.orm.em.fork().findOneOrFail(Case, { receiptNumber: result.data.submitComplaint.receiptNumber })).id;
}

async function report(day: string): Promise<string> {
  on(day);
  const input = { idempotencyKey: randomUUID(), projectId: world.projectOf('ZJJ'), summary: '举报', details: '线索' };
  const result = await world.gql(SUBMIT_REPORT, { input }, as('PUBLIC'));
  expect(result.errors).toBeUndefined();
  return (await world.orm.em.fork().findOneOrFail(Case, { receiptNumber: result.data.submitReport.receiptNumber })).id;
}

async function step(day: string, mutation: string, id: string, user = office, extra = '') {
  on(day);
  const result = await world.gql(`mutation($id: ID!) { ${mutation}(input: { caseId: $id${extra} }) { status } }`, { id }, user);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

async function resolve(id: string, acceptedOn: string, decidedOn: string) {
  await step(acceptedOn, 'acceptCase', id);
  await step(acceptedOn, 'routeCase', id, office, ', mode: TRANSFERRED');
  await step(acceptedOn, 'startInvestigation', id, zjj);
  await step(decidedOn, 'decideCase', id, zjj, ', substantiated: true, actionTaken: "责令改正"');
}

const PERIODS = {
  novDec2025: { from: '2025-11-01', to: '2025-12-31' },
  sepOct2026: { from: '2026-09-01', to: '2026-10-31' },
  novDec2026: { from: '2026-11-01', to: '2026-12-31' },
};
const TODAY = '2026-11-27';

beforeAll(async () => {
  world = await createWorld({ now: new Date('2025-11-10T02:00:00Z') });
  // Nov–Dec 2025: one complaint resolved late (due 12-02, decided 12-10) …
  await resolve(await complaint('2025-11-10'), '2025-11-11', '2025-12-10');
  // … and one left pending past its acceptance due date (12-24) until January, decided in February.
  const pendingOverNewYear = await complaint('2025-12-22');
  await resolve(pendingOverNewYear, '2026-01-05', '2026-02-10');
  // Sep–Oct 2026: a complaint resolved on time, a report pending past its due date (10-26) at the end of October.
  await resolve(await complaint('2026-09-10'), '2026-09-11', '2026-09-20');
  const report1020 = await report('2026-10-20');
  await step('2026-11-02', 'acceptCase', report1020);
  // Nov 2026 (the current period): two complaints still waiting for acceptance today, one refused.
  await complaint('2026-11-19');
  await complaint('2026-11-20');
  const refused = await complaint('2026-11-23');
  await step('2026-11-24', 'rejectCase', refused, office, ', ground: NO_FACTS_OR_EVIDENCE');
  on(TODAY);
});

afterAll(async () => world?.orm.close());

const STATS = /* GraphQL */ `
  query ($period: PeriodInput!) {
    _entities(representations: [{ __typename: "Department", code: "ZJJ" }]) {
      ... on Department {
        caseStats(period: $period) {
          received
          accepted
          rejected
          resolvedOnTime
          resolvedLate
          overdue
          byKind {
            kind
            count
          }
        }
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query ($review: CaseReviewInput!, $kind: CaseKind) {
    cases(first: 100, filter: { department: "ZJJ", review: $review, kind: $kind }) {
      totalCount
      nodes {
        id
        overdue
      }
    }
  }
`;
const FIELD_OF: Record<CaseReviewFigure, string> = {
  RECEIVED: 'received',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  RESOLVED_ON_TIME: 'resolvedOnTime',
  RESOLVED_LATE: 'resolvedLate',
  OVERDUE: 'overdue',
};

async function statsAndLists(period: { from: string; to: string }) {
  const stats = await world.gql(STATS, { period }, leader);
  expect(stats.errors).toBeUndefined();
  const figures = stats.data._entities[0].caseStats;
  const lists: Record<string, number> = {};
  for (const figure of Object.values(CaseReviewFigure)) {
    const list = await world.gql(LIST, { review: { period, figure } }, leader);
    expect(list.errors).toBeUndefined();
    lists[FIELD_OF[figure]] = list.data.cases.totalCount;
  }
  return { figures, lists };
}

describe('the bimonthly review answers for its period', () => {
  it('gives each period its own overdue count, as it stood at the period end (today for the current period)', async () => {
    const past = await statsAndLists(PERIODS.novDec2025);
    expect(past.figures).toMatchObject({ received: 2, accepted: 1, rejected: 0, resolvedOnTime: 0, resolvedLate: 1, overdue: 1 });
    const autumn = await statsAndLists(PERIODS.sepOct2026);
    expect(autumn.figures).toMatchObject({ received: 2, accepted: 1, rejected: 0, resolvedOnTime: 1, resolvedLate: 0, overdue: 1 });
    const current = await statsAndLists(PERIODS.novDec2026);
    // Today (11-27): the complaints of 11-19 and 11-20 are past their due dates (11-23, 11-24); the report accepted 11-02 is due 12-02.
    expect(current.figures).toMatchObject({ received: 3, accepted: 1, rejected: 1, resolvedOnTime: 0, resolvedLate: 0, overdue: 2 });
    // Today's backlog is what the list's plain overdue filter shows too.
    const backlog = await world.gql(`{ cases(filter: { department: "ZJJ", overdue: true }) { totalCount } }`, {}, leader);
    expect(backlog.data.cases.totalCount).toBe(2);
  });

  it('makes every figure equal to what the matching list returns for the period', async () => {
    for (const period of Object.values(PERIODS)) {
      const { figures, lists } = await statsAndLists(period);
      const { byKind, ...counts } = figures;
      expect(counts, `${period.from}..${period.to}`).toEqual(lists);
      for (const { kind, count } of byKind as { kind: string; count: number }[]) {
        const list = await world.gql(LIST, { review: { period, figure: 'RECEIVED' }, kind }, leader);
        expect(list.data.cases.totalCount, `${kind} ${period.from}`).toBe(count);
      }
    }
  });

  it('lists the cases overdue at a past period end, which need not be overdue today', async () => {
    const list = await world.gql(LIST, { review: { period: PERIODS.novDec2025, figure: 'OVERDUE' } }, leader);
    expect(list.data.cases.nodes).toEqual([{ id: expect.any(String), overdue: false }]);
    const backwards = await world.gql(LIST, { review: { period: { from: '2026-10-31', to: '2026-09-01' }, figure: 'OVERDUE' } }, leader);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.review.period.to' });
    // The figures refuse the same period by the same rule (CaseStatsService, the kit's requirePeriod).
    const backwardsStats = await world.gql(STATS, { period: { from: '2026-10-31', to: '2026-09-01' } }, leader);
    expect(backwardsStats.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to', rule: 'period order' });
  });
});

describe("the district's figures count each case once", () => {
  it("a split case is in each of its departments and once in the district; the office's own cases only in the district; refused for a department", async () => {
    const spring = { from: '2024-03-01', to: '2024-04-30' };
    const split = await complaint('2024-03-04');
    await step('2024-03-05', 'acceptCase', split);
    await step('2024-03-05', 'routeCase', split, office, ', mode: SPLIT, departmentCodes: ["ZJJ", "JTJ"]');
    const own = await complaint('2024-03-06');
    await step('2024-03-07', 'acceptCase', own);
    await step('2024-03-07', 'routeCase', own, office, ', mode: SELF_HANDLED');
    on(TODAY);
    const FIGURES = `received accepted rejected resolvedOnTime resolvedLate overdue byKind { kind count }`;
    const district = await world.gql(`query($period: PeriodInput!) { districtCaseStats(period: $period) { ${FIGURES} } }`, { period: spring }, leader);
    expect(district.errors).toBeUndefined();
    expect(district.data.districtCaseStats).toMatchObject({ received: 2, accepted: 2 });
    const departments = await world.gql(
      `query($period: PeriodInput!) { _entities(representations: [{ __typename: "Department", code: "ZJJ" }, { __typename: "Department", code: "JTJ" }]) { ... on Department { caseStats(period: $period) { received } } } }`,
      { period: spring },
      leader,
    );
    expect(departments.data._entities.map((d: { caseStats: { received: number } }) => d.caseStats.received)).toEqual([1, 1]);
    // Each figure is the district list's totalCount, the list having no case twice.
    for (const figure of Object.values(CaseReviewFigure)) {
      const list = await world.gql(
        `query($review: CaseReviewInput!) { cases(first: 100, filter: { review: $review }) { totalCount } }`,
        { review: { period: spring, figure } },
        leader,
      );
      expect(district.data.districtCaseStats[FIELD_OF[figure]], figure).toBe(list.data.cases.totalCount);
    }
    expect(district.data.districtCaseStats.byKind).toContainEqual({ kind: 'COMPLAINT', count: 2 });
    const refused = await world.gql(`query($period: PeriodInput!) { districtCaseStats(period: $period) { received } }`, { period: spring }, zjj);
    expect(refused.errors?.[0].message).toMatch(/Access denied/);
    const backwards = await world.gql(
      `query($period: PeriodInput!) { districtCaseStats(period: $period) { received } }`,
      { period: { from: '2024-04-30', to: '2024-03-01' } },
      leader,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to', rule: 'period order' });
  });
});

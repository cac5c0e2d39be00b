import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckCharacter } from '@hub/kit';
import { as, createTestOrm, run } from '@hub/kit/testing';
import type { Directories } from './directories';
import { NotificationReviewFigure } from './notification/review';
import { createCreditSubgraph } from './server';

/**
 * The credit part of the bimonthly review for past and current periods (each figure as it stood at
 * the period's end, each equal to its list), a listed subject's grade, and the objection window of a
 * record published with a past date. Every date is fixed by the subgraph's clock.
 */
const office = as('OFFICE', 'ZWJ');
const zjj = as('DEPT', 'ZJJ');
const leader = as('LEADER');
const project = randomUUID();
const code = (n: number) => withCheckCharacter(`91421002MA${String(4800000 + n).padStart(7, '0')}`);
const directories: Directories = {
  projects: {
    projects: async (ids) => new Map(ids.filter((id) => id === project).map((id) => [id, { id, supervisingDepartment: 'ZJJ' }])),
    tenderAgencies: async () => [],
  },
  cases: { casesAgainst: async (codes) => new Map(codes.map((c) => [c, []])) },
};
const clock = { today: '2025-11-10' };
const subgraph = createCreditSubgraph(directories, { now: () => new Date(`${clock.today}T04:00:00Z`) });
let orm: MikroORM;
let schema: GraphQLSchema;

async function ok<T = any>(day: string, source: string, variables: Record<string, unknown> = {}, user = office): Promise<T> {
  clock.today = day;
  const result = await run(subgraph, schema, orm, source, variables, user);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

async function notify(day: string, subjectKey: string): Promise<string> {
  const data = await ok(
    day,
    `mutation($input: PerformanceNotificationInput!) { notifyPerformanceFinding(input: $input) { id } }`,
    {
      input: { projectId: project, subjectType: 'MARKET_ENTITY', subjectKey, facts: '履约检查发现问题', suggestedRuleCode: 'LY-01' },
    },
    zjj,
  );
  return data.notifyPerformanceFinding.id;
}

/** Drafts a record from a notification (or a case decision) and publishes it on a day. */
async function record(day: string, source: { notification?: string; subjectKey?: string }, ruleCode = 'LY-01', publishedOn?: string) {
  const input = source.notification
    ? { sourceKind: 'PERFORMANCE_NOTIFICATION', sourceRef: source.notification, ruleCode, createdOn: publishedOn ?? day }
    : {
        sourceKind: 'CASE_DECISION',
        sourceRef: randomUUID(),
        ruleCode,
        subjectType: 'MARKET_ENTITY',
        subjectKey: source.subjectKey,
        facts: '案件处理决定',
        departmentCode: 'ZJJ',
        projectId: project,
        createdOn: publishedOn ?? day,
      };
  const id = (await ok(day, `mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`, { input })).createCreditRecord.id;
  return (
    await ok(
      day,
      `mutation($id: ID!, $on: LocalDate) { publishCreditRecord(id: $id, publishedOn: $on) {
    id status publicityStartsOn publicityEndsOn effectiveOn } }`,
      { id, on: publishedOn ?? null },
    )
  ).publishCreditRecord;
}

const PERIODS = {
  novDec2025: { from: '2025-11-01', to: '2025-12-31' },
  sepOct2026: { from: '2026-09-01', to: '2026-10-31' },
  novDec2026: { from: '2026-11-01', to: '2026-12-31' },
};
const TODAY = '2026-11-27';

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  for (const rule of [
    { code: 'LY-01', description: '项目经理未到岗', points: 5, serious: false, punishmentMonths: null },
    { code: 'YZ-01', description: '串通投标', points: 30, serious: true, punishmentMonths: 24 },
    { code: 'YZ-09', description: '提供虚假材料（情节较轻）', points: 5, serious: true, punishmentMonths: 6 },
  ]) {
    await ok('2025-11-01', `mutation($input: CreditRuleInput!) { upsertCreditRule(input: $input) { code } }`, { input: rule });
  }
  // Nov–Dec 2025: one notification (due 11-19) recorded only in January — overdue at the end of December; one recorded on time.
  await record('2026-01-06', { notification: await notify('2025-11-10', code(1)) });
  await record('2025-12-03', { notification: await notify('2025-12-01', code(2)) });
  // Sep–Oct 2026: one closed without a record; one (due 10-28) recorded in November — overdue at the end of October; a serious record.
  const closed = await notify('2026-09-14', code(3));
  await ok('2026-09-20', `mutation($id: ID!) { closePerformanceNotification(id: $id, note: "经核实不予扣分") { id } }`, { id: closed });
  await record('2026-11-05', { notification: await notify('2026-10-19', code(4)) });
  await record('2026-09-07', { subjectKey: code(5) }, 'YZ-01');
  // Nov 2026 (the current period): one past its due date (11-25) today, one still running (due 12-01).
  await notify('2026-11-16', code(6));
  await notify('2026-11-20', code(7));
  clock.today = TODAY;
});

afterAll(async () => orm?.close());

const STATS = /* GraphQL */ `
  query ($period: PeriodInput!) {
    _entities(representations: [{ __typename: "Department", code: "ZJJ" }]) {
      ... on Department {
        creditStats(period: $period) {
          notificationsReceived
          recordedOnTime
          recordedLate
          closedWithoutRecord
          overdue
          recordsPublished
          pointsDeducted
          entitiesRestricted
        }
      }
    }
  }
`;
const FIELD_OF: Record<NotificationReviewFigure, string> = {
  RECEIVED: 'notificationsReceived',
  RECORDED_ON_TIME: 'recordedOnTime',
  RECORDED_LATE: 'recordedLate',
  CLOSED_WITHOUT_RECORD: 'closedWithoutRecord',
  OVERDUE: 'overdue',
};

async function statsAndLists(period: { from: string; to: string }) {
  const figures = (await ok(TODAY, STATS, { period }, leader))._entities[0].creditStats;
  const lists: Record<string, number> = {};
  for (const figure of Object.values(NotificationReviewFigure)) {
    const data = await ok(
      TODAY,
      `query($review: NotificationReviewInput!) { performanceNotifications(first: 100, filter: { departmentCode: "ZJJ", review: $review }) { totalCount } }`,
      {
        review: { period, figure },
      },
      leader,
    );
    lists[FIELD_OF[figure]] = data.performanceNotifications.totalCount;
  }
  const published = await ok(
    TODAY,
    `query($p: PeriodInput!) { creditRecords(first: 100, filter: { departmentCode: "ZJJ", publishedIn: $p }) { totalCount } }`,
    { p: period },
    leader,
  );
  lists.recordsPublished = published.creditRecords.totalCount;
  const effective = await ok(
    TODAY,
    `query($p: PeriodInput!) { creditRecords(first: 100, filter: { departmentCode: "ZJJ", effectiveIn: $p }) { nodes { points } } }`,
    { p: period },
    leader,
  );
  lists.pointsDeducted = effective.creditRecords.nodes.reduce((sum: number, r: { points: number }) => sum + r.points, 0);
  const listed = await ok(
    TODAY,
    `query($p: PeriodInput!) { jointPunishmentList(first: 100, startedIn: $p, departmentCode: "ZJJ") { nodes { subjectKey } } }`,
    { p: period },
    leader,
  );
  lists.entitiesRestricted = new Set(listed.jointPunishmentList.nodes.map((n: { subjectKey: string }) => n.subjectKey)).size;
  return { figures, lists };
}

describe('the credit part of the bimonthly review', () => {
  it('counts notifications overdue at each period end (today for the current period)', async () => {
    expect((await statsAndLists(PERIODS.novDec2025)).figures).toEqual({
      notificationsReceived: 2,
      recordedOnTime: 1,
      recordedLate: 0,
      closedWithoutRecord: 0,
      overdue: 1,
      recordsPublished: 1,
      pointsDeducted: 5,
      entitiesRestricted: 0,
    });
    expect((await statsAndLists(PERIODS.sepOct2026)).figures).toEqual({
      notificationsReceived: 2,
      recordedOnTime: 0,
      recordedLate: 0,
      closedWithoutRecord: 1,
      overdue: 1,
      recordsPublished: 1,
      pointsDeducted: 30,
      entitiesRestricted: 1,
    });
    expect((await statsAndLists(PERIODS.novDec2026)).figures).toEqual({
      notificationsReceived: 2,
      recordedOnTime: 0,
      recordedLate: 0,
      closedWithoutRecord: 0,
      overdue: 1,
      recordsPublished: 1,
      pointsDeducted: 5,
      entitiesRestricted: 0,
    });
  });

  it('makes every figure equal to what the matching list returns', async () => {
    for (const period of Object.values(PERIODS)) {
      const { figures, lists } = await statsAndLists(period);
      expect(figures, `${period.from}..${period.to}`).toEqual(lists);
    }
  });
});

describe('credit grade and publicity', () => {
  const STANDING = `query($k: String!, $asOf: LocalDate) { creditStanding(subjectType: MARKET_ENTITY, subjectKey: $k, asOf: $asOf) { score grade restricted } }`;

  it('grades a subject on the joint punishment list D, whatever its score', async () => {
    const subject = code(20);
    // A serious rule with few points: a score of 95 would be an A.
    const published = await record('2026-06-01', { subjectKey: subject }, 'YZ-09');
    expect((await ok(TODAY, STANDING, { k: subject, asOf: published.effectiveOn }, leader)).creditStanding).toEqual({
      score: 95,
      grade: 'D',
      restricted: true,
    });
    // Six months on, the restriction ends and the grade follows the score again.
    expect((await ok(TODAY, STANDING, { k: subject, asOf: '2026-12-09' }, leader)).creditStanding).toEqual({ score: 95, grade: 'A', restricted: false });
    const bids = await ok(
      TODAY,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Bid { bidderRestricted bidderCreditAtBid { grade } } } }`,
      {
        reps: [{ __typename: 'Bid', id: randomUUID(), bidderCreditCode: subject, submittedOn: '2026-07-01' }],
      },
      as('PUBLIC'),
    );
    expect(bids._entities).toEqual([{ bidderRestricted: true, bidderCreditAtBid: { grade: 'D' } }]);
  });

  it('gives a record published with a past date its full objection window from the day it actually became public', async () => {
    const notification = await notify('2026-11-02', code(21));
    // The publication decision is dated 11-02, but the record becomes public when published here, on Fri 11-27.
    const published = await record(TODAY, { notification }, 'LY-01', '2026-11-02');
    expect(published).toMatchObject({ status: 'IN_PUBLICITY', publicityStartsOn: TODAY, publicityEndsOn: '2026-12-04', effectiveOn: '2026-12-05' });
    // Not in force yet, and an objection on the last day of publicity is still taken.
    expect((await ok(TODAY, STANDING, { k: code(21), asOf: '2026-12-04' }, leader)).creditStanding).toMatchObject({ score: 100 });
    clock.today = '2026-12-04';
    const objection = await run(
      subgraph,
      schema,
      orm,
      `mutation($input: CreditObjectionInput!) { recordCreditObjection(input: $input) { status } }`,
      {
        input: { recordId: published.id, raisedBy: '法定代表人', grounds: '事实有误', raisedOn: '2026-12-04' },
      },
      office,
    );
    expect(objection.errors).toBeUndefined();
    // The notification was recorded on the day of actual publication: late (due 11-11), not on the paper date.
    const after = await ok(
      TODAY,
      `query($id: ID!) { performanceNotification(id: $id) { recordingDueOn recordedOn recordedLate } }`,
      { id: notification },
      leader,
    );
    expect(after.performanceNotification).toEqual({ recordingDueOn: '2026-11-11', recordedOn: TODAY, recordedLate: true });
    const trail = await ok(TODAY, `query($id: ID!) { creditRecord(id: $id) { events { toStatus on note } } }`, { id: published.id }, leader);
    expect(trail.creditRecord.events[1]).toMatchObject({ toStatus: 'IN_PUBLICITY', on: TODAY, note: expect.stringMatching(/publication decided 2026-11-02/) });
  });
});

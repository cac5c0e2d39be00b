import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, withCheckCharacter } from '@hub/kit';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import type { CaseSummary, Directories, ProjectInfo } from './directories';
import { addMonths } from './policy/policy';
import { CreditRecord } from './record/credit-record.entity';
import { CreditSourceKind, CreditSubjectType, StoredCreditStatus } from './record/credit-types';
import { CreditRule } from './rule/credit-rule.entity';
import { createCreditSubgraph } from './server';

const office = as('OFFICE', 'ZWJ');
const zjj = as('DEPT', 'ZJJ');
const leader = as('LEADER');
const publicCaller = as('PUBLIC');

const zjjProject = randomUUID();
const jtjProject = randomUUID();
const code = (n: number) => withCheckCharacter(`91421002MA${String(4900000 + n).padStart(7, '0')}`);
const [bidder, bidder2, bidder3, agency] = [code(1), code(2), code(3), code(4)];

// The other slices, faked: what these tests are about is credit's own behaviour.
const projectTable = new Map<string, ProjectInfo>([
  [zjjProject, { id: zjjProject, supervisingDepartment: 'ZJJ' }],
  [jtjProject, { id: jtjProject, supervisingDepartment: 'JTJ' }],
]);
const caseTable = new Map<string, CaseSummary[]>([
  [
    agency,
    [
      { id: randomUUID(), substantiated: true, decidedOn: '2024-06-01' },
      { id: randomUUID(), substantiated: false, decidedOn: '2024-07-01' },
      { id: randomUUID(), substantiated: true, decidedOn: '2023-12-01' },
    ],
  ],
]);
/** The projects slice's practitioners, by id, and the batches credit asked it for. */
const practitionerNames = new Map<string, string>();
const practitionerLookups: string[][] = [];
const directories: Directories = {
  projects: {
    projects: async (ids) => new Map(ids.filter((id) => projectTable.has(id)).map((id) => [id, projectTable.get(id)!])),
    tenderAgencies: async (year) => (year === 2024 ? [{ creditCode: agency, name: '湖北测试招标代理有限公司' }] : []),
  },
  cases: { casesAgainst: async (codes) => new Map(codes.map((c) => [c, caseTable.get(c) ?? []])) },
  practitioners: {
    names: async (ids) => {
      practitionerLookups.push([...ids]);
      return new Map(ids.filter((id) => practitionerNames.has(id)).map((id) => [id, practitionerNames.get(id)!]));
    },
  },
};
// A fixed clock: "today" is clock.today in Asia/Shanghai (noon there), whatever the real date.
const clock = { today: '2026-11-27' };
const subgraph = createCreditSubgraph(directories, { now: () => new Date(`${clock.today}T04:00:00Z`) });

let orm: MikroORM;
let schema: GraphQLSchema;
const gql = (source: string, variables: Record<string, unknown> = {}, user = office) => run(subgraph, schema, orm, source, variables, user);

async function ok<T = any>(source: string, variables: Record<string, unknown> = {}, user = office): Promise<T> {
  const result = await gql(source, variables, user);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const RULES = [
  { code: 'LY-01', description: '项目经理未到岗', points: 5, serious: false },
  { code: 'LY-04', description: '拖欠农民工工资', points: 10, serious: false },
  { code: 'YZ-01', description: '串通投标', points: 30, serious: true, punishmentMonths: 24 },
];

async function notify(input: Record<string, unknown>, user = zjj) {
  return gql(
    `mutation($input: PerformanceNotificationInput!) { notifyPerformanceFinding(input: $input) {
    id departmentCode recordingDueOn dueProvisional recordedOn overdue recordedLate workingDaysLeft } }`,
    {
      input: { projectId: zjjProject, subjectType: 'MARKET_ENTITY', subjectKey: bidder, facts: '项目经理连续两周未到岗', ...input },
    },
    user,
  );
}

async function draft(input: Record<string, unknown>): Promise<string> {
  const data = await ok(`mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`, { input });
  return data.createCreditRecord.id;
}

/** Publishes on a day: the bureau does it that day (a record becomes public when it is published here). */
async function publish(id: string, publishedOn: string) {
  const saved = clock.today;
  clock.today = publishedOn;
  try {
    return await gql(
      `mutation($id: ID!, $on: LocalDate) { publishCreditRecord(id: $id, publishedOn: $on) { id status publicityStartsOn publicityEndsOn effectiveOn expiresOn } }`,
      { id, on: publishedOn },
    );
  } finally {
    clock.today = saved;
  }
}

/** A record from a case decision, drafted and published on a day (one call per test setup). */
async function publishedRecord(subjectKey: string, ruleCode: string, publishedOn: string, projectId: string | null = null) {
  const id = await draft({
    sourceKind: 'CASE_DECISION',
    sourceRef: randomUUID(),
    ruleCode,
    subjectType: 'MARKET_ENTITY',
    subjectKey,
    facts: 'Case decision',
    projectId,
    createdOn: publishedOn,
  });
  const result = await publish(id, publishedOn);
  expect(result.errors).toBeUndefined();
  return result.data.publishCreditRecord;
}

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  for (const rule of RULES) {
    await ok(`mutation($input: CreditRuleInput!) { upsertCreditRule(input: $input) { code } }`, { input: { punishmentMonths: null, ...rule } });
  }
});

afterAll(async () => orm?.close());

describe('performance notifications and the 7-working-day rule', () => {
  it('sets the deadline 7 working days on, across the National Day holiday and its make-up days, and flags it overdue until recorded', async () => {
    // Fri 2024-09-27: Sun 09-29 is a make-up workday, 10-01..10-07 are off, Sat 10-12 is a make-up workday.
    const result = await notify({ notifiedOn: '2024-09-27', suggestedRuleCode: 'LY-01' });
    expect(result.errors).toBeUndefined();
    const notification = result.data.notifyPerformanceFinding;
    expect(notification).toMatchObject({
      departmentCode: 'ZJJ',
      recordingDueOn: '2024-10-12',
      dueProvisional: false,
      recordedOn: null,
      overdue: true,
      recordedLate: false,
    });
    expect(notification.workingDaysLeft).toBeLessThan(0);

    const overdue = await ok(`{ performanceNotifications(filter: { overdue: true }) { nodes { id } } }`, {}, zjj);
    expect(overdue.performanceNotifications.nodes.map((n: { id: string }) => n.id)).toContain(notification.id);

    // Recording means publishing (录入并公示); a publication after the due day is late.
    const id = await draft({ sourceKind: 'PERFORMANCE_NOTIFICATION', sourceRef: notification.id, ruleCode: 'LY-01', createdOn: '2024-10-14' });
    expect((await publish(id, '2024-10-15')).errors).toBeUndefined();
    const after = await ok(`query($id: ID!) { performanceNotification(id: $id) { recordedOn overdue recordedLate } }`, { id: notification.id }, zjj);
    expect(after.performanceNotification).toEqual({ recordedOn: '2024-10-15', overdue: false, recordedLate: true });

    const record = await ok(`query($id: ID!) { creditRecord(id: $id) { subjectKey departmentCode project { id } notification { id } } }`, { id }, zjj);
    expect(record.creditRecord).toEqual({ subjectKey: bidder, departmentCode: 'ZJJ', project: { id: zjjProject }, notification: { id: notification.id } });
  });

  it('lets the bureau close a notification without a record, which stops it being overdue and refuses a record from it', async () => {
    const notification = (await notify({ notifiedOn: '2024-11-04' })).data.notifyPerformanceFinding;
    expect(notification.overdue).toBe(true);
    const pendingIds = async (pending: boolean) =>
      (
        await ok(`query($p: Boolean) { performanceNotifications(filter: { pending: $p }, first: 500) { nodes { id } } }`, { p: pending }, zjj)
      ).performanceNotifications.nodes.map((n: { id: string }) => n.id);
    expect(await pendingIds(true)).toContain(notification.id);
    expect(await pendingIds(false)).not.toContain(notification.id);
    const early = await gql(`mutation($id: ID!) { closePerformanceNotification(id: $id, note: "x", closedOn: "2024-11-01") { id } }`, { id: notification.id });
    expect(early.errors?.[0].extensions).toMatchObject({ field: 'closedOn' });
    const byDept = await gql(`mutation($id: ID!) { closePerformanceNotification(id: $id, note: "x") { id } }`, { id: notification.id }, zjj);
    expect(byDept.errors?.[0].message).toMatch(/Access denied/);
    const closed = await ok(
      `mutation($id: ID!) { closePerformanceNotification(id: $id, note: "经核实已整改到位，不予扣分", closedOn: "2024-11-08") {
      closedOn closingNote overdue workingDaysLeft } }`,
      { id: notification.id },
    );
    expect(closed.closePerformanceNotification).toEqual({
      closedOn: '2024-11-08',
      closingNote: '经核实已整改到位，不予扣分',
      overdue: false,
      workingDaysLeft: 0,
    });
    const record = await gql(`mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`, {
      input: { sourceKind: 'PERFORMANCE_NOTIFICATION', sourceRef: notification.id, ruleCode: 'LY-01' },
    });
    expect(record.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'CLOSED' });
    // Closed without a record: no longer awaiting the bureau, though not recorded either.
    expect(await pendingIds(true)).not.toContain(notification.id);
    expect(await pendingIds(false)).toContain(notification.id);
    const notRecorded = await ok(`{ performanceNotifications(filter: { recorded: false }, first: 500) { nodes { id } } }`, {}, zjj);
    expect(notRecorded.performanceNotifications.nodes.map((n: { id: string }) => n.id)).toContain(notification.id);
    const again = await gql(`mutation($id: ID!) { closePerformanceNotification(id: $id, note: "x") { id } }`, { id: notification.id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'CLOSED' });
  });

  it('is not overdue while the working days run, and a recent due date counts down', async () => {
    const today = clock.today;
    const notification = (await notify({ notifiedOn: today })).data.notifyPerformanceFinding;
    expect(notification.overdue).toBe(false);
    expect(notification.recordingDueOn > today).toBe(true);
    expect(notification.workingDaysLeft).toBe(7);
  });

  it('lets a department notify only about projects it supervises, and only see its own notifications', async () => {
    const foreign = await notify({ projectId: jtjProject });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(foreign.errors?.[0].message).toMatch(/supervised by JTJ/);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'projectId', rule: "own department's projects (谁主管，谁监管)" });
    const unknown = await notify({ projectId: randomUUID() });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'projectId' });
    const badCode = await notify({ subjectKey: `${bidder.slice(0, 17)}${bidder[17] === '0' ? '1' : '0'}` });
    expect(badCode.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectKey', rule: 'GB 32100-2015' });
    // The kit's credit-code rule: a code typed in lower case or with spaces is stored trimmed and upper-cased.
    const typed = await notify({ subjectKey: ` ${bidder.toLowerCase()} ` });
    expect(typed.errors).toBeUndefined();
    const stored = await ok(`query($id: ID!) { performanceNotification(id: $id) { subjectKey } }`, { id: typed.data.notifyPerformanceFinding.id }, zjj);
    expect(stored.performanceNotification.subjectKey).toBe(bidder);
    const future = await notify({ notifiedOn: addDays(clock.today, 2) });
    expect(future.errors?.[0].extensions).toMatchObject({ field: 'notifiedOn', rule: 'not in the future' });
    const byOffice = await notify({}, office);
    expect(byOffice.errors?.[0].message).toMatch(/Access denied/);

    const jtj = await ok(`{ performanceNotifications { totalCount } }`, {}, as('DEPT', 'JTJ'));
    expect(jtj.performanceNotifications.totalCount).toBe(0);
    const mine = await ok(`{ performanceNotifications { totalCount nodes { departmentCode } } }`, {}, zjj);
    expect(mine.performanceNotifications.totalCount).toBeGreaterThan(0);
    const denied = await gql(`{ performanceNotifications { totalCount } }`, {}, publicCaller);
    expect(denied.errors?.[0].message).toMatch(/Access denied/);
  });
});

describe('scores, grades and the joint punishment list', () => {
  const standingQuery = `query($reps: [_Any!]!, $asOf: LocalDate) { _entities(representations: $reps) { ... on MarketEntity { creditCode
    credit(asOf: $asOf) { score grade pointsInForce restricted restrictionReason restrictedUntil recordsInForce { id } } } } }`;
  const standing = async (creditCode: string, asOf: string, user = publicCaller) =>
    (await ok(standingQuery, { reps: [{ __typename: 'MarketEntity', creditCode }], asOf }, user))._entities[0].credit;

  it('counts a deduction from the day after publicity for 12 months, restores the score after, and answers the grade on any day', async () => {
    // Published Mon 2024-03-04: 5 working days of publicity end Mon 03-11; effective Tue 03-12.
    const serious = await publishedRecord(bidder2, 'YZ-01', '2024-03-04');
    // (Its status as the mutation answers it is the status on the day it was published.)
    expect(serious).toMatchObject({
      status: 'IN_PUBLICITY',
      publicityStartsOn: '2024-03-04',
      publicityEndsOn: '2024-03-11',
      effectiveOn: '2024-03-12',
      expiresOn: '2025-03-12',
    });
    const minor = await publishedRecord(bidder2, 'LY-04', '2024-06-03');
    expect(minor.effectiveOn).toBe('2024-06-12'); // publicity 06-04..06-11: 06-10 is the Dragon Boat holiday

    expect(await standing(bidder2, '2024-03-11')).toMatchObject({ score: 100, grade: 'A', restricted: false, recordsInForce: [] });
    // On the joint punishment list the grade is D whatever the score.
    expect(await standing(bidder2, '2024-03-12')).toMatchObject({
      score: 70,
      grade: 'D',
      pointsInForce: 30,
      restricted: true,
      restrictionReason: 'YZ-01: 串通投标',
      restrictedUntil: '2026-03-12',
    });
    expect(await standing(bidder2, '2024-06-11')).toMatchObject({ score: 70, pointsInForce: 30 });
    expect(await standing(bidder2, '2024-06-12')).toMatchObject({ score: 60, grade: 'D', pointsInForce: 40 });
    // The serious deduction stops counting after 12 months; the restriction runs for the rule's 24.
    expect(await standing(bidder2, '2025-03-12')).toMatchObject({ score: 90, grade: 'D', restricted: true });
    expect(await standing(bidder2, '2025-06-11')).toMatchObject({ score: 90 });
    expect(await standing(bidder2, '2025-06-12')).toMatchObject({ score: 100, grade: 'D', restricted: true, recordsInForce: [] });
    expect(await standing(bidder2, '2026-03-11')).toMatchObject({ score: 100, grade: 'D', restricted: true });
    expect(await standing(bidder2, '2026-03-12')).toMatchObject({ score: 100, grade: 'A', restricted: false, restrictedUntil: null });

    const list = await ok(
      `query($asOf: LocalDate) { jointPunishmentList(asOf: $asOf) { totalCount nodes { subjectKey from until marketEntity { creditCode } } } }`,
      { asOf: '2025-01-01' },
      publicCaller,
    );
    expect(list.jointPunishmentList.nodes).toContainEqual({
      subjectKey: bidder2,
      from: '2024-03-12',
      until: '2026-03-12',
      marketEntity: { creditCode: bidder2 },
    });
  });

  it("tells a bid its bidder's grade and restriction on the day it was submitted (@requires)", async () => {
    await publishedRecord(bidder3, 'YZ-01', '2024-04-01');
    const reps = [
      { __typename: 'Bid', id: randomUUID(), bidderCreditCode: bidder3, submittedOn: '2024-03-20' },
      { __typename: 'Bid', id: randomUUID(), bidderCreditCode: bidder3, submittedOn: '2024-05-20' },
    ];
    const data = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Bid { id bidderRestricted bidderCreditAtBid { asOf score grade } } } }`,
      { reps },
      publicCaller,
    );
    expect(data._entities.map((b: { bidderRestricted: boolean; bidderCreditAtBid: unknown }) => [b.bidderRestricted, b.bidderCreditAtBid])).toEqual([
      [false, { asOf: '2024-03-20', score: 100, grade: 'A' }],
      [true, { asOf: '2024-05-20', score: 70, grade: 'D' }],
    ]);
    // Asked with their records, the same standings (read from whole records instead of the deductions alone).
    const withRecords = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Bid { bidderCreditAtBid { score grade pointsInForce recordsInForce { points } records { points } } } } }`,
      { reps },
      publicCaller,
    );
    expect(withRecords._entities).toEqual([
      { bidderCreditAtBid: { score: 100, grade: 'A', pointsInForce: 0, recordsInForce: [], records: [{ points: 30 }] } },
      { bidderCreditAtBid: { score: 70, grade: 'D', pointsInForce: 30, recordsInForce: [{ points: 30 }], records: [{ points: 30 }] } },
    ]);
  });
});

describe('publicity, objections and visibility', () => {
  it('runs an objection to a correction, with the trail, and refuses illegal transitions naming the allowed ones', async () => {
    const subject = code(10);
    const id = await draft({
      sourceKind: 'INSPECTION_FINDING',
      sourceRef: randomUUID(),
      ruleCode: 'LY-04',
      subjectType: 'MARKET_ENTITY',
      subjectKey: subject,
      facts: '检查发现拖欠工资',
      createdOn: '2025-04-01',
    });
    const published = await publish(id, '2025-04-01');
    expect(published.data.publishCreditRecord).toMatchObject({ publicityEndsOn: '2025-04-09', effectiveOn: '2025-04-10' }); // 04-04 Qingming

    const late = await gql(`mutation($input: CreditObjectionInput!) { recordCreditObjection(input: $input) { id } }`, {
      input: { recordId: id, raisedBy: '法定代表人', grounds: '已结清', raisedOn: '2025-04-10' },
    });
    expect(late.errors?.[0].extensions).toMatchObject({ field: 'raisedOn', rule: 'within publicity' });

    const raised = await ok(`mutation($input: CreditObjectionInput!) { recordCreditObjection(input: $input) { status effectiveOn } }`, {
      input: { recordId: id, raisedBy: '法定代表人', grounds: '工资已于检查前结清，附银行凭证', raisedOn: '2025-04-08' },
    });
    expect(raised.recordCreditObjection).toEqual({ status: 'OBJECTION_RAISED', effectiveOn: null });

    const again = await publish(id, '2025-04-08');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'OBJECTION_RAISED', allowedTransitions: ['decideCreditObjection'] });

    const decided = await ok(
      `mutation($input: CreditObjectionDecisionInput!) { decideCreditObjection(input: $input) {
        points status(asOf: "2025-04-20") effectiveOn expiresOn rule { code }
        objection { outcome previousPoints correctedPoints decidedOn } events { fromStatus toStatus on actor } } }`,
      {
        input: { recordId: id, outcome: 'CORRECTED', note: '部分属实，减半', correctedPoints: 5, decidedOn: '2025-04-21' },
      },
    );
    expect(decided.decideCreditObjection).toMatchObject({
      points: 5,
      status: 'CORRECTED',
      effectiveOn: '2025-04-21', // the decision came after publicity ended
      expiresOn: '2026-04-21',
      rule: { code: 'LY-04' },
      objection: { outcome: 'CORRECTED', previousPoints: 10, correctedPoints: 5, decidedOn: '2025-04-21' },
    });
    expect(decided.decideCreditObjection.events.map((e: { toStatus: string; actor: string }) => [e.toStatus, e.actor])).toEqual([
      ['DRAFT', office.sub],
      ['IN_PUBLICITY', office.sub],
      ['OBJECTION_RAISED', office.sub],
      ['CORRECTED', office.sub],
    ]);
    const after = await ok(`query($id: ID!) { creditRecord(id: $id) { status(asOf: "2025-05-01") } }`, { id });
    expect(after.creditRecord.status).toBe('EFFECTIVE');
    const twice = await gql(`mutation($input: CreditObjectionDecisionInput!) { decideCreditObjection(input: $input) { id } }`, {
      input: { recordId: id, outcome: 'UPHELD', note: 'again' },
    });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowedTransitions: [] });
  });

  it('upholds an objection: the record takes effect after publicity as published, and a serious one restricts', async () => {
    const subject = code(11);
    const id = await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: randomUUID(),
      ruleCode: 'YZ-01',
      subjectType: 'MARKET_ENTITY',
      subjectKey: subject,
      facts: '串通投标',
      createdOn: '2025-05-06',
    });
    await publish(id, '2025-05-06');
    await ok(`mutation($input: CreditObjectionInput!) { recordCreditObjection(input: $input) { id } }`, {
      input: { recordId: id, raisedBy: 'x', grounds: 'y', raisedOn: '2025-05-07' },
    });
    const noRestriction = await ok(`query($k: String!) { creditStanding(subjectType: MARKET_ENTITY, subjectKey: $k, asOf: "2025-06-01") { restricted } }`, {
      k: subject,
    });
    expect(noRestriction.creditStanding.restricted).toBe(false);
    const upheld = await ok(`mutation($input: CreditObjectionDecisionInput!) { decideCreditObjection(input: $input) { points effectiveOn } }`, {
      input: { recordId: id, outcome: 'UPHELD', note: '异议不成立', decidedOn: '2025-05-09' },
    });
    expect(upheld.decideCreditObjection).toEqual({ points: 30, effectiveOn: '2025-05-14' });
    const standing = await ok(
      `query($k: String!) { creditStanding(subjectType: MARKET_ENTITY, subjectKey: $k, asOf: "2025-06-01") { restricted restrictedUntil score } }`,
      { k: subject },
    );
    expect(standing.creditStanding).toEqual({ restricted: true, restrictedUntil: '2027-05-14', score: 70 });
  });

  it('shows the public published records but never drafts or objection internals', async () => {
    const subject = code(12);
    const projectId = randomUUID();
    projectTable.set(projectId, { id: projectId, supervisingDepartment: 'ZJJ' });
    const draftId = await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: randomUUID(),
      ruleCode: 'LY-01',
      subjectType: 'MARKET_ENTITY',
      subjectKey: subject,
      facts: 'draft',
      projectId,
      createdOn: '2025-01-06',
    });
    const published = await publishedRecord(subject, 'LY-04', '2025-01-06', projectId);

    const list = await ok(`query($k: String) { creditRecords(filter: { subjectKey: $k }) { totalCount nodes { id } } }`, { k: subject }, publicCaller);
    expect(list.creditRecords.nodes.map((n: { id: string }) => n.id)).toEqual([published.id]);
    expect((await ok(`query($id: ID!) { creditRecord(id: $id) { id } }`, { id: draftId }, publicCaller)).creditRecord).toBeNull();
    const entity = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on MarketEntity { credit { records { id } } } ... on Project { creditRecords { id } } } }`,
      {
        reps: [
          { __typename: 'MarketEntity', creditCode: subject },
          { __typename: 'Project', id: projectId },
        ],
      },
      publicCaller,
    );
    expect(entity._entities).toEqual([{ credit: { records: [{ id: published.id }] } }, { creditRecords: [{ id: published.id }] }]);
    const odd = await ok(
      `{ _entities(representations: [{ __typename: "Project", id: "P-1" }]) { ... on Project { creditRecords { id } } } }`,
      {},
      publicCaller,
    );
    expect(odd._entities).toEqual([{ creditRecords: [] }]);
    const internals = await gql(`query($id: ID!) { creditRecord(id: $id) { id objection { grounds } } }`, { id: published.id }, publicCaller);
    expect(internals.errors?.[0].message).toMatch(/Access denied/);

    const officeView = await ok(`query($k: String) { creditRecords(filter: { subjectKey: $k }) { totalCount } }`, { k: subject }, leader);
    expect(officeView.creditRecords.totalCount).toBe(2);
    const write = await gql(`mutation($id: ID!) { publishCreditRecord(id: $id) { id } }`, { id: draftId }, zjj);
    expect(write.errors?.[0].message).toMatch(/Access denied/);
  });
});

describe('federation fields are batched', () => {
  it('costs the same statements for MarketEntity.credit, Project.creditRecords and Department.creditStats over 100 keys as over 5', async () => {
    const em = orm.em.fork();
    const rule = await em.findOneOrFail(CreditRule, { code: 'LY-01' });
    const codes = Array.from({ length: 100 }, (_, i) => code(1000 + i));
    const projects = Array.from({ length: 100 }, () => randomUUID());
    // Rows written directly: what is measured here is the reading side.
    codes.forEach((subjectKey, i) =>
      em.create(CreditRecord, {
        subjectType: CreditSubjectType.MARKET_ENTITY,
        subjectKey,
        projectId: projects[i],
        departmentCode: 'SLJ',
        sourceKind: CreditSourceKind.INSPECTION_FINDING,
        sourceRef: randomUUID(),
        rule,
        points: 5,
        facts: 'batch',
        status: StoredCreditStatus.IN_PUBLICITY,
        createdOn: '2025-01-02',
        createdBy: 'test',
        publicityStartsOn: '2025-01-02',
        publicityEndsOn: '2025-01-09',
        effectiveOn: '2025-01-10',
        expiresOn: addMonths('2025-01-10', 12),
      }),
    );
    await em.flush();
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on MarketEntity { creditCode credit(asOf: "2025-06-01") { score grade restricted records { id status(asOf: "2025-06-01") rule { code points } } } }
      ... on Project { creditRecords { id rule { code } } }
      ... on Department { creditStats(period: { from: "2025-01-01", to: "2025-02-28" }) { recordsPublished pointsDeducted } } } }`;
    const departments = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
    const measure = async (n: number) => {
      const reps = [
        ...codes.slice(0, n).map((creditCode) => ({ __typename: 'MarketEntity', creditCode })),
        ...projects.slice(0, n).map((id) => ({ __typename: 'Project', id })),
        ...departments.map((c) => ({ __typename: 'Department', code: c })),
      ];
      const { result, statements } = await countStatements(orm, () => run(subgraph, schema, orm, query, { reps }, leader));
      expect(result.errors).toBeUndefined();
      return { data: result.data!._entities, statements: statements.length };
    };
    const small = await measure(5);
    const large = await measure(100);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(7);
    expect(large.data[99].credit).toMatchObject({
      score: 95,
      grade: 'A',
      restricted: false,
      records: [{ status: 'EFFECTIVE', rule: { code: 'LY-01', points: 5 } }],
    });
    expect(large.data[100 + 42].creditRecords).toHaveLength(1);
    expect(large.data[203].creditStats).toEqual({ recordsPublished: 100, pointsDeducted: 500 });
  });
});

describe('practitioners and cases', () => {
  it("keeps a practitioner's standing and a case decision's records on the shared entities", async () => {
    const practitionerId = randomUUID();
    const caseId = randomUUID();
    const id = await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: caseId,
      ruleCode: 'LY-01',
      subjectType: 'PRACTITIONER',
      subjectKey: practitionerId,
      facts: '项目经理未到岗',
      createdOn: '2025-03-03',
    });
    expect((await publish(id, '2025-03-03')).errors).toBeUndefined();
    const data = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Practitioner { id credit(asOf: "2025-04-01") { subjectType score grade records { id practitioner { id } marketEntity { creditCode } } } }
        ... on Case { id creditRecords { id sourceKind case { id } } } } }`,
      {
        reps: [
          { __typename: 'Practitioner', id: practitionerId },
          { __typename: 'Case', id: caseId },
        ],
      },
      publicCaller,
    );
    expect(data._entities).toEqual([
      {
        id: practitionerId,
        credit: { subjectType: 'PRACTITIONER', score: 95, grade: 'A', records: [{ id, practitioner: { id: practitionerId }, marketEntity: null }] },
      },
      { id: caseId, creditRecords: [{ id, sourceKind: 'CASE_DECISION', case: { id: caseId } }] },
    ]);
    const badKey = await gql(`mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`, {
      input: { sourceKind: 'CASE_DECISION', sourceRef: caseId, ruleCode: 'LY-01', subjectType: 'PRACTITIONER', subjectKey: 'not-a-uuid', facts: 'x' },
    });
    expect(badKey.errors?.[0].extensions).toMatchObject({ field: 'subjectKey', rule: 'UUID format' });
  });
});

describe('public search of practitioners with published credit records', () => {
  it('finds by name only the practitioners a published record is about, in one lookup, and refuses an empty text', async () => {
    const [published, draftOnly, none, second] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    practitionerNames.set(published, '张建国').set(draftOnly, '张建华').set(none, '张建明').set(second, '李建军');
    const publishedId = await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: randomUUID(),
      ruleCode: 'LY-01',
      subjectType: 'PRACTITIONER',
      subjectKey: published,
      facts: '项目经理未到岗',
      createdOn: '2025-05-06',
    });
    expect((await publish(publishedId, '2025-05-06')).errors).toBeUndefined();
    const secondId = await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: randomUUID(),
      ruleCode: 'LY-01',
      subjectType: 'PRACTITIONER',
      subjectKey: second,
      facts: '项目经理未到岗',
      createdOn: '2025-05-06',
    });
    expect((await publish(secondId, '2025-05-06')).errors).toBeUndefined();
    await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: randomUUID(),
      ruleCode: 'LY-01',
      subjectType: 'PRACTITIONER',
      subjectKey: draftOnly,
      facts: '草稿',
      createdOn: '2025-05-06',
    });

    const SEARCH = `query($text: String!, $first: Int, $after: String) { practitionersWithPublishedCredit(text: $text, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id credit(asOf: "2025-05-07") { records { id } } } } }`;
    practitionerLookups.length = 0;
    const found = (await ok(SEARCH, { text: ' 张建 ' }, publicCaller)).practitionersWithPublishedCredit;
    expect(found.nodes).toEqual([{ id: published, credit: { records: [{ id: publishedId }] } }]);
    expect(practitionerLookups).toHaveLength(1);
    expect(practitionerLookups[0]).not.toContain(draftOnly);
    expect(practitionerLookups[0]).not.toContain(none);

    // The names are now this slice's copy: the search is one statement after the check for new subjects, whatever the page.
    const PAGE = `query($text: String!, $first: Int, $after: String) { practitionersWithPublishedCredit(text: $text, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const { result: both, statements } = await countStatements(
      orm,
      async () => (await ok(PAGE, { text: '建', first: 1 }, publicCaller)).practitionersWithPublishedCredit,
    );
    expect(both).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: second }] });
    expect(statements).toHaveLength(2);
    expect(statements.filter((sql) => /practitioner_name n\s+where n.name is not null and strpos/.test(sql))).toHaveLength(1);
    // A keyset cursor (name, id), not an offset.
    expect(Buffer.from(both.pageInfo.endCursor, 'base64url').toString()).toBe(JSON.stringify(['k', '李建军', second]));
    const { result: next, statements: nextStatements } = await countStatements(
      orm,
      async () => (await ok(PAGE, { text: '建', first: 1, after: both.pageInfo.endCursor }, publicCaller)).practitionersWithPublishedCredit,
    );
    // By name in Chinese collation (pinyin): 李 before 张.
    expect(next).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, nodes: [{ id: published }] });
    expect(nextStatements).toHaveLength(2);
    expect(practitionerLookups, 'names already copied are not asked for again').toHaveLength(1);
    const beyond = (await ok(PAGE, { text: '建', first: 1, after: next.pageInfo.endCursor }, publicCaller)).practitionersWithPublishedCredit;
    expect(beyond).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
    const foreign = await gql(PAGE, { text: '建', after: Buffer.from(JSON.stringify(['k', 1])).toString('base64url') }, publicCaller);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });

    // A practitioner published later is learned by the next search, in one lookup of the new subjects only.
    const third = randomUUID();
    practitionerNames.set(third, '陈建新');
    const thirdId = await draft({
      sourceKind: 'CASE_DECISION',
      sourceRef: randomUUID(),
      ruleCode: 'LY-01',
      subjectType: 'PRACTITIONER',
      subjectKey: third,
      facts: '项目经理未到岗',
      createdOn: '2025-05-06',
    });
    expect((await publish(thirdId, '2025-05-06')).errors).toBeUndefined();
    const all = (await ok(PAGE, { text: '建' }, publicCaller)).practitionersWithPublishedCredit;
    // 陈 (chén), 李 (lǐ), 张 (zhāng).
    expect(all.nodes.map((n: { id: string }) => n.id)).toEqual([third, second, published]);
    expect(practitionerLookups.slice(1)).toEqual([[third]]);

    expect((await ok(SEARCH, { text: '王' }, publicCaller)).practitionersWithPublishedCredit.totalCount).toBe(0);
    const empty = await gql(SEARCH, { text: '  ' }, publicCaller);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });
});

describe('department statistics and agency evaluations', () => {
  it("counts a department's notifications, records and restrictions for a period", async () => {
    const period = { from: '2024-09-01', to: '2024-10-31' };
    const data = await ok(
      `query($reps: [_Any!]!, $period: PeriodInput!) { _entities(representations: $reps) { ... on Department { creditStats(period: $period) {
        notificationsReceived recordedOnTime recordedLate closedWithoutRecord overdue recordsPublished pointsDeducted entitiesRestricted } } } }`,
      {
        reps: [
          { __typename: 'Department', code: 'ZJJ' },
          { __typename: 'Department', code: 'JTJ' },
        ],
        period,
      },
      leader,
    );
    // The 2024-09-27 notification of the first test, recorded late on 10-15 (effective 10-23, LY-01: 5 points).
    expect(data._entities[0].creditStats).toEqual({
      notificationsReceived: 1,
      recordedOnTime: 0,
      recordedLate: 1,
      closedWithoutRecord: 0,
      overdue: 0,
      recordsPublished: 1,
      pointsDeducted: 5,
      entitiesRestricted: 0,
    });
    const november = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Department { creditStats(period: { from: "2024-11-01", to: "2024-11-30" }) {
        notificationsReceived closedWithoutRecord overdue } } } }`,
      { reps: [{ __typename: 'Department', code: 'ZJJ' }] },
      leader,
    );
    expect(november._entities[0].creditStats).toEqual({ notificationsReceived: 1, closedWithoutRecord: 1, overdue: 0 });
    expect(data._entities[1].creditStats).toMatchObject({ notificationsReceived: 0, recordsPublished: 0 });
    const backwards = await gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Department { creditStats(period: { from: "2024-10-01", to: "2024-09-01" }) { overdue } } } }`,
      {
        reps: [{ __typename: 'Department', code: 'ZJJ' }],
      },
      leader,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ field: 'period.to' });
  });

  it('evaluates a tender agency for a year from its records and its substantiated cases', async () => {
    await publishedRecord(agency, 'LY-04', '2024-02-01');
    await publishedRecord(agency, 'LY-01', '2023-06-01'); // effective in 2023: not this year's
    const computed = await ok(
      `mutation { computeAgencyEvaluations(year: 2024) { agencyCreditCode score grade recordPoints recordCount substantiatedCases basis } }`,
    );
    expect(computed.computeAgencyEvaluations).toEqual([
      {
        agencyCreditCode: agency,
        score: 85,
        grade: 'B',
        recordPoints: 10,
        recordCount: 1,
        substantiatedCases: 1,
        basis: '100 − 10 points of 1 record(s) effective in 2024 − 1 substantiated case(s) × 5 = 85',
      },
    ]);
    await ok(`mutation { computeAgencyEvaluations(year: 2024) { id } }`); // recomputing replaces
    const listed = await ok(`{ agencyEvaluations(year: 2024) { totalCount nodes { agency { creditCode } grade } } }`, {}, publicCaller);
    expect(listed.agencyEvaluations).toEqual({ totalCount: 1, nodes: [{ agency: { creditCode: agency }, grade: 'B' }] });
    const denied = await gql(`mutation { computeAgencyEvaluations(year: 2024) { id } }`, {}, leader);
    expect(denied.errors?.[0].message).toMatch(/Access denied/);
  });

  it("takes the current year and the computation's date from the request clock, not the machine's", async () => {
    const saved = clock.today;
    try {
      clock.today = '2024-06-30';
      const ahead = await gql(`mutation { computeAgencyEvaluations(year: 2025) { id } }`);
      expect(ahead.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year', rule: '2000..current year' });
      clock.today = '2040-01-15';
      const later = await ok(`mutation { computeAgencyEvaluations(year: 2039) { id } }`);
      expect(later.computeAgencyEvaluations).toEqual([]);
      const recomputed = await ok(`mutation { computeAgencyEvaluations(year: 2024) { agencyCreditCode computedOn } }`);
      expect(recomputed.computeAgencyEvaluations).toEqual([{ agencyCreditCode: agency, computedOn: '2040-01-15' }]);
    } finally {
      clock.today = saved;
    }
  });
});

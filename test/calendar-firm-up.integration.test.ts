import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calendarFile,
  firmUpCalendarDates,
  repoRoot,
  startCalendarFirmUp,
  withCheckCharacter,
  type CalendarFirmUp,
  type FirmUpReport,
  type Logger,
} from '@hub/kit';
import { as, createTestOrm, run } from '@hub/kit/testing';
import { Case } from '../subgraphs/cases/src/case/case.entity';
import { complaintInput, createWorld, SUBMIT_COMPLAINT } from '../subgraphs/cases/src/test-support/fixtures';
import type { Directories } from '../subgraphs/credit/src/directories';
import { PerformanceNotification } from '../subgraphs/credit/src/notification/notification.entity';
import { JointPunishmentEntry } from '../subgraphs/credit/src/punishment/joint-punishment.entity';
import { CreditRecord } from '../subgraphs/credit/src/record/credit-record.entity';
import { createCreditSubgraph } from '../subgraphs/credit/src/server';
import { ProjectFlag } from '../subgraphs/projects/src/project/project.entity';
import { subgraph as projectsSubgraph } from '../subgraphs/projects/src/server';
import { stageRuns } from '../subgraphs/projects/src/test-support/stage-runs';

/**
 * One firm-up for every calendar-derived date, across slices: cases and credit store dates computed
 * into 2027 while the calendar ends with 2026 (provisional), and projects store stage-interval checks
 * whose period ends in 2027 (a provisional flag, a provisional pass); the administrator adds 2027 with
 * `pnpm calendar:set-year` (on a temporary copy of the calendar, never the committed file) and each
 * subgraph's kit watcher recomputes its stored dates, which stop being provisional.
 */
const office = as('OFFICE', 'ZWJ');
let dir: string;
let file: string;
let cases: Awaited<ReturnType<typeof createWorld>>;
let creditOrm: MikroORM;
let creditSchema: GraphQLSchema;
let projectsOrm: MikroORM;
const watchers: CalendarFirmUp[] = [];
const previous = { CALENDAR_FILE: process.env.CALENDAR_FILE, CALENDAR_POLL_MS: process.env.CALENDAR_POLL_MS };

const project = randomUUID();
const directories: Directories = {
  projects: { projects: async (ids) => new Map(ids.map((id) => [id, { id, supervisingDepartment: 'ZJJ' }])), tenderAgencies: async () => [] },
  cases: { casesAgainst: async (codes) => new Map(codes.map((c) => [c, []])) },
};
// Wed 2026-12-30, 10:00 in Shanghai.
const NOW = new Date('2026-12-30T02:00:00Z');
const credit = createCreditSubgraph(directories, { now: () => NOW });
const creditGql = async (source: string, variables: Record<string, unknown>, user = office) => {
  const result = await run(credit, creditSchema, creditOrm, source, variables, user);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as any;
};

/** A logger that remembers the firm-up reports, so the test waits for them instead of sleeping. */
function recordingLogger() {
  const reports: FirmUpReport[] = [];
  const waiters: { test: (r: FirmUpReport) => boolean; resolve: (r: FirmUpReport) => void }[] = [];
  const log = {
    info(report: FirmUpReport) {
      reports.push(report);
      for (const w of waiters.filter((x) => x.test(report))) w.resolve(report);
    },
    error() {},
  } as unknown as Logger;
  const next = (test: (r: FirmUpReport) => boolean) => new Promise<FirmUpReport>((resolve) => waiters.push({ test, resolve }));
  return { log, reports, next };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firm-up-'));
  file = join(dir, 'prc-calendar.json');
  copyFileSync(join(repoRoot(), 'config', 'prc-calendar.json'), file);
  process.env.CALENDAR_FILE = file;
  process.env.CALENDAR_POLL_MS = '50';

  // Cases: a complaint received 2026-12-30 (acceptance due in 2027), one accepted that day, and a report entered by the office.
  cases = await createWorld({ now: NOW });
  const complaint = await cases.gql(SUBMIT_COMPLAINT, { input: complaintInput(cases.projectOf('ZJJ'), { knewOn: '2026-12-29' }) }, as('PUBLIC'));
  ids.complaint = (await cases.orm.em.fork().findOneOrFail(Case, { receiptNumber: complaint.data.submitComplaint.receiptNumber })).id;
  const accepted = await cases.gql(SUBMIT_COMPLAINT, { input: complaintInput(cases.projectOf('ZJJ'), { knewOn: '2026-12-29' }) }, as('PUBLIC'));
  ids.accepted = (await cases.orm.em.fork().findOneOrFail(Case, { receiptNumber: accepted.data.submitComplaint.receiptNumber })).id;
  await cases.gql(`mutation($id: ID!) { acceptCase(input: { caseId: $id }) { status } }`, { id: ids.accepted }, office);
  const report = await cases.gql(
    `mutation($input: RecordReceivedReportInput!) { recordReceivedReport(input: $input) { receiptNumber } }`,
    {
      input: {
        idempotencyKey: randomUUID(),
        projectId: cases.projectOf('ZJJ'),
        summary: '举报',
        details: '来信',
        receivedAt: '2026-12-30T01:00:00Z',
        channel: 'LETTER',
      },
    },
    office,
  );
  ids.report = (await cases.orm.em.fork().findOneOrFail(Case, { receiptNumber: report.data.recordReceivedReport.receiptNumber })).id;

  // Credit: a notification of 2026-12-28 and a serious record published that day (the clock says 12-30: publication happens today).
  creditOrm = await createTestOrm(credit);
  creditSchema = await credit.buildSchema();
  await creditGql(`mutation($input: CreditRuleInput!) { upsertCreditRule(input: $input) { code } }`, {
    input: { code: 'YZ-01', description: '串通投标', points: 30, serious: true, punishmentMonths: 24 },
  });
  const subject = withCheckCharacter('91421002MA4700001');
  ids.notification = (
    await creditGql(
      `mutation($input: PerformanceNotificationInput!) { notifyPerformanceFinding(input: $input) { id } }`,
      {
        input: { projectId: project, subjectType: 'MARKET_ENTITY', subjectKey: subject, facts: '履约问题', notifiedOn: '2026-12-28' },
      },
      as('DEPT', 'ZJJ'),
    )
  ).notifyPerformanceFinding.id;
  ids.record = (
    await creditGql(`mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`, {
      input: { sourceKind: 'PERFORMANCE_NOTIFICATION', sourceRef: ids.notification, ruleCode: 'YZ-01' },
    })
  ).createCreditRecord.id;
  await creditGql(`mutation($id: ID!) { publishCreditRecord(id: $id) { id } }`, { id: ids.record });

  // Projects: a contract signed Monday 2027-01-04 after an award of 2026-12-02 (the 30th day is Friday 2027-01-01), and a bid
  // deadline on 2027-01-01 for documents issued 2026-12-12 (its 20th day).
  projectsOrm = await createTestOrm(projectsSubgraph);
  const runs = await stageRuns(projectsOrm.em.fork());
  ids.contractProject = await runs.contracted('2026-12-02', '2027-01-04');
  ids.deadlineProject = await runs.announced('2026-12-12', '2027-01-01');
});

afterAll(async () => {
  watchers.forEach((w) => w.stop());
  process.env.CALENDAR_FILE = previous.CALENDAR_FILE;
  process.env.CALENDAR_POLL_MS = previous.CALENDAR_POLL_MS;
  if (previous.CALENDAR_FILE === undefined) delete process.env.CALENDAR_FILE;
  if (previous.CALENDAR_POLL_MS === undefined) delete process.env.CALENDAR_POLL_MS;
  await cases?.orm.close();
  await creditOrm?.close();
  await projectsOrm?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function storedCases() {
  const em = cases.orm.em.fork();
  const [complaint, accepted, report] = await Promise.all([ids.complaint, ids.accepted, ids.report].map((id) => em.findOneOrFail(Case, { id })));
  return {
    complaint: [complaint.acceptanceDueOn, complaint.acceptanceDueProvisional, complaint.nextDueOn],
    accepted: [accepted.resolutionDueOn, accepted.resolutionDueProvisional, accepted.nextDueOn],
    report: [report.acceptanceDueOn, report.acceptanceDueProvisional, report.nextDueOn],
  };
}

async function storedCredit() {
  const em = creditOrm.em.fork();
  const notification = await em.findOneOrFail(PerformanceNotification, { id: ids.notification });
  const record = await em.findOneOrFail(CreditRecord, { id: ids.record });
  const entry = await em.findOneOrFail(JointPunishmentEntry, { record: ids.record });
  return {
    notification: [notification.recordingDueOn, notification.dueProvisional],
    record: [record.publicityEndsOn, record.publicityEndProvisional, record.effectiveOn, record.expiresOn],
    punishment: [entry.fromOn, entry.untilOn],
  };
}

async function storedProjectFlags() {
  const em = projectsOrm.em.fork();
  const flags = async (project: string) => (await em.find(ProjectFlag, { project })).map((f) => [f.rule, f.periodEndsOn, f.provisional]);
  return { contract: await flags(ids.contractProject), deadline: await flags(ids.deadlineProject) };
}

describe('firming up calendar-derived dates when the calendar gains a year', () => {
  it('stores provisional dates for a receipt on 2026-12-30, and a start-up run leaves them (nothing known yet)', async () => {
    expect(calendarFile()).toBe(file);
    expect(await storedCases()).toEqual({
      // Complaint: 12-31, then Fri 2027-01-01 taken as a working day — a guess.
      complaint: ['2027-01-01', true, '2027-01-01'],
      accepted: ['2027-01-20', true, '2027-01-20'],
      // Report by letter: 12-30 + 5 days is Mon 2027-01-04, a year the calendar does not know.
      report: ['2027-01-04', true, '2027-01-04'],
    });
    expect(await storedCredit()).toEqual({
      notification: ['2027-01-06', true],
      record: ['2027-01-06', true, '2027-01-07', '2028-01-07'],
      punishment: ['2027-01-07', '2029-01-07'],
    });
    // Friday 2027-01-01 counted as a working day: the contract is a day late for now, the bid deadline in order.
    expect(await storedProjectFlags()).toEqual({ contract: [['CONTRACT_WITHIN_30_DAYS_OF_AWARD', '2027-01-01', true]], deadline: [] });
    for (const [orm, jobs] of [
      [cases.orm, cases.subgraph.calendarDerivedDates],
      [creditOrm, credit.calendarDerivedDates],
      [projectsOrm, projectsSubgraph.calendarDerivedDates],
    ] as const) {
      const { log, reports } = recordingLogger();
      watchers.push(await startCalendarFirmUp(orm.em.fork(), jobs ?? [], log));
      expect(reports).toEqual([expect.objectContaining({ reason: 'start', changed: 0, coverage: { firstYear: 2023, lastYear: 2026 } })]);
    }
  });

  it("recomputes every slice's dates once pnpm calendar:set-year adds 2027, and a second run changes nothing", async () => {
    watchers.splice(0).forEach((w) => w.stop());
    const casesLog = recordingLogger();
    const creditLog = recordingLogger();
    const projectsLog = recordingLogger();
    watchers.push(await startCalendarFirmUp(cases.orm.em.fork(), cases.subgraph.calendarDerivedDates ?? [], casesLog.log));
    watchers.push(await startCalendarFirmUp(creditOrm.em.fork(), credit.calendarDerivedDates ?? [], creditLog.log));
    watchers.push(await startCalendarFirmUp(projectsOrm.em.fork(), projectsSubgraph.calendarDerivedDates ?? [], projectsLog.log));
    const changed = (r: FirmUpReport) => r.reason.includes('changed');
    const casesRun = casesLog.next(changed);
    const creditRun = creditLog.next(changed);
    const projectsRun = projectsLog.next(changed);

    // The administrator's command, on the temporary calendar file (the built tool, as an operator runs it).
    execFileSync(process.execPath, [join(repoRoot(), 'tools', 'dist', 'calendar.js'), '--year', '2027', '--holidays', '2027-01-01'], {
      env: { ...process.env, CALENDAR_FILE: file },
      stdio: 'pipe',
    });

    const [casesReport, creditReport, projectsReport] = await Promise.all([casesRun, creditRun, projectsRun]);
    expect(casesReport).toMatchObject({ coverage: { lastYear: 2027 }, changed: 3 });
    expect(creditReport).toMatchObject({ coverage: { lastYear: 2027 }, changed: 2 });
    expect(projectsReport).toMatchObject({ coverage: { lastYear: 2027 }, changed: 2 });
    expect(await storedCases()).toEqual({
      complaint: ['2027-01-04', false, '2027-01-04'],
      accepted: ['2027-01-21', false, '2027-01-21'],
      report: ['2027-01-04', false, '2027-01-04'],
    });
    expect(await storedCredit()).toEqual({
      notification: ['2027-01-07', false],
      record: ['2027-01-07', false, '2027-01-08', '2028-01-08'],
      punishment: ['2027-01-08', '2029-01-08'],
    });
    // New Year's Day off, then the weekend: both periods end Monday 01-04. The contract was on time (its flag is withdrawn),
    // the bid deadline was too early (now flagged).
    expect(await storedProjectFlags()).toEqual({ contract: [], deadline: [['DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', '2027-01-04', false]] });

    // Idempotent: the same calendar again changes nothing, in either slice or through the cases mutation (which delegates).
    const again = recordingLogger();
    expect((await firmUpCalendarDates(cases.orm.em.fork(), cases.subgraph.calendarDerivedDates ?? [], again.log, 'again')).changed).toBe(0);
    expect((await firmUpCalendarDates(creditOrm.em.fork(), credit.calendarDerivedDates ?? [], again.log, 'again')).changed).toBe(0);
    expect((await firmUpCalendarDates(projectsOrm.em.fork(), projectsSubgraph.calendarDerivedDates ?? [], again.log, 'again')).changed).toBe(0);
    expect((await cases.gql(`mutation { refreshCaseDeadlines }`, {}, office)).data.refreshCaseDeadlines).toBe(0);
    const read = await cases.gql(`query($id: ID!) { case(id: $id) { acceptanceDeadline { dueOn provisional } } }`, { id: ids.complaint }, office);
    expect(read.data.case.acceptanceDeadline).toEqual({ dueOn: '2027-01-04', provisional: false });
  });
});

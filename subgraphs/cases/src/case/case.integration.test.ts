import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case, CaseEvent } from './case.entity';
import {
  as,
  complaintInput,
  createWorld,
  fakeEnforcers,
  RESPONDENT_A,
  RESPONDENT_B,
  SUBMIT_COMPLAINT,
  SUBMIT_REPORT,
  UNREGISTERED_CREDIT_CODE,
} from '../test-support/fixtures';

let world: Awaited<ReturnType<typeof createWorld>>;
const office = as('OFFICE', 'ZWJ');
const zjj = as('DEPT', 'ZJJ', 'zjj-officer');
const jtj = as('DEPT', 'JTJ', 'jtj-officer');
const enforcerA = randomUUID();
const enforcerB = randomUUID();
/** Assigned only in the access tests. */
const enforcerC = randomUUID();
/** Of JTJ in the fake roster; and ids the fake enforcers slice does not know. */
const jtjEnforcer = randomUUID();
const unknownIds = new Set<string>();

const CASE_FIELDS = /* GraphQL */ `
  id receiptNumber kind status version view summary details submitterName submitterContact submitterRelation
  respondents { creditCode } handlingDepartments { code } supervisingDepartment { code } assignedEnforcers { id }
  routingMode substantiated actionTaken penalty feedback allowedTransitions overdue
  acceptanceDeadline { dueOn metOn overdue } resolutionDeadline { dueOn provisional unit daysLeft metOn }
  events { sequence transition fromStatus toStatus actorRole actorDepartment actorName comment departments enforcerIds }
`;

async function submitComplaint(projectId: string, overrides: Record<string, unknown> = {}) {
  const result = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(projectId, overrides) }, as('PUBLIC'));
  expect(result.errors).toBeUndefined();
  return result.data.submitComplaint as { receiptNumber: string; secret: string };
}

async function caseIdOf(receiptNumber: string): Promise<string> {
  return (await world.orm.em.fork().findOneOrFail(Case, { receiptNumber })).id;
}

async function step(mutation: string, inputType: string, input: Record<string, unknown>, user = office) {
  return world.gql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${CASE_FIELDS} } }`, { input }, user);
}

async function routedComplaint(department = 'ZJJ') {
  const { receiptNumber } = await submitComplaint(world.projectOf(department));
  const caseId = await caseIdOf(receiptNumber);
  expect((await step('acceptCase', 'CaseStepInput', { caseId })).errors).toBeUndefined();
  expect((await step('routeCase', 'RouteCaseInput', { caseId, mode: 'TRANSFERRED' })).errors).toBeUndefined();
  return caseId;
}

beforeAll(async () => {
  world = await createWorld({ enforcers: fakeEnforcers(new Map([[jtjEnforcer, 'JTJ']]), unknownIds) });
});

afterAll(async () => world?.orm.close());

describe('cases subgraph against PostgreSQL', () => {
  it('carries a complaint from online submission to archive, with its trail, deadlines and the submitter view', async () => {
    const { receiptNumber, secret } = await submitComplaint(world.projectOf('ZJJ'));
    expect(receiptNumber).toMatch(/^TS20261126[2-9A-Z]{6}$/);
    const caseId = await caseIdOf(receiptNumber);

    const accepted = await step('acceptCase', 'CaseStepInput', { caseId, comment: '材料齐全，予以受理' });
    expect(accepted.errors).toBeUndefined();
    // Thu 2026-11-26 + 15 working days = Thu 2026-12-17.
    expect(accepted.data.acceptCase.resolutionDeadline).toMatchObject({
      dueOn: '2026-12-17',
      provisional: false,
      unit: 'WORKING_DAYS',
      daysLeft: 15,
      metOn: null,
    });
    expect(accepted.data.acceptCase.acceptanceDeadline).toMatchObject({ dueOn: '2026-11-30', metOn: '2026-11-26', overdue: false });

    // Routed by default to the project's supervising department (谁主管，谁监管).
    const routed = await step('routeCase', 'RouteCaseInput', { caseId, mode: 'TRANSFERRED', comment: '转住建局办理' });
    expect(routed.data.routeCase).toMatchObject({ status: 'ROUTED', handlingDepartments: [{ code: 'ZJJ' }], routingMode: 'TRANSFERRED' });

    // Another department's officer is refused; the handling one proceeds.
    const wrong = await step('startInvestigation', 'StartCaseInvestigationInput', { caseId }, jtj);
    expect(wrong.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const investigating = await step(
      'startInvestigation',
      'StartCaseInvestigationInput',
      { caseId, enforcerIds: [enforcerA, enforcerB], comment: '联合调查' },
      zjj,
    );
    expect(investigating.errors).toBeUndefined();
    expect(investigating.data.startInvestigation.assignedEnforcers).toEqual([{ id: enforcerA }, { id: enforcerB }]);

    const supervised = await world.gql(
      `mutation($input: SuperviseCaseInput!) { superviseCase(input: $input) { status } }`,
      { input: { caseId, note: '请按期办结' } },
      as('LEADER'),
    );
    expect(supervised.data.superviseCase.status).toBe('INVESTIGATING');

    const decided = await step('decideCase', 'DecideCaseInput', { caseId, substantiated: true, actionTaken: '责令改正', penalty: '罚款人民币2万元' }, zjj);
    expect(decided.data.decideCase).toMatchObject({ status: 'DECIDED', substantiated: true, penalty: '罚款人民币2万元' });
    expect(decided.data.decideCase.resolutionDeadline.metOn).toBe('2026-11-26');
    const fed = await step('sendCaseFeedback', 'SendCaseFeedbackInput', { caseId, feedback: '经查属实，已责令改正。' }, zjj);
    expect(fed.data.sendCaseFeedback.status).toBe('FEEDBACK_SENT');
    const archived = await step('archiveCase', 'CaseStepInput', { caseId, comment: '归档' });
    expect(archived.errors).toBeUndefined();
    const done = archived.data.archiveCase;
    expect(done).toMatchObject({ status: 'ARCHIVED', allowedTransitions: [], overdue: false });

    expect(done.events.map((e: { transition: string }) => e.transition)).toEqual([
      'SUBMIT',
      'ACCEPT',
      'ROUTE',
      'START_INVESTIGATION',
      'SUPERVISE',
      'DECIDE',
      'SEND_FEEDBACK',
      'ARCHIVE',
    ]);
    expect(done.events.map((e: { sequence: number }) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(done.events[0]).toMatchObject({ actorRole: 'PUBLIC', fromStatus: null, toStatus: 'SUBMITTED' });
    expect(done.events[2]).toMatchObject({ actorRole: 'OFFICE', departments: ['ZJJ'], comment: '转住建局办理' });
    expect(done.events[3]).toMatchObject({ actorRole: 'DEPT', actorDepartment: 'ZJJ', enforcerIds: [enforcerA, enforcerB] });
    expect(done.events[4]).toMatchObject({ actorRole: 'LEADER', fromStatus: 'INVESTIGATING', toStatus: 'INVESTIGATING', comment: '请按期办结' });

    // The project shows it (Project.cases through the entity resolver, as the gateway asks).
    const project = await world.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id cases { receiptNumber status events { transition } } } } }`,
      { r: [{ __typename: 'Project', id: world.projectOf('ZJJ') }] },
      as('LEADER'),
    );
    expect(project.data._entities[0].cases).toContainEqual({ receiptNumber, status: 'ARCHIVED', events: expect.arrayContaining([{ transition: 'ARCHIVE' }]) });

    // The submitter sees status, dates and feedback with the receipt and the secret, nothing else.
    const status = await world.gql(
      `query($n: String!, $s: String!) { caseStatusByReceipt(receiptNumber: $n, secret: $s) { status receivedOn acceptedOn feedback resolutionDeadline { dueOn metOn } } }`,
      { n: receiptNumber, s: secret },
      as('PUBLIC'),
    );
    expect(status.data.caseStatusByReceipt).toEqual({
      status: 'ARCHIVED',
      receivedOn: '2026-11-26',
      acceptedOn: '2026-11-26',
      feedback: '经查属实，已责令改正。',
      resolutionDeadline: { dueOn: '2026-12-17', metOn: '2026-11-26' },
    });
    const wrongSecret = await world.gql(
      `query($n: String!) { caseStatusByReceipt(receiptNumber: $n, secret: "guess") { status } }`,
      { n: receiptNumber },
      as('PUBLIC'),
    );
    expect(wrongSecret.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an illegal transition with the current status and the allowed ones, changing nothing', async () => {
    const { receiptNumber } = await submitComplaint(world.projectOf('FGJ'));
    const caseId = await caseIdOf(receiptNumber);
    const result = await step('archiveCase', 'CaseStepInput', { caseId });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'SUBMITTED',
      allowedTransitions: ['ACCEPT', 'REJECT', 'SUPERVISE'],
    });
    expect(await world.orm.em.fork().count(CaseEvent, { case: caseId })).toBe(1);
    // The database itself keeps the trail append-only.
    const knex = world.orm.em.getConnection().getKnex();
    await expect(knex.raw(`update case_event set comment = 'edited' where case_id = ?`, [caseId])).rejects.toThrow(/append-only/);
    await expect(knex.raw(`delete from case_event where case_id = ?`, [caseId])).rejects.toThrow(/append-only/);
    const stale = await step('acceptCase', 'CaseStepInput', { caseId, expectedVersion: 99 });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'SUBMITTED', currentVersion: 1 });
  });

  it('lets exactly one of two concurrent transitions win; the other gets CONFLICT and nothing is lost', async () => {
    const { receiptNumber } = await submitComplaint(world.projectOf('SLJ'));
    const caseId = await caseIdOf(receiptNumber);
    const [accept, reject] = await Promise.all([
      step('acceptCase', 'CaseStepInput', { caseId }),
      step('rejectCase', 'RejectCaseInput', { caseId, ground: 'NO_FACTS_OR_EVIDENCE' }),
    ]);
    const outcomes = [accept, reject];
    expect(outcomes.filter((r) => !r.errors)).toHaveLength(1);
    const loser = outcomes.find((r) => r.errors)!;
    expect(loser.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    const stored = await world.orm.em.fork().findOneOrFail(Case, { id: caseId });
    const events = await world.orm.em.fork().find(CaseEvent, { case: caseId }, { orderBy: { sequence: 'asc' } });
    expect(events.map((e) => e.transition)).toEqual(['SUBMIT', accept.errors ? 'REJECT' : 'ACCEPT']);
    expect(stored.status).toBe(accept.errors ? 'REJECTED' : 'ACCEPTED');
    expect(stored.version).toBe(2);
  });

  it('makes online submission idempotent: the same key returns the same receipt and secret and creates nothing', async () => {
    const input = complaintInput(world.projectOf('JTJ'), { idempotencyKey: `retry-${randomUUID()}` });
    const first = await world.gql(SUBMIT_COMPLAINT, { input }, as('PUBLIC'));
    const again = await world.gql(SUBMIT_COMPLAINT, { input }, as('PUBLIC'));
    expect(again.data.submitComplaint).toEqual({ ...first.data.submitComplaint, duplicate: true });
    expect(first.data.submitComplaint.duplicate).toBe(false);
    expect(await world.orm.em.fork().count(Case, { idempotencyKey: input.idempotencyKey })).toBe(1);

    // Racing retries: all get the one receipt.
    const raceInput = { ...input, idempotencyKey: `race-${randomUUID()}` };
    const racing = await Promise.all(Array.from({ length: 6 }, () => world.gql(SUBMIT_COMPLAINT, { input: raceInput }, as('PUBLIC'))));
    expect(racing.every((r) => !r.errors)).toBe(true);
    expect(new Set(racing.map((r) => r.data.submitComplaint.receiptNumber)).size).toBe(1);
    expect(await world.orm.em.fork().count(Case, { idempotencyKey: raceInput.idempotencyKey })).toBe(1);

    // The same key for different content is a conflict, not a silent duplicate.
    const reused = await world.gql(SUBMIT_COMPLAINT, { input: { ...input, summary: '另一件事' } }, as('PUBLIC'));
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('checks the 10-day complaint window, the project and the credit codes, naming the field and the rule', async () => {
    const late = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(world.projectOf('ZJJ'), { knewOn: '2026-11-10' }) }, as('PUBLIC'));
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'knewOn', rule: 'within 10 days of knowing' });
    const future = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(world.projectOf('ZJJ'), { knewOn: '2026-11-27' }) }, as('PUBLIC'));
    expect(future.errors?.[0].extensions).toMatchObject({ field: 'knewOn', rule: 'not in the future' });
    const unknown = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(randomUUID()) }, as('PUBLIC'));
    expect(unknown.errors?.[0].extensions).toMatchObject({ field: 'projectId', rule: 'known project' });
    const badCode = await world.gql(
      SUBMIT_COMPLAINT,
      { input: complaintInput(world.projectOf('ZJJ'), { respondentCreditCodes: [`${RESPONDENT_A.slice(0, 17)}${RESPONDENT_A[17] === '0' ? '1' : '0'}`] }) },
      as('PUBLIC'),
    );
    expect(badCode.errors?.[0].extensions).toMatchObject({ field: 'respondentCreditCodes[0]', rule: 'GB 32100-2015' });
    // A valid code of a party the trading center does not know: refused, naming its place in the list, and no case is written.
    const before = await world.orm.em.fork().count(Case, {});
    const complaint = complaintInput(world.projectOf('ZJJ'), { respondentCreditCodes: [RESPONDENT_A, UNREGISTERED_CREDIT_CODE] });
    const report = {
      idempotencyKey: randomUUID(),
      projectId: complaint.projectId,
      summary: complaint.summary,
      details: complaint.details,
      respondentCreditCodes: complaint.respondentCreditCodes,
    };
    for (const [mutation, input] of [
      [SUBMIT_COMPLAINT, complaint],
      [SUBMIT_REPORT, report],
    ] as const) {
      const unregistered = await world.gql(mutation, { input }, as('PUBLIC'));
      expect(unregistered.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'respondentCreditCodes[1]',
        rule: 'registered market entity',
      });
      expect(unregistered.errors?.[0].message).toContain(UNREGISTERED_CREDIT_CODE);
    }
    expect(await world.orm.em.fork().count(Case, {})).toBe(before);
    const refusal = await step('rejectCase', 'RejectCaseInput', { caseId: randomUUID(), ground: 'OTHER' });
    expect(refusal.errors?.[0].extensions).toMatchObject({ field: 'reason', rule: 'required for OTHER' });
    const badId = await step('acceptCase', 'CaseStepInput', { caseId: 'not-a-uuid' });
    expect(badId.errors?.[0].extensions).toMatchObject({ field: 'caseId', rule: 'UUID format' });
    const missing = await step('acceptCase', 'CaseStepInput', { caseId: randomUUID() });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', what: 'Case', field: 'caseId' });
  });

  it('opens one accepted case per inspection finding, for the office or an enforcer only', async () => {
    const input = {
      findingId: randomUUID(),
      projectId: world.projectOf('NYJ'),
      departmentCode: 'NYJ',
      summary: '合同备案晚于法定期限',
      respondentCreditCodes: [RESPONDENT_B],
    };
    const mutation = `mutation($input: OpenCaseFromInspectionFindingInput!) { openCaseFromInspectionFinding(input: $input) { id kind status acceptedOn resolutionDeadline { dueOn unit } } }`;
    const first = await world.gql(mutation, { input }, as('ENFORCER', 'NYJ', enforcerA));
    expect(first.errors).toBeUndefined();
    // 30 days from 11-26 is Sat 12-26, a rest day: the period ends on Mon 12-28.
    expect(first.data.openCaseFromInspectionFinding).toMatchObject({
      kind: 'INSPECTION_FINDING',
      status: 'ACCEPTED',
      acceptedOn: '2026-11-26',
      resolutionDeadline: { dueOn: '2026-12-28', unit: 'CALENDAR_DAYS' },
    });
    const again = await world.gql(mutation, { input }, office);
    expect(again.data.openCaseFromInspectionFinding.id).toBe(first.data.openCaseFromInspectionFinding.id);
    const dept = await world.gql(mutation, { input }, zjj);
    expect(dept.errors?.[0].message).toMatch(/Access denied/);
  });

  it('opens no case from a finding, or on a project, that does not exist', async () => {
    const mutation = `mutation($input: OpenCaseFromInspectionFindingInput!) { openCaseFromInspectionFinding(input: $input) { id } }`;
    const input = { findingId: randomUUID(), projectId: world.projectOf('NYJ'), departmentCode: 'NYJ', summary: '合同备案晚于法定期限' };
    unknownIds.add(input.findingId);
    const before = await world.orm.em.fork().count(Case, {});
    const noFinding = await world.gql(mutation, { input }, office);
    expect(noFinding.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findingId', rule: 'existing inspection finding' });
    const noProject = await world.gql(mutation, { input: { ...input, findingId: randomUUID(), projectId: randomUUID() } }, office);
    expect(noProject.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId', rule: 'known project' });
    expect(await world.orm.em.fork().count(Case, {})).toBe(before);
  });

  it("records referrals with the superior's own deadline", async () => {
    const result = await world.gql(
      `mutation($input: RecordReferralInput!) { recordReferral(input: $input) { kind status receiptNumber resolutionDeadline { dueOn } submitterName } }`,
      {
        input: {
          idempotencyKey: `ref-${randomUUID()}`,
          projectId: world.projectOf('FGJ'),
          referringAuthority: '区纪委监委',
          referenceNumber: '沙纪〔2026〕12号',
          summary: '线索核查',
          details: '请核查',
          dueOn: '2026-12-10',
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.recordReferral).toMatchObject({
      kind: 'REFERRAL',
      status: 'ACCEPTED',
      resolutionDeadline: { dueOn: '2026-12-10' },
      submitterName: '区纪委监委',
    });
    expect(result.data.recordReferral.receiptNumber).toMatch(/^JBJ/);
  });

  it("splits a case between departments, each of which may act; self-handled cases are the office's", async () => {
    const { receiptNumber } = await submitComplaint(world.projectOf('ZJJ'));
    const caseId = await caseIdOf(receiptNumber);
    await step('acceptCase', 'CaseStepInput', { caseId });
    const tooFew = await step('routeCase', 'RouteCaseInput', { caseId, mode: 'SPLIT', departmentCodes: ['ZJJ'] });
    expect(tooFew.errors?.[0].extensions).toMatchObject({ field: 'departmentCodes', rule: 'two or more for SPLIT' });
    const split = await step('routeCase', 'RouteCaseInput', { caseId, mode: 'SPLIT', departmentCodes: ['ZJJ', 'JTJ'] });
    expect(split.data.routeCase.handlingDepartments).toEqual([{ code: 'ZJJ' }, { code: 'JTJ' }]);
    expect((await step('startInvestigation', 'StartCaseInvestigationInput', { caseId }, jtj)).errors).toBeUndefined();
    expect(
      (await step('decideCase', 'DecideCaseInput', { caseId, substantiated: false, actionTaken: '不属实' }, as('DEPT', 'SLJ'))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const own = await submitComplaint(world.projectOf('SLJ'));
    const ownId = await caseIdOf(own.receiptNumber);
    await step('acceptCase', 'CaseStepInput', { caseId: ownId });
    await step('routeCase', 'RouteCaseInput', { caseId: ownId, mode: 'SELF_HANDLED' });
    const byOffice = await step('startInvestigation', 'StartCaseInvestigationInput', { caseId: ownId });
    expect(byOffice.data.startInvestigation).toMatchObject({ status: 'INVESTIGATING', handlingDepartments: [{ code: 'ZWJ' }] });
    expect((await step('startInvestigation', 'StartCaseInvestigationInput', { caseId: ownId }, as('DEPT', 'SLJ'))).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('who may read what', () => {
  let complaintId: string;
  let reportId: string;

  beforeAll(async () => {
    complaintId = await routedComplaint('ZJJ');
    await step('assignEnforcers', 'AssignCaseEnforcersInput', { caseId: complaintId, enforcerIds: [enforcerC], comment: '指派执法人员' }, zjj);
  });

  it('lets a department assign only enforcers of the roster, and only its own', async () => {
    const missing = randomUUID();
    unknownIds.add(missing);
    const unknown = await world.gql(
      `mutation($input: AssignCaseEnforcersInput!) { assignEnforcers(input: $input) { id } }`,
      { input: { caseId: complaintId, enforcerIds: [missing] } },
      zjj,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enforcerIds', rule: 'existing enforcer of the roster' });
    const foreign = await world.gql(
      `mutation($input: AssignCaseEnforcersInput!) { assignEnforcers(input: $input) { id } }`,
      { input: { caseId: complaintId, enforcerIds: [jtjEnforcer] } },
      zjj,
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(foreign.errors?.[0].message).toMatch(/belongs to JTJ/);
  });

  beforeAll(async () => {
    const report = await world.gql(
      SUBMIT_REPORT,
      {
        input: {
          idempotencyKey: `rep-${randomUUID()}`,
          projectId: world.projectOf('ZJJ'),
          reporterName: '举报人甲',
          reporterContact: '13900000000',
          summary: '串通投标',
          details: '多家投标文件雷同',
          respondentCreditCodes: [RESPONDENT_A],
        },
      },
      as('PUBLIC'),
    );
    reportId = await caseIdOf(report.data.submitReport.receiptNumber);
    await step('acceptCase', 'CaseStepInput', { caseId: reportId, comment: '受理' });
    await step('routeCase', 'RouteCaseInput', { caseId: reportId, mode: 'TRANSFERRED' });
  });

  const read = (id: string, user: ReturnType<typeof as>) => world.gql(`query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id }, user);

  it('gives the handling department full detail with the complainant contact, and another department a summary', async () => {
    const own = (await read(complaintId, zjj)).data.case;
    expect(own).toMatchObject({
      view: 'FULL',
      submitterName: '湖北某建设有限公司',
      submitterContact: '13800000001',
      respondents: [{ creditCode: RESPONDENT_A }],
    });
    expect(own.details).toBeTruthy();
    const other = await read(complaintId, jtj);
    expect(other.errors).toBeUndefined();
    expect(other.data.case).toMatchObject({
      view: 'SUMMARY',
      status: 'ROUTED',
      submitterName: null,
      submitterContact: null,
      submitterRelation: null,
      details: null,
      respondents: null,
      assignedEnforcers: [],
      handlingDepartments: [{ code: 'ZJJ' }],
    });
    expect(other.data.case.acceptanceDeadline.dueOn).toBe('2026-11-30');
    expect(other.data.case.events.length).toBeGreaterThan(2);
    expect(other.data.case.events.every((e: { comment: string | null; enforcerIds: unknown }) => e.comment === null && e.enforcerIds === null)).toBe(true);
  });

  it("shows a reporter's identity to the office only", async () => {
    expect((await read(reportId, office)).data.case).toMatchObject({ submitterName: '举报人甲', submitterContact: '13900000000' });
    for (const user of [zjj, as('LEADER')]) {
      const seen = (await read(reportId, user)).data.case;
      expect(seen).toMatchObject({ view: 'FULL', submitterName: null, submitterContact: null });
      expect(seen.details).toBeTruthy();
    }
    // Leaders read everything but contacts of complainants (those are for the office and the handler).
    expect((await read(complaintId, as('LEADER'))).data.case).toMatchObject({ submitterName: '湖北某建设有限公司', submitterContact: null });
  });

  it('lets an enforcer read the cases assigned to them and no other', async () => {
    const mine = await read(complaintId, as('ENFORCER', 'ZJJ', enforcerC));
    expect(mine.data.case).toMatchObject({ view: 'FULL', assignedEnforcers: [{ id: enforcerC }], submitterContact: null });
    const notMine = await read(reportId, as('ENFORCER', 'ZJJ', enforcerC));
    expect(notMine.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await world.gql(`{ cases(first: 100) { totalCount nodes { id } } }`, {}, as('ENFORCER', 'ZJJ', enforcerC));
    expect(list.data.cases.nodes.map((n: { id: string }) => n.id)).toEqual([complaintId]);
  });

  it('gives the public and the trading center nothing: no case query, empty Project.cases', async () => {
    const anonymous = await read(complaintId, as('PUBLIC'));
    expect(anonymous.errors?.[0].message).toMatch(/Access denied/);
    const center = await world.gql(`{ cases { totalCount } }`, {}, as('CENTER', 'JYZX'));
    expect(center.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const project = await world.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { cases { id } } } }`,
      { r: [{ __typename: 'Project', id: world.projectOf('ZJJ') }] },
      as('PUBLIC'),
    );
    expect(project.data._entities[0].cases).toEqual([]);
    const leader = await world.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { cases { id } } } }`,
      { r: [{ __typename: 'Project', id: world.projectOf('ZJJ') }] },
      as('LEADER'),
    );
    expect(leader.data._entities[0].cases.length).toBeGreaterThanOrEqual(2);
  });

  it('lets only the office accept, route and archive', async () => {
    const { receiptNumber } = await submitComplaint(world.projectOf('ZJJ'));
    const caseId = await caseIdOf(receiptNumber);
    const byDept = await step('acceptCase', 'CaseStepInput', { caseId }, zjj);
    expect(byDept.errors?.[0].message).toMatch(/Access denied/);
    const byLeader = await step('acceptCase', 'CaseStepInput', { caseId }, as('LEADER'));
    expect(byLeader.errors?.[0].message).toMatch(/Access denied/);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, complaintInput, createWorld } from '../test-support/fixtures';

let world: Awaited<ReturnType<typeof createWorld>>;
const office = as('OFFICE', 'ZWJ');

const RECORD_COMPLAINT = /* GraphQL */ `
  mutation ($input: RecordReceivedComplaintInput!) {
    recordReceivedComplaint(input: $input) {
      receiptNumber
      status
      receivedOn
      duplicate
      acceptanceDeadline {
        dueOn
        provisional
        unit
        daysLeft
        overdue
        metLate
      }
    }
  }
`;
const RECORD_REPORT = /* GraphQL */ `
  mutation ($input: RecordReceivedReportInput!) {
    recordReceivedReport(input: $input) {
      receiptNumber
      receivedOn
      duplicate
      acceptanceDeadline {
        dueOn
        provisional
        unit
        overdue
      }
    }
  }
`;
const CASE_BY_RECEIPT = /* GraphQL */ `
  query ($receivedFrom: LocalDate!) {
    cases(first: 50, filter: { receivedFrom: $receivedFrom, receivedTo: $receivedFrom }) {
      nodes {
        receiptNumber
        channel
        receivedAt
        receivedOn
        overdue
        acceptanceDeadline {
          dueOn
          overdue
          metLate
          daysLeft
        }
        events {
          transition
          at
          comment
        }
      }
    }
  }
`;

beforeAll(async () => {
  // Typed in on Fri 2026-10-09, 10:00 in Shanghai.
  world = await createWorld({ now: new Date('2026-10-09T02:00:00Z') });
});

afterAll(async () => world?.orm.close());

describe('intake of cases the office received outside the online form', () => {
  it('runs the deadline from the receipt day: received at the window 2026-09-29, typed in 2026-10-09, due 2026-10-08 and overdue', async () => {
    const input = {
      ...complaintInput(world.projectOf('ZJJ'), { knewOn: '2026-09-25' }),
      // 09:30 on Tue 2026-09-29 in Shanghai.
      receivedAt: '2026-09-29T01:30:00.000Z',
      channel: 'WINDOW',
    };
    const result = await world.gql(RECORD_COMPLAINT, { input }, office);
    expect(result.errors).toBeUndefined();
    // 2 working days after 09-29: 09-30, then National Day 10-01..10-07, then Thu 10-08.
    expect(result.data.recordReceivedComplaint).toMatchObject({
      status: 'SUBMITTED',
      receivedOn: '2026-09-29',
      duplicate: false,
      acceptanceDeadline: { dueOn: '2026-10-08', provisional: false, unit: 'WORKING_DAYS', daysLeft: -1, overdue: true, metLate: false },
    });
    const receiptNumber = result.data.recordReceivedComplaint.receiptNumber;
    expect(receiptNumber).toMatch(/^TS20260929/);

    const listed = (await world.gql(CASE_BY_RECEIPT, { receivedFrom: '2026-09-29' }, office)).data.cases.nodes;
    const c = listed.find((n: { receiptNumber: string }) => n.receiptNumber === receiptNumber);
    expect(c).toMatchObject({ channel: 'WINDOW', receivedAt: '2026-09-29T01:30:00.000Z', receivedOn: '2026-09-29', overdue: true });
    expect(c.events[0]).toMatchObject({ transition: 'SUBMIT', at: '2026-10-09T02:00:00.000Z' });
    expect(c.events[0].comment).toMatch(/Received WINDOW on 2026-09-29 .* entered 2026-10-09/);

    // The same key again: the same receipt, nothing new.
    const again = await world.gql(RECORD_COMPLAINT, { input }, office);
    expect(again.data.recordReceivedComplaint).toMatchObject({ receiptNumber, duplicate: true });
    const changed = await world.gql(RECORD_COMPLAINT, { input: { ...input, channel: 'LETTER' } }, office);
    expect(changed.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });

    // Accepted the day it was typed in: done, but late.
    const id = (await world.gql(`{ cases(first: 50, filter: { status: SUBMITTED }) { nodes { id receiptNumber } } }`, {}, office)).data.cases.nodes.find(
      (n: { receiptNumber: string }) => n.receiptNumber === receiptNumber,
    ).id;
    const accepted = await world.gql(
      `mutation($id: ID!) { acceptCase(input: { caseId: $id }) { overdue acceptanceDeadline { dueOn metOn overdue metLate } } }`,
      { id },
      office,
    );
    expect(accepted.data.acceptCase).toEqual({
      overdue: false,
      acceptanceDeadline: { dueOn: '2026-10-08', metOn: '2026-10-09', overdue: false, metLate: true },
    });
  });

  it('judges the 10-day complaint window at the receipt date, and refuses a receipt in the future or before the complainant knew', async () => {
    const base = complaintInput(world.projectOf('ZJJ'), { knewOn: '2026-09-22' });
    // Known 09-22, received 09-29 (7 days): in time, although typed in 17 days after knowing.
    const inTime = await world.gql(RECORD_COMPLAINT, { input: { ...base, receivedAt: '2026-09-29T03:00:00Z', channel: 'LETTER' } }, office);
    expect(inTime.errors).toBeUndefined();
    // The same complaint submitted online today would be out of time.
    const online = await world.gql(
      `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { receiptNumber } }`,
      {
        input: { ...base, idempotencyKey: randomUUID() },
      },
      as('PUBLIC'),
    );
    expect(online.errors?.[0].extensions).toMatchObject({ field: 'knewOn', rule: 'within 10 days of knowing' });
    // Received 11 days after knowing: out of time at receipt.
    const late = await world.gql(
      RECORD_COMPLAINT,
      { input: { ...base, idempotencyKey: randomUUID(), receivedAt: '2026-10-03T03:00:00Z', channel: 'PHONE' } },
      office,
    );
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'knewOn', rule: 'within 10 days of knowing' });
    expect(late.errors?.[0].message).toMatch(/before its receipt on 2026-10-03/);
    const future = await world.gql(
      RECORD_COMPLAINT,
      { input: { ...base, idempotencyKey: randomUUID(), receivedAt: '2026-10-09T02:00:01Z', channel: 'EMAIL' } },
      office,
    );
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt', rule: 'not in the future' });
    // 23:30 UTC on 09-21 is already 09-22 in Shanghai: the day the complainant knew, so accepted …
    const sameDay = await world.gql(
      RECORD_COMPLAINT,
      { input: { ...base, idempotencyKey: randomUUID(), receivedAt: '2026-09-21T16:30:00Z', channel: 'WINDOW' } },
      office,
    );
    expect(sameDay.errors).toBeUndefined();
    expect(sameDay.data.recordReceivedComplaint.receivedOn).toBe('2026-09-22');
    // … but an hour earlier it was still 09-21 there: before the complainant knew.
    const before = await world.gql(
      RECORD_COMPLAINT,
      { input: { ...base, idempotencyKey: randomUUID(), receivedAt: '2026-09-21T15:30:00Z', channel: 'WINDOW' } },
      office,
    );
    expect(before.errors?.[0].extensions).toMatchObject({ field: 'receivedAt', rule: 'not before knewOn' });
  });

  it('takes reports by letter with natural-day deadlines from the receipt day, and is for the office only', async () => {
    const input = {
      idempotencyKey: randomUUID(),
      projectId: world.projectOf('JTJ'),
      summary: '围标串标线索',
      details: '来信反映投标人之间存在关联关系。',
      receivedAt: '2026-09-26T06:00:00Z',
      channel: 'LETTER',
    };
    const result = await world.gql(RECORD_REPORT, { input }, office);
    expect(result.errors).toBeUndefined();
    // 09-26 + 5 days is 10-01, National Day: the period ends on the first working day after the holiday.
    expect(result.data.recordReceivedReport).toMatchObject({
      receivedOn: '2026-09-26',
      acceptanceDeadline: { dueOn: '2026-10-08', provisional: false, unit: 'CALENDAR_DAYS', overdue: true },
    });
    for (const caller of [as('PUBLIC'), as('DEPT', 'JTJ'), as('LEADER')]) {
      const denied = await world.gql(RECORD_REPORT, { input: { ...input, idempotencyKey: randomUUID() } }, caller);
      expect(denied.errors?.[0].message).toMatch(/Access denied|needs a signed-in caller/);
    }
    const badChannel = await world.gql(RECORD_REPORT, { input: { ...input, idempotencyKey: randomUUID(), channel: 'INSPECTION' } }, office);
    expect(badChannel.errors?.[0].message).toMatch(/IntakeChannel/);
  });
});

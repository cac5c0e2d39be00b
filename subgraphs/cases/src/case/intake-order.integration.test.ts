import { countStatements } from '@hub/kit/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, complaintInput, createWorld, SUBMIT_COMPLAINT, SUBMIT_REPORT } from '../test-support/fixtures';

let world: Awaited<ReturnType<typeof createWorld>>;
const office = as('OFFICE', 'ZWJ');

const QUEUE = /* GraphQL */ `
  query ($first: Int!, $after: String, $orderBy: CaseOrder!) {
    cases(filter: { status: SUBMITTED }, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        receiptNumber
        receivedAt
        overdue
        acceptanceDeadline {
          dueOn
        }
      }
    }
  }
`;

interface Row {
  receiptNumber: string;
  receivedAt: string;
  overdue: boolean;
  acceptanceDeadline: { dueOn: string };
}

/** Sets the clock to 10:00 in Shanghai on a day. */
const on = (day: string) => {
  world.clock.now = new Date(`${day}T02:00:00Z`);
};

async function complaint(day: string): Promise<string> {
  on(day);
  const result = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(world.projectOf('ZJJ'), { knewOn: day }) }, as('PUBLIC'));
  expect(result.errors).toBeUndefined();
  return result.data.submitComplaint.receiptNumber;
}

async function report(day: string): Promise<string> {
  on(day);
  const input = { idempotencyKey: randomUUID(), projectId: world.projectOf('JTJ'), summary: '举报', details: '线索' };
  const result = await world.gql(SUBMIT_REPORT, { input }, as('PUBLIC'));
  expect(result.errors).toBeUndefined();
  return result.data.submitReport.receiptNumber;
}

/** Every page of the queue, `first` at a time; `between` runs after the first page (cases arriving while the officer pages). */
async function pageThrough(first: number, between?: () => Promise<unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const result: any = await world.gql(QUEUE, { first, after, orderBy: 'ACCEPTANCE_DEADLINE' }, office);
    expect(result.errors).toBeUndefined();
    rows.push(...result.data.cases.nodes);
    if (page === 0 && between) await between();
    if (!result.data.cases.pageInfo.hasNextPage) return rows;
    after = result.data.cases.pageInfo.endCursor;
  }
  throw new Error('the queue did not end');
}

const byDeadline = (a: Row, b: Row) => a.acceptanceDeadline.dueOn.localeCompare(b.acceptanceDeadline.dueOn) || a.receivedAt.localeCompare(b.receivedAt);

beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.orm.close(true);
});

describe('一窗受理 queue: cases by the nearest acceptance deadline', () => {
  let reportFirst: string;
  let complaintLater: string;

  beforeAll(async () => {
    // A report has 5 calendar days, a complaint 3 working days: the report received on Monday the
    // 16th falls due after the complaint received on Tuesday the 17th, so "oldest first" is not the order.
    reportFirst = await report('2026-11-16');
    complaintLater = await complaint('2026-11-17');
    for (const day of ['2026-11-18', '2026-11-18', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24']) await complaint(day);
    await report('2026-11-20');
    on('2026-11-24');
  });

  it('lists overdue cases first, then by due date, the earliest received first on the same due date', async () => {
    const rows = await pageThrough(3);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.receiptNumber)).size).toBe(10);
    expect(rows).toEqual([...rows].sort(byDeadline));
    const overdue = rows.map((r) => r.overdue);
    expect(overdue[0]).toBe(true);
    expect(overdue.indexOf(false)).toBeGreaterThan(0);
    expect(overdue.slice(overdue.indexOf(false))).not.toContain(true);
    const at = (receipt: string) => rows.findIndex((r) => r.receiptNumber === receipt);
    expect(at(complaintLater)).toBeLessThan(at(reportFirst));

    const newest: any = await world.gql(QUEUE, { first: 10, orderBy: 'RECEIVED_NEWEST_FIRST' }, office);
    expect(newest.data.cases.nodes.map((r: Row) => r.receiptNumber)).not.toEqual(rows.map((r) => r.receiptNumber));
    const received = newest.data.cases.nodes.map((r: Row) => r.receivedAt);
    expect(received).toEqual([...received].sort().reverse());
  });

  it('pages stably while cases arrive: no row skipped or repeated', async () => {
    const before = await pageThrough(100);
    let arrived = '';
    // A case due before everything on the first page would only shift an offset list.
    const rows = await pageThrough(2, async () => {
      arrived = await complaint('2026-11-10');
      on('2026-11-24');
    });
    expect(rows.map((r) => r.receiptNumber)).toEqual(before.map((r) => r.receiptNumber));
    const now = await pageThrough(100);
    expect(now[0].receiptNumber).toBe(arrived);
  });

  it('sends as many statements for a page of 2 after a cursor as for a page of 20', async () => {
    const first: any = await world.gql(QUEUE, { first: 1, orderBy: 'ACCEPTANCE_DEADLINE' }, office);
    const after = first.data.cases.pageInfo.endCursor;
    const ask = (n: number) => world.gql(QUEUE, { first: n, after, orderBy: 'ACCEPTANCE_DEADLINE' }, office);
    const small = await countStatements(world.orm, () => ask(2));
    const large = await countStatements(world.orm, () => ask(20));
    expect(small.result.data.cases.nodes).toHaveLength(2);
    expect(large.result.data.cases.nodes.length).toBeGreaterThan(2);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(2);
  });

  it('is read in the order of the intake queue index (status, acceptance_due_on, received_at, id): no sort, first page and after a cursor', async () => {
    // The statements the queue sends, with their parameters, explained as PostgreSQL would run them on a big table
    // (sequential scans priced out: ten rows would otherwise be read whole and sorted, whatever the indexes).
    const knex = world.orm.em.getConnection().getKnex();
    const sent: { sql: string; bindings: unknown[] }[] = [];
    const listener = (query: { sql: string; bindings?: unknown[] }) => sent.push({ sql: query.sql, bindings: query.bindings ?? [] });
    knex.on('query', listener);
    try {
      const first: any = await world.gql(QUEUE, { first: 2, orderBy: 'ACCEPTANCE_DEADLINE' }, office);
      await world.gql(QUEUE, { first: 2, after: first.data.cases.pageInfo.endCursor, orderBy: 'ACCEPTANCE_DEADLINE' }, office);
    } finally {
      knex.off('query', listener);
    }
    const pages = sent.filter((s) => /order by .*"acceptance_due_on" asc/i.test(s.sql));
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      const plan = await knex.transaction(async (trx) => {
        await trx.raw('set local enable_seqscan = off');
        const explained = await trx.raw(`explain (format json) ${page.sql}`, page.bindings as never);
        return JSON.stringify(explained.rows[0]['QUERY PLAN']);
      });
      expect(plan, page.sql).toContain('"Index Name":"case_file_intake_queue_index"');
      expect(plan, page.sql).not.toContain('"Node Type":"Sort"');
    }
  });

  it('refuses a cursor issued by the other order', async () => {
    const newest: any = await world.gql(QUEUE, { first: 1, orderBy: 'RECEIVED_NEWEST_FIRST' }, office);
    const result = await world.gql(QUEUE, { first: 1, after: newest.data.cases.pageInfo.endCursor, orderBy: 'ACCEPTANCE_DEADLINE' }, office);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

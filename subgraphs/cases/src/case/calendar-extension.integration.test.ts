import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCalendarData, type GraphClient } from '@hub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphProjectDirectory } from '../project-directory';
import { as, complaintInput, createWorld, SUBMIT_COMPLAINT } from '../test-support/fixtures';
import { Case } from './case.entity';

let world: Awaited<ReturnType<typeof createWorld>>;
let dir: string;
const office = as('OFFICE', 'ZWJ');

beforeAll(async () => {
  world = await createWorld({ now: new Date('2026-12-28T02:00:00Z') });
  dir = mkdtempSync(join(tmpdir(), 'cases-calendar-'));
});

afterAll(async () => {
  delete process.env.CALENDAR_FILE;
  rmSync(dir, { recursive: true, force: true });
  await world?.orm.close();
});

describe('a newly published calendar year', () => {
  it('firms up provisional due dates without a code change, and refreshCaseDeadlines updates the stored ones', async () => {
    const submitted = await world.gql(SUBMIT_COMPLAINT, { input: complaintInput(world.projectOf('ZJJ'), { knewOn: '2026-12-24' }) }, as('PUBLIC'));
    const c = await world.orm.em.fork().findOneOrFail(Case, { receiptNumber: submitted.data.submitComplaint.receiptNumber });
    await world.gql(`mutation($id: ID!) { acceptCase(input: { caseId: $id }) { status } }`, { id: c.id }, office);
    const read = () => world.gql(`query($id: ID!) { case(id: $id) { resolutionDeadline { dueOn provisional } } }`, { id: c.id }, office);
    expect((await read()).data.case.resolutionDeadline).toEqual({ dueOn: '2027-01-18', provisional: true });

    // The administrator adds 2027 (New Year's Day off) to the calendar data file.
    const data = readCalendarData();
    data.years['2027'] = { holidays: ['2027-01-01'], makeUpWorkdays: [] };
    const file = join(dir, 'calendar.json');
    writeFileSync(file, JSON.stringify(data));
    process.env.CALENDAR_FILE = file;

    expect((await read()).data.case.resolutionDeadline).toEqual({ dueOn: '2027-01-19', provisional: false });
    const refreshed = await world.gql(`mutation { refreshCaseDeadlines }`, {}, office);
    expect(refreshed.data.refreshCaseDeadlines).toBe(1);
    const stored = await world.orm.em.fork().findOneOrFail(Case, { id: c.id });
    expect({ resolutionDueOn: stored.resolutionDueOn, provisional: stored.resolutionDueProvisional, nextDueOn: stored.nextDueOn }).toEqual({
      resolutionDueOn: '2027-01-19',
      provisional: false,
      nextDueOn: '2027-01-19',
    });
    expect((await world.gql(`mutation { refreshCaseDeadlines }`, {}, as('DEPT', 'ZJJ'))).errors?.[0].message).toMatch(/Access denied/);
  });
});

describe('the projects directory', () => {
  it('asks the projects subgraph once for many ids through _entities and skips unknown ones', async () => {
    const requests: { query: string; variables: Record<string, unknown> }[] = [];
    const client = {
      async request(query: string, variables: Record<string, unknown>) {
        requests.push({ query, variables });
        return { _entities: [{ id: 'a', supervisingDepartment: { code: 'ZJJ' } }, null] };
      },
    } as unknown as GraphClient;
    const found = await new GraphProjectDirectory(() => client).find(['a', 'b']);
    expect(requests).toHaveLength(1);
    expect(requests[0].query).toMatch(/_entities\(representations: \$representations\)/);
    expect(requests[0].variables).toEqual({
      representations: [
        { __typename: 'Project', id: 'a' },
        { __typename: 'Project', id: 'b' },
      ],
    });
    expect([...found.values()]).toEqual([{ id: 'a', supervisingDepartmentCode: 'ZJJ' }]);
  });
});

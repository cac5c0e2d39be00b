import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firmUpCalendarDates, repoRoot, WriteLogEntry, type Logger } from '@hub/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import { subgraph } from '../server';
import { stageRuns } from '../test-support/stage-runs';
import { IntervalCheck } from './interval-check.entity';

/**
 * The projects slice's calendar firm-up: stage-interval checks made while the calendar ended with
 * 2026 and whose period ends in 2027 are provisional (counted on the plain weekday rule, so Friday
 * 2027-01-01 is a working day); once 2027 is published with New Year's Day off, each is run again.
 */
let orm: MikroORM;
let schema: GraphQLSchema;
let dir: string;
const previous = process.env.CALENDAR_FILE;
const silent = { info() {}, error() {} } as unknown as Logger;
const ids: Record<string, string> = {};

const flagsOf = async (id: string) => {
  const result = await run(
    subgraph,
    schema,
    orm,
    `query($id: ID!) { project(id: $id) { flags { rule actual periodEndsOn provisional message raisedOn } } }`,
    { id },
    as('LEADER'),
  );
  expect(result.errors).toBeUndefined();
  return result.data.project.flags as { rule: string; actual: number; periodEndsOn: string; provisional: boolean; message: string; raisedOn: string }[];
};
const firmUp = () => firmUpCalendarDates(orm.em.fork(), subgraph.calendarDerivedDates ?? [], silent, 'test');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'projects-firm-up-'));
  process.env.CALENDAR_FILE = join(dir, 'prc-calendar.json');
  copyFileSync(join(repoRoot(), 'config', 'prc-calendar.json'), process.env.CALENDAR_FILE);
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  const runs = await stageRuns(orm.em.fork());
  // Award 2026-12-10: the 30th day is Saturday 2027-01-09, so the period ends Monday 01-11 either way; signed 01-20, late.
  ids.staysLate = await runs.contracted('2026-12-10', '2027-01-20');
  // Award 2026-12-02: the 30th day is Friday 2027-01-01, a working day by the weekday rule; signed Monday 01-04, late for now.
  ids.becomesOnTime = await runs.contracted('2026-12-02', '2027-01-04');
  // Documents issued 2026-12-12: the 20th day is 2027-01-01, so a bid deadline that day passes for now.
  ids.becomesShort = await runs.announced('2026-12-12', '2027-01-01');
  // Documents issued 2026-11-02, deadline 11-20: 18 days, a firm breach the firm-up never touches.
  ids.firmBreach = await runs.announced('2026-11-02', '2026-11-20');
});

afterAll(async () => {
  if (previous === undefined) delete process.env.CALENDAR_FILE;
  else process.env.CALENDAR_FILE = previous;
  await orm?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the stage-interval checks when the calendar gains a year', () => {
  it('records every period check, provisional where the end day is in 2027, and changes nothing while 2027 is unknown', async () => {
    const checks = await orm.em.fork().find(IntervalCheck, { project: ids.becomesShort });
    expect(checks.map((c) => [c.rule, c.startsOn, c.comparedOn, c.periodEndsOn, c.provisional, c.flag])).toEqual([
      ['DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', '2026-12-12', '2027-01-01', '2027-01-01', true, null],
    ]);
    // The earlier checks of a contracted project (documents, publicity) are firm; the contract check is provisional.
    const contracted = await orm.em.fork().find(IntervalCheck, { project: ids.staysLate }, { orderBy: { startsOn: 'asc' } });
    expect(contracted.map((c) => [c.rule, c.provisional])).toEqual([
      ['DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', false],
      ['CANDIDATE_PUBLICITY_MIN_3_DAYS', false],
      ['CONTRACT_WITHIN_30_DAYS_OF_AWARD', true],
    ]);
    expect(await flagsOf(ids.staysLate)).toEqual([
      expect.objectContaining({ rule: 'CONTRACT_WITHIN_30_DAYS_OF_AWARD', actual: 41, periodEndsOn: '2027-01-11', provisional: true }),
    ]);
    expect(await flagsOf(ids.becomesOnTime)).toEqual([
      expect.objectContaining({ rule: 'CONTRACT_WITHIN_30_DAYS_OF_AWARD', actual: 33, periodEndsOn: '2027-01-01', provisional: true }),
    ]);
    expect(await flagsOf(ids.becomesShort)).toEqual([]);
    expect((await firmUp()).changed).toBe(0);
  });

  it('once 2027 is published: a flag that stays becomes firm, a breach that disappears is withdrawn on the write log, a pass that becomes a breach is flagged; a second run changes nothing', async () => {
    const file = process.env.CALENDAR_FILE!;
    const calendar = JSON.parse(readFileSync(file, 'utf8'));
    // What `pnpm calendar:set-year --year 2027 --holidays 2027-01-01` writes (the cross-slice test runs the tool itself).
    writeFileSync(file, JSON.stringify({ ...calendar, years: { ...calendar.years, 2027: { holidays: ['2027-01-01'], makeUpWorkdays: [] } } }));
    const firmBefore = await flagsOf(ids.firmBreach);

    const statements = await countStatements(orm, firmUp);
    expect(statements.result).toMatchObject({ coverage: { lastYear: 2027 }, changed: 3 });

    const [stays] = await flagsOf(ids.staysLate);
    expect(stays).toMatchObject({ rule: 'CONTRACT_WITHIN_30_DAYS_OF_AWARD', actual: 41, periodEndsOn: '2027-01-11', provisional: false });
    expect(stays.message).not.toMatch(/provisional/);
    // New Year's Day is off, then the weekend: the 30 days end on Monday 01-04, the day the contract was signed.
    expect(await flagsOf(ids.becomesOnTime)).toEqual([]);
    const [short] = await flagsOf(ids.becomesShort);
    expect(short).toMatchObject({ rule: 'DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', actual: 20, periodEndsOn: '2027-01-04', provisional: false });
    expect(short.message).toMatch(/2027-01-01, is a statutory rest day/);
    expect(await flagsOf(ids.firmBreach)).toEqual(firmBefore);
    expect(await orm.em.fork().count(IntervalCheck, { provisional: true })).toBe(0);

    // The withdrawn flag keeps a trace: the write log has its deletion, by the SYSTEM firm-up, with every field it had.
    const log = await orm.em.fork().find(WriteLogEntry, { projectId: ids.becomesOnTime, objectType: 'ProjectFlag' });
    expect(log).toEqual([
      expect.objectContaining({ operation: 'DELETE', mutation: 'calendarFirmUp', actorRole: 'SYSTEM', actorSub: 'system:calendar-firm-up' }),
    ]);
    expect(log[0].changes).toContainEqual({ field: 'periodEndsOn', before: '2027-01-01', after: null });
    const raised = await orm.em.fork().find(WriteLogEntry, { projectId: ids.becomesShort, objectType: 'ProjectFlag' });
    expect(raised.map((e) => e.operation)).toEqual(['CREATE']);

    // Constant statements, not one per check: the reads of the checks and their flags, then the batched writes.
    expect(statements.statements.length).toBeLessThanOrEqual(12);

    // Idempotent: the same calendar again changes nothing.
    expect((await firmUp()).changed).toBe(0);
    expect(await flagsOf(ids.becomesShort)).toHaveLength(1);
  });
});

import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { envInt } from '../config';
import { calendarFile, currentCalendar, type WorkingDayCalendar } from './calendar';

/**
 * Stored dates of one slice that are derived from the official calendar (due dates, publicity
 * ends, effective dates …). A date computed across a year the calendar does not cover yet is
 * stored as provisional; when the year is published, `firmUp` recomputes those rows. Each slice
 * declares its own in its `SubgraphDefinition.calendarDerivedDates`; the kit runs them all, so no
 * slice has its own refresh to remember.
 */
export interface CalendarDerivedDates {
  /** Names the dates in the log, e.g. "cases: acceptance and resolution due dates". */
  name: string;
  /**
   * Recomputes every stored provisional date on `calendar` (runs in one transaction; the caller
   * flushes). Must be idempotent: a second run on the same calendar changes nothing. Returns how
   * many rows changed.
   */
  firmUp(em: EntityManager, calendar: WorkingDayCalendar): Promise<number>;
}

export interface FirmUpReport {
  reason: string;
  coverage: { firstYear: number; lastYear: number };
  jobs: { name: string; changed: number }[];
  changed: number;
}

/**
 * Runs every job on the calendar in force, each in its own transaction under a PostgreSQL advisory
 * lock (replicas of one subgraph share the database: they take turns, and the second finds nothing
 * left to change). Logs what changed.
 */
export async function firmUpCalendarDates(em: EntityManager, jobs: readonly CalendarDerivedDates[], log: Logger, reason: string): Promise<FirmUpReport> {
  const calendar = currentCalendar();
  const report: FirmUpReport = { reason, coverage: calendar.coverage(), jobs: [], changed: 0 };
  for (const job of jobs) {
    const changed = await em.fork().transactional(async (tx) => {
      await tx.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`calendar-firm-up:${job.name}`]);
      const count = await job.firmUp(tx, calendar);
      await tx.flush();
      return count;
    });
    report.jobs.push({ name: job.name, changed });
    report.changed += changed;
  }
  if (jobs.length) log.info(report, `calendar-derived dates checked (${reason}): ${report.changed} changed`);
  return report;
}

export interface CalendarFirmUp {
  /** Resolves when the runs started so far are done (tests wait on it). */
  idle(): Promise<FirmUpReport | undefined>;
  stop(): void;
}

/**
 * Runs the jobs now (awaited: a subgraph serves firm dates from its first request) and again
 * whenever the calendar data file changes (`pnpm calendar:set-year` replaces it atomically; the
 * file is polled every `CALENDAR_POLL_MS`, default one minute, which survives the replacement).
 * Runs never overlap; a failed run is logged and retried on the next change or start.
 */
export async function startCalendarFirmUp(em: EntityManager, jobs: readonly CalendarDerivedDates[], log: Logger): Promise<CalendarFirmUp> {
  let last: Promise<FirmUpReport | undefined> = Promise.resolve(undefined);
  const run = (reason: string) => {
    last = last.then(() =>
      firmUpCalendarDates(em, jobs, log, reason).catch((error: unknown) => {
        log.error({ err: error }, 'calendar-derived dates could not be firmed up');
        return undefined;
      }),
    );
    return last;
  };
  if (jobs.length === 0) return { idle: () => last, stop: () => undefined };
  await run('start');
  const file = calendarFile();
  const listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino || current.size !== previous.size) void run(`calendar file ${file} changed`);
  };
  watchFile(file, { interval: envInt('CALENDAR_POLL_MS', 60_000), persistent: false }, listener);
  return { idle: () => last, stop: () => unwatchFile(file, listener) };
}

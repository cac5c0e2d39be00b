import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { envOptional } from '../config';
import { repoRoot } from '../subgraph-list';

/** One year of the official calendar: weekdays that are public holidays, and weekend days that are make-up workdays (调休). */
export interface CalendarYear {
  holidays: string[];
  makeUpWorkdays: string[];
}

export interface CalendarData {
  description?: string;
  source?: string;
  timeZone: 'Asia/Shanghai';
  years: Record<string, CalendarYear>;
}

/** A computed date and whether it is certain: `provisional` when the count crossed a year the calendar does not cover yet. */
export interface CalendarDate {
  date: string;
  provisional: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  if (!ISO_DATE.test(date)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a calendar date: ${date}`);
  return ms;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Adds calendar days to a YYYY-MM-DD date (pure date arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in Asia/Shanghai of an instant, whatever the process time zone is. */
export function shanghaiDateOf(instant: Date): string {
  return shanghaiDate.format(instant);
}

/** Today's date in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDateOf(now);
}

/** Validates calendar data; throws naming the year and the bad entry. */
export function validateCalendarData(data: CalendarData): CalendarData {
  if (data.timeZone !== 'Asia/Shanghai') throw new Error('Calendar timeZone must be "Asia/Shanghai"');
  for (const [year, entry] of Object.entries(data.years)) {
    if (!/^\d{4}$/.test(year)) throw new Error(`Calendar year key must be four digits: ${year}`);
    for (const date of entry.holidays) {
      toUtcMs(date);
      if (!date.startsWith(year)) throw new Error(`Holiday ${date} is filed under year ${year}`);
      const weekday = new Date(toUtcMs(date)).getUTCDay();
      if (weekday === 0 || weekday === 6) throw new Error(`Holiday ${date} is a weekend day: list only weekdays that are off`);
    }
    for (const date of entry.makeUpWorkdays) {
      toUtcMs(date);
      if (!date.startsWith(year)) throw new Error(`Make-up workday ${date} is filed under year ${year}`);
      const weekday = new Date(toUtcMs(date)).getUTCDay();
      if (weekday !== 0 && weekday !== 6) throw new Error(`Make-up workday ${date} is not a weekend day`);
    }
  }
  return data;
}

/**
 * The official PRC working-day calendar (weekends off except make-up workdays, public holidays off).
 * Dates are plain YYYY-MM-DD strings in Asia/Shanghai, so the server's own time zone never matters.
 * Years the data does not cover fall back to the plain weekday rule and every answer that depends
 * on them is marked provisional.
 */
export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly makeUpWorkdays = new Set<string>();
  private readonly years = new Set<string>();

  constructor(data: CalendarData) {
    validateCalendarData(data);
    for (const [year, entry] of Object.entries(data.years)) {
      this.years.add(year);
      entry.holidays.forEach((d) => this.holidays.add(d));
      entry.makeUpWorkdays.forEach((d) => this.makeUpWorkdays.add(d));
    }
  }

  /** The first and last year the official data covers. */
  coverage(): { firstYear: number; lastYear: number } {
    const years = [...this.years].map(Number).sort((a, b) => a - b);
    return { firstYear: years[0] ?? 0, lastYear: years[years.length - 1] ?? 0 };
  }

  covers(date: string): boolean {
    return this.years.has(date.slice(0, 4));
  }

  isWorkingDay(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.makeUpWorkdays.has(date)) return true;
    const weekday = new Date(toUtcMs(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The date `n` working days after `start` (the start day itself is not counted, as in
   * "within 2 working days of receipt").
   */
  addWorkingDays(start: string, n: number): CalendarDate {
    let provisional = !this.covers(start);
    let date = start;
    let counted = 0;
    while (counted < n) {
      date = addDays(date, 1);
      if (!this.covers(date)) provisional = true;
      if (this.isWorkingDay(date)) counted += 1;
    }
    return { date, provisional };
  }

  /** Working days in (from, to]: how many are left before a due date; negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
      if (this.isWorkingDay(date)) count += 1;
    }
    return count;
  }

  /**
   * Plain date arithmetic with a coverage flag: the date `n` days after `start`, provisional when it
   * lies beyond coverage. Not a statutory period: use `addNaturalDays` for those.
   */
  addCalendarDays(start: string, n: number): CalendarDate {
    const date = addDays(start, n);
    return { date, provisional: !this.covers(date) };
  }

  /**
   * A statutory period of `n` natural days (e.g. "report: 5 days"), counted as Chinese law counts
   * periods (民法典 art. 203, 民事诉讼法 art. 85): the start day is not counted, and when the last day
   * is a statutory rest day (a weekend day that is not a make-up workday, or a public holiday) the
   * period ends on the first working day after it. Provisional when a day that decides the answer
   * lies in a year the calendar does not cover: whether it is a rest day is then a guess.
   */
  addNaturalDays(start: string, n: number): CalendarDate {
    let date = addDays(start, n);
    let provisional = !this.covers(date);
    while (!this.isWorkingDay(date)) {
      date = addDays(date, 1);
      if (!this.covers(date)) provisional = true;
    }
    return { date, provisional };
  }
}

/**
 * Where the calendar data lives: `CALENDAR_FILE`, else `config/prc-calendar.json` at the
 * repository root — data, not code, so extending it needs no build (`pnpm calendar:set-year`).
 */
export function calendarFile(): string {
  return envOptional('CALENDAR_FILE') ?? join(repoRoot(), 'config', 'prc-calendar.json');
}

export function readCalendarData(file = calendarFile()): CalendarData {
  return JSON.parse(readFileSync(file, 'utf8')) as CalendarData;
}

let cached: { file: string; mtimeMs: number; calendar: WorkingDayCalendar } | undefined;

/**
 * The calendar in force. Re-read when the data file changes, so an administrator's new year
 * (`pnpm calendar:set-year`) takes effect without a restart or a code change.
 */
export function currentCalendar(): WorkingDayCalendar {
  const file = calendarFile();
  const { mtimeMs } = statSync(file);
  if (!cached || cached.file !== file || cached.mtimeMs !== mtimeMs) {
    cached = { file, mtimeMs, calendar: new WorkingDayCalendar(readCalendarData(file)) };
  }
  return cached.calendar;
}

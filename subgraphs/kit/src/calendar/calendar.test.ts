import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentCalendar, readCalendarData, shanghaiDateOf, todayInShanghai, validateCalendarData, WorkingDayCalendar } from './calendar';

const calendar = new WorkingDayCalendar(readCalendarData());

describe('official PRC working-day calendar', () => {
  it('knows holidays and make-up workdays (调休)', () => {
    expect(calendar.isWorkingDay('2024-02-12')).toBe(false); // Spring Festival, a Monday
    expect(calendar.isWorkingDay('2024-02-18')).toBe(true); // make-up workday, a Sunday
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // make-up workday, a Saturday
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false); // National Day week
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // an ordinary Saturday
  });

  it('counts working days across the Spring Festival', () => {
    // Received Friday 2024-02-09, the eve of the Spring Festival break: next working day is the make-up Sunday 02-18.
    expect(calendar.addWorkingDays('2024-02-09', 1)).toEqual({ date: '2024-02-18', provisional: false });
    expect(calendar.addWorkingDays('2024-02-09', 2)).toEqual({ date: '2024-02-19', provisional: false });
    expect(calendar.workingDaysBetween('2024-02-09', '2024-02-19')).toBe(2);
    expect(calendar.workingDaysBetween('2024-02-19', '2024-02-09')).toBe(-2);
  });

  it('marks a date beyond the known calendar as provisional', () => {
    expect(calendar.coverage()).toEqual({ firstYear: 2023, lastYear: 2026 });
    expect(calendar.addWorkingDays('2026-12-25', 15).provisional).toBe(true);
    expect(calendar.addWorkingDays('2026-12-01', 15)).toEqual({ date: '2026-12-22', provisional: false });
    expect(calendar.addCalendarDays('2026-12-20', 30)).toEqual({ date: '2027-01-19', provisional: true });
  });

  it('computes Shanghai dates whatever the process time zone', () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      // 2024-02-08 17:30 UTC is already 2024-02-09 01:30 in Shanghai.
      expect(shanghaiDateOf(new Date('2024-02-08T17:30:00Z'))).toBe('2024-02-09');
      expect(calendar.addWorkingDays(shanghaiDateOf(new Date('2024-02-08T17:30:00Z')), 2).date).toBe('2024-02-19');
      expect(todayInShanghai(new Date('2026-11-26T20:00:00Z'))).toBe('2026-11-27');
    } finally {
      process.env.TZ = previous;
    }
  });

  it('refuses malformed calendar data naming the entry', () => {
    expect(() => validateCalendarData({ timeZone: 'Asia/Shanghai', years: { '2027': { holidays: ['2027-01-02'], makeUpWorkdays: [] } } })).toThrow(
      /Holiday 2027-01-02 is a weekend day/,
    );
  });
});

describe('calendar data an administrator extends', () => {
  const previous = process.env.CALENDAR_FILE;
  afterEach(() => {
    // Unset stays unset: assigning undefined would store the text "undefined" for the next file in this worker.
    if (previous === undefined) delete process.env.CALENDAR_FILE;
    else process.env.CALENDAR_FILE = previous;
  });

  it('picks up a new year from the data file without a restart', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cal-')), 'calendar.json');
    const data = readCalendarData();
    writeFileSync(file, JSON.stringify(data));
    process.env.CALENDAR_FILE = file;
    expect(currentCalendar().addWorkingDays('2027-01-29', 1).provisional).toBe(true);
    data.years['2027'] = { holidays: ['2027-02-01'], makeUpWorkdays: [] };
    writeFileSync(file, JSON.stringify(data));
    // mtime granularity: make sure the change is visible as a different mtime.
    const later = new Date(Date.now() + 2000);
    utimesSync(file, later, later);
    expect(currentCalendar().addWorkingDays('2027-01-29', 1)).toEqual({ date: '2027-02-02', provisional: false });
  });
});

describe('natural-day periods (民法典 art. 203)', () => {
  it('end on the first working day after a last day that is a statutory rest day', () => {
    expect(calendar.addNaturalDays('2026-09-26', 5)).toEqual({ date: '2026-10-08', provisional: false }); // 10-01 National Day
    expect(calendar.addNaturalDays('2026-11-23', 5)).toEqual({ date: '2026-11-30', provisional: false }); // Sat 11-28
    expect(calendar.addNaturalDays('2026-10-05', 5)).toEqual({ date: '2026-10-10', provisional: false }); // Sat 10-10 is a make-up workday
    expect(calendar.addNaturalDays('2026-11-24', 5)).toEqual({ date: '2026-11-30', provisional: false }); // Sun 11-29
    expect(calendar.addNaturalDays('2026-11-20', 5)).toEqual({ date: '2026-11-25', provisional: false }); // a plain Wednesday
  });

  it('are provisional when the answer needs a year the calendar does not cover', () => {
    expect(calendar.addNaturalDays('2026-12-30', 5)).toEqual({ date: '2027-01-04', provisional: true });
    // 2026-12-21 + 5 is Sat 12-26 → Mon 12-28: all in 2026, firm.
    expect(calendar.addNaturalDays('2026-12-21', 5)).toEqual({ date: '2026-12-28', provisional: false });
    // 2026-12-26 + 5 is Thu 12-31, a working day in 2026: firm although close to the edge.
    expect(calendar.addNaturalDays('2026-12-26', 5)).toEqual({ date: '2026-12-31', provisional: false });
  });
});

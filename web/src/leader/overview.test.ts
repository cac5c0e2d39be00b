import { describe, expect, it } from 'vitest';
import { countDueWithin, coverage, hasOpenCases, joinedVariables, pendingDeadline, statisticParts } from './overview';
import { monthStarts, shanghaiDateTime, shanghaiToday, twoMonthPeriod, yearPeriod } from './period';

describe('leader overview figures', () => {
  const pending = (daysLeft: number | null, overdue = false) => ({ overdue, acceptanceDeadline: { daysLeft, overdue, metOn: null }, resolutionDeadline: null });

  it('counts open cases due within 3 days on their pending deadline, not overdue ones', () => {
    const accepted = {
      overdue: false,
      acceptanceDeadline: { daysLeft: 9, overdue: false, metOn: '2026-01-05' },
      resolutionDeadline: { daysLeft: 2, overdue: false, metOn: null },
    };
    expect(pendingDeadline(accepted)).toBe(accepted.resolutionDeadline);
    expect(countDueWithin([pending(0), pending(3), pending(4), pending(-1, true), pending(null), accepted], 3)).toBe(3);
  });

  it("splits a tile's number as antd's Statistic does, and writes anything else as it is", () => {
    expect(statisticParts(137)).toEqual({ int: '137', decimal: undefined });
    expect(statisticParts(12.5)).toEqual({ int: '12', decimal: '.5' });
    expect(statisticParts(0)).toEqual({ int: '0', decimal: undefined });
    expect(statisticParts(12345)).toEqual({ int: '12345', decimal: undefined });
    expect(statisticParts('—')).toEqual({ text: '—' });
    expect(statisticParts(undefined)).toEqual({ text: '—' });
  });

  it('sums inspection coverage over departments, null without a pool', () => {
    expect(coverage([{ poolSize: 10, drawn: 2 }, { poolSize: 30, drawn: 3 }, null])).toBe(12.5);
    expect(coverage([{ poolSize: 0, drawn: 0 }])).toBeNull();
  });

  it('marks open cases (not rejected or archived), as the server-side filter counts them', () => {
    expect(hasOpenCases({ stage: 'AWARDED', cases: [{ status: 'ARCHIVED' }, { status: 'REJECTED' }], bids: [] })).toBe(false);
    expect(hasOpenCases({ stage: 'AWARDED', cases: [{ status: 'INVESTIGATING' }], bids: [] })).toBe(true);
    expect(hasOpenCases({ stage: 'AWARDED', cases: null, bids: [] })).toBe(false);
  });

  it('sends the joined view its filters, ticked conditions included, and only those set', () => {
    expect(joinedVariables(20, undefined, {})).toEqual({ first: 20, after: undefined, filter: {} });
    expect(joinedVariables(20, 'x', { stage: 'AWARDED', hasOpenCases: true, hasBidderGradedCOrD: false })).toEqual({
      first: 20,
      after: 'x',
      filter: { stage: 'AWARDED', hasOpenCases: true },
    });
  });
});

describe('periods in Asia/Shanghai', () => {
  it('takes the day in Shanghai, whatever the clock zone', () => {
    expect(shanghaiToday(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01');
  });

  it('agrees with the time-zone database on every hour around day and year boundaries', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const start of ['2025-12-30T00:00:00Z', '2026-06-29T00:00:00Z', '2028-02-27T00:00:00Z']) {
      for (let hour = 0; hour < 96; hour++) {
        const at = new Date(Date.parse(start) + hour * 3_600_000 + 59 * 60_000);
        expect(shanghaiToday(at), at.toISOString()).toBe(zone.format(at));
      }
    }
  });

  it('writes an instant as YYYY-MM-DD HH:mm in Shanghai, the app’s date format in both languages', () => {
    expect(shanghaiDateTime('2026-11-29T02:05:09Z')).toBe('2026-11-29 10:05');
    expect(shanghaiDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(shanghaiDateTime(new Date('2026-03-01T20:00:00+00:00'))).toBe('2026-03-02 04:00');
  });

  it('finds the bimonthly period and the year of a day', () => {
    expect(twoMonthPeriod('2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-04-30' });
    expect(twoMonthPeriod('2024-02-10')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(twoMonthPeriod('2026-12-31')).toEqual({ from: '2026-11-01', to: '2026-12-31' });
    expect(yearPeriod('2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('lists month starts across a year boundary, oldest first', () => {
    expect(monthStarts('2026-02-14', 3)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
  });
});

import { currentCalendar, shanghaiDateOf } from '@hub/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseKind } from './case-states';
import { acceptanceDue, CaseDeadlineUnit, deadlineState, resolutionDue } from './deadlines';

const calendar = currentCalendar();
const originalTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTz;
});

/** The due dates the tests check, in one place so they can run under several time zones. */
function scenarios() {
  return {
    // Thu 2024-02-08 + 2 working days: Fri 02-09, then the Spring Festival (02-10..02-17 off), then Sun 02-18, a make-up workday.
    beforeSpringFestival2024: acceptanceDue(calendar, CaseKind.COMPLAINT, '2024-02-08'),
    // Fri 2024-02-09: Sun 02-18 (make-up) is the 1st working day, Mon 02-19 the 2nd.
    lastDayBeforeSpringFestival2024: acceptanceDue(calendar, CaseKind.COMPLAINT, '2024-02-09'),
    // Fri 2026-02-13: Sat 02-14 is a make-up workday (1), then 02-15..02-23 off, Tue 02-24 (2).
    beforeSpringFestival2026: acceptanceDue(calendar, CaseKind.COMPLAINT, '2026-02-13'),
    // Wed 2026-09-30: National Day 10-01..10-07 off (weekend 10-03/04 too); Thu 10-08 (1), Fri 10-09 (2).
    beforeNationalDay2026: acceptanceDue(calendar, CaseKind.COMPLAINT, '2026-09-30'),
    // A report counts natural days: 09-30 + 5 is 10-05, inside the National Day holiday, so the period ends on the first working day after it.
    reportBeforeNationalDay2026: acceptanceDue(calendar, CaseKind.REPORT, '2026-09-30'),
    // 09-26 + 5 is 10-01 (National Day): not due on the holiday but on Thu 10-08.
    reportOnSeptember26: acceptanceDue(calendar, CaseKind.REPORT, '2026-09-26'),
    // 2026-10-05 + 5 is Sat 10-10, a make-up workday: a working day, so the period ends there.
    reportEndingOnMakeUpWorkday: acceptanceDue(calendar, CaseKind.REPORT, '2026-10-05'),
    // 2026-11-23 + 5 is Sat 11-28, an ordinary weekend: Mon 11-30.
    reportEndingOnSaturday: acceptanceDue(calendar, CaseKind.REPORT, '2026-11-23'),
    // Findings and referrals: 30 natural days from 2026-09-05 is 10-05 (holiday) → 10-08.
    findingResolutionIntoNationalDay: resolutionDue(calendar, CaseKind.INSPECTION_FINDING, '2026-09-05'),
    referralResolutionIntoNationalDay: resolutionDue(calendar, CaseKind.REFERRAL, '2026-09-05'),
    // Accepted at intake: due the receipt day, even on a holiday.
    findingAcceptedAtIntakeOnHoliday: acceptanceDue(calendar, CaseKind.INSPECTION_FINDING, '2026-10-03'),
    // Received 2026-12-30: the last day falls in 2027, which the calendar does not know yet.
    complaintReceivedDecember30: acceptanceDue(calendar, CaseKind.COMPLAINT, '2026-12-30'),
    reportReceivedDecember30: acceptanceDue(calendar, CaseKind.REPORT, '2026-12-30'),
    // 15 working days from Fri 2024-02-09 jumps the festival; 2024-02-18 counts.
    complaintResolution2024: resolutionDue(calendar, CaseKind.COMPLAINT, '2024-02-09'),
    // Accepted 2026-12-15: 15 working days runs into 2027, which the calendar does not cover yet.
    complaintResolutionInto2027: resolutionDue(calendar, CaseKind.COMPLAINT, '2026-12-15'),
    reportResolutionInto2027: resolutionDue(calendar, CaseKind.REPORT, '2026-12-15'),
    receiptDayOfLateEvening: shanghaiDateOf(new Date('2026-09-30T17:30:00Z')),
  };
}

const expected = {
  beforeSpringFestival2024: { date: '2024-02-18', provisional: false },
  lastDayBeforeSpringFestival2024: { date: '2024-02-19', provisional: false },
  beforeSpringFestival2026: { date: '2026-02-24', provisional: false },
  beforeNationalDay2026: { date: '2026-10-09', provisional: false },
  reportBeforeNationalDay2026: { date: '2026-10-08', provisional: false },
  reportOnSeptember26: { date: '2026-10-08', provisional: false },
  reportEndingOnMakeUpWorkday: { date: '2026-10-10', provisional: false },
  reportEndingOnSaturday: { date: '2026-11-30', provisional: false },
  findingResolutionIntoNationalDay: { date: '2026-10-08', provisional: false },
  referralResolutionIntoNationalDay: { date: '2026-10-08', provisional: false },
  findingAcceptedAtIntakeOnHoliday: { date: '2026-10-03', provisional: false },
  complaintReceivedDecember30: { date: '2027-01-01', provisional: true },
  reportReceivedDecember30: { date: '2027-01-04', provisional: true },
  complaintResolution2024: { date: '2024-03-07', provisional: false },
  complaintResolutionInto2027: { date: '2027-01-05', provisional: true },
  reportResolutionInto2027: { date: '2027-01-14', provisional: true },
  // 17:30 UTC is 01:30 the next day in Shanghai: the receipt day is Shanghai's.
  receiptDayOfLateEvening: '2026-10-01',
};

describe('case deadlines on the official working-day calendar', () => {
  it('count working days across Spring Festival and make-up workdays, natural days ending off rest days for reports, and mark 2027 provisional', () => {
    expect(scenarios()).toEqual(expected);
  });

  it('give the same dates with the process time zone behind UTC (America/Los_Angeles)', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date('2026-01-01T00:00:00Z').getHours()).not.toBe(0);
    expect(scenarios()).toEqual(expected);
  });

  it('report days left in working days, overdue when pending past the due date, late when met after it', () => {
    const due = acceptanceDue(calendar, CaseKind.COMPLAINT, '2024-02-08');
    // On Fri 02-09 one working day is left (Sun 02-18); over the festival still one.
    expect(deadlineState(calendar, due, CaseDeadlineUnit.WORKING_DAYS, null, '2024-02-09')).toMatchObject({ daysLeft: 1, overdue: false });
    expect(deadlineState(calendar, due, CaseDeadlineUnit.WORKING_DAYS, null, '2024-02-14')).toMatchObject({ daysLeft: 1, overdue: false });
    expect(deadlineState(calendar, due, CaseDeadlineUnit.WORKING_DAYS, null, '2024-02-18')).toMatchObject({ daysLeft: 0, overdue: false });
    expect(deadlineState(calendar, due, CaseDeadlineUnit.WORKING_DAYS, null, '2024-02-20')).toMatchObject({ daysLeft: -2, overdue: true });
    expect(deadlineState(calendar, due, CaseDeadlineUnit.WORKING_DAYS, '2024-02-19', '2024-03-01')).toMatchObject({
      daysLeft: null,
      overdue: false,
      metLate: true,
    });
    const report = acceptanceDue(calendar, CaseKind.REPORT, '2026-09-30');
    expect(deadlineState(calendar, report, CaseDeadlineUnit.CALENDAR_DAYS, null, '2026-10-01')).toMatchObject({ daysLeft: 7, overdue: false });
  });
});

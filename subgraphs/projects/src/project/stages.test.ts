import { readCalendarData, WorkingDayCalendar } from '@hub/kit';
import { describe, expect, it } from 'vitest';
import {
  checkBidCount,
  checkCandidatePublicity,
  checkClarification,
  checkContractSigning,
  checkDocumentsToDeadline,
  checkPeriod,
  IntervalRule,
  ProjectStage,
  stepsAllowedAt,
} from './stages';

describe('stage order', () => {
  it('allows only the next statutory step', () => {
    expect(stepsAllowedAt(ProjectStage.REGISTERED)).toEqual(['announceTender']);
    expect(stepsAllowedAt(ProjectStage.ANNOUNCED)).toEqual(['recordClarification', 'recordBid', 'openBids']);
    expect(stepsAllowedAt(ProjectStage.AWARDED)).toEqual(['fileContract']);
    expect(stepsAllowedAt(ProjectStage.COMPLETED)).toEqual([]);
  });
});

// The committed official calendar (config/prc-calendar.json), the one the cases' deadlines use. Its 2026 data:
// Spring Festival 2026-02-15 to 02-23 off (Saturdays 02-14 and 02-28 are make-up workdays); National Day
// 2026-10-01 to 10-07 off (Saturday 10-10 is a make-up workday). 2027 is not in it yet.
const calendar = new WorkingDayCalendar(readCalendarData());

describe('statutory intervals', () => {
  it('documents issued to bid deadline: at least 20 days', () => {
    expect(checkDocumentsToDeadline(calendar, '2024-03-01', '2024-03-21')).toBeNull();
    expect(checkDocumentsToDeadline(calendar, '2024-03-01', '2024-03-20')).toMatchObject({
      rule: IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS,
      required: 20,
      actual: 19,
      periodEndsOn: '2024-03-21',
      provisional: false,
    });
  });

  it('clarification at least 15 days before the deadline', () => {
    expect(checkClarification(calendar, '2024-03-06', '2024-03-21')).toBeNull();
    expect(checkClarification(calendar, '2024-03-07', '2024-03-21')).toMatchObject({ required: 15, actual: 14, periodEndsOn: '2024-03-22' });
  });

  it('fewer than 3 bids means no opening', () => {
    expect(checkBidCount(3)).toBeNull();
    expect(checkBidCount(2)).toMatchObject({ rule: IntervalRule.MIN_3_BIDS, actual: 2, unit: 'bids', periodEndsOn: null, provisional: false });
  });

  it('candidate publicity at least 3 days, the first day not counted', () => {
    expect(checkCandidatePublicity(calendar, '2024-03-01', '2024-03-04')).toBeNull();
    expect(checkCandidatePublicity(calendar, '2024-03-01', '2024-03-03')).toMatchObject({ actual: 2, periodEndsOn: '2024-03-04' });
  });

  it('contract within 30 days of the award notice, across a month end', () => {
    expect(checkContractSigning(calendar, '2024-01-31', '2024-03-01')).toBeNull();
    // The 30th day (Friday 03-01) is a working day: Saturday 03-02 is late, although a rest day.
    expect(checkContractSigning(calendar, '2024-01-31', '2024-03-02')).toMatchObject({ actual: 31, required: 30, periodEndsOn: '2024-03-01' });
  });
});

describe('the rest-day rule on the stage intervals', () => {
  it('a maximum interval: a 30th day in Golden Week gives until the first working day after it', () => {
    // Award notice 2026-09-01: the 30th day is 10-01 (National Day); the period ends on Thursday 10-08.
    expect(checkContractSigning(calendar, '2026-09-01', '2026-10-08')).toBeNull();
    const late = checkContractSigning(calendar, '2026-09-01', '2026-10-09');
    expect(late).toMatchObject({
      rule: IntervalRule.CONTRACT_WITHIN_30_DAYS_OF_AWARD,
      required: 30,
      actual: 38,
      periodEndsOn: '2026-10-08',
      provisional: false,
    });
    expect(late!.message).toContain('2026-10-01, is a statutory rest day');
  });

  it('a maximum interval: a 30th day on a make-up workday is the last day; a plain Saturday moves to Monday', () => {
    // Award notice 2026-09-10: the 30th day is Saturday 10-10, a make-up workday (调休): signing on Monday 10-12 is late.
    expect(checkContractSigning(calendar, '2026-09-10', '2026-10-10')).toBeNull();
    expect(checkContractSigning(calendar, '2026-09-10', '2026-10-12')).toMatchObject({ actual: 32, periodEndsOn: '2026-10-10' });
    // Award notice 2026-09-17: the 30th day is Saturday 10-17, a rest day: Monday 10-19 is on time.
    expect(checkContractSigning(calendar, '2026-09-17', '2026-10-19')).toBeNull();
  });

  it('a minimum interval: a 20th day in the Spring Festival moves the end later, so an earlier deadline is flagged', () => {
    // Documents issued 2026-01-27: the 20th day is 02-16 (Spring Festival, off to 02-23); the 20 days end on 02-24.
    expect(checkDocumentsToDeadline(calendar, '2026-01-27', '2026-02-24')).toBeNull();
    expect(checkDocumentsToDeadline(calendar, '2026-01-27', '2026-02-20')).toMatchObject({ required: 20, actual: 24, periodEndsOn: '2026-02-24' });
    expect(checkDocumentsToDeadline(calendar, '2026-01-27', '2026-02-23')).toMatchObject({ actual: 27, periodEndsOn: '2026-02-24' });
  });

  it('a minimum interval: a clarification whose 15th day falls in the Spring Festival needs the deadline after it', () => {
    // Issued 2026-02-01: the 15th day is 02-16; the deadline must be 02-24 or later.
    expect(checkClarification(calendar, '2026-02-01', '2026-02-24')).toBeNull();
    expect(checkClarification(calendar, '2026-02-01', '2026-02-23')).toMatchObject({ actual: 22, periodEndsOn: '2026-02-24' });
  });

  it('candidate publicity: ends on the make-up workday, or runs past the holiday', () => {
    // Published Wednesday 2026-02-11: the 3rd day is Saturday 02-14, a make-up workday: publicity to 02-14 suffices.
    expect(checkCandidatePublicity(calendar, '2026-02-11', '2026-02-14')).toBeNull();
    // Published Thursday 2026-02-12: the 3rd day is Sunday 02-15, in the Spring Festival: publicity must run to 02-24.
    expect(checkCandidatePublicity(calendar, '2026-02-12', '2026-02-23')).toMatchObject({ actual: 11, periodEndsOn: '2026-02-24' });
    expect(checkCandidatePublicity(calendar, '2026-02-12', '2026-02-24')).toBeNull();
  });

  it('marks a flag provisional when the end day lies in a year the calendar does not cover', () => {
    // Award notice 2026-12-15: the 30th day, 2027-01-14, is in 2027, not published yet.
    const late = checkContractSigning(calendar, '2026-12-15', '2027-01-20');
    expect(late).toMatchObject({ periodEndsOn: '2027-01-14', provisional: true });
    expect(late!.message).toContain('provisional: 2027 is not in the official calendar yet');
    expect(checkContractSigning(calendar, '2026-11-01', '2026-12-02')).toMatchObject({ provisional: false });
  });

  it('reports a pass with its end day too, provisional or not, and the same outcome once the year is known', () => {
    // Documents issued 2026-12-12: the 20th day is Friday 2027-01-01, a working day by the weekday rule for now.
    expect(checkPeriod(calendar, IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS, '2026-12-12', '2027-01-01')).toEqual({
      periodEndsOn: '2027-01-01',
      provisional: true,
      breach: null,
    });
    const data = readCalendarData();
    const published = new WorkingDayCalendar({ ...data, years: { ...data.years, 2027: { holidays: ['2027-01-01'], makeUpWorkdays: [] } } });
    // With New Year's Day off the period ends Monday 01-04: the same deadline is now a firm breach.
    expect(checkPeriod(published, IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS, '2026-12-12', '2027-01-01')).toMatchObject({
      periodEndsOn: '2027-01-04',
      provisional: false,
      breach: { rule: IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS, actual: 20, periodEndsOn: '2027-01-04', provisional: false },
    });
    expect(checkPeriod(calendar, IntervalRule.CONTRACT_WITHIN_30_DAYS_OF_AWARD, '2026-11-01', '2026-12-01')).toEqual({
      periodEndsOn: '2026-12-01',
      provisional: false,
      breach: null,
    });
  });
});

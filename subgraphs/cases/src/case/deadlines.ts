import { daysBetween, type CalendarDate, type WorkingDayCalendar } from '@hub/kit';
import { registerEnumType } from 'type-graphql';
import { CaseKind } from './case-states';

/** How a deadline is counted. */
export enum CaseDeadlineUnit {
  /** Official PRC working days (weekends off except make-up workdays 调休, public holidays off). */
  WORKING_DAYS = 'WORKING_DAYS',
  /** Natural days; a last day on a statutory rest day moves to the next working day. */
  CALENDAR_DAYS = 'CALENDAR_DAYS',
}
registerEnumType(CaseDeadlineUnit, {
  name: 'CaseDeadlineUnit',
  description: 'WORKING_DAYS on the official calendar; CALENDAR_DAYS are natural days, a last day on a statutory rest day moving to the next working day.',
  valuesConfig: {
    WORKING_DAYS: { description: 'Official PRC working days: weekends off except make-up workdays (调休), public holidays off.' },
    CALENDAR_DAYS: { description: 'Natural days; a last day on a statutory rest day moves to the next working day.' },
  },
});

/**
 * The statutory periods (docs/domain.md, stricter than the national 3/30 working days): a complaint is
 * accepted or refused within 2 working days of receipt and resolved within 15 working days of
 * acceptance; a report within 5 and 30 days. Findings and referrals are accepted at intake; the
 * office resolves them within 30 days unless the superior's referral names its own date.
 */
export const CASE_DEADLINE_RULES: Record<CaseKind, { unit: CaseDeadlineUnit; acceptWithin: number; resolveWithin: number }> = {
  [CaseKind.COMPLAINT]: { unit: CaseDeadlineUnit.WORKING_DAYS, acceptWithin: 2, resolveWithin: 15 },
  [CaseKind.REPORT]: { unit: CaseDeadlineUnit.CALENDAR_DAYS, acceptWithin: 5, resolveWithin: 30 },
  [CaseKind.INSPECTION_FINDING]: { unit: CaseDeadlineUnit.CALENDAR_DAYS, acceptWithin: 0, resolveWithin: 30 },
  [CaseKind.REFERRAL]: { unit: CaseDeadlineUnit.CALENDAR_DAYS, acceptWithin: 0, resolveWithin: 30 },
};

function addPeriod(calendar: WorkingDayCalendar, unit: CaseDeadlineUnit, start: string, n: number): CalendarDate {
  // Accepted at intake: due the day it came in, whatever kind of day that was.
  if (n === 0) return { date: start, provisional: !calendar.covers(start) };
  return unit === CaseDeadlineUnit.WORKING_DAYS ? calendar.addWorkingDays(start, n) : calendar.addNaturalDays(start, n);
}

/** The acceptance due date of a case received on `receivedOn` (a Shanghai date; the receipt day itself is not counted). */
export function acceptanceDue(calendar: WorkingDayCalendar, kind: CaseKind, receivedOn: string): CalendarDate {
  const rule = CASE_DEADLINE_RULES[kind];
  return addPeriod(calendar, rule.unit, receivedOn, rule.acceptWithin);
}

/** The resolution due date of a case accepted on `acceptedOn`; a referral's own date wins when the superior set one. */
export function resolutionDue(calendar: WorkingDayCalendar, kind: CaseKind, acceptedOn: string, referralDueOn?: string | null): CalendarDate {
  if (kind === CaseKind.REFERRAL && referralDueOn) return { date: referralDueOn, provisional: !calendar.covers(referralDueOn) };
  const rule = CASE_DEADLINE_RULES[kind];
  return addPeriod(calendar, rule.unit, acceptedOn, rule.resolveWithin);
}

/** A deadline as the graph shows it, relative to today. */
export interface DeadlineState {
  dueOn: string;
  provisional: boolean;
  unit: CaseDeadlineUnit;
  /** When the step was done (accepted/refused, or decided); null while pending. */
  metOn: string | null;
  /** Days left until the due date while pending (working days for complaints); negative once past; null when met. */
  daysLeft: number | null;
  /** Pending and past the due date. */
  overdue: boolean;
  /** Met after the due date. */
  metLate: boolean;
}

/** Where a deadline stands on `today` (a Shanghai date). */
export function deadlineState(calendar: WorkingDayCalendar, due: CalendarDate, unit: CaseDeadlineUnit, metOn: string | null, today: string): DeadlineState {
  const pending = metOn === null;
  const daysLeft = !pending ? null : unit === CaseDeadlineUnit.WORKING_DAYS ? calendar.workingDaysBetween(today, due.date) : daysBetween(today, due.date);
  return {
    dueOn: due.date,
    provisional: due.provisional,
    unit,
    metOn,
    daysLeft,
    overdue: pending && today > due.date,
    metLate: !pending && metOn! > due.date,
  };
}

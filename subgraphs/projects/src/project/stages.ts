import { addDays, daysBetween, ProjectStage, type WorkingDayCalendar } from '@hub/kit';

/**
 * Stages of a tender project (the kit holds the one list, which other slices name too).
 * Clarifications are records made while the tender is announced; a failed opening (fewer than 3
 * bids) sends the project back to REGISTERED for a new tender round.
 */
export { ProjectStage };

export const STAGE_ORDER: readonly ProjectStage[] = Object.values(ProjectStage);

/** Kinds of dated stage records; CLARIFICATION and FAILED_OPENING do not advance the stage. */
export enum StageRecordKind {
  ANNOUNCEMENT = 'ANNOUNCEMENT',
  CLARIFICATION = 'CLARIFICATION',
  BID_OPENING = 'BID_OPENING',
  FAILED_OPENING = 'FAILED_OPENING',
  EVALUATION_REPORT = 'EVALUATION_REPORT',
  CANDIDATE_PUBLICITY = 'CANDIDATE_PUBLICITY',
  AWARD_NOTICE = 'AWARD_NOTICE',
  CONTRACT_FILING = 'CONTRACT_FILING',
  PERFORMANCE_START = 'PERFORMANCE_START',
  COMPLETION = 'COMPLETION',
}

/** The statutory intervals the platform checks; a breach is recorded as a flag, never silently accepted. */
export enum IntervalRule {
  /** 招标文件发出之日起至投标截止之日止，最短不得少于二十日 */
  DOCUMENTS_TO_DEADLINE_MIN_20_DAYS = 'DOCUMENTS_TO_DEADLINE_MIN_20_DAYS',
  /** 澄清或者修改在投标截止时间至少十五日前，不足的应当顺延截止时间 */
  CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE = 'CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE',
  /** 投标人少于三个的，不得开标，应当重新招标 */
  MIN_3_BIDS = 'MIN_3_BIDS',
  /** 中标候选人公示期不得少于三日 */
  CANDIDATE_PUBLICITY_MIN_3_DAYS = 'CANDIDATE_PUBLICITY_MIN_3_DAYS',
  /** 自中标通知书发出之日起三十日内订立书面合同 */
  CONTRACT_WITHIN_30_DAYS_OF_AWARD = 'CONTRACT_WITHIN_30_DAYS_OF_AWARD',
}

/** A breach found by a check: the rule and the numbers behind it. */
export interface IntervalBreach {
  rule: IntervalRule;
  required: number;
  actual: number;
  unit: 'days' | 'bids';
  message: string;
  /** The day the statutory period ends by the rest-day rule (null for the bid count, which is no period). */
  periodEndsOn: string | null;
  /** The end day depends on a year the official calendar does not cover yet: the flag may be wrong. */
  provisional: boolean;
}

/**
 * Where a statutory period of `days` plain days from `start` ends, counted as the law counts periods
 * (the kit's `addNaturalDays`): the start day is not counted, and a last day on a statutory rest day
 * moves to the first working day after it. The calendar is the one the cases' deadlines use.
 */
interface PeriodEnd {
  /** The period's end day, after the rest-day rule. */
  endsOn: string;
  provisional: boolean;
  /** Why the end day is what it is, for the flag's message. */
  explained: string;
}

function periodEnd(calendar: WorkingDayCalendar, start: string, days: number): PeriodEnd {
  const { date, provisional } = calendar.addNaturalDays(start, days);
  const plain = addDays(start, days);
  const moved = date === plain ? `ends on ${date}` : `ends on ${date} (its last plain day, ${plain}, is a statutory rest day)`;
  const unsure = provisional ? `; provisional: ${date.slice(0, 4)} is not in the official calendar yet` : '';
  return { endsOn: date, provisional, explained: `the ${days}-day period from ${start} ${moved}${unsure}` };
}

/** The stage a step needs and the stage it leads to. */
export const TRANSITIONS = {
  announceTender: { from: ProjectStage.REGISTERED, to: ProjectStage.ANNOUNCED },
  recordClarification: { from: ProjectStage.ANNOUNCED, to: ProjectStage.ANNOUNCED },
  recordBid: { from: ProjectStage.ANNOUNCED, to: ProjectStage.ANNOUNCED },
  openBids: { from: ProjectStage.ANNOUNCED, to: ProjectStage.BIDS_OPENED },
  recordEvaluation: { from: ProjectStage.BIDS_OPENED, to: ProjectStage.EVALUATED },
  publishCandidates: { from: ProjectStage.EVALUATED, to: ProjectStage.CANDIDATES_PUBLICISED },
  awardProject: { from: ProjectStage.CANDIDATES_PUBLICISED, to: ProjectStage.AWARDED },
  fileContract: { from: ProjectStage.AWARDED, to: ProjectStage.CONTRACT_FILED },
  startPerformance: { from: ProjectStage.CONTRACT_FILED, to: ProjectStage.IN_PERFORMANCE },
  completeProject: { from: ProjectStage.IN_PERFORMANCE, to: ProjectStage.COMPLETED },
} as const;

export type StageStep = keyof typeof TRANSITIONS;

/** Which steps are possible at a stage (for error messages and the graph). */
export function stepsAllowedAt(stage: ProjectStage): StageStep[] {
  return (Object.keys(TRANSITIONS) as StageStep[]).filter((step) => TRANSITIONS[step].from === stage);
}

/*
 * The interval checks. A period is counted from its start day (not counted) and ends on the day
 * `periodEnd` gives. A minimum interval ("at least 20 days") is met when the later event falls on or
 * after the period's end day: moving a rest-day end to the next working day lengthens what the
 * protected party (bidders, objectors) must be given. A maximum interval ("within 30 days") is met
 * when the act falls on or before the end day: the same move gives the acting party until the next
 * working day. `actual` is the plain days between the two dates (the start day not counted), so a
 * breach can show more days than required when the rest-day rule moved the end (docs/domain.md).
 */

/** How each period rule is checked: its length, which way the rest-day rule works, and how a breach reads. */
const PERIOD_RULES = {
  [IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS]: {
    days: 20,
    bound: 'minimum',
    message: (actual: number, startsOn: string, comparedOn: string) =>
      `Only ${actual} days from issuing the tender documents (${startsOn}) to the bid deadline (${comparedOn}); at least 20 are required`,
  },
  [IntervalRule.CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE]: {
    days: 15,
    bound: 'minimum',
    message: (actual: number, _startsOn: string, comparedOn: string) =>
      `Clarification issued ${actual} days before the bid deadline (${comparedOn}); at least 15 are required, otherwise the deadline must move`,
  },
  [IntervalRule.CANDIDATE_PUBLICITY_MIN_3_DAYS]: {
    days: 3,
    bound: 'minimum',
    message: (actual: number, startsOn: string, comparedOn: string) =>
      `Candidate publicity lasted ${actual} day(s) after its first day (${startsOn} to ${comparedOn}); at least 3 are required`,
  },
  [IntervalRule.CONTRACT_WITHIN_30_DAYS_OF_AWARD]: {
    days: 30,
    bound: 'maximum',
    message: (actual: number, startsOn: string) => `Contract signed ${actual} days after the award notice (${startsOn}); it must be within 30 days`,
  },
} as const;

/** The rules that are periods counted on the calendar (all but the bid count). */
export type PeriodRule = keyof typeof PERIOD_RULES;

export const PERIOD_RULE_LIST = Object.keys(PERIOD_RULES) as PeriodRule[];

/** One period check: where the period ends on the calendar used, and the breach if there is one. */
export interface PeriodCheck {
  periodEndsOn: string;
  /** The end day depends on a year the calendar does not cover yet: the outcome, pass or breach, may change. */
  provisional: boolean;
  breach: IntervalBreach | null;
}

/**
 * Checks the period of `rule` that starts on `startsOn` (not counted) against the later event on
 * `comparedOn` (the bid deadline, the publicity's last day, the contract's signing). The firm-up
 * (firm-up.ts) runs the same function again once the calendar covers a provisional end day.
 */
export function checkPeriod(calendar: WorkingDayCalendar, rule: PeriodRule, startsOn: string, comparedOn: string): PeriodCheck {
  const { days, bound, message } = PERIOD_RULES[rule];
  const end = periodEnd(calendar, startsOn, days);
  const met = bound === 'minimum' ? comparedOn >= end.endsOn : comparedOn <= end.endsOn;
  if (met) return { periodEndsOn: end.endsOn, provisional: end.provisional, breach: null };
  const actual = daysBetween(startsOn, comparedOn);
  return {
    periodEndsOn: end.endsOn,
    provisional: end.provisional,
    breach: {
      rule,
      required: days,
      actual,
      unit: 'days',
      message: `${message(actual, startsOn, comparedOn)}: ${end.explained}`,
      periodEndsOn: end.endsOn,
      provisional: end.provisional,
    },
  };
}

export function checkDocumentsToDeadline(calendar: WorkingDayCalendar, announcedOn: string, bidDeadline: string): IntervalBreach | null {
  return checkPeriod(calendar, IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS, announcedOn, bidDeadline).breach;
}

export function checkClarification(calendar: WorkingDayCalendar, issuedOn: string, bidDeadline: string): IntervalBreach | null {
  return checkPeriod(calendar, IntervalRule.CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE, issuedOn, bidDeadline).breach;
}

export function checkBidCount(bidCount: number): IntervalBreach | null {
  return bidCount >= 3
    ? null
    : {
        rule: IntervalRule.MIN_3_BIDS,
        required: 3,
        actual: bidCount,
        unit: 'bids',
        message: `Only ${bidCount} bid(s) at the deadline; at least 3 are required: no opening, the project must be re-tendered`,
        periodEndsOn: null,
        provisional: false,
      };
}

/** Publicity from `startsOn` (the day it is published, not counted) must last until the 3-day period's end day. */
export function checkCandidatePublicity(calendar: WorkingDayCalendar, startsOn: string, endsOn: string): IntervalBreach | null {
  return checkPeriod(calendar, IntervalRule.CANDIDATE_PUBLICITY_MIN_3_DAYS, startsOn, endsOn).breach;
}

export function checkContractSigning(calendar: WorkingDayCalendar, awardNoticeOn: string, signedOn: string): IntervalBreach | null {
  return checkPeriod(calendar, IntervalRule.CONTRACT_WITHIN_30_DAYS_OF_AWARD, awardNoticeOn, signedOn).breach;
}

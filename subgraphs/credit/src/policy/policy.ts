import { addDays, envInt } from '@hub/kit';
import { registerEnumType } from 'type-graphql';

/** Credit grade (信用等级) by score. */
export enum CreditGrade {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(CreditGrade, {
  name: 'CreditGrade',
  description: 'Credit grade (信用等级) by score: A, B, C or D (thresholds are policy settings).',
  valuesConfig: {
    A: { description: 'Score at or above CREDIT_GRADE_A (default 90).' },
    B: { description: 'Score at or above CREDIT_GRADE_B (default 75).' },
    C: { description: 'Score at or above CREDIT_GRADE_C (default 60).' },
    D: { description: 'Score below CREDIT_GRADE_C, or on the joint punishment list whatever the score.' },
  },
});

/**
 * The credit policy: common provincial practice, configurable, not law (docs/domain.md "Credit records").
 * Each value is an environment setting with the default shown; changing one changes every score and
 * grade the graph computes from then on (records keep their stored dates and points).
 */
export interface CreditPolicy {
  /** CREDIT_START_SCORE (100): the score of a subject with no record in force. */
  startScore: number;
  /** CREDIT_DEDUCTION_MONTHS (12): a deduction counts from its effective date for this many months. */
  deductionMonths: number;
  /** CREDIT_GRADE_A (90), CREDIT_GRADE_B (75), CREDIT_GRADE_C (60): lowest score of each grade; below C is D. */
  gradeA: number;
  gradeB: number;
  gradeC: number;
  /** CREDIT_PUBLICITY_WORKING_DAYS (5): publicity period (公示期) in working days after publication. */
  publicityWorkingDays: number;
  /** CREDIT_RECORDING_WORKING_DAYS (7): the bureau records and publishes within this many working days of a notification. */
  recordingWorkingDays: number;
  /** CREDIT_EVALUATION_POINTS_PER_CASE (5): points an agency's yearly evaluation loses per substantiated case against it. */
  evaluationPointsPerCase: number;
}

/** The policy in force, read from the environment on each call (cheap), so tests and operators can change it. */
export function creditPolicy(): CreditPolicy {
  const policy: CreditPolicy = {
    startScore: envInt('CREDIT_START_SCORE', 100),
    deductionMonths: envInt('CREDIT_DEDUCTION_MONTHS', 12),
    gradeA: envInt('CREDIT_GRADE_A', 90),
    gradeB: envInt('CREDIT_GRADE_B', 75),
    gradeC: envInt('CREDIT_GRADE_C', 60),
    publicityWorkingDays: envInt('CREDIT_PUBLICITY_WORKING_DAYS', 5),
    recordingWorkingDays: envInt('CREDIT_RECORDING_WORKING_DAYS', 7),
    evaluationPointsPerCase: envInt('CREDIT_EVALUATION_POINTS_PER_CASE', 5),
  };
  if (!(policy.gradeA > policy.gradeB && policy.gradeB > policy.gradeC)) {
    throw new Error(`Credit grade thresholds must descend: CREDIT_GRADE_A (${policy.gradeA}) > B (${policy.gradeB}) > C (${policy.gradeC})`);
  }
  return policy;
}

/**
 * Adds calendar months to a YYYY-MM-DD date; a day that does not exist in the target month falls
 * back to the month's last day (2024-02-29 + 12 months = 2025-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** First day a deduction effective on `effectiveOn` no longer counts (the window is [effectiveOn, expiresOn)). */
export function deductionExpiresOn(effectiveOn: string, policy: CreditPolicy = creditPolicy()): string {
  return addMonths(effectiveOn, policy.deductionMonths);
}

/** Whether a dated window [from, until) contains `asOf`; an open start never counts. */
export function inWindow(from: string | null | undefined, until: string | null | undefined, asOf: string): boolean {
  return !!from && from <= asOf && (!until || asOf < until);
}

export function gradeFor(score: number, policy: CreditPolicy = creditPolicy()): CreditGrade {
  if (score >= policy.gradeA) return CreditGrade.A;
  if (score >= policy.gradeB) return CreditGrade.B;
  if (score >= policy.gradeC) return CreditGrade.C;
  return CreditGrade.D;
}

/** The part of a record the score needs. */
export interface Deduction {
  points: number;
  effectiveOn?: string | null;
  expiresOn?: string | null;
}

/** Score as of a day: the start score minus every deduction in force that day, never below zero. */
export function scoreAsOf(deductions: readonly Deduction[], asOf: string, policy: CreditPolicy = creditPolicy()): { score: number; pointsInForce: number } {
  const pointsInForce = deductions.filter((d) => inWindow(d.effectiveOn, d.expiresOn, asOf)).reduce((sum, d) => sum + d.points, 0);
  return { score: Math.max(0, policy.startScore - pointsInForce), pointsInForce };
}

/** The day after a date (a publicity period ends on its last day; the record takes effect the next day). */
export const dayAfter = (date: string) => addDays(date, 1);

import { LocalDateScalar, type Caller } from '@hub/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { CreditGrade, creditPolicy, gradeFor, inWindow, scoreAsOf, type CreditPolicy, type Deduction } from '../policy/policy';
import type { JointPunishmentEntry } from '../punishment/joint-punishment.entity';
import type { CreditRecord } from './credit-record.entity';
import { CreditSubjectType } from './credit-types';

/** A subject's credit as of a day: score, grade, restriction, and its records (resolved separately). */
@ObjectType({ description: 'Credit standing (信用状况) of a market entity or practitioner as of a day.' })
export class CreditStanding {
  @Field(() => CreditSubjectType, { description: 'Market entity or practitioner.' }) subjectType: CreditSubjectType;
  @Field({ description: 'The subject: unified social credit code or practitioner UUID.' }) subjectKey: string;
  @Field(() => LocalDateScalar, { description: 'The day the standing is computed for.' }) asOf: string;
  @Field(() => Int, { description: 'Start score minus the deductions in force on asOf.' }) score: number;
  @Field(() => CreditGrade, { description: 'Grade by score; D while the subject is on the joint punishment list, whatever its score.' }) grade: CreditGrade;
  @Field(() => Int, { description: 'Points of the records in force on asOf.' }) pointsInForce: number;
  @Field({ description: 'On the joint punishment list (失信联合惩戒) on asOf.' }) restricted: boolean;
  @Field(() => String, { nullable: true, description: 'Why the subject is on the joint punishment list; null when not restricted.' }) restrictionReason:
    string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the restriction no longer applies.' }) restrictedUntil: string | null;

  /**
   * All of the subject's records (not a GraphQL field: the resolver filters them by the caller);
   * absent for a standing computed from its deductions only (standingOfDeductions), whose records
   * are then read when asked.
   */
  allRecords?: CreditRecord[];
}

/** Computes a standing from a subject's records and list entries (already loaded in a batch). */
export function standingOf(
  subjectType: CreditSubjectType,
  subjectKey: string,
  asOf: string,
  records: readonly CreditRecord[],
  entries: readonly JointPunishmentEntry[],
  policy: CreditPolicy = creditPolicy(),
): CreditStanding {
  const mine = records.filter((r) => r.subjectType === subjectType);
  const standing = standingFrom(subjectType, subjectKey, asOf, mine, entries, policy);
  standing.allRecords = mine;
  return standing;
}

/** The part of a record a standing's score needs, and whose it is (the columns deductionsOf reads). */
export interface SubjectDeduction extends Deduction {
  subjectType: CreditSubjectType;
  subjectKey: string;
}

/** The same standing as standingOf from the subject's deductions alone: the score, grade and restriction, without the records. */
export function standingOfDeductions(
  subjectType: CreditSubjectType,
  subjectKey: string,
  asOf: string,
  deductions: readonly SubjectDeduction[],
  entries: readonly JointPunishmentEntry[],
  policy: CreditPolicy,
): CreditStanding {
  return standingFrom(
    subjectType,
    subjectKey,
    asOf,
    deductions.filter((d) => d.subjectType === subjectType),
    entries,
    policy,
  );
}

function standingFrom(
  subjectType: CreditSubjectType,
  subjectKey: string,
  asOf: string,
  mine: readonly Deduction[],
  entries: readonly JointPunishmentEntry[],
  policy: CreditPolicy,
): CreditStanding {
  const { score, pointsInForce } = scoreAsOf(mine, asOf, policy);
  // Of overlapping restrictions, the one that lasts longest is the one that matters.
  const active = entries
    .filter((e) => e.subjectType === subjectType && inWindow(e.fromOn, e.untilOn, asOf))
    .sort((a, b) => b.untilOn.localeCompare(a.untilOn))[0];
  return Object.assign(new CreditStanding(), {
    subjectType,
    subjectKey,
    asOf,
    score,
    // 失信联合惩戒: while listed the subject's grade is the lowest, whatever its score.
    grade: active ? CreditGrade.D : gradeFor(score, policy),
    pointsInForce,
    restricted: !!active,
    restrictionReason: active?.reason ?? null,
    restrictedUntil: active?.untilOn ?? null,
  });
}

/** OFFICE and LEADER see every record; everyone else (DEPT, CENTER, PUBLIC …) only published ones. */
export function seesDrafts(user: Caller): boolean {
  return user.role === 'OFFICE' || user.role === 'LEADER';
}

export function visibleRecords(records: readonly CreditRecord[], user: Caller): CreditRecord[] {
  return seesDrafts(user) ? [...records] : records.filter((r) => r.published);
}

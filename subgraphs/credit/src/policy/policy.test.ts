import { creditCodeProblem, withCheckCharacter } from '@hub/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addMonths, CreditGrade, creditPolicy, deductionExpiresOn, gradeFor, scoreAsOf } from './policy';

afterEach(() => vi.unstubAllEnvs());

describe('credit policy', () => {
  it('adds months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2024-03-15', 12)).toBe('2025-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
  });

  it('counts a deduction for 12 months from its effective date, then restores the score', () => {
    const deductions = [
      { points: 12, effectiveOn: '2024-05-10', expiresOn: deductionExpiresOn('2024-05-10') },
      { points: 5, effectiveOn: '2024-09-01', expiresOn: deductionExpiresOn('2024-09-01') },
    ];
    expect(scoreAsOf(deductions, '2024-05-09')).toEqual({ score: 100, pointsInForce: 0 });
    expect(scoreAsOf(deductions, '2024-05-10')).toEqual({ score: 88, pointsInForce: 12 });
    expect(scoreAsOf(deductions, '2024-09-01')).toEqual({ score: 83, pointsInForce: 17 });
    expect(scoreAsOf(deductions, '2025-05-09')).toEqual({ score: 83, pointsInForce: 17 });
    // On the anniversary the first deduction stops counting.
    expect(scoreAsOf(deductions, '2025-05-10')).toEqual({ score: 95, pointsInForce: 5 });
    expect(scoreAsOf(deductions, '2025-09-01')).toEqual({ score: 100, pointsInForce: 0 });
  });

  it('never counts a record without an effective date, and never goes below zero', () => {
    expect(scoreAsOf([{ points: 30, effectiveOn: null, expiresOn: null }], '2025-01-01').score).toBe(100);
    const heavy = Array.from({ length: 5 }, () => ({ points: 30, effectiveOn: '2025-01-01', expiresOn: '2026-01-01' }));
    expect(scoreAsOf(heavy, '2025-06-01').score).toBe(0);
  });

  it('grades by the default thresholds A ≥ 90, B ≥ 75, C ≥ 60, else D', () => {
    expect([100, 90, 89, 75, 74, 60, 59, 0].map((s) => gradeFor(s))).toEqual([
      CreditGrade.A,
      CreditGrade.A,
      CreditGrade.B,
      CreditGrade.B,
      CreditGrade.C,
      CreditGrade.C,
      CreditGrade.D,
      CreditGrade.D,
    ]);
  });

  it('reads thresholds, start score and windows from the environment, and refuses thresholds out of order', () => {
    vi.stubEnv('CREDIT_GRADE_A', '95');
    vi.stubEnv('CREDIT_DEDUCTION_MONTHS', '6');
    expect(gradeFor(92)).toBe(CreditGrade.B);
    expect(deductionExpiresOn('2024-05-10')).toBe('2024-11-10');
    expect(creditPolicy()).toMatchObject({ startScore: 100, publicityWorkingDays: 5, recordingWorkingDays: 7 });
    vi.stubEnv('CREDIT_GRADE_B', '96');
    expect(() => creditPolicy()).toThrow(/must descend/);
  });

  it('checks credit codes with the GB 32100-2015 check character', () => {
    const code = withCheckCharacter('91421002MA4900001');
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeProblem(`${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`)).toMatch(/check character/);
    expect(creditCodeProblem('123')).toMatch(/18 characters/);
  });
});

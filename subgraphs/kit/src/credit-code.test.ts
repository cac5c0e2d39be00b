import { describe, expect, it } from 'vitest';
import { creditCodeProblem, isValidCreditCode, requireCreditCode, requireCreditCodes, withCheckCharacter } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real published codes', () => {
    // Published codes of well-known entities, check characters as issued.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
  });

  it('rejects a wrong check character and names the expected one', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/position 18\) should be "3"/);
  });

  it('rejects wrong length and forbidden letters with the rule', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/exactly 18 characters/);
    expect(creditCodeProblem('91350100I000100Y43')).toMatch(/position 9 is not allowed/);
    expect(creditCodeProblem('91350100m000100Y43')).toMatch(/not allowed/);
  });

  it('completes a code with its check character', () => {
    const code = withCheckCharacter('91421002MA4900001');
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
  });
});

describe('requireCreditCode / requireCreditCodes', () => {
  const good = withCheckCharacter('91421002MA4K00001');
  it('normalises and de-duplicates valid codes', () => {
    expect(requireCreditCode(` ${good.toLowerCase()} `, 'subjectKey')).toBe(good);
    expect(requireCreditCodes([good, good.toLowerCase()], 'respondentCreditCodes')).toEqual([good]);
    expect(requireCreditCodes(null, 'respondentCreditCodes')).toEqual([]);
  });
  it('names the field, the index and the rule of a bad code', () => {
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(() => requireCreditCode(bad, 'subjectKey')).toThrow(/subjectKey .* not a valid unified social credit code: check character \(position 18\)/);
    try {
      requireCreditCodes([good, bad], 'respondentCreditCodes');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/^respondentCreditCodes\[1\]/);
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'respondentCreditCodes[1]',
        rule: 'GB 32100-2015',
      });
    }
  });
});

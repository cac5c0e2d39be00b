import { describe, expect, it } from 'vitest';
import { creditCodeListRule, hasControlCharacters, isCreditCode, labelContains, todayInShanghai } from './rules';

describe('client-side rules mirror the kit', () => {
  it('accepts and refuses credit codes as the kit does (expected values from subgraphs/kit creditCodeProblem)', () => {
    expect(isCreditCode('91421000MA4F0XXX0R')).toBe(true);
    expect(isCreditCode('124210000000000008')).toBe(true);
    expect(isCreditCode('91421000MA4F0XXX00')).toBe(false); // wrong check character
    expect(isCreditCode('I1421000MA4F0XXX0R')).toBe(false); // I is not in the alphabet
    expect(isCreditCode('91421000MA4F0XXX0')).toBe(false); // 17 characters
    expect(isCreditCode('91421000ma4f0xxx0r')).toBe(false); // lower case is not the code
  });

  it("a list of credit codes is checked as the form sends it (trimmed, in capitals), naming each bad one in the caller's language", async () => {
    const zh = creditCodeListRule((z) => z) as { validator: (rule: unknown, codes?: string[]) => Promise<void> };
    await expect(zh.validator({}, undefined)).resolves.toBeUndefined();
    await expect(zh.validator({}, [' 91421000ma4f0xxx0r '])).resolves.toBeUndefined();
    // The public form's case: 18 letters and digits, but the check character should be X.
    await expect(zh.validator({}, ['91421000MA4F0XXX0R', '91421002UTMH35ETBA', 'ABC'])).rejects.toThrow(
      '统一社会信用代码无效（18 位，末位为校验位）：91421002UTMH35ETBA、ABC',
    );
    const en = creditCodeListRule((_, e) => e) as { validator: (rule: unknown, codes?: string[]) => Promise<void> };
    await expect(en.validator({}, ['91421002UTMH35ETBA'])).rejects.toThrow(/^Not a valid unified social credit code .*: 91421002UTMH35ETBA$/);
  });

  it('today is the Asia/Shanghai day, and control characters other than newline and tab are refused', () => {
    expect(todayInShanghai(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(hasControlCharacters('line\nnext\tcell')).toBe(false);
    expect(hasControlCharacters('bell\u0007')).toBe(true);
  });

  it('a searchable select finds its option by a part of the label, any case, with spaces around what was typed', () => {
    const option = { value: 'p', label: 'SS2026-ZJJ-0197 区住建局办公楼' };
    expect(labelContains(' ss2026-zjj-0197 ', option)).toBe(true);
    expect(labelContains('住建局', option)).toBe(true);
    expect(labelContains('SS2026-FGJ', option)).toBe(false);
    expect(labelContains('x', undefined)).toBe(false);
  });
});

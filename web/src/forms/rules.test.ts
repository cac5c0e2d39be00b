import { describe, expect, it } from 'vitest';
import { hasControlCharacters, isCreditCode, labelContains, todayInShanghai } from './rules';

describe('client-side rules mirror the kit', () => {
  it('accepts and refuses credit codes as the kit does (expected values from subgraphs/kit creditCodeProblem)', () => {
    expect(isCreditCode('91421000MA4F0XXX0R')).toBe(true);
    expect(isCreditCode('124210000000000008')).toBe(true);
    expect(isCreditCode('91421000MA4F0XXX00')).toBe(false); // wrong check character
    expect(isCreditCode('I1421000MA4F0XXX0R')).toBe(false); // I is not in the alphabet
    expect(isCreditCode('91421000MA4F0XXX0')).toBe(false); // 17 characters
    expect(isCreditCode('91421000ma4f0xxx0r')).toBe(false); // lower case is not the code
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

import { InputError } from '@hub/kit';

/*
 * Unified social credit code check (GB 32100-2015), the same rule the projects slice applies: the
 * cases slice validates respondents' codes at intake without calling projects for each one.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The rule a credit code breaks, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must be exactly 18 characters, got ${code.length}`;
  for (let i = 0; i < 18; i += 1) {
    if (!ALPHABET.includes(code[i])) return `character "${code[i]}" at position ${i + 1} is not allowed`;
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(code[i]) * WEIGHTS[i];
  const expected = ALPHABET[(31 - (sum % 31)) % 31];
  return code[17] === expected ? null : `check character (position 18) should be "${expected}", got "${code[17]}"`;
}

/** Validates a list of credit codes, naming the field and the index of the bad one; returns them de-duplicated. */
export function requireCreditCodes(codes: readonly string[] | null | undefined, field: string): string[] {
  const list = [...new Set((codes ?? []).map((c) => c.trim().toUpperCase()))];
  list.forEach((code, i) => {
    const problem = creditCodeProblem(code);
    if (problem) throw new InputError(`${field}[${i}] "${code}" is not a valid unified social credit code: ${problem}`, { field, rule: 'GB 32100-2015' });
  });
  return list;
}

/**
 * Unified social credit code (统一社会信用代码) check, GB 32100-2015: 18 characters from a
 * 31-character alphabet, the last a check character (weights mod 31). The same rule the projects
 * slice applies at registration; credit validates before it stores a subject key.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** What is wrong with a credit code, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must be exactly 18 characters (GB 32100-2015), got ${code.length}`;
  for (let i = 0; i < 18; i += 1) {
    if (!ALPHABET.includes(code[i])) return `character "${code[i]}" at position ${i + 1} is not allowed (GB 32100-2015)`;
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  return code[17] === expected ? null : `check character (position 18) should be "${expected}", got "${code[17]}" (GB 32100-2015)`;
}

/** Completes 17 characters with their check character (tests and demo data). */
export const withCheckCharacter = (first17: string) => first17 + creditCodeCheckCharacter(first17);

import { InputError } from './errors';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and upper-case letters without I, O, Z, S, V); the 18th is a check character
 * computed from the first 17 with fixed weights, modulo 31. One rule for every slice: projects
 * validates at registration, the others before storing a respondent, subject or conflict.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 1st character: the registration authority (登记管理部门). */
const REGISTRATION_AUTHORITIES: Record<string, string> = {
  '1': 'ORGAN_ESTABLISHMENT',
  '5': 'CIVIL_AFFAIRS',
  '9': 'MARKET_REGULATION',
  Y: 'OTHER',
};

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check];
}

/** The rule a credit code breaks, in words a clerk can act on; null when the code is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must be exactly 18 characters (GB 32100-2015), got ${code.length}`;
  for (let i = 0; i < 18; i += 1) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i])) {
      return `character "${code[i]}" at position ${i + 1} is not allowed: use digits and upper-case letters except I, O, Z, S, V (GB 32100-2015)`;
    }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return `check character (position 18) should be "${expected}" for the first 17 characters, got "${code[17]}" (GB 32100-2015 check digit)`;
  }
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

export function registrationAuthorityOf(code: string): string {
  return REGISTRATION_AUTHORITIES[code[0]] ?? 'OTHER';
}

/** Completes 17 characters with their check character (demo data and tests). */
export function withCheckCharacter(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

/** Validates one credit code (trimmed, upper-cased), naming the field and the rule; returns it normalised. */
export function requireCreditCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) throw new InputError(`${field} "${value}" is not a valid unified social credit code: ${problem}`, { field, rule: 'GB 32100-2015' });
  return code;
}

/** Validates a list of credit codes, naming the field with the index of the bad one (`field[i]`); returns them normalised and de-duplicated. */
export function requireCreditCodes(codes: readonly string[] | null | undefined, field: string): string[] {
  const list = [...new Set((codes ?? []).map((c) => c.trim().toUpperCase()))];
  list.forEach((code, i) => {
    const problem = creditCodeProblem(code);
    if (problem)
      throw new InputError(`${field}[${i}] "${code}" is not a valid unified social credit code: ${problem}`, {
        field: `${field}[${i}]`,
        rule: 'GB 32100-2015',
      });
  });
  return list;
}

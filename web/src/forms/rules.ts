/**
 * Client-side mirrors of the server's input rules (subgraphs/kit: input-rules.ts, credit-code.ts), so
 * a form says what is wrong before sending; the server checks again and its refusal still shows on
 * the field (rules.test.ts compares these with the kit's own functions).
 */
export const MAX_TEXT = 255;
export const LONG_TEXT = 4000;

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015: 18 characters of the 31-character alphabet, the last a check character (mod 31). */
export function isCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 18; i += 1) {
    const value = ALPHABET.indexOf(code[i]!);
    if (value < 0) return false;
    if (i < 17) sum += value * WEIGHTS[i]!;
  }
  return code[17] === ALPHABET[(31 - (sum % 31)) % 31];
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the server's "today"). */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The kit's text rule: no control characters except newline and tab. */
export function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

import type { Rule } from 'antd/es/form';

/**
 * The server's input rules, mirrored for the forms so most mistakes are caught before sending.
 * The server stays the judge (its refusal is shown on the field it names); these are the same limits:
 * the kit's defaults (text 1–255 characters, no control characters; prose up to 4000) and the cases
 * slice's own (names and subject lines up to 200 characters, a complaint within 10 days of knowing).
 */
export const MAX_TEXT = 255;
export const LONG_TEXT = 4000;
export const NAME_TEXT = 200;
export const SUMMARY_TEXT = 200;
export const COMPLAINT_WINDOW_DAYS = 10;

// C0 controls except tab, LF and CR before LF; DEL; C1 controls (the kit's rule).
// eslint-disable-next-line no-control-regex -- matching control characters is the rule
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;

type T = (zh: string, en: string) => string;

/** Text the server requires: not blank, at most `max` characters, no control characters. */
export function textRules(t: T, max: number, required = true): Rule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: t('必填', 'Required') } satisfies Rule] : []),
    { max, message: t(`最多 ${max} 个字符`, `At most ${max} characters`) },
    {
      validator: (_: unknown, value: unknown) =>
        typeof value === 'string' && CONTROL.test(value)
          ? Promise.reject(new Error(t('含有不允许的控制字符', 'Contains a control character')))
          : Promise.resolve(),
    },
  ];
}

/** Days from one Asia/Shanghai date (YYYY-MM-DD) to another, as the server counts them. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today in Asia/Shanghai (YYYY-MM-DD), whatever the browser's time zone. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A `datetime-local` value read as Asia/Shanghai time (UTC+8 all year, no daylight saving), as an instant. */
export function shanghaiInstant(local: string): string {
  return new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString();
}

/** The complaint window (national rules): knewOn not in the future and at most 10 days before receipt. */
export function complaintWindowProblem(knewOn: string, receivedOn: string, today: string): 'future' | 'after-receipt' | 'too-late' | null {
  if (knewOn > today) return 'future';
  if (knewOn > receivedOn) return 'after-receipt';
  if (daysBetween(knewOn, receivedOn) > COMPLAINT_WINDOW_DAYS) return 'too-late';
  return null;
}

/** Unified social credit codes: 18 characters of the code's alphabet (the check character is the server's to judge). */
export const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

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

/** The kit's text rule: no control characters except newline and tab (CR only before LF). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * A form rule for a list of unified social credit codes (a tags field): each one, trimmed and in
 * capitals as the forms send them, must pass the check character; the message names every one that
 * does not, so a mistyped code is caught before sending, in the caller's language.
 */
export function creditCodeListRule(t: T): Rule {
  return {
    validator: (_: unknown, codes: string[] | undefined) => {
      const bad = (codes ?? []).map((c) => c.trim().toUpperCase()).filter((c) => c && !isCreditCode(c));
      return bad.length === 0
        ? Promise.resolve()
        : Promise.reject(
            new Error(
              t(
                `统一社会信用代码无效（18 位，末位为校验位）：${bad.join('、')}`,
                `Not a valid unified social credit code (18 characters ending in the check character): ${bad.join(', ')}`,
              ),
            ),
          );
    },
  };
}

/**
 * A searchable Select's filter on the option's label, as antd's own (case-insensitive "contains"),
 * but with the typed text trimmed: a code pasted with a space around it still finds its option.
 */
export function labelContains(input: string, option?: { label?: unknown }): boolean {
  const text = typeof option?.label === 'string' || typeof option?.label === 'number' ? String(option.label) : '';
  return text.toLowerCase().includes(input.trim().toLowerCase());
}

import { InputError, todayInShanghai, creditCodeProblem, requireText as requireTextRule } from '@hub/kit';

/** The kit's one UUID rule (see @hub/kit input-rules). */
export { isUuid, requireUuid } from '@hub/kit';

export function requireCreditCode(value: string, field: string): string {
  const problem = creditCodeProblem(value);
  if (problem) throw new InputError(`${field} ${problem}`, { field, rule: 'GB 32100-2015' });
  return value;
}

/** The official date of an act: given (paper records entered later) or today, never in the future. */
export function actDate(value: string | null | undefined, field: string, today = todayInShanghai()): string {
  const date = value ?? today;
  if (date > today) throw new InputError(`${field} (${date}) is in the future; today is ${today} (Asia/Shanghai)`, { field, rule: 'not in the future' });
  return date;
}

/** The kit's text rule; the text is stored as sent, never trimmed. */
export function requireText(value: string, field: string, max = 4000): string {
  return requireTextRule(value, field, max);
}

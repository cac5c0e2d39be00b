import { InputError, todayInShanghai, creditCodeProblem } from '@hub/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw new InputError(`${field} must be a UUID, got "${value}"`, { field, rule: 'UUID format' });
  return value.toLowerCase();
}

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

export function requireText(value: string, field: string, max = 4000): string {
  const text = value.trim();
  if (!text) throw new InputError(`${field} must not be empty`, { field, rule: 'required' });
  if (text.length > max) throw new InputError(`${field} is longer than ${max} characters`, { field, rule: `max ${max} characters` });
  return text;
}

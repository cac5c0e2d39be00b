import { InputError } from '@hub/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw new InputError(`${field} must be a UUID, got "${value}"`, { field, rule: 'UUID format' });
  return value;
}

export function requireText(value: string, field: string, max = 500): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InputError(`${field} must not be empty`, { field, rule: 'required' });
  if (trimmed.length > max) throw new InputError(`${field} is longer than ${max} characters`, { field, rule: `max ${max} characters` });
  return trimmed;
}

/**
 * Unified social credit code (GB 32100-2015) check. The projects slice owns the full validator; this
 * copy of the checksum keeps bad codes out of conflict records and findings without a call per code.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function requireCreditCode(value: string, field: string): string {
  const valid = value.length === 18 && [...value].every((c) => ALPHABET.includes(c)) && value[17] === creditCodeCheckCharacter(value.slice(0, 17));
  if (!valid) throw new InputError(`${field} "${value}" is not a valid unified social credit code (18 characters with a check character)`, { field, rule: 'GB 32100-2015' });
  return value;
}

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

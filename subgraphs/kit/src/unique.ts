import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { ConflictError } from './errors';

/** PostgreSQL's unique_violation (SQLSTATE 23505), as MikroORM or the driver reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueConstraintViolationException) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505';
}

/**
 * Runs a write whose uniqueness was checked first: two concurrent callers both pass the check and
 * one of them meets the unique key. That one gets `refusal()`, the same answer the check gives a
 * sequential caller, instead of an internal error.
 */
export async function refuseDuplicate<T>(write: () => Promise<T>, refusal: () => GraphQLError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal();
    throw error;
  }
}

/** The answer to a unique-key race nobody mapped: a CONFLICT that names no values (they may be personal data). */
export function uniqueViolationRefusal(): ConflictError {
  return new ConflictError('This record already exists: a concurrent request created it first. Reload and retry if it is still needed.', { rule: 'unique' });
}

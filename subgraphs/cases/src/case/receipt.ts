import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { DEV_JWT_SECRET, envString } from '@hub/kit';

/**
 * The submitter's one-time secret. It is derived from the idempotency key with a server key, so a
 * retried submission (same key) gets the same secret back although only its scrypt hash is stored.
 * Whoever holds the idempotency key already "owns" the submission, so this grants nothing new.
 */
export function receiptSecret(idempotencyKey: string): string {
  const key = envString('CASES_RECEIPT_KEY', `cases-receipt:${DEV_JWT_SECRET}`);
  return createHmac('sha256', key).update(`receipt-secret:${idempotencyKey}`).digest('base64url').slice(0, 20);
}

/**
 * scrypt cost: the secrets are 120-bit random strings, not passwords, so a modest cost suffices
 * (a leaked table still cannot be searched) and intake and seeding stay fast.
 */
const SCRYPT_N = 4096;

/** `scrypt$<N>$<salt>$<hash>`; scrypt so a leaked table does not give the secrets away. */
export function hashSecret(secret: string, salt = randomBytes(16)): string {
  return `scrypt$${SCRYPT_N}$${salt.toString('base64url')}$${scryptSync(secret, salt, 32, { N: SCRYPT_N }).toString('base64url')}`;
}

export function verifySecret(secret: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const [scheme, cost, salt, hash] = stored.split('$');
  const N = Number(cost);
  if (scheme !== 'scrypt' || !Number.isInteger(N) || N < 2 || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64url'), expected.length, { N });
  return timingSafeEqual(expected, actual);
}

/** A stable fingerprint of a submission, to detect an idempotency key reused for different content. */
export function fingerprint(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { envOptional } from './config';

/**
 * Subgraphs answer only the gateway (and each other) when HUB_INTERNAL_KEY is set: every call the
 * gateway or a GraphClient makes carries the shared key in this header, and a subgraph refuses
 * GraphQL requests without it (health endpoints stay open for the orchestrator). Unset (the
 * development default), subgraph ports answer anyone, with the same authorization as the gateway.
 */
export const INTERNAL_CALL_HEADER = 'x-hub-internal-key';

export function internalCallKey(): string | undefined {
  return envOptional('HUB_INTERNAL_KEY');
}

/** The header to add to a call into a subgraph (none when no key is configured). */
export function internalCallHeaders(): Record<string, string> {
  const key = internalCallKey();
  return key ? { [INTERNAL_CALL_HEADER]: key } : {};
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when no key is configured, or the presented header matches it (compared in constant time). */
export function isInternalCall(presented: string | string[] | undefined): boolean {
  const key = internalCallKey();
  if (!key) return true;
  if (typeof presented !== 'string') return false;
  return timingSafeEqual(digest(presented), digest(key));
}

import { CombinedGraphQLErrors } from '@apollo/client';

/**
 * A refused mutation, sorted for a form: the server names the broken field in
 * `extensions.field` (the kit's input rules and the slices' own checks), e.g. `summary`,
 * `respondentCreditCodes[0]` or `filter.publishedIn`; the form shows each message on the field of
 * that name and the rest above the form. The form's values are never touched, so nothing typed is lost.
 */
export interface Refusal {
  /** Messages by form field name (the last segment of the server's field path, without an index). */
  fields: Record<string, string[]>;
  /** Messages not tied to a field of the form (or no GraphQL answer at all). */
  general: string[];
  /** CONFLICT: someone else moved the case (stale version or a step no longer allowed). */
  stale: boolean;
  /** The request may not have reached the server (network, 5xx): a retry with the same idempotency key is safe. */
  transport: boolean;
}

/** The form field a server field path names: `input.details` → `details`, `respondentCreditCodes[0]` → `respondentCreditCodes`. */
export function formFieldOf(path: string): string {
  const last = path.split('.').pop() ?? path;
  return last.replace(/\[\d+\]$/, '');
}

export function refusalOf(error: unknown, formFields: readonly string[]): Refusal {
  const refusal: Refusal = { fields: {}, general: [], stale: false, transport: false };
  if (!error) return refusal;
  if (!CombinedGraphQLErrors.is(error)) {
    refusal.transport = true;
    refusal.general.push(error instanceof Error ? error.message : 'The request failed');
    return refusal;
  }
  for (const e of error.errors) {
    const code = e.extensions?.code;
    if (code === 'CONFLICT' && e.extensions?.field === undefined) refusal.stale = true;
    const field = typeof e.extensions?.field === 'string' ? formFieldOf(e.extensions.field) : undefined;
    if (field && formFields.includes(field)) (refusal.fields[field] ??= []).push(e.message);
    else refusal.general.push(e.message);
  }
  return refusal;
}

/**
 * A client-chosen idempotency key (UUID v4). `crypto.randomUUID` exists only on secure origins
 * (HTTPS or localhost), and an intranet hub may be served over plain HTTP; getRandomValues works on both.
 */
export function newIdempotencyKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

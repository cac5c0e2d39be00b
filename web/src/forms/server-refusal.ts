import { fieldPath, refusalOf, type FieldPath } from './refusal';

/**
 * A refused mutation, sorted for a form whose fields have the server's input names (the case and
 * public forms): the server names the broken field in `extensions.field`, e.g. `summary`,
 * `respondentCreditCodes[0]` or `input.details`; each message goes on the form field of that name and
 * the rest above the form. The form's values are never touched, so nothing typed is lost.
 */
export interface FieldRefusal {
  /** Messages by form field name (the last name in the server's field path, without an index). */
  fields: Record<string, string[]>;
  /** Messages not tied to a field of the form (or no GraphQL answer at all). */
  general: string[];
  /** CONFLICT naming no field: someone else moved the case (stale version or a step no longer allowed). */
  stale: boolean;
  /** The request may not have reached the server (network, 5xx): a retry with the same idempotency key is safe. */
  transport: boolean;
}

/** The form field a server field path names: `input.details` → `details`, `respondentCreditCodes[0]` → `respondentCreditCodes`. */
export function formFieldOf(path: string | FieldPath): string | undefined {
  const parts = typeof path === 'string' ? fieldPath(path) : path;
  return [...parts].reverse().find((part): part is string => typeof part === 'string');
}

/**
 * A form's own wording for a server rule the page cannot check before sending (whether a credit
 * code is registered, say): given the rule and the refused value, the message in the reader's
 * language, or undefined to show the server's.
 */
export type RuleWording = (refusal: { rule?: string; value?: string; message: string }) => string | undefined;

/** refusalOf (forms/refusal.ts), with the field refusals keyed by the form's own field names. */
export function refusalForFields(error: unknown, formFields: readonly string[], wording?: RuleWording): FieldRefusal {
  const { fields, general, conflict, transport } = refusalOf(error);
  const refusal: FieldRefusal = { fields: {}, general: [...general], stale: conflict, transport };
  for (const { path, message, rule, value } of fields) {
    const field = formFieldOf(path);
    const text = wording?.({ rule, value, message }) ?? message;
    if (field && formFields.includes(field)) (refusal.fields[field] ??= []).push(text);
    else refusal.general.push(text);
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

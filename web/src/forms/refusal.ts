import { CombinedGraphQLErrors } from '@apollo/client';

/** A form field's path as antd's Form names it: `findings[0].description` → ['findings', 0, 'description']. */
export type FieldPath = (string | number)[];

export function fieldPath(field: string): FieldPath {
  const path: FieldPath = [];
  for (const part of field.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      path.push(part);
      continue;
    }
    if (match[1]) path.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

export interface Refusal {
  /** Refusals that name a field (extensions.field): shown on that field when the form has it. */
  fields: { path: FieldPath; message: string; rule?: string; /** The refused value, when the server names it (extensions.value). */ value?: string }[];
  /** Everything else (a state conflict, a permission, a failure), in words. */
  general: string[];
  /** The server refused because the thing changed meanwhile (a CONFLICT naming no field): a reload helps. */
  conflict: boolean;
  /** No GraphQL answer came (network, 5xx): a retry with the same idempotency key is safe. */
  transport: boolean;
}

/**
 * Sorts a refused mutation's errors for a form: the server names the field and the rule it broke
 * (the kit's input rules and each service's own checks), so the message goes next to that field.
 */
export function refusalOf(error: unknown): Refusal {
  const refusal: Refusal = { fields: [], general: [], conflict: false, transport: false };
  if (!error) return refusal;
  if (!CombinedGraphQLErrors.is(error)) {
    refusal.transport = true;
    refusal.general.push(error instanceof Error ? error.message : 'The request failed');
    return refusal;
  }
  for (const e of error.errors) {
    const { code, field, rule, value } = (e.extensions ?? {}) as { code?: string; field?: unknown; rule?: unknown; value?: unknown };
    // A CONFLICT naming a field (a reused idempotency key, a taken unique value) is about the input, not a change meanwhile.
    if (typeof field === 'string' && field) {
      refusal.fields.push({
        path: fieldPath(field),
        message: e.message,
        rule: typeof rule === 'string' ? rule : undefined,
        value: typeof value === 'string' ? value : undefined,
      });
    } else {
      if (code === 'CONFLICT') refusal.conflict = true;
      refusal.general.push(e.message);
    }
  }
  return refusal;
}

import { requireText as requireTextRule } from '@hub/kit';

/** The kit's one UUID rule (see @hub/kit input-rules). */
export { isUuid, requireUuid } from '@hub/kit';

/** The kit's text rule; the text is stored as sent, never trimmed. */
export function requireText(value: string, field: string, max = 500): string {
  return requireTextRule(value, field, max);
}

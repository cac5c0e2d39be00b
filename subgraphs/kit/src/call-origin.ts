/**
 * The header naming the original caller (their `sub`) of a cross-slice call: the receiving slice
 * logs it with the request id, so one person's request can be followed through every slice.
 */
export const ON_BEHALF_OF_HEADER = 'x-hub-on-behalf-of';

/**
 * What the receiving slice writes on every log line of a request: its id, and for a cross-slice call
 * the original caller's `sub` (the header graph-client.ts sends), so one person's request can be followed
 * through every slice.
 */
export function requestLogFields(headers: Record<string, string | string[] | undefined>, requestId: string): { requestId: string; onBehalfOf?: string } {
  const onBehalfOf = headers[ON_BEHALF_OF_HEADER];
  return typeof onBehalfOf === 'string' ? { requestId, onBehalfOf } : { requestId };
}

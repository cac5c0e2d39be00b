/**
 * Apollo Server refuses requests a browser could send cross-site without a preflight (a form post,
 * `curl -d`, a GET without a custom header). Its message names Apollo's own headers and ends in a
 * literal newline; this one says in plain words what to send.
 */
export const CSRF_REFUSAL =
  'Refused as a possible cross-site request forgery: send the query as a POST with the header "Content-Type: application/json" ' +
  '(a GET request must carry a non-empty "Apollo-Require-Preflight" header).';

/** Rewrites Apollo's CSRF refusal (HTTP 400) in a response body; any other body is returned as is. */
export function clarifyCsrfRefusal(status: number, body: string): string {
  if (status !== 400 || !body.includes('Cross-Site Request Forgery')) return body;
  try {
    const parsed = JSON.parse(body) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    if (!parsed.errors?.some((e) => e.message.includes('Cross-Site Request Forgery'))) return body;
    parsed.errors = parsed.errors.map((e) =>
      e.message.includes('Cross-Site Request Forgery')
        ? { ...e, message: CSRF_REFUSAL, extensions: { ...e.extensions, code: 'BAD_REQUEST', rule: 'CSRF prevention' } }
        : e,
    );
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

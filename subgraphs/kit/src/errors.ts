import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** How much of a refused value an error message echoes (a 60 KB id is not sent back). */
export const ECHO_LIMIT = 40;

/** A value as an error message may show it: at most ECHO_LIMIT characters, JSON-quoted. */
export function echo(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text.length <= ECHO_LIMIT) return JSON.stringify(text);
  return `${JSON.stringify(`${text.slice(0, ECHO_LIMIT)}…`)} (${text.length} characters, shortened)`;
}

/**
 * Errors every subgraph raises, each with a stable `extensions.code` so clients can branch on it.
 * Input errors name the field and the rule that was broken.
 */
export class InputError extends GraphQLError {
  constructor(message: string, details: { field: string; rule: string; [key: string]: unknown }) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...details } });
  }
}

/** Nothing of `what` has `key`; `field`, when given, is the input field that named it (a form puts the message there). */
export class NotFoundError extends GraphQLError {
  constructor(what: string, key: string, field?: string) {
    const shown = key.length > ECHO_LIMIT ? `${key.slice(0, ECHO_LIMIT)}…` : key;
    super(`${field ? `${field}: ` : ''}${what} ${echo(key)} was not found`, {
      extensions: { code: 'NOT_FOUND', what, key: shown, ...(field ? { field } : {}) },
    });
  }
}

/** Refused for who the caller is; `on` names the input field and the rule when the refusal is about what that field names (another department's project). */
export class ForbiddenError extends GraphQLError {
  constructor(message: string, on?: { field: string; rule: string }) {
    super(message, { extensions: { code: 'FORBIDDEN', ...on } });
  }
}

/** The rule of the department lanes (谁主管，谁监管): a line department works on the projects it supervises. */
export const OWN_DEPARTMENT_RULE = "own department's projects (谁主管，谁监管)";

/**
 * A token that is missing its parts, forged, expired or otherwise unusable: HTTP 401 with the
 * RFC 6750 challenge, `invalid_request` for a malformed Authorization header, `invalid_token` else.
 */
export class AuthenticationError extends GraphQLError {
  constructor(message: string, challenge: 'invalid_token' | 'invalid_request' = 'invalid_token') {
    const description = message.replace(/["\\]/g, "'");
    const headers = new HeaderMap([['www-authenticate', `Bearer error="${challenge}", error_description="${description}"`]]);
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } } });
  }
}

/** A write lost a race or broke a state rule; `extensions` carry the current state and what is allowed. */
export class ConflictError extends GraphQLError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'CONFLICT', ...details } });
  }
}

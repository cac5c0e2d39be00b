import { GraphQLError } from 'graphql';

/**
 * Errors every subgraph raises, each with a stable `extensions.code` so clients can branch on it.
 * Input errors name the field and the rule that was broken.
 */
export class InputError extends GraphQLError {
  constructor(message: string, details: { field: string; rule: string; [key: string]: unknown }) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...details } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string, key: string) {
    super(`${what} "${key}" was not found`, { extensions: { code: 'NOT_FOUND', what, key } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

export class AuthenticationError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** A write lost a race or broke a state rule; `extensions` carry the current state and what is allowed. */
export class ConflictError extends GraphQLError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'CONFLICT', ...details } });
  }
}

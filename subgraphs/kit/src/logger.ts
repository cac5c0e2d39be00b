import pino, { type Logger } from 'pino';
import { envString } from './config';

/** What may be said of an error in a log line: its kind and place, never the values it carried. */
const ERROR_FIELDS_KEPT = ['type', 'name', 'code', 'sqlState', 'constraint', 'table', 'column', 'routine'] as const;

/**
 * Removes the values an error message can carry: SQL string literals (database errors quote the
 * failing statement with its parameters), PostgreSQL's `Key (col)=(value)` details, and long digit
 * runs (identity numbers, phone numbers).
 */
export function scrubValues(text: string): string {
  return text
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\)=\([^)]*\)/g, ')=(?)')
    .replace(/\d{6,}[\dXx]?/g, '?');
}

/** pino's error serializer, keeping only the error's kind, place, scrubbed message and stack. */
export function serializeErrorForLog(error: unknown): Record<string, unknown> {
  const standard = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const field of ERROR_FIELDS_KEPT) if (standard[field] !== undefined) kept[field] = standard[field];
  if (typeof standard.message === 'string') kept.message = scrubValues(standard.message);
  if (typeof standard.stack === 'string') kept.stack = scrubValues(standard.stack);
  return kept;
}

/**
 * Structured JSON logs. Never log tokens, identity numbers or reporters' identities: errors are
 * logged without the values they carry (serializeErrorForLog), and the redaction paths below are a
 * safety net, not permission.
 */
export function createLogger(service: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level: envString('LOG_LEVEL', process.env.VITEST ? 'silent' : 'info'),
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.identityNumber', '*.reporterIdentity'], censor: '[redacted]' },
    serializers: { err: serializeErrorForLog },
    base: { service },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };

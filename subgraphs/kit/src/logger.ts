import pino, { type Logger } from 'pino';
import { envString } from './config';

/**
 * Structured JSON logs. Never log tokens, identity numbers or reporters' identities: the redaction
 * paths below are a safety net, not permission.
 */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: envString('LOG_LEVEL', process.env.VITEST ? 'silent' : 'info'),
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.identityNumber', '*.reporterIdentity'], censor: '[redacted]' },
    base: { service },
  });
}
export type { Logger };

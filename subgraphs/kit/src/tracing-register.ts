/**
 * Preloaded with `node --require …/kit/dist/tracing-register.js` (the start command and the
 * containers do), so instrumentation is in place before any HTTP server exists. A no-op unless
 * OTEL_TRACING=true.
 */
import { startTracing, tracingServiceName } from './tracing';

startTracing(tracingServiceName());

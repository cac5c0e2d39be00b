import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { Resource } from '@opentelemetry/resources';
import { envBool, envOptional } from './config';

/**
 * OpenTelemetry tracing, off unless OTEL_TRACING=true. Spans of incoming HTTP requests, of outgoing
 * fetches (gateway → subgraphs, with W3C trace context propagated) and the gateway's own planning
 * and execution spans go to the OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, default
 * http://localhost:4318). Must run before the service creates its HTTP server (tracing-register.ts).
 */
export function startTracing(serviceName: string, exporter?: SpanExporter): NodeTracerProvider | undefined {
  if (!exporter && !envBool('OTEL_TRACING', false)) return undefined;
  const provider = new NodeTracerProvider({ resource: new Resource({ 'service.name': serviceName }) });
  provider.addSpanProcessor(exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter()));
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    // Health probes would drown the traces.
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health') }), new UndiciInstrumentation()],
  });
  process.once('beforeExit', () => void provider.shutdown());
  return provider;
}

export const tracingServiceName = () => envOptional('OTEL_SERVICE_NAME') ?? 'supervision-hub';

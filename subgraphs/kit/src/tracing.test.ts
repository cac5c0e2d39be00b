import { describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from './tracing';

describe('tracing', () => {
  it('is off unless configured', () => {
    expect(startTracing('off-by-default')).toBeUndefined();
  });

  // Incoming-request spans need the preload (--require tracing-register.js) before node:http loads,
  // which a vitest worker cannot give: test/tracing.e2e.test.ts starts the built gateway that way.
  it('records spans of outgoing fetches and propagates the W3C trace context', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = startTracing('test-service', exporter)!;
    const http = await import('node:http');
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(String(req.headers.traceparent ?? ''));
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await (await fetch(`http://127.0.0.1:${port}/graphql`)).text();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await provider.forceFlush();
    expect(seen[0]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    const client = exporter.getFinishedSpans().find((s) => s.kind === 2);
    expect(client?.spanContext().traceId).toBe(seen[0].split('-')[1]);
    await provider.shutdown();
  });
});

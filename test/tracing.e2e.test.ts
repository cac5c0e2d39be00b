import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { buildFirst } from './build-first';

/*
 * Tracing as deployed: the built gateway started the way `pnpm start` and the containers start it
 * (node --require kit/dist/tracing-register.js), OTEL_TRACING=true, exporting OTLP/HTTP JSON to a
 * collector stand-in in this test. The projects subgraph is a stand-in too (tracing is not about it).
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

const spans: { service: string; span: OtlpSpan }[] = [];
const traceparents: string[] = [];
let collector: Server;
let projects: Server;
let gateway: ChildProcess;
let gatewayUrl: string;
let gatewayLog = '';

async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listenOnLoopback(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  // The gateway runs from dist/: build it (and the kit) first, or this would test stale code.
  buildFirst('gateway');
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = resourceSpans.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value?.stringValue;
        for (const scope of resourceSpans.scopeSpans ?? []) for (const span of scope.spans ?? []) spans.push({ service, span });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const collectorPort = await listenOnLoopback(collector);
  projects = createServer((req, res) => {
    traceparents.push(String(req.headers.traceparent ?? ''));
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { departments: [{ code: 'ZJJ' }] } })));
  });
  const projectsPort = await listenOnLoopback(projects);
  const port = await freePort();
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  // Every other subgraph points at a closed loopback port: this test touches only projects.
  const urls = Object.fromEntries(readSubgraphList().subgraphs.map((s) => [`${s.name.toUpperCase().replace(/-/g, '_')}_URL`, 'http://127.0.0.1:9/graphql']));
  gateway = spawn(
    process.execPath,
    ['--require', join(repoRoot(), 'subgraphs', 'kit', 'dist', 'tracing-register.js'), join(repoRoot(), 'gateway', 'dist', 'index.js')],
    {
      env: {
        ...process.env,
        ...urls,
        PROJECTS_URL: `http://127.0.0.1:${projectsPort}/graphql`,
        GATEWAY_PORT: String(port),
        OTEL_TRACING: 'true',
        OTEL_SERVICE_NAME: 'gateway',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  gateway.stdout?.on('data', (c: Buffer) => (gatewayLog += c.toString()));
  gateway.stderr?.on('data', (c: Buffer) => (gatewayLog += c.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(new URL('/health/live', gatewayUrl))).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || gateway.exitCode !== null) throw new Error(`The gateway did not start:\n${gatewayLog}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 60_000);

afterAll(async () => {
  gateway?.kill('SIGTERM');
  await Promise.all([collector, projects].map((s) => s && new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('OpenTelemetry tracing of a running gateway (OTEL_TRACING=true)', () => {
  it('exports the incoming request span, the gateway spans and the fetch to the subgraph in one trace, with the context propagated', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ departments { code } }' }),
    });
    expect(await response.json()).toEqual({ data: { departments: [{ code: 'ZJJ' }] } });
    const deadline = Date.now() + 10_000;
    while (!spans.some((s) => s.span.kind === 2 && s.span.name.startsWith('POST')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));

    // SERVER = 2, CLIENT = 3 in OTLP JSON.
    const incoming = spans.find((s) => s.span.kind === 2 && s.span.name.startsWith('POST'));
    expect(incoming, `no incoming-request span among ${JSON.stringify(spans.map((s) => s.span.name))}`).toBeDefined();
    expect(incoming!.service).toBe('gateway');
    const traceId = incoming!.span.traceId;
    const inTrace = spans.filter((s) => s.span.traceId === traceId).map((s) => s.span);
    expect(inTrace.some((s) => s.name === 'gateway.request')).toBe(true);
    expect(inTrace.some((s) => s.kind === 3)).toBe(true);
    // The subgraph received the same trace in its traceparent header.
    expect(traceparents).toHaveLength(1);
    expect(traceparents[0].split('-')[1]).toBe(traceId);
  });
});

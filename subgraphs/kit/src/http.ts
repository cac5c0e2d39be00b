import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { requestLogFields } from './call-origin';
import { clarifyCsrfRefusal } from './csrf';
import { INTERNAL_CALL_HEADER, isInternalCall } from './internal-call';

export interface HttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** The request's context; `body` is the request body as parsed (a JSON object for a POST of JSON). */
  context: (req: IncomingMessage, requestId: string, body: unknown) => Promise<C>;
  log: Logger;
  /** Largest accepted request body; larger ones get 413 before any parsing. */
  maxBodyBytes?: number;
  /** Subgraphs: refuse GraphQL calls without the internal key when HUB_INTERNAL_KEY is set. */
  internalOnly?: boolean;
  /** Readiness report: `ok` false answers 503. */
  readiness?: () => Promise<{ ok: boolean; [key: string]: unknown }>;
  /** Other routes (the gateway's web app), asked after the health routes and before GraphQL; true when it answered. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

export const REQUEST_ID_HEADER = 'x-request-id';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer 413 first; the rest of the body is discarded, the connection closed after.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * How long a service keeps an idle kept-alive connection open. Longer than the gateway keeps its idle
 * connections to a subgraph (`SUBGRAPH_IDLE_SOCKET_MS`), so it is always the gateway that closes one:
 * with Node's default of 5 s a connection the server closed just as the gateway reused it failed a
 * mutation (which is never sent twice) as "cannot be reached".
 */
export const IDLE_CONNECTION_MS = 65_000;

/** The HTTP side of every service (subgraphs and gateway): `/graphql`, `/health/live`, `/health/ready`. */
export function createHttpServer(): Server {
  const server = createServer();
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // A request's headers may take as long as the idle time they follow (Node's advice: longer than keepAliveTimeout).
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  return server;
}

/** Attaches the GraphQL and health routes to a started Apollo Server. */
export function attachGraphQL<C extends BaseContext>(httpServer: Server, options: HttpOptions<C>): void {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  // The handler answers every failure itself (the catch below), so its promise never rejects.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  httpServer.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    try {
      if (url.pathname === '/health/live' || url.pathname === '/health') {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname === '/health/ready') {
        const report = options.readiness ? await options.readiness() : { ok: true };
        sendJson(res, report.ok ? 200 : 503, report);
        return;
      }
      if (options.routes && (await options.routes(req, res, url))) return;
      if (url.pathname !== '/graphql' && url.pathname !== '/') {
        sendJson(res, 404, { error: 'Not found: the GraphQL endpoint is /graphql' });
        return;
      }
      if (options.internalOnly && !isInternalCall(req.headers[INTERNAL_CALL_HEADER])) {
        sendJson(res, 403, {
          errors: [{ message: 'This subgraph answers only the gateway: send the request to the gateway instead', extensions: { code: 'FORBIDDEN' } }],
        });
        return;
      }
      const started = process.hrtime.bigint();
      const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = raw;
      if (raw && (headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      }
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(req, requestId, body),
      });
      res.statusCode = response.status ?? 200;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      if (response.body.kind === 'complete') {
        // As bytes with their length: headers and body leave in one write, and a string answer would be
        // counted, flattened into one piece (a large object from 128 K characters) and encoded again on the way out.
        const answer = Buffer.from(clarifyCsrfRefusal(res.statusCode, response.body.string));
        res.setHeader('content-length', answer.length);
        res.end(answer);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
      const operationName = body && typeof body === 'object' ? (body as { operationName?: string }).operationName : undefined;
      options.log.info(
        { ...requestLogFields(req.headers, requestId), operationName, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'graphql request',
      );
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, { errors: [{ message: `Request body larger than ${maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        return;
      }
      options.log.error({ requestId, err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
}

/** Listens and resolves to the actual port (0 picks a free one, as tests do). */
export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

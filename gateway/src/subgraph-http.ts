import http from 'node:http';
import https from 'node:https';
import type { SubgraphFetch } from './traffic';

/** How long the gateway keeps an idle connection to a subgraph open: under the 5 s Node servers default to. */
export const SUBGRAPH_IDLE_SOCKET_MS = 4_000;

/**
 * The gateway's HTTP client for subgraph fetches: `node:http` with kept-alive connections, in the
 * shape of fetch that @apollo/gateway's data sources call (status, ok, headers.get, json, text).
 *
 * Why not the global fetch: a CPU profile of the gateway under the leaders' joined view spent more
 * time in fetch's machinery (undici's Request/Response objects, web streams for a body that is read
 * whole anyway, AbortSignal.timeout per fetch) than in @apollo/gateway's own planning and merging.
 * A subgraph answer is one JSON document: read it into one string, hand it over.
 *
 * Failures look like fetch's, so the callers' handling stays the same: a connection failure is a
 * `TypeError('fetch failed')` with the socket error as `cause` (retryStaleConnection reads its
 * code), the timeout a `TimeoutError` (the data source names the subgraph that did not answer).
 */
export function subgraphHttp(timeoutMs: number, idleSocketMs = SUBGRAPH_IDLE_SOCKET_MS): SubgraphFetch {
  // One pool per gateway; requests beyond the sockets wait in the agent (traffic.ts bounds them per subgraph anyway).
  // An idle connection is closed by the gateway before the subgraph would close it (Node's default is
  // 5 s; the hub's own services keep theirs 65 s): reusing one the server is closing fails the request,
  // and a mutation is never sent twice. The timeout applies to idle sockets only.
  const options = { keepAlive: true, scheduling: 'lifo', timeout: idleSocketMs } as const;
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const body = typeof init.body === 'string' ? init.body : undefined;
      const headers = plainHeaders(init.headers);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      const request = client.request(target, { method: init.method ?? 'GET', headers, agent: agents[target.protocol as keyof typeof agents] }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
        response.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(
            new SubgraphAnswer(
              url,
              response.statusCode ?? 0,
              response.statusMessage ?? '',
              response.headers,
              Buffer.concat(chunks).toString('utf8'),
            ) as unknown as Response,
          );
        });
      });
      const timer = setTimeout(() => {
        fail(new DOMException(`The subgraph did not answer within ${timeoutMs} ms`, 'TimeoutError'));
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
      request.end(body);
    });
}

/** A header of a fetch's init as the data sources pass it (a Headers, pairs or a plain object; names matched without case). */
export function requestHeader(init: RequestInit, name: string): string | undefined {
  const headers = init.headers;
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return headers.find(([key]) => key.toLowerCase() === name)?.[1];
  const record = headers as Record<string, string>;
  return record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  if (headers instanceof Headers) headers.forEach((value, name) => (result[name] = value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) result[name.toLowerCase()] = value;
  else for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = String(value);
  return result;
}

/** Response headers, read-only, in the parts of the Headers interface the gateway uses (get, has, forEach, iteration). */
export class AnswerHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.raw)) callback(this.get(name)!, name);
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }
}

/** A subgraph's answer, read whole: what the data source reads of a fetch Response. */
export class SubgraphAnswer {
  readonly headers: AnswerHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    headers: http.IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new AnswerHeaders(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async text(): Promise<string> {
    return this.body;
  }
}

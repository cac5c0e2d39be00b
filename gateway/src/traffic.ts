import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { EarlyRootFetches, type EarlyCaller } from './early-fetch';
import { AnswerHeaders, requestHeader } from './subgraph-http';

/**
 * What the gateway does with its subgraph traffic besides sending it:
 *
 * - **Merging identical in-flight fetches** ({@link InflightMerger}). Two fetches to the same
 *   subgraph with the same document and variables, forwarded with the same Authorization, while
 *   the first is still in flight, cost one subgraph request: a dashboard whose widgets ask the same
 *   thing, or one user's several tabs. Only queries (a mutation always runs once per request), and
 *   never across callers: the key holds the caller's Authorization as sent, so two users never
 *   share an answer (callers without a token are all the public and see the same data). Each
 *   waiter gets its own copy of the body: the gateway merges later fetches into the parsed
 *   objects, which must not be shared between requests.
 * - **Bounded concurrency per subgraph** ({@link SubgraphGate}): at most `concurrency` fetches in
 *   flight to one subgraph; more wait their turn. The fetch timeout counts from the moment a fetch
 *   is sent, not from when it started waiting.
 * - **Admission up front** ({@link Admission}): when a request's query plan is known and before any
 *   fetch is sent, the gateway checks every subgraph the plan touches. A request that would wait
 *   too long behind the ones already admitted (the queue bound, or the expected wait from the
 *   subgraph's recent fetch times) is refused at once with HTTP 503 and `Retry-After`: never a
 *   request that does part of its work and then answers with fields missing after the timeout.
 */

/** Fetch as the data source calls it (`@apollo/utils.fetcher`'s shape, the WHATWG fetch of Node 20). */
export type SubgraphFetch = (url: string, init: RequestInit) => Promise<Response>;

interface BufferedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** A subgraph query the gateway generated: `query Name…` or an anonymous `{ … }` (never `mutation`/`subscription`). */
export function isQueryBody(body: string): boolean {
  return /^\{"query":"\s*(query\b|\{)/.test(body);
}

/** Merges identical in-flight subgraph queries of one caller into one fetch. */
export class InflightMerger {
  private readonly inflight = new Map<string, Promise<BufferedResponse>>();
  /** Fetches sent, and fetches answered by another request's fetch; for tests and the benchmark. */
  readonly stats = { sent: 0, merged: 0 };

  wrap(fetcher: SubgraphFetch): SubgraphFetch {
    return async (url, init) => {
      const body = typeof init.body === 'string' ? init.body : undefined;
      if (body === undefined || !isQueryBody(body)) {
        this.stats.sent += 1;
        return fetcher(url, init);
      }
      // The Authorization header as forwarded is the caller's identity; the body is document + variables.
      const key = `${url}\n${requestHeader(init, 'authorization') ?? ''}\n${body}`;
      let shared = this.inflight.get(key);
      if (shared) {
        this.stats.merged += 1;
      } else {
        this.stats.sent += 1;
        shared = (async () => {
          const response = await fetcher(url, init);
          // forEach, not the iterator: the gateway also compiles against the DOM lib (web/), whose Headers has none.
          const headers: [string, string][] = [];
          response.headers.forEach((value, name) => headers.push([name, value]));
          return { status: response.status, statusText: response.statusText, headers, body: await response.text() };
        })();
        this.inflight.set(key, shared);
        // Merged only while in flight: a later identical request fetches afresh (no caching).
        const forget = () => this.inflight.delete(key);
        shared.then(forget, forget);
      }
      return new BufferedAnswer(url, await shared) as unknown as Response;
    };
  }
}

/**
 * What the data source reads of a fetch Response (ok, status, headers, json/text), over a body
 * already read: a fresh parse per waiter without wrapping the text in a new web stream again.
 */
class BufferedAnswer {
  readonly headers: Headers;

  constructor(
    readonly url: string,
    private readonly buffered: BufferedResponse,
  ) {
    this.headers = new AnswerHeaders(Object.fromEntries(buffered.headers)) as unknown as Headers;
  }

  get status() {
    return this.buffered.status;
  }

  get statusText() {
    return this.buffered.statusText;
  }

  get ok() {
    return this.buffered.status >= 200 && this.buffered.status < 300;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.buffered.body);
  }

  async text(): Promise<string> {
    return this.buffered.body;
  }
}

/** Concurrency and recent fetch times of one subgraph. */
export class SubgraphGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Requests admitted whose plan uses this subgraph and that have not answered yet. */
  admitted = 0;
  /** Moving average of the time one fetch takes once sent (ms); undefined before the first. */
  averageFetchMs: number | undefined;

  constructor(
    readonly name: string,
    readonly concurrency: number,
    readonly maxQueue: number,
  ) {}

  /** Runs a fetch when one of the `concurrency` slots is free. */
  async run<T>(fetch: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    const started = performance.now();
    try {
      return await fetch();
    } finally {
      const ms = performance.now() - started;
      this.averageFetchMs = this.averageFetchMs === undefined ? ms : this.averageFetchMs * 0.8 + ms * 0.2;
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  /** True when a fetch sent now gets a slot at once, nobody waits for one and admission would not queue. */
  hasRoom(): boolean {
    return this.active < this.concurrency && this.waiting.length === 0 && this.admitted < this.concurrency;
  }

  /** Expected wait of one more admitted request before its fetch is sent (ms). */
  expectedWaitMs(): number {
    const ahead = this.admitted + 1 - this.concurrency;
    if (ahead <= 0) return 0;
    return (ahead / this.concurrency) * (this.averageFetchMs ?? 0);
  }
}

export interface TrafficOptions {
  /** Fetches in flight to one subgraph at a time; per subgraph name, with a default. */
  concurrency: (subgraph: string) => number;
  /** Admitted requests per subgraph beyond `concurrency` (waiting for a slot); more are refused with 503. */
  maxQueue: (subgraph: string) => number;
  /** A request whose expected wait for any subgraph exceeds this is refused with 503 (ms). */
  maxWaitMs: number;
  /** Merge identical in-flight queries of one caller. */
  mergeInflight: boolean;
  /** Send a planned query's root fetches as soon as the caller is authenticated (early-fetch.ts). */
  earlyRootFetches?: boolean;
}

/**
 * A kept-alive connection the subgraph closed just as the gateway reused it (the server's idle
 * timeout and the client's race; likelier when event loops lag under load) fails before any byte
 * of an answer: a query is sent once more on a fresh connection, a mutation never.
 */
async function retryStaleConnection(fetch: SubgraphFetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    const stale = error instanceof TypeError && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_CLOSED');
    if (!stale || typeof init.body !== 'string' || !isQueryBody(init.body)) throw error;
    return fetch(url, init);
  }
}

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/** The subgraphs a query plan sends fetches to. */
export function subgraphsOfPlan(plan: QueryPlan): Set<string> {
  const names = new Set<string>();
  const visit = (node: PlanNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        names.add(node.serviceName);
        return;
      case 'Sequence':
      case 'Parallel':
        node.nodes.forEach(visit);
        return;
      case 'Flatten':
        visit(node.node);
        return;
      case 'Condition':
        visit(node.ifClause);
        visit(node.elseClause);
        return;
      case 'Defer':
        visit(node.primary.node);
        node.deferred.forEach((d) => visit(d.node));
        return;
      case 'Subscription':
        visit(node.primary);
        visit(node.rest);
        return;
    }
  };
  visit(plan.node);
  return names;
}

/** The refusal: HTTP 503 with Retry-After, before any work is done. */
export class OverloadedError extends GraphQLError {
  constructor(subgraph: string, reason: string, retryAfterSeconds: number) {
    const headers = new HeaderMap([['retry-after', String(retryAfterSeconds)]]);
    super(`The hub is busy: the ${subgraph} service ${reason}; nothing was done, retry in ${retryAfterSeconds} s`, {
      extensions: { code: 'SERVICE_OVERLOADED', serviceName: subgraph, retryAfterSeconds, http: { status: 503, headers } },
    });
  }
}

/** Per-subgraph gates and the admission decision over them. */
export class Admission {
  private readonly gates = new Map<string, SubgraphGate>();
  /** Subgraphs each admitted request holds, by its context object. */
  private readonly held = new WeakMap<object, SubgraphGate[]>();
  readonly stats = { admitted: 0, refused: 0 };

  constructor(private readonly options: TrafficOptions) {}

  gate(subgraph: string): SubgraphGate {
    let gate = this.gates.get(subgraph);
    if (!gate) {
      gate = new SubgraphGate(subgraph, Math.max(1, this.options.concurrency(subgraph)), Math.max(0, this.options.maxQueue(subgraph)));
      this.gates.set(subgraph, gate);
    }
    return gate;
  }

  /** Admits the request of `context` for the subgraphs of its plan, or throws {@link OverloadedError}. */
  admit(context: object, subgraphs: Iterable<string>): void {
    const gates = [...subgraphs].map((name) => this.gate(name));
    for (const gate of gates) {
      const wait = gate.expectedWaitMs();
      if (gate.admitted >= gate.concurrency + gate.maxQueue) {
        this.stats.refused += 1;
        throw new OverloadedError(gate.name, `has ${gate.admitted} requests under way`, Math.max(1, Math.ceil(wait / 1000)));
      }
      if (wait > this.options.maxWaitMs) {
        this.stats.refused += 1;
        throw new OverloadedError(gate.name, `could not start this request within ${this.options.maxWaitMs} ms`, Math.max(1, Math.ceil(wait / 1000)));
      }
    }
    for (const gate of gates) gate.admitted += 1;
    this.held.set(context, gates);
    this.stats.admitted += 1;
  }

  /** Ends an admitted request (its answer is being sent). */
  release(context: object): void {
    const gates = this.held.get(context);
    if (!gates) return;
    this.held.delete(context);
    for (const gate of gates) gate.admitted -= 1;
  }
}

/** The gateway's subgraph traffic: hooks for the data sources, the gateway's query-plan callback and Apollo Server. */
export class SubgraphTraffic {
  readonly merger = new InflightMerger();
  readonly admission: Admission;
  readonly early = new EarlyRootFetches();

  constructor(private readonly options: TrafficOptions) {
    this.admission = new Admission(options);
  }

  /**
   * The fetcher of one subgraph's data source (at `url`): the early fetch this request already sent,
   * if it is this one; else merged (queries of one caller), then gated.
   */
  fetcher(subgraph: string, fetch: SubgraphFetch, url?: string): SubgraphFetch {
    const gate = this.admission.gate(subgraph);
    const gated: SubgraphFetch = (url, init) => gate.run(() => retryStaleConnection(fetch, url, init));
    const composed = this.options.mergeInflight ? this.merger.wrap(gated) : gated;
    if (!this.options.earlyRootFetches || url === undefined) return composed;
    this.early.target(subgraph, url, composed, () => gate.hasRoom());
    return (url, init) => this.early.take(url, init) ?? composed(url, init);
  }

  /**
   * For the gateway's context function, once the caller is authenticated: sends the root fetches of
   * the request's document if it was planned before (early-fetch.ts).
   */
  startEarly(caller: EarlyCaller, body: unknown): void {
    if (!this.options.earlyRootFetches || caller.documentKey === undefined) return;
    this.early.start(caller, (body as { variables?: unknown }).variables);
  }

  /**
   * For `ApolloGateway({ experimental_didResolveQueryPlan })`: learns the plan's root fetches, then
   * admission once the plan is known, before any fetch.
   */
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = (args) => {
    if (this.options.earlyRootFetches) this.early.learn(args);
    // The gateway interface calls it `context`; Apollo Server's plugins see the same object as `contextValue`.
    this.admission.admit(args.requestContext.context, subgraphsOfPlan(args.queryPlan));
  };

  /** Releases the request's admission, and drops its early fetches nobody took, when its answer is sent. */
  plugin<C extends object>(): ApolloServerPlugin<C> {
    const { admission, early } = this;
    return {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue }) {
            admission.release(contextValue);
            early.finish(contextValue as Partial<EarlyCaller>);
          },
        };
      },
    };
  }
}

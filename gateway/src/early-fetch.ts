import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { internalCallHeaders, REQUEST_ID_HEADER } from '@hub/kit';
import { requestHeader } from './subgraph-http';
import type { SubgraphFetch } from './traffic';

/**
 * Early root fetches: a query operation the gateway has planned before sends its first subgraph
 * fetch as soon as the caller is authenticated, while Apollo Server validates the request and looks
 * up its plan; when the gateway's executor then asks for that same fetch, it gets the one already
 * under way.
 *
 * Why: on the leaders' joined view the gateway's own work before its first subgraph fetch (Apollo
 * Server's request pipeline, the plan, the executor, the data source) was a third of everything the
 * gateway adds to the subgraphs' time (docs/performance.md). A root fetch depends only on the
 * request's variables, so it can leave before that work and the work overlaps the subgraph's.
 *
 * What stays the same:
 * - The fetch is the executor's own, byte for byte: the recipe is taken from the operation's query
 *   plan (the plan's root fetches: its first fetch, or the parallel ones it starts with), the body
 *   is built as @apollo/gateway's data source builds it, the headers as the gateway's data source
 *   sets them. It is handed over only when the executor asks for the same URL, body and
 *   Authorization for the same request id; anything else is sent as before and the early one is
 *   dropped (a supergraph reloaded since the recipe was learnt, different variables).
 * - Only queries: the recipe is learnt from query operations only, and a subgraph fetch that is not
 *   a query is never sent early. A mutation always waits for the whole pipeline.
 * - Only for a caller who passed the rate limit and whose token verified (it starts at the end of
 *   the gateway's context function), and only for documents that were validated and planned before
 *   (the recipe exists only once a request with the same text, hash and operation name got a plan).
 * - It goes through the same traffic path as any fetch (merging, the subgraph's concurrency slot,
 *   the timeout), and only when the subgraph has a free slot and nobody waiting for one: under load
 *   nothing starts early, so admission still refuses before any work is done.
 * - A request refused after its early fetch left (an invalid variable, a validation rule) drops the
 *   early answer unread: a query has no effect, and its data reaches nobody.
 */

/** A root fetch of a query plan: what the gateway's executor sends first, from the variables alone. */
export interface RootFetch {
  serviceName: string;
  operation: string;
  operationName?: string;
  variableUsages?: string[];
}

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/**
 * The plan's root fetches: a plan that is one fetch, a sequence's first fetch, or the fetches of the
 * parallel group a plan (or its sequence) starts with; none with `requires` or rewrites (an entity
 * fetch needs data from an earlier one). Anything else (a condition on a variable, @defer) has none.
 */
export function rootFetchesOfPlan(plan: QueryPlan): RootFetch[] {
  let first: PlanNode | undefined = plan.node;
  if (first?.kind === 'Sequence') first = first.nodes[0];
  const candidates = first?.kind === 'Parallel' ? first.nodes : first ? [first] : [];
  const roots: RootFetch[] = [];
  for (const node of candidates) {
    if (node.kind !== 'Fetch' || node.requires || node.inputRewrites?.length || node.contextRewrites?.length) continue;
    if (node.operationKind !== undefined && node.operationKind !== 'query') continue;
    roots.push({ serviceName: node.serviceName, operation: node.operation, operationName: node.operationName, variableUsages: node.variableUsages });
  }
  return roots;
}

/**
 * What identifies the operation a request asks for, exactly as sent: its operation name, the
 * persisted-query hash or document id it names, and its text. Undefined for anything but one
 * operation in a JSON object (a batch, a GET).
 */
export function documentKey(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, operationName, extensions, documentId } = body as {
    query?: unknown;
    operationName?: unknown;
    extensions?: { persistedQuery?: { sha256Hash?: unknown }; documentId?: unknown };
    documentId?: unknown;
  };
  const hash = extensions?.persistedQuery?.sha256Hash ?? documentId ?? extensions?.documentId;
  if (typeof query !== 'string' && typeof hash !== 'string') return undefined;
  return `${typeof operationName === 'string' ? operationName : ''}\n${typeof hash === 'string' ? hash : ''}\n${typeof query === 'string' ? query : ''}`;
}

/** The subgraph fetch body @apollo/gateway's data source sends for a root fetch with these request variables. */
export function rootFetchBody(root: RootFetch, requestVariables: unknown): string {
  // As the executor picks them (executeQueryPlan's executeFetch): the plan's variables the request gave, in the plan's order.
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (requestVariables && typeof requestVariables === 'object') {
    for (const name of root.variableUsages ?? []) {
      const value = (requestVariables as Record<string, unknown>)[name];
      if (Object.prototype.hasOwnProperty.call(requestVariables, name) && value !== undefined) variables[name] = value;
    }
  }
  // As RemoteGraphQLDataSource.sendRequest serialises { query, variables, operationName } (undefined is left out).
  return JSON.stringify({ query: root.operation, variables, operationName: root.operationName });
}

/** The request as the gateway's context holds it: what an early fetch needs to send as the data source would. */
export interface EarlyCaller {
  requestId: string;
  authorization?: string;
  documentKey?: string;
  /**
   * The early fetches sent for this request (set by `start`). A list, not the context object, marks
   * them as this request's: Apollo Server hands its plugins a shallow copy of the context.
   */
  earlyFetches?: object[];
}

interface EarlyFetch {
  url: string;
  body: string;
  authorization?: string;
  answer: Promise<Response>;
  taken: boolean;
  startedAt: number;
}

interface Target {
  url: string;
  fetch: SubgraphFetch;
  /** True when a fetch sent now would get a slot at once, with nobody waiting. */
  hasRoom: () => boolean;
}

/** Early root fetches of the gateway's requests: recipes learnt from query plans, fetches sent from the context. */
export class EarlyRootFetches {
  /**
   * Root fetches by document key, oldest first. Bounded in count and in characters (keys hold whole
   * query texts, up to MAX_BODY_BYTES each): the least recently planned go first.
   */
  private readonly recipes = new Map<string, { plan: QueryPlan; roots: RootFetch[]; size: number }>();
  private recipeCharacters = 0;
  /** Early fetches not yet handed over, by request id. */
  private readonly pending = new Map<string, EarlyFetch[]>();
  private readonly targets = new Map<string, Target>();
  /** Early fetches sent, handed to the executor, and dropped unread; for tests and the benchmark. */
  readonly stats = { sent: 0, used: 0, unused: 0 };

  constructor(
    /** Documents whose recipe is kept. */
    private readonly maxRecipes = 1_000,
    /** Characters of document keys and root-fetch texts kept, in all (about twice as many bytes). */
    private readonly maxRecipeCharacters = 4_000_000,
    /** An early fetch nobody took for this long is dropped even if its request never finished (ms). */
    private readonly maxAgeMs = 120_000,
  ) {}

  /** Where a subgraph's fetches go: its URL as the data source has it, and its fetcher (merging, slot, timeout). */
  target(serviceName: string, url: string, fetch: SubgraphFetch, hasRoom: () => boolean): void {
    this.targets.set(serviceName, { url, fetch, hasRoom });
  }

  /** Learns a query operation's root fetches from its plan (ApolloGateway's experimental_didResolveQueryPlan). */
  learn(args: Parameters<Experimental_DidResolveQueryPlanCallback>[0]): void {
    const key = (args.requestContext.context as Partial<EarlyCaller> | undefined)?.documentKey;
    if (key === undefined) return;
    const known = this.recipes.get(key);
    // The same cached plan as last time (every request of a known document): only move it to the newest end.
    if (known?.plan === args.queryPlan) {
      this.recipes.delete(key);
      this.recipes.set(key, known);
      return;
    }
    const roots = args.operationContext.operation.operation === 'query' ? rootFetchesOfPlan(args.queryPlan) : [];
    this.forget(key);
    if (!roots.length) return;
    const size = key.length + roots.reduce((sum, root) => sum + root.operation.length, 0);
    if (size > this.maxRecipeCharacters) return;
    this.recipes.set(key, { plan: args.queryPlan, roots, size });
    this.recipeCharacters += size;
    while (this.recipes.size > this.maxRecipes || this.recipeCharacters > this.maxRecipeCharacters) this.forget(this.recipes.keys().next().value!);
  }

  private forget(key: string): void {
    const recipe = this.recipes.get(key);
    if (!recipe) return;
    this.recipes.delete(key);
    this.recipeCharacters -= recipe.size;
  }

  /** Sends the root fetches of the caller's document, if it has a recipe and the subgraph has room. Returns how many left. */
  start(caller: EarlyCaller, requestVariables: unknown): number {
    const roots = caller.documentKey === undefined ? undefined : this.recipes.get(caller.documentKey)?.roots;
    if (!roots) return 0;
    let sent = 0;
    for (const root of roots) {
      const target = this.targets.get(root.serviceName);
      if (!target || !target.hasRoom()) continue;
      const body = rootFetchBody(root, requestVariables);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...internalCallHeaders(), [REQUEST_ID_HEADER]: caller.requestId };
      if (caller.authorization !== undefined) headers.authorization = caller.authorization;
      const answer = target.fetch(target.url, { method: 'POST', headers, body });
      // Whoever takes it sees its failure; one nobody takes must not be an unhandled rejection.
      answer.catch(() => undefined);
      const early: EarlyFetch = { url: target.url, body, authorization: caller.authorization, answer, taken: false, startedAt: performance.now() };
      const list = this.pending.get(caller.requestId);
      if (list) list.push(early);
      else this.pending.set(caller.requestId, [early]);
      (caller.earlyFetches ??= []).push(early);
      this.stats.sent += 1;
      sent += 1;
    }
    if (sent && this.pending.size > 1_000) this.sweep();
    return sent;
  }

  /** The early fetch the executor is about to send (same request id, URL, body and Authorization), or undefined. */
  take(url: string, init: RequestInit): Promise<Response> | undefined {
    if (this.pending.size === 0) return undefined;
    const requestId = requestHeader(init, REQUEST_ID_HEADER);
    const list = requestId === undefined ? undefined : this.pending.get(requestId);
    if (!list) return undefined;
    const authorization = requestHeader(init, 'authorization');
    const early = list.find((e) => !e.taken && e.url === url && e.body === init.body && e.authorization === authorization);
    if (!early) return undefined;
    early.taken = true;
    this.stats.used += 1;
    return early.answer;
  }

  /** The request answered: its early fetches nobody took are dropped. */
  finish(caller: Partial<EarlyCaller> | undefined): void {
    const mine = caller?.earlyFetches as EarlyFetch[] | undefined;
    if (!caller?.requestId || !mine?.length) return;
    for (const early of mine) if (!early.taken) this.stats.unused += 1;
    // Only this request's: a caller may send its own request id, the same on two requests at once.
    const others = (this.pending.get(caller.requestId) ?? []).filter((e) => !mine.includes(e));
    if (others.length) this.pending.set(caller.requestId, others);
    else this.pending.delete(caller.requestId);
    caller.earlyFetches = [];
  }

  /** Early fetches still waiting to be taken (for tests: none once every request has answered). */
  get waiting(): number {
    let count = 0;
    for (const list of this.pending.values()) count += list.filter((e) => !e.taken).length;
    return count;
  }

  private sweep(): void {
    const oldest = performance.now() - this.maxAgeMs;
    for (const [requestId, list] of this.pending) {
      if (list.every((e) => e.startedAt < oldest)) {
        this.pending.delete(requestId);
        for (const early of list) if (!early.taken) this.stats.unused += 1;
      }
    }
  }
}

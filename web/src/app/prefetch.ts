import type { DocumentNode, FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { readSession } from '../auth/session';
import { GRAPHQL_PATH } from '../config';
import { leaderOverviewOperations } from '../leader/operations';
import { shanghaiToday } from '../leader/period';

/**
 * What the page's first script (prefetch-entry.ts, a few KB, run before the app's own JavaScript
 * is downloaded, parsed and run) asked the server for: the deployment's settings, and for a
 * signed-in leader the overview's queries and its view's chunks (preloaded, not run). The server works on them while the
 * browser is still busy with the app's code; the app then takes the answers instead of asking
 * again (data/client.ts, main.tsx). Each answer is taken once; anything not taken is asked for as
 * usual.
 */
interface Prefetched {
  config?: Promise<Response>;
  answers: Map<string, Promise<FormattedExecutionResult | undefined>>;
  /** The answers already in, by the same key: the view draws them in its first render (takeSettledAnswer). */
  settled: Map<string, FormattedExecutionResult>;
}

const GLOBAL = '__hubPrefetched';
type Holder = Record<typeof GLOBAL, Prefetched | undefined>;
const holder = () => (typeof window === 'undefined' ? undefined : (window as unknown as Holder));

/** Operation name and variables as one key: object keys sorted, `undefined` left out (as JSON sends them). */
export function answerKey(operationName: string, variables: Record<string, unknown> | undefined): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
        )
      : value;
  return `${operationName}\n${JSON.stringify(sorted(variables ?? {}))}`;
}

export function operationNameOf(document: DocumentNode): string {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation?.name) throw new Error('Every operation of the app is named');
  return operation.name.value;
}

/** Sends what the first view needs; the hashes are the build's registered ones (what the app itself sends). */
export function prefetch(fetchImpl: typeof fetch = fetch, today = shanghaiToday(), viewChunks: string[] = []): void {
  const target = holder();
  if (!target) return;
  const prefetched: Prefetched = { config: fetchImpl('/auth/config', { headers: { accept: 'application/json' } }), answers: new Map(), settled: new Map() };
  // A failed or refused prefetch is not an error here: the app asks again and handles the answer.
  prefetched.config?.catch(() => undefined);
  target[GLOBAL] = prefetched;
  const session = readSession();
  if (!session || (session.role !== 'LEADER' && session.role !== 'OFFICE')) return;
  for (const { document, variables } of leaderOverviewOperations(today)) {
    const operationName = operationNameOf(document);
    const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
    if (!hash) continue;
    const answer = fetchImpl(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    }).then(
      // Only a plain answer is handed over; a refusal (401, 4xx, 5xx) is asked again by the app, whose links handle it.
      (response) => (response.ok ? (response.json() as Promise<FormattedExecutionResult>) : undefined),
      () => undefined,
    );
    const key = answerKey(operationName, variables);
    prefetched.answers.set(key, answer);
    void answer.then((result) => result && prefetched.settled.set(key, result));
  }
  // Fetched and compiled now, run when the app imports them; after the queries, which would otherwise
  // wait behind them for one of the browser's few connections to the origin.
  for (const href of viewChunks) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}

/** The prefetched answer to this operation, once; undefined when there is none. */
export function takePrefetchedAnswer(
  operationName: string,
  variables: Record<string, unknown> | undefined,
): Promise<FormattedExecutionResult | undefined> | undefined {
  const answers = holder()?.[GLOBAL]?.answers;
  const key = answerKey(operationName, variables);
  const answer = answers?.get(key);
  answers?.delete(key);
  return answer;
}

/**
 * The prefetched answer to this operation if it is already in and complete (a 200 without errors),
 * once, synchronously: the view renders it as its first result, with no loading state and no hop
 * through the client's links. Anything else (not in yet, errors, a refusal) stays for the links,
 * which handle it (an expired token leads to sign-in).
 */
export function takeSettledAnswer(operationName: string, variables: Record<string, unknown> | undefined): FormattedExecutionResult | undefined {
  const prefetched = holder()?.[GLOBAL];
  const key = answerKey(operationName, variables);
  const result = prefetched?.settled.get(key);
  if (!result?.data || result.errors?.length) return undefined;
  prefetched!.settled.delete(key);
  prefetched!.answers.delete(key);
  return result;
}

/** Whether the page's first script asked for any of the first view's queries (answers not yet taken). */
export function hasPrefetchedAnswers(): boolean {
  return (holder()?.[GLOBAL]?.answers.size ?? 0) > 0;
}

/** The prefetched `/auth/config` response, once. */
export function takePrefetchedConfig(): Promise<Response> | undefined {
  const prefetched = holder()?.[GLOBAL];
  const config = prefetched?.config;
  if (prefetched) prefetched.config = undefined;
  return config;
}

import type { FormattedExecutionResult } from 'graphql';
import { readSession } from '../auth/session';
import { GRAPHQL_PATH, inlineConfig } from '../config';
import { leaderOverviewOperations } from '../leader/operations';
import { shanghaiToday } from '../leader/period';
import { answerKey, leavePrefetched, operationNameOf, type Prefetched } from './prefetch';

/*
 * The page's first script's side of ./prefetch.ts (built into prefetch-entry.ts's inline script
 * only): apart from the app's side so that the overview's operation documents it sends are not
 * in the app's entry script (they come with the overview's chunk).
 */

/** Sends what the first view needs; the hashes are the build's registered ones (what the app itself sends). */
export function prefetch(fetchImpl: typeof fetch = fetch, today = shanghaiToday(), viewChunks: string[] = []): void {
  if (typeof window === 'undefined') return;
  // The settings are asked for only when the gateway did not write them into the page (the development server's page).
  const prefetched: Prefetched = {
    config: inlineConfig() ? undefined : fetchImpl('/auth/config', { headers: { accept: 'application/json' } }),
    answers: new Map(),
    settled: new Map(),
  };
  // A failed or refused prefetch is not an error here: the app asks again and handles the answer.
  prefetched.config?.catch(() => undefined);
  leavePrefetched(prefetched);
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

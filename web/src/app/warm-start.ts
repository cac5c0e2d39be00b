import type { ApolloClient, OperationVariables } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { readSession } from '../auth/session';
import { GRAPHQL_PATH } from '../config';
import { createClient } from '../data/client';
import { shanghaiToday } from '../leader/period';
import { hasPrefetchedAnswers } from './prefetch';
import { preloadLeaderOverview } from './routes';

let client: ApolloClient | undefined;

/** The app's one Apollo client: the warm start's answers are in the cache the views read. */
export function appClient(graphqlPath = GRAPHQL_PATH): ApolloClient {
  return (client ??= createClient(graphqlPath));
}

/**
 * Started as soon as the app's code has run, before the deployment's settings are applied: for a
 * signed-in leader, the home view's chunk and its first queries, in parallel, instead of one after
 * the other (settings → app → view chunk → queries).
 *
 * When the page's first script already asked for those queries (app/prefetch.ts, the built app),
 * only the chunk is started here: the view's own queries take the first script's answers through
 * the client's links. Running the queries here as well cost the start its longest task (the client
 * preparing and caching four operations before the first render) and, as the view's queries then
 * found the answers cached, a second request of each (cache-and-network) and a second rendering of
 * the overview when those answers came back. Without a first script (the development server), the
 * queries start here; the view's identical queries, sent while these are in flight, join them
 * (Apollo deduplicates in-flight operations), so nothing is asked twice.
 *
 * Returns the overview chunk's loading, for the first render to wait for (main.tsx).
 */
export function warmStart(): Promise<unknown> | undefined {
  const session = readSession();
  if (!session || (session.role !== 'LEADER' && session.role !== 'OFFICE')) return undefined;
  const overview = preloadLeaderOverview();
  warmQueries();
  return overview;
}

/** Without a first script (the development server), the overview's queries start here. */
function warmQueries(): void {
  if (hasPrefetchedAnswers()) return;
  // The overview's documents come with its chunk, not in the entry (the built page never gets here).
  void import('../leader/operations').then(({ leaderOverviewOperations }) => {
    const graph = appClient();
    for (const { document, variables } of leaderOverviewOperations(shanghaiToday()))
      graph.query({ query: document as DocumentNode, variables: variables as OperationVariables }).catch(() => undefined);
  });
}

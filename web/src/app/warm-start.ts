import type { ApolloClient, OperationVariables } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { readSession } from '../auth/session';
import { GRAPHQL_PATH } from '../config';
import { createClient } from '../data/client';
import { leaderOverviewOperations } from '../leader/operations';
import { shanghaiToday } from '../leader/period';

let client: ApolloClient | undefined;

/** The app's one Apollo client: the warm start's answers are in the cache the views read. */
export function appClient(graphqlPath = GRAPHQL_PATH): ApolloClient {
  return (client ??= createClient(graphqlPath));
}

/**
 * Started as soon as the app's code has run, before the deployment's settings are applied: for a
 * signed-in leader, the home view's chunk and its first queries, in parallel, instead of one after
 * the other (settings → app → view chunk → queries). The queries take the answers the page's first
 * script already asked for (app/prefetch.ts) into the client's cache; the view's own identical
 * queries, sent while these are in flight, join them (Apollo deduplicates in-flight operations),
 * so nothing is asked twice.
 */
export function warmStart(): void {
  const session = readSession();
  if (!session || (session.role !== 'LEADER' && session.role !== 'OFFICE')) return;
  void import('../leader/LeaderOverview');
  const graph = appClient();
  for (const { document, variables } of leaderOverviewOperations(shanghaiToday()))
    graph.query({ query: document as DocumentNode, variables: variables as OperationVariables }).catch(() => undefined);
}

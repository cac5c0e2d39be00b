import type { ApolloClient } from '@apollo/client';
import { readSession } from '../auth/session';
import { GRAPHQL_PATH, PAGE_SIZE } from '../config';
import { createClient } from '../data/client';
import {
  JoinedProjectsDocument,
  LeaderCaseTilesDocument,
  LeaderCreditTilesDocument,
  LeaderDepartmentsDocument,
  type JoinedProjectsQueryVariables,
} from '../gql/graphql';
import { joinedVariables } from '../leader/overview';
import { shanghaiToday, twoMonthPeriod, yearPeriod } from '../leader/period';

let client: ApolloClient | undefined;

/** The app's one Apollo client: the warm start's answers are in the cache the views read. */
export function appClient(graphqlPath = GRAPHQL_PATH): ApolloClient {
  return (client ??= createClient(graphqlPath));
}

/**
 * Started at page load, before the deployment's settings arrive: for a signed-in leader, the home
 * view's chunk and its first queries go out at once and in parallel, instead of one after the other
 * (settings → app → view chunk → queries). The view's own identical queries, sent while these are
 * in flight, join them (Apollo deduplicates in-flight operations), so nothing is asked twice.
 */
export function warmStart(): void {
  const session = readSession();
  if (!session || (session.role !== 'LEADER' && session.role !== 'OFFICE')) return;
  void import('../leader/LeaderOverview');
  const today = shanghaiToday();
  const graph = appClient();
  const quiet = () => undefined;
  graph.query({ query: LeaderCaseTilesDocument }).catch(quiet);
  graph.query({ query: LeaderCreditTilesDocument }).catch(quiet);
  graph.query({ query: LeaderDepartmentsDocument, variables: { period: twoMonthPeriod(today), year: yearPeriod(today) } }).catch(quiet);
  graph.query({ query: JoinedProjectsDocument, variables: joinedVariables(PAGE_SIZE, undefined, {}) as JoinedProjectsQueryVariables }).catch(quiet);
}

import { PAGE_SIZE } from '../config';
import {
  JoinedProjectsDocument,
  LeaderCaseTilesDocument,
  LeaderCreditTilesDocument,
  LeaderDepartmentsDocument,
  type JoinedProjectsQueryVariables,
} from '../gql/leader/graphql';
import { joinedVariables } from './overview';
import { twoMonthPeriod, yearPeriod } from './period';

/**
 * The leader overview's first queries with the variables its view sends on `today`: the one list
 * the page's first script (app/prefetch.ts) and the app's warm start send, so both ask exactly what
 * the view will.
 */
export function leaderOverviewOperations(today: string) {
  return [
    { document: LeaderCaseTilesDocument, variables: {} },
    { document: LeaderCreditTilesDocument, variables: {} },
    { document: LeaderDepartmentsDocument, variables: { period: twoMonthPeriod(today), year: yearPeriod(today) } },
    { document: JoinedProjectsDocument, variables: joinedVariables(PAGE_SIZE, undefined, {}) as JoinedProjectsQueryVariables },
  ] as const;
}

import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { answerKey, operationNameOf, takeSettledAnswer } from '../app/prefetch';

/** What a view reads of one query's state. */
export interface QueryResult<D> {
  data: D | undefined;
  error?: unknown;
  loading: boolean;
}

/**
 * One of the overview's queries, read straight from its answer (no normalised cache, `no-cache`).
 * When the page's first script already has this query's complete answer for these variables
 * (app/prefetch.ts), that answer is the first result, in the view's first render: no render with a
 * loading state, no hop through Apollo Client's links and observables before the data is drawn.
 * Other variables (a later page, a filter) and every answer that is not a plain complete 200 (an
 * expired token, a slice down) go through the client as usual; once the variables have changed,
 * the prefetched answer is not shown again (going back asks the server, as before).
 */
export function useFirstAnswer<D, V extends OperationVariables>(document: TypedDocumentNode<D, V>, variables?: V): QueryResult<D> {
  const [first] = useState(() => {
    const name = operationNameOf(document);
    const answer = takeSettledAnswer(name, variables);
    return answer && { key: answerKey(name, variables), data: answer.data as D };
  });
  const [firstStill, setFirstStill] = useState(first !== undefined);
  const same = firstStill && first !== undefined && answerKey(operationNameOf(document), variables) === first.key;
  if (firstStill && !same) setFirstStill(false);
  const query = useQuery(document, { variables, fetchPolicy: 'no-cache', skip: same } as never) as QueryResult<D>;
  return same ? { data: first.data, error: undefined, loading: false } : query;
}

import { CombinedGraphQLErrors } from '@apollo/client';

export interface AnswerProblems {
  /** Slices (subgraph names) that did not answer: their fields are missing. */
  missingSlices: string[];
  /** Paths the caller may not read (FORBIDDEN): the widget for them is not shown. */
  forbiddenPaths: string[];
  /** Anything else, in words. */
  other: string[];
}

/** Sorts a GraphQL answer's errors into what the views do with them. */
export function answerProblems(error: unknown): AnswerProblems {
  const problems: AnswerProblems = { missingSlices: [], forbiddenPaths: [], other: [] };
  if (!error) return problems;
  if (!CombinedGraphQLErrors.is(error)) {
    problems.other.push((error as Error).message ?? JSON.stringify(error));
    return problems;
  }
  for (const e of error.errors) {
    const code = e.extensions?.code;
    if (code === 'SUBGRAPH_UNAVAILABLE') {
      const name = typeof e.extensions?.serviceName === 'string' ? e.extensions.serviceName : 'unknown';
      if (!problems.missingSlices.includes(name)) problems.missingSlices.push(name);
    } else if (code === 'FORBIDDEN') {
      problems.forbiddenPaths.push((e.path ?? []).join('.'));
    } else {
      problems.other.push(e.message);
    }
  }
  return problems;
}

/** Whether a refused path lies under the given root field path (e.g. `project.cases`). */
export function isForbidden(problems: AnswerProblems, path: string): boolean {
  return problems.forbiddenPaths.some((p) => p === path || p.startsWith(`${path}.`));
}

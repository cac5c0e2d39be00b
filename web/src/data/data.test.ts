import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { answerProblems, isForbidden } from './errors';
import { cursorStep } from './paging';

describe('answer problems', () => {
  it('names the slices that did not answer, once each, and the paths refused to the role', () => {
    const error = new CombinedGraphQLErrors({
      data: { project: { id: '1' } },
      errors: [
        { message: 'The cases service cannot be reached', path: ['project', 'cases'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cases' } },
        { message: 'The cases service cannot be reached', path: ['other'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cases' } },
        { message: 'Not for DEPT', path: ['project', 'auditFindings'], extensions: { code: 'FORBIDDEN' } },
        { message: 'Something else' },
      ],
    });
    const problems = answerProblems(error);
    expect(problems.missingSlices).toEqual(['cases']);
    expect(isForbidden(problems, 'project.auditFindings')).toBe(true);
    expect(isForbidden(problems, 'project.cases')).toBe(false);
    expect(problems.other).toEqual(['Something else']);
    expect(answerProblems(undefined)).toEqual({ missingSlices: [], forbiddenPaths: [], other: [] });
  });
});

describe('cursor paging', () => {
  it('walks forward with endCursor and back through the cursors seen', () => {
    let stack: (string | undefined)[] = [undefined];
    stack = cursorStep(stack, { type: 'next', endCursor: 'c1' });
    stack = cursorStep(stack, { type: 'next', endCursor: 'c2' });
    expect(stack.at(-1)).toBe('c2');
    stack = cursorStep(stack, { type: 'previous' });
    expect(stack.at(-1)).toBe('c1');
    stack = cursorStep(cursorStep(stack, { type: 'previous' }), { type: 'previous' });
    expect(stack).toEqual([undefined]);
    expect(cursorStep(['x', 'y'], { type: 'reset' })).toEqual([undefined]);
  });
});

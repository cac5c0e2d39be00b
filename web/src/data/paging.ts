import { useState } from 'react';

/** Relay connection pages walked forward with `after`, back by remembering the cursors seen. */
export interface CursorPager {
  /** `after` for the current page (undefined on the first). */
  after: string | undefined;
  page: number;
  next(endCursor: string | null | undefined): void;
  previous(): void;
  reset(): void;
}

export function cursorStep(stack: (string | undefined)[], action: { type: 'next'; endCursor: string } | { type: 'previous' } | { type: 'reset' }) {
  if (action.type === 'reset') return [undefined];
  if (action.type === 'previous') return stack.length > 1 ? stack.slice(0, -1) : stack;
  return [...stack, action.endCursor];
}

export function useCursorPager(): CursorPager {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  return {
    after: stack[stack.length - 1],
    page: stack.length,
    next: (endCursor) => {
      if (endCursor) setStack((s) => cursorStep(s, { type: 'next', endCursor }));
    },
    previous: () => setStack((s) => cursorStep(s, { type: 'previous' })),
    reset: () => setStack([undefined]),
  };
}

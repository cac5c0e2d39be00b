/** The leader overview's figures, computed from what the graph answered (pure: tested on its own). */

export interface DeadlineLike {
  dueOn?: string;
  unit?: string;
  daysLeft?: number | null;
  metOn?: string | null;
  overdue: boolean;
}

export interface DueCaseLike {
  overdue: boolean;
  acceptanceDeadline: DeadlineLike;
  resolutionDeadline?: DeadlineLike | null;
}

/** The deadline the case waits on: acceptance until it is met, then resolution. */
export function pendingDeadline<A extends DeadlineLike, R extends DeadlineLike>(c: { acceptanceDeadline: A; resolutionDeadline?: R | null }): A | R | null {
  if (!c.acceptanceDeadline.metOn) return c.acceptanceDeadline;
  if (c.resolutionDeadline && !c.resolutionDeadline.metOn) return c.resolutionDeadline;
  return null;
}

/** Open cases whose pending deadline is 0 to `days` days away (working days for complaints), not yet overdue. */
export function countDueWithin(cases: readonly DueCaseLike[], days: number): number {
  return cases.filter((c) => {
    if (c.overdue) return false;
    const d = pendingDeadline(c);
    return d != null && d.daysLeft != null && d.daysLeft >= 0 && d.daysLeft <= days;
  }).length;
}

/** Coverage of random inspections over the departments: drawn / pool, as a percentage (null without a pool). */
export function coverage(stats: readonly ({ poolSize: number; drawn: number } | null | undefined)[]): number | null {
  let pool = 0;
  let drawn = 0;
  for (const s of stats) {
    if (!s) continue;
    pool += s.poolSize;
    drawn += s.drawn;
  }
  return pool === 0 ? null : Math.round((drawn / pool) * 1000) / 10;
}

/**
 * A tile's value as antd's Statistic writes it: a number split into its integer and decimal parts
 * (no group separator), anything else (the '—' of a missing figure) as it is.
 */
export function statisticParts(value: number | string | undefined): { int: string; decimal?: string } | { text: string } {
  const text = String(value ?? '—');
  const parts = /^(-?)(\d*)(\.(\d+))?$/.exec(text);
  if (!parts || text === '-') return { text };
  return { int: `${parts[1]}${parts[2] || '0'}`, decimal: parts[4] ? `.${parts[4]}` : undefined };
}

export interface JoinedRow {
  stage: string;
  cases?: readonly { status: string }[] | null;
  bids: readonly { bidderCreditAtBid?: { grade: string } | null }[];
}

const CLOSED = new Set(['REJECTED', 'ARCHIVED']);

export function hasOpenCases(row: JoinedRow): boolean {
  return (row.cases ?? []).some((c) => !CLOSED.has(c.status));
}

/** The joined view's variables, one shape for the view and the warm start (identical operations are shared). Conditions not set are left out. */
export function joinedVariables(
  first: number,
  after: string | undefined,
  filter: { supervisingDepartment?: string; stage?: string; hasOpenCases?: boolean; hasBidderGradedCOrD?: boolean },
) {
  // The server decides "has open cases" and "has a bidder graded C or D" before paging, so pages and the total are right.
  const set = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== false));
  return { first, after, filter: set };
}

/**
 * Which steps the case page offers. The graph says which transitions the state machine allows next
 * (`Case.allowedTransitions`); who may take each one is checked by the cases slice on the mutation.
 * This table mirrors that check (the slice's CASE_TRANSITIONS actors) so a button is shown only to
 * someone the server would let through: an illegal or foreign step is never offered.
 */
export type Transition =
  'SUBMIT' | 'ACCEPT' | 'REJECT' | 'ROUTE' | 'START_INVESTIGATION' | 'ASSIGN_ENFORCERS' | 'DECIDE' | 'SEND_FEEDBACK' | 'ARCHIVE' | 'SUPERVISE';

type Actor = 'OFFICE' | 'LEADER' | 'HANDLER';

/** Who takes each step: the office, a leader, or the case's handler (its handling department, or the office for 自办). */
export const STEP_ACTORS: Record<Exclude<Transition, 'SUBMIT'>, readonly Actor[]> = {
  ACCEPT: ['OFFICE'],
  REJECT: ['OFFICE'],
  ROUTE: ['OFFICE'],
  START_INVESTIGATION: ['HANDLER'],
  ASSIGN_ENFORCERS: ['OFFICE', 'HANDLER'],
  DECIDE: ['HANDLER'],
  SEND_FEEDBACK: ['HANDLER'],
  ARCHIVE: ['OFFICE'],
  SUPERVISE: ['OFFICE', 'LEADER'],
};

/** The order the buttons appear in: the case's main next step first, supervision last. */
const ORDER: readonly Transition[] = [
  'ACCEPT',
  'REJECT',
  'ROUTE',
  'START_INVESTIGATION',
  'ASSIGN_ENFORCERS',
  'DECIDE',
  'SEND_FEEDBACK',
  'ARCHIVE',
  'SUPERVISE',
];

export interface CaseForSteps {
  allowedTransitions: readonly string[];
  routingMode?: string | null;
  handlingDepartments: readonly { code: string }[];
}

export interface Caller {
  role: string;
  department?: string | null;
}

/** Whether the caller handles the case: a DEPT officer of a handling department, or the office for a self-handled case. */
export function isHandler(c: CaseForSteps, caller: Caller): boolean {
  if (caller.role === 'DEPT') return !!caller.department && c.handlingDepartments.some((d) => d.code === caller.department);
  return caller.role === 'OFFICE' && c.routingMode === 'SELF_HANDLED';
}

/** The steps to offer: allowed by the state machine now and open to this caller. */
export function offeredSteps(c: CaseForSteps, caller: Caller): Transition[] {
  const handler = isHandler(c, caller);
  return ORDER.filter((t) => {
    if (!c.allowedTransitions.includes(t)) return false;
    const actors = STEP_ACTORS[t as Exclude<Transition, 'SUBMIT'>];
    return (
      (actors.includes('OFFICE') && caller.role === 'OFFICE') ||
      (actors.includes('LEADER') && caller.role === 'LEADER') ||
      (actors.includes('HANDLER') && handler)
    );
  });
}

export interface DeadlineLike {
  dueOn: string;
  daysLeft?: number | null;
  unit: string;
  metOn?: string | null;
  overdue: boolean;
  provisional?: boolean;
}

export type Countdown =
  | { state: 'none' }
  | { state: 'met'; metOn: string; late: boolean }
  | { state: 'left'; days: number; working: boolean; urgent: boolean; provisional: boolean }
  | { state: 'overdue'; days: number; dueOn: string; working: boolean; provisional: boolean };

/**
 * A deadline as the queue shows it: days (working days for complaints) left, overdue by how many,
 * or met. "Urgent" is one day or less, the last day on which the office can still act in time.
 * The server's `overdue` decides: a complaint due on a Friday is overdue on the Sunday after with
 * 0 working days past (no working day has gone by since), so `days` can be 0 and `dueOn` says when.
 */
export function countdown(d: DeadlineLike | null | undefined, metLate = false): Countdown {
  if (!d) return { state: 'none' };
  if (d.metOn) return { state: 'met', metOn: d.metOn, late: metLate };
  if (d.daysLeft == null) return { state: 'none' };
  const working = d.unit === 'WORKING_DAYS';
  const provisional = !!d.provisional;
  if (d.overdue || d.daysLeft < 0) return { state: 'overdue', days: Math.abs(d.daysLeft), dueOn: d.dueOn, working, provisional };
  return { state: 'left', days: d.daysLeft, working, urgent: d.daysLeft <= 1, provisional };
}

import type { Caller } from '@hub/kit';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Case } from './case.entity';
import { CaseKind } from './case-states';

/**
 * How much of a case a caller may read (docs/domain.md "Who may do what"):
 * - FULL: the office and leaders (every case), a DEPT officer of a handling department, an enforcer assigned to it;
 * - SUMMARY: any other DEPT officer — kind, status, project, departments, dates and deadlines, but no
 *   parties' identities, no contact, no narrative, no decision text and no trail comments;
 * - NONE: the trading center, the public, an enforcer not assigned to it.
 *
 * Design choice: one `Case` type whose sensitive fields are nullable and resolve to null below FULL
 * (with `Case.view` telling the client which view it got), rather than a separate CaseSummary
 * type, so that `Project.cases`, `Department.cases` and the lists keep one shape for every role.
 */
export type CaseAccess = 'FULL' | 'SUMMARY' | 'NONE';

export function caseAccess(user: Caller, c: Pick<Case, 'handlingDepartments' | 'assignedEnforcerIds'>): CaseAccess {
  switch (user.role) {
    case 'OFFICE':
    case 'LEADER':
      return 'FULL';
    case 'DEPT':
      return user.department && c.handlingDepartments.includes(user.department) ? 'FULL' : 'SUMMARY';
    case 'ENFORCER':
      return c.assignedEnforcerIds.includes(user.sub) ? 'FULL' : 'NONE';
    default:
      return 'NONE';
  }
}

/** The submitter's name and relation: a reporter's identity is for the office only (举报人保护); others follow FULL access. */
export function canSeeSubmitter(user: Caller, c: Pick<Case, 'kind' | 'handlingDepartments' | 'assignedEnforcerIds'>): boolean {
  if (c.kind === CaseKind.REPORT) return user.role === 'OFFICE';
  return caseAccess(user, c) === 'FULL';
}

/** The submitter's contact: the office, and for a complaint also the handling department (it must reply). */
export function canSeeContact(user: Caller, c: Pick<Case, 'kind' | 'handlingDepartments'>): boolean {
  if (user.role === 'OFFICE') return true;
  if (c.kind === CaseKind.REPORT) return false;
  return user.role === 'DEPT' && !!user.department && c.handlingDepartments.includes(user.department);
}

/**
 * Row-level scope of case lists: null when the caller may see no case at all (lists are then empty
 * without a query), else the condition to add.
 */
export function caseScope(user: Caller): FilterQuery<Case> | null {
  switch (user.role) {
    case 'OFFICE':
    case 'LEADER':
    case 'DEPT':
      return {};
    case 'ENFORCER':
      return { assignedEnforcerIds: { $contains: [user.sub] } };
    default:
      return null;
  }
}

/** The same scope as SQL over an alias of `case_file`, for the hand-written batch queries. */
export function caseScopeSql(user: Caller, alias: string): { sql: string; params: unknown[] } | null {
  const scope = caseScope(user);
  if (scope === null) return null;
  if (user.role === 'ENFORCER') return { sql: `? = any(${alias}.assigned_enforcer_ids)`, params: [user.sub] };
  return { sql: 'true', params: [] };
}

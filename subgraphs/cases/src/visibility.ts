import { declareVisibility, type Caller } from '@hub/kit';
import { caseAccess, type CaseAccess } from './case/access';
import { Case } from './case/case.entity';
import { RectificationTask } from './rectification/rectification.entity';

/**
 * Which fields each view of this slice's row-scoped types shows: the one place to say so. A field not
 * listed under SUMMARY (or NONE) resolves to null, or [] for a list, in that view, so a new field of
 * `Case` or `RectificationTask` is hidden from other departments until it is listed here. Who gets
 * which view: `caseAccess` (case/access.ts) and `rectificationView` below.
 */

/** What any signed-in reader of a case sees: kind, status, project, departments, dates and deadlines — no parties, narrative, decision text or enforcers. */
const CASE_SUMMARY = [
  'id',
  'receiptNumber',
  'kind',
  'channel',
  'status',
  'version',
  'routingMode',
  'summary',
  'anonymous',
  'receivedAt',
  'receivedOn',
  'acceptedOn',
  'rejectedOn',
  'refusalGround',
  'decidedOn',
  'substantiated',
  'feedbackOn',
  'archivedOn',
  'view',
  'project',
  'supervisingDepartment',
  'handlingDepartments',
  'decidedByDepartment',
  'acceptanceDeadline',
  'resolutionDeadline',
  'overdue',
  'allowedTransitions',
  // The trail's comments and enforcer ids are blanked below FULL by CaseResolver.events.
  'events',
] as const;

export const caseVisibility = declareVisibility<Case, CaseAccess>({
  type: 'Case',
  entity: Case,
  viewOf: caseAccess,
  full: ['FULL'],
  // NONE never reaches a list or a lookup (they filter it out); if it did, it would get no more than a summary.
  shows: { SUMMARY: CASE_SUMMARY, NONE: CASE_SUMMARY },
});

/**
 * A department reads its own rectification tasks in full and other departments' as a summary, like
 * cases; the office and the leaders read all in full (the query itself is for OFFICE, LEADER, DEPT).
 */
export function rectificationView(user: Caller, task: Pick<RectificationTask, 'responsibleDepartmentCode'>): 'FULL' | 'SUMMARY' {
  if (user.role === 'OFFICE' || user.role === 'LEADER') return 'FULL';
  return user.role === 'DEPT' && user.department === task.responsibleDepartmentCode ? 'FULL' : 'SUMMARY';
}

export const rectificationVisibility = declareVisibility<RectificationTask, 'FULL' | 'SUMMARY'>({
  type: 'RectificationTask',
  entity: RectificationTask,
  viewOf: rectificationView,
  full: ['FULL'],
  shows: {
    SUMMARY: [
      'id',
      'source',
      'sourceReference',
      'responsibleDepartmentCode',
      'deadline',
      'status',
      'completedOn',
      'version',
      'createdAt',
      'responsibleDepartment',
      'project',
      'caseId',
      'overdue',
      'daysLeft',
      'view',
    ],
  },
});

/** Every declaration of this slice, for its schema build and the authorization matrix. */
export const visibility = [caseVisibility, rectificationVisibility];

import { EVERYONE, SIGNED_IN, guardsFrom, type AccessPolicy } from '@hub/kit';

/**
 * Who may call this subgraph's root fields (docs/domain.md, "Who may do what"): one intake window open to
 * everyone; cases are not for the trading center; the office routes; the handling department (or
 * the office, for 自办 cases) investigates and decides, which department being checked per case.
 */
export const accessPolicy = {
  'query.casesWriteLog': ['LEADER', 'OFFICE'],
  'query.casesWriteLogOfProjects': ['LEADER', 'OFFICE'],
  'query.case': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.cases': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.casesDueSoon': ['LEADER', 'OFFICE', 'DEPT'],
  // The bimonthly review's totals (两月研判), for those who hold the review.
  'query.districtCaseStats': ['LEADER', 'OFFICE'],
  'query.caseStatusByReceipt': EVERYONE,
  // Row rule (rectificationView): a DEPT officer reads its own department's tasks in full, others' as a SUMMARY.
  'query.rectificationTasks': ['LEADER', 'OFFICE', 'DEPT'],
  'mutation.submitComplaint': EVERYONE,
  'mutation.submitReport': EVERYONE,
  'mutation.recordReceivedComplaint': ['OFFICE'],
  'mutation.recordReceivedReport': ['OFFICE'],
  'mutation.openCaseFromInspectionFinding': ['OFFICE', 'ENFORCER'],
  'mutation.recordReferral': ['OFFICE'],
  'mutation.acceptCase': ['OFFICE'],
  'mutation.rejectCase': ['OFFICE'],
  'mutation.routeCase': ['OFFICE'],
  // Row rule (CaseService.requireAssignable): a DEPT handler assigns only its own department's enforcers.
  'mutation.startInvestigation': ['OFFICE', 'DEPT'],
  'mutation.assignEnforcers': ['OFFICE', 'DEPT'],
  'mutation.decideCase': ['OFFICE', 'DEPT'],
  'mutation.sendCaseFeedback': ['OFFICE', 'DEPT'],
  'mutation.archiveCase': ['OFFICE'],
  'mutation.superviseCase': ['OFFICE', 'LEADER'],
  'mutation.refreshCaseDeadlines': ['OFFICE'],
  'mutation.createRectificationTask': ['OFFICE'],
  'mutation.reportRectificationProgress': ['OFFICE', 'DEPT'],
  'mutation.completeRectificationTask': ['OFFICE', 'DEPT'],
  // Object fields guarded by @Authorized:
  'Department.caseStats': SIGNED_IN,
} satisfies AccessPolicy;

/** The resolvers' guards, from the policy above: `@Allowed('mutation.acceptCase')` (roles are written only here). */
export const Allowed = guardsFrom(accessPolicy);

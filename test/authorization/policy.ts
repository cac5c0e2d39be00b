/**
 * The expected outcome of every root field and mutation for every role: DOMAIN.md "Who may do what",
 * written down once. A root field of the supergraph that is missing here fails the matrix test
 * (deny by default): whoever adds a field decides, in this table, who may call it.
 *
 * "allow" means the role gets past authorization (the answer may still be empty, NOT_FOUND or a
 * validation error for the probe's stand-in arguments); every role not listed must be refused
 * with FORBIDDEN or UNAUTHENTICATED. Row-level rules (a department's own cases in full, others'
 * as summaries; drafts; the reporter's identity) are checked on real data in the matrix test.
 */
export const CALLER_ROLES = ['LEADER', 'OFFICE', 'CENTER', 'DEPT', 'ENFORCER', 'PUBLIC'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

const EVERYONE: CallerRole[] = [...CALLER_ROLES];
const SIGNED_IN: CallerRole[] = ['LEADER', 'OFFICE', 'CENTER', 'DEPT', 'ENFORCER'];
const SUPERVISORS: CallerRole[] = ['LEADER', 'OFFICE', 'DEPT'];
const OFFICE: CallerRole[] = ['OFFICE'];
const CENTER: CallerRole[] = ['CENTER'];

export const ROOT_FIELD_POLICY: Record<string, CallerRole[]> = {
  // projects (JYZX): tender information is public (公开); people and flags need a login; the center writes.
  'query.departments': EVERYONE,
  'query.department': EVERYONE,
  'query.marketEntity': EVERYONE,
  'query.marketEntities': EVERYONE,
  'query.project': EVERYONE,
  'query.projectByCode': EVERYONE,
  'query.projects': EVERYONE,
  'query.practitioner': SIGNED_IN,
  'query.practitioners': SIGNED_IN,
  'query.flaggedProjects': SIGNED_IN,
  'mutation.registerMarketEntity': CENTER,
  'mutation.registerPractitioner': CENTER,
  'mutation.registerProject': CENTER,
  'mutation.announceTender': CENTER,
  'mutation.recordClarification': CENTER,
  'mutation.recordBid': CENTER,
  'mutation.openBids': CENTER,
  'mutation.recordEvaluation': CENTER,
  'mutation.publishCandidates': CENTER,
  'mutation.awardProject': CENTER,
  'mutation.fileContract': CENTER,
  'mutation.startPerformance': CENTER,
  'mutation.completeProject': CENTER,

  // cases (ZWJ): one intake window open to everyone; lists scoped by row; the office routes.
  'query.case': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.cases': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.casesDueSoon': SUPERVISORS,
  'query.caseStatusByReceipt': EVERYONE,
  'query.rectificationTasks': SUPERVISORS,
  'mutation.submitComplaint': EVERYONE,
  'mutation.submitReport': EVERYONE,
  'mutation.openCaseFromInspectionFinding': ['OFFICE', 'ENFORCER'],
  'mutation.recordReferral': OFFICE,
  'mutation.acceptCase': OFFICE,
  'mutation.rejectCase': OFFICE,
  'mutation.routeCase': OFFICE,
  // The handling department (or the office for 自办 cases); which department is checked per case.
  'mutation.startInvestigation': ['OFFICE', 'DEPT'],
  'mutation.assignEnforcers': ['OFFICE', 'DEPT'],
  'mutation.decideCase': ['OFFICE', 'DEPT'],
  'mutation.sendCaseFeedback': ['OFFICE', 'DEPT'],
  'mutation.archiveCase': OFFICE,
  'mutation.superviseCase': ['OFFICE', 'LEADER'],
  'mutation.refreshCaseDeadlines': OFFICE,
  'mutation.createRectificationTask': OFFICE,
  'mutation.reportRectificationProgress': ['OFFICE', 'DEPT'],
  'mutation.completeRectificationTask': ['OFFICE', 'DEPT'],

  // enforcers (ZWJ): the public sees the item list and published draws and results.
  // The roster (执法人员名录库) is not for the trading center.
  'query.enforcers': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.enforcer': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.inspectionItems': EVERYONE,
  'query.inspectionPlans': SIGNED_IN,
  'query.inspectionPlan': SIGNED_IN,
  'query.inspectionDraw': EVERYONE,
  'query.verifyDraw': EVERYONE,
  'query.inspections': SIGNED_IN,
  'query.publishedInspections': EVERYONE,
  'query.inspection': EVERYONE,
  'mutation.registerEnforcer': OFFICE,
  'mutation.updateEnforcer': OFFICE,
  'mutation.recordTraining': OFFICE,
  'mutation.recordConflictOfInterest': OFFICE,
  'mutation.recordRecusal': ['OFFICE', 'ENFORCER'],
  'mutation.createInspectionItem': OFFICE,
  'mutation.createInspectionPlan': OFFICE,
  'mutation.drawInspections': OFFICE,
  'mutation.redraw': OFFICE,
  'mutation.recordInspectionResult': ['OFFICE', 'ENFORCER'],
  'mutation.publishInspection': OFFICE,
  'mutation.openCaseFromFinding': ['OFFICE', 'ENFORCER'],

  // credit (ZWJ): published records, standings, the punishment list and evaluations are public.
  'query.agencyEvaluations': EVERYONE,
  'query.creditRecord': EVERYONE,
  'query.creditRecords': EVERYONE,
  'query.creditStanding': EVERYONE,
  'query.jointPunishmentList': EVERYONE,
  'query.creditRules': EVERYONE,
  'query.performanceNotifications': SUPERVISORS,
  'query.performanceNotification': SUPERVISORS,
  'mutation.computeAgencyEvaluations': OFFICE,
  'mutation.createCreditRecord': OFFICE,
  'mutation.publishCreditRecord': OFFICE,
  'mutation.recordCreditObjection': OFFICE,
  'mutation.decideCreditObjection': OFFICE,
  'mutation.notifyPerformanceFinding': ['DEPT'],
  'mutation.closePerformanceNotification': OFFICE,
  'mutation.upsertCreditRule': OFFICE,

  // audit (the plug-in example): findings for signed-in callers, recorded by the office or a department.
  'query.auditFindings': SIGNED_IN,
  'mutation.recordAuditFinding': ['OFFICE', 'DEPT'],
  'mutation.rectifyAuditFinding': ['OFFICE', 'DEPT'],
};

import { EVERYONE, SIGNED_IN, guardsFrom, type AccessPolicy } from '@hub/kit';

/**
 * Who may call this subgraph's root fields (docs/domain.md "Who may do what"): the roster (执法人员名录库)
 * is not for the trading center or the public; the public sees the item list and published draws
 * and results (一公开); the office plans, draws and keeps the roster; inspectors record results.
 */
export const accessPolicy = {
  'query.enforcersWriteLog': ['LEADER', 'OFFICE'],
  'query.enforcersWriteLogOfProjects': ['LEADER', 'OFFICE'],
  'query.enforcers': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.enforcer': ['LEADER', 'OFFICE', 'DEPT', 'ENFORCER'],
  'query.inspectionItems': EVERYONE,
  'query.inspectionPlans': SIGNED_IN,
  'query.inspectionPlan': SIGNED_IN,
  'query.inspectionDraw': EVERYONE,
  'query.verifyDraw': EVERYONE,
  'query.publishedDraws': EVERYONE,
  'query.inspections': SIGNED_IN,
  'query.publishedInspections': EVERYONE,
  'query.inspection': EVERYONE,
  'mutation.registerEnforcer': ['OFFICE'],
  'mutation.updateEnforcer': ['OFFICE'],
  'mutation.recordTraining': ['OFFICE'],
  'mutation.recordConflictOfInterest': ['OFFICE'],
  'mutation.recordRecusal': ['OFFICE', 'ENFORCER'],
  'mutation.createInspectionItem': ['OFFICE'],
  'mutation.createInspectionPlan': ['OFFICE'],
  // The draw procedure (docs/draw.md): the office freezes, draws and abandons; each participating unit commits and reveals for itself.
  'mutation.freezeDraw': ['OFFICE'],
  'mutation.commitDrawSecret': ['OFFICE', 'DEPT', 'LEADER'],
  'mutation.revealDrawSecret': ['OFFICE', 'DEPT', 'LEADER'],
  'mutation.drawInspections': ['OFFICE'],
  'mutation.abandonDrawRound': ['OFFICE'],
  'mutation.recordInspectionResult': ['OFFICE', 'ENFORCER'],
  'mutation.publishInspection': ['OFFICE'],
  'mutation.openCaseFromFinding': ['OFFICE', 'ENFORCER'],
  // Object fields guarded by @Authorized (row rules inside them: a department officer reads its own department's roster):
  'Department.enforcers': ['LEADER', 'OFFICE', 'DEPT'],
  'Department.inspectionStats': SIGNED_IN,
  'Enforcer.history': ['LEADER', 'OFFICE'],
} satisfies AccessPolicy;

/** The resolvers' guards, from the policy above: `@Allowed('mutation.acceptCase')` (roles are written only here). */
export const Allowed = guardsFrom(accessPolicy);

import { EVERYONE, guardsFrom, type AccessPolicy } from '@hub/kit';

/**
 * Who may call this subgraph's root fields (docs/domain.md "Who may do what"): published records,
 * standings, the joint punishment list and agency evaluations are public; the bureau (ZWJ office)
 * writes; a line department notifies performance findings on the projects it supervises.
 */
export const accessPolicy = {
  'query.agencyEvaluations': EVERYONE,
  'query.creditRecord': EVERYONE,
  'query.creditRecords': EVERYONE,
  'query.creditStanding': EVERYONE,
  'query.jointPunishmentList': EVERYONE,
  'query.creditRules': EVERYONE,
  'query.practitionersWithPublishedCredit': EVERYONE,
  'query.creditWriteLog': ['LEADER', 'OFFICE'],
  'query.creditWriteLogOfProjects': ['LEADER', 'OFFICE'],
  'query.performanceNotifications': ['LEADER', 'OFFICE', 'DEPT'],
  'query.performanceNotification': ['LEADER', 'OFFICE', 'DEPT'],
  'mutation.computeAgencyEvaluations': ['OFFICE'],
  'mutation.createCreditRecord': ['OFFICE'],
  'mutation.publishCreditRecord': ['OFFICE'],
  'mutation.recordCreditObjection': ['OFFICE'],
  'mutation.decideCreditObjection': ['OFFICE'],
  'mutation.notifyPerformanceFinding': ['DEPT'],
  'mutation.closePerformanceNotification': ['OFFICE'],
  'mutation.upsertCreditRule': ['OFFICE'],
  // Object fields guarded by @Authorized:
  'CreditRecord.notification': ['LEADER', 'OFFICE', 'DEPT'],
  'CreditRecord.events': ['LEADER', 'OFFICE'],
  'CreditRecord.objection': ['LEADER', 'OFFICE'],
  'CreditRule.history': ['LEADER', 'OFFICE'],
} satisfies AccessPolicy;

/** The resolvers' guards, from the policy above: `@Allowed('mutation.acceptCase')` (roles are written only here). */
export const Allowed = guardsFrom(accessPolicy);

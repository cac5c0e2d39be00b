import { EVERYONE, SIGNED_IN, guardsFrom, type AccessPolicy } from '@hub/kit';

/**
 * Who may call this subgraph's root fields (docs/domain.md "Who may do what"): tender information is
 * public (公开); people and interval flags need a login; the trading center (JYZX) writes.
 */
export const accessPolicy = {
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
  'query.projectsWriteLog': ['LEADER', 'OFFICE'],
  'query.projectsWriteLogOfProjects': ['LEADER', 'OFFICE'],
  'mutation.registerMarketEntity': ['CENTER'],
  'mutation.registerPractitioner': ['CENTER'],
  'mutation.registerProject': ['CENTER'],
  'mutation.announceTender': ['CENTER'],
  'mutation.recordClarification': ['CENTER'],
  'mutation.recordBid': ['CENTER'],
  'mutation.openBids': ['CENTER'],
  'mutation.recordEvaluation': ['CENTER'],
  'mutation.publishCandidates': ['CENTER'],
  'mutation.awardProject': ['CENTER'],
  'mutation.fileContract': ['CENTER'],
  'mutation.startPerformance': ['CENTER'],
  'mutation.completeProject': ['CENTER'],
  // Object fields guarded by @Authorized:
  'Project.flags': SIGNED_IN,
  'Project.history': ['LEADER', 'OFFICE'],
  'MarketEntity.history': ['LEADER', 'OFFICE'],
} satisfies AccessPolicy;

/** The resolvers' guards, from the policy above: `@Allowed('mutation.acceptCase')` (roles are written only here). */
export const Allowed = guardsFrom(accessPolicy);

import { SIGNED_IN, guardsFrom, type AccessPolicy } from '@hub/kit';

/**
 * Who may call this subgraph's root fields and its @Authorized object fields (the authorization matrix
 * of test/authorization.e2e.test.ts checks every role against it; a field without an entry fails it).
 * Adapt it with the resolvers.
 */
export const accessPolicy = {
  'query.auditFindings': SIGNED_IN,
  'query.auditWriteLog': ['LEADER', 'OFFICE'],
  'query.auditWriteLogOfProjects': ['LEADER', 'OFFICE'],
  // Row rule (finding.resolver.ts, requireOwnLane): a DEPT officer only on projects its department
  // supervises; the authorization matrix's "department lanes" block checks it.
  'mutation.recordAuditFinding': ['OFFICE', 'DEPT'],
  'mutation.rectifyAuditFinding': ['OFFICE', 'DEPT'],
  // Object fields guarded by @Authorized:
  'Project.auditFindings': SIGNED_IN,
} satisfies AccessPolicy;

/** The resolvers' guards, from the policy above: `@Allowed('mutation.recordAuditFinding')` (roles are written only here). */
export const Allowed = guardsFrom(accessPolicy);

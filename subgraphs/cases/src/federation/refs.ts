import { federationStub } from '@hub/kit';

/**
 * Stubs of entities owned by other subgraphs, with the exact same GraphQL names and keys. This
 * subgraph adds fields to Project, MarketEntity and Department (their cases) and only points at
 * Enforcer (owned by the enforcers slice).
 */
export const ProjectRef = federationStub('Project', 'id');
export type ProjectRef = InstanceType<typeof ProjectRef>;

export const MarketEntityRef = federationStub('MarketEntity', 'creditCode');
export type MarketEntityRef = InstanceType<typeof MarketEntityRef>;

export const DepartmentRef = federationStub('Department', 'code');
export type DepartmentRef = InstanceType<typeof DepartmentRef>;

export const EnforcerRef = federationStub('Enforcer', 'id', { resolvable: false });
export type EnforcerRef = InstanceType<typeof EnforcerRef>;

import { federationStub } from '@hub/kit';

/** The Department entity (owned by projects); this slice adds `enforcers` and `inspectionStats` to it. */
export const DepartmentRef = federationStub('Department', 'code');
export type DepartmentRef = InstanceType<typeof DepartmentRef>;

/** The Project entity (owned by projects); this slice adds `inspections` to it. */
export const ProjectRef = federationStub('Project', 'id');
export type ProjectRef = InstanceType<typeof ProjectRef>;

/** Pointer to a market entity (owned by projects), by its unified social credit code. */
export const MarketEntityRef = federationStub('MarketEntity', 'creditCode', { resolvable: false });
export type MarketEntityRef = InstanceType<typeof MarketEntityRef>;

/** Pointer to a case (owned by cases) opened from an inspection finding. */
export const CaseRef = federationStub('Case', 'id', { resolvable: false });
export type CaseRef = InstanceType<typeof CaseRef>;

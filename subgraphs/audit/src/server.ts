import 'reflect-metadata';
import { buildFederatedSchema, type SubgraphDefinition } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { AuditFinding } from './finding/finding.entity';
import { AuditFindingResolver, ProjectAuditResolver, ProjectRef } from './finding/finding.resolver';
import { seedDemoData } from './seed';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [AuditFindingResolver, ProjectAuditResolver],
    // Not reachable from a root field, so named here to be part of the schema.
    orphanedTypes: [ProjectRef],
    // Project is owned by the projects slice: this slice only adds fields to it.
    referenceResolvers: { Project: { __resolveReference: (ref: { id: string }) => ref } },
  });
}

/** The audit subgraph. */
export const subgraph: SubgraphDefinition<Loaders> = {
  name: 'audit',
  entities: [AuditFinding],
  migrations,
  buildSchema,
  createLoaders: (em) => createLoaders(em),
  seedDemoData,
};

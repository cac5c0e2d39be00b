import 'reflect-metadata';
import { buildFederatedSchema, writeLogQueryResolver, type SubgraphDefinition } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { createServices, type Services } from './services';
import { migrations } from './migrations';
import { AuditFinding } from './finding/finding.entity';
import { AuditFindingResolver, ProjectAuditResolver, ProjectRef } from './finding/finding.resolver';
import type { AuditProjects } from './projects-directory';
import { seedDemoData } from './seed';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [AuditFindingResolver, ProjectAuditResolver, writeLogQueryResolver('audit')],
    // Not reachable from a root field, so named here to be part of the schema.
    orphanedTypes: [ProjectRef],
    // Project is owned by the projects slice: this slice only adds fields to it.
    referenceResolvers: { Project: { __resolveReference: (ref: { id: string }) => ref } },
  });
}

/** The audit subgraph; tests replace the projects slice with a fake. */
export function createAuditSubgraph(options: { projects?: AuditProjects } = {}): SubgraphDefinition<Loaders, Services> {
  return {
    name: 'audit',
    entities: [AuditFinding],
    migrations,
    buildSchema,
    createLoaders: (em) => createLoaders(em),
    createServices: (context) => createServices(context, options.projects),
    seedDemoData,
  };
}

/** The audit subgraph as the hub runs it. */
export const subgraph: SubgraphDefinition<Loaders, Services> = createAuditSubgraph();

import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { buildFederatedSchema, stubReference, systemClock, withEntityBatches, writeLogQueryResolver, type SubgraphDefinition } from '@hub/kit';
import { caseAccess } from './case/access';
import { Case, CaseEvent } from './case/case.entity';
import { CaseResolver, DepartmentCasesResolver, MarketEntityCasesResolver, ProjectCasesResolver, resolveProjects } from './case/case.resolver';
import type { CasesEnvironment } from './case/case.service';
import { caseDeadlineDates } from './case/firm-up';
import { DepartmentRef, MarketEntityRef, ProjectRef } from './federation/refs';
import { createLoaders, type Context, type Loaders } from './loaders';
import { createServices, type Services } from './services';
import { migrations } from './migrations';
import { RectificationProgress, RectificationTask } from './rectification/rectification.entity';
import { RectificationResolver } from './rectification/rectification.resolver';
import { seedDemoData } from './seed';
import { visibility } from './visibility';

export async function buildSchema() {
  const schema = await buildFederatedSchema({
    resolvers: [CaseResolver, ProjectCasesResolver, MarketEntityCasesResolver, DepartmentCasesResolver, RectificationResolver, writeLogQueryResolver('cases')],
    visibility,
    // Stubs of other slices' entities resolve to themselves (as their stub class, built once per
    // reference): this subgraph only adds fields keyed by them.
    referenceResolvers: {
      Project: stubReference(ProjectRef),
      MarketEntity: stubReference(MarketEntityRef),
      Department: stubReference(DepartmentRef),
      Case: {
        // A case the caller may not see resolves to null, like a missing one.
        __resolveReference: async (ref: { id: string }, { loaders, user }: Context) => {
          const found = await loaders.caseById.load(ref.id).catch(() => null);
          return found && caseAccess(user, found) !== 'NONE' ? found : null;
        },
      },
    },
  });
  // A page's project references resolve together, with their cases when asked (resolveProjects).
  return withEntityBatches(schema, { Project: resolveProjects });
}

/** Options for building the subgraph: tests replace the projects and enforcers directories, the clock and the randomness. */
export interface CasesSubgraphOptions {
  environment?: Partial<CasesEnvironment>;
}

/** The cases subgraph (owned by the leading group office, ZWJ), with its outside world injectable. */
export function createCasesSubgraph(options: CasesSubgraphOptions = {}): SubgraphDefinition<Loaders, Services> {
  const outside = { ...options.environment, random: options.environment?.random ?? (() => randomInt(0, 2 ** 32) / 2 ** 32) };
  const clock = options.environment?.clock ?? systemClock;
  return {
    name: 'cases',
    entities: [Case, CaseEvent, RectificationTask, RectificationProgress],
    migrations,
    buildSchema,
    createLoaders: (em, user) => createLoaders(em, user, clock),
    createServices: (context) => createServices(context, outside),
    clock,
    seedDemoData,
    calendarDerivedDates: [caseDeadlineDates],
  };
}

/** The cases subgraph as the hub runs it. */
export const subgraph: SubgraphDefinition<Loaders, Services> = createCasesSubgraph();

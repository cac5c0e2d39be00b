import 'reflect-metadata';
import { buildFederatedSchema, clockOf, historyResolver, isUuid, writeLogQueryResolver, type SubgraphDefinition } from '@hub/kit';
import { ConflictOfInterest, Enforcer, Recusal, TrainingRecord } from './enforcer/enforcer.entity';
import { EnforcerResolver } from './enforcer/enforcer.resolver';
import { DepartmentExtensionResolver, ProjectExtensionResolver } from './federation/federation.resolver';
import { Inspection, InspectionDraw, InspectionFinding, InspectionItem, InspectionPlan } from './inspection/inspection.entity';
import { DrawCommitment, DrawRound } from './inspection/draw-round.entity';
import {
  DrawCommitmentResolver,
  DrawRoundResolver,
  InspectionDrawResolver,
  InspectionFindingResolver,
  InspectionItemResolver,
  InspectionPlanResolver,
  InspectionResolver,
} from './inspection/inspection.resolver';
import { createLoaders, type Context, type Loaders } from './loaders';
import { migrations } from './migrations';
import type { Ports } from './ports';
import { seedDemoData } from './seed';
import { createServices, type Services } from './services';
import { visibility } from './visibility';

/** A missing reference resolves to null (the federation convention), not an error for the whole list. */
const orNull = <T>(promise: Promise<T>) => promise.catch(() => null);

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      EnforcerResolver,
      InspectionItemResolver,
      InspectionPlanResolver,
      InspectionDrawResolver,
      DrawRoundResolver,
      DrawCommitmentResolver,
      InspectionResolver,
      InspectionFindingResolver,
      DepartmentExtensionResolver,
      ProjectExtensionResolver,
      // The write log: this slice's query and an enforcer's history.
      writeLogQueryResolver('enforcers'),
      historyResolver(Enforcer, 'id'),
    ],
    visibility,
    referenceResolvers: {
      Enforcer: {
        __resolveReference: (ref: { id: string }, { loaders }: Context) => orNull(loaders.enforcerById.load(ref.id)),
      },
      // Only the office and the leaders (the cases slice's service calls) resolve a finding by id.
      InspectionFinding: {
        __resolveReference: (ref: { id: string }, { em, user }: Context) =>
          (user.role === 'OFFICE' || user.role === 'LEADER') && isUuid(ref.id) ? em.findOne(InspectionFinding, { id: ref.id }) : null,
      },
      Department: { __resolveReference: (ref: { code: string }) => ({ code: ref.code }) },
      Project: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
}

/**
 * Builds the subgraph definition around its ports to other slices: the request's graph clients in
 * production, fakes in tests (the draw's pool source and the case opener); tests may fix the clock
 * of the draw procedure (`now`).
 */
export function createEnforcersSubgraph(ports?: Ports, options: { now?: () => Date } = {}): SubgraphDefinition<Loaders, Services> {
  return {
    name: 'enforcers',
    entities: [
      Enforcer,
      TrainingRecord,
      ConflictOfInterest,
      Recusal,
      InspectionItem,
      InspectionPlan,
      InspectionDraw,
      DrawRound,
      DrawCommitment,
      Inspection,
      InspectionFinding,
    ],
    migrations,
    buildSchema,
    createLoaders: (em) => createLoaders(em),
    createServices: (context) => createServices(context, ports),
    clock: clockOf(options.now),
    seedDemoData,
  };
}

/** The enforcers subgraph (owned by the leading group office, ZWJ). */
export const subgraph: SubgraphDefinition<Loaders, Services> = createEnforcersSubgraph();

import 'reflect-metadata';
import { buildFederatedSchema, CachedMemberUnits, historyResolver, projectHistoryResolver, writeLogQueryResolver, type SubgraphDefinition } from '@hub/kit';
import { memberUnitsIn } from './department/member-units';
import { Department } from './department/department.entity';
import { DepartmentResolver } from './department/department.resolver';
import { createLoaders, type Context, type Loaders } from './loaders';
import { createServices, type Services } from './services';
import { MarketEntity } from './market-entity/market-entity.entity';
import { MarketEntityResolver } from './market-entity/market-entity.resolver';
import { migrations } from './migrations';
import { Practitioner } from './practitioner/practitioner.entity';
import { PractitionerResolver } from './practitioner/practitioner.resolver';
import { intervalCheckDates } from './project/firm-up';
import { IntervalCheck } from './project/interval-check.entity';
import { Bid, Project, ProjectFlag, StageRecord } from './project/project.entity';
import { BidResolver, ProjectResolver } from './project/project.resolver';
import { seedDemoData } from './seed';
import { visibility } from './visibility';

/** A missing reference resolves to null (the federation convention), not an error for the whole list. */
const orNull = <T>(promise: Promise<T>) => promise.catch(() => null);

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      DepartmentResolver,
      MarketEntityResolver,
      PractitionerResolver,
      ProjectResolver,
      BidResolver,
      // The write log: this slice's query, a project's history merged across every slice, a market entity's history.
      writeLogQueryResolver('projects'),
      projectHistoryResolver(Project, 'projects'),
      historyResolver(MarketEntity, 'creditCode'),
    ],
    visibility,
    referenceResolvers: {
      Project: {
        __resolveReference: (ref: { id?: string; code?: string }, { loaders }: Context) =>
          orNull(ref.id ? loaders.projectById.load(ref.id) : loaders.projectByCode.load(ref.code!)),
      },
      MarketEntity: {
        __resolveReference: (ref: { creditCode: string }, { loaders }: Context) => orNull(loaders.marketEntityByCode.load(ref.creditCode)),
      },
      Department: {
        __resolveReference: (ref: { code: string }, { loaders }: Context) => orNull(loaders.departmentByCode.load(ref.code)),
      },
      Practitioner: {
        __resolveReference: (ref: { id: string }, { loaders }: Context) => orNull(loaders.practitionerById.load(ref.id)),
      },
      Bid: {
        __resolveReference: (ref: { id: string }, { loaders }: Context) => orNull(loaders.bidById.load(ref.id)),
      },
    },
  });
}

/** The projects subgraph (owned by the trading center, JYZX). */
export const subgraph: SubgraphDefinition<Loaders, Services> = {
  name: 'projects',
  entities: [Department, MarketEntity, Practitioner, Project, StageRecord, Bid, ProjectFlag, IntervalCheck],
  migrations,
  buildSchema,
  createLoaders: (em) => createLoaders(em),
  createServices,
  seedDemoData,
  // This slice owns the member units: its token checks read its own table (through the graph they would ask themselves).
  // The member units are rows the migrations write, not demo data.
  referenceTables: ['department'],
  memberUnits: (orm) => new CachedMemberUnits(async () => (await memberUnitsIn(orm.em.fork())).all),
  // Stage-interval checks whose period end was provisional are checked again when the calendar gains a year.
  calendarDerivedDates: [intervalCheckDates],
};

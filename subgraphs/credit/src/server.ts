import 'reflect-metadata';
import { buildFederatedSchema, clockOf, historyResolver, stubReference, withEntityBatches, writeLogQueryResolver, type SubgraphDefinition } from '@hub/kit';
import type { Directories } from './directories';
import { AgencyEvaluation } from './evaluation/agency-evaluation.entity';
import { AgencyEvaluationResolver } from './evaluation/evaluation.resolver';
import {
  BidCreditResolver,
  CaseCreditResolver,
  DepartmentCreditResolver,
  MarketEntityCreditResolver,
  PractitionerCreditResolver,
  ProjectCreditResolver,
  resolveBids,
} from './federation/federation.resolver';
import { BidRef, CaseRef, DepartmentRef, MarketEntityRef, PractitionerRef, ProjectRef } from './federation/refs';
import { createLoaders, type Context, type Loaders } from './loaders';
import { createServices, type Services } from './services';
import { migrations } from './migrations';
import { PerformanceNotification } from './notification/notification.entity';
import { NotificationResolver } from './notification/notification.resolver';
import { JointPunishmentEntry } from './punishment/joint-punishment.entity';
import { CreditObjection, CreditRecord, CreditRecordEvent } from './record/credit-record.entity';
import { CreditRecordResolver, CreditStandingResolver, JointPunishmentResolver } from './record/credit-record.resolver';
import { PractitionerName } from './record/practitioner-name.entity';
import { PublishedPractitionerResolver } from './record/published-practitioners.resolver';
import { CreditRule } from './rule/credit-rule.entity';
import { CreditRuleResolver } from './rule/credit-rule.resolver';
import { creditCalendarDates } from './firm-up';
import { seedDemoData } from './seed';

export async function buildSchema() {
  const schema = await buildFederatedSchema({
    resolvers: [
      CreditRuleResolver,
      NotificationResolver,
      CreditRecordResolver,
      CreditStandingResolver,
      JointPunishmentResolver,
      AgencyEvaluationResolver,
      PublishedPractitionerResolver,
      MarketEntityCreditResolver,
      PractitionerCreditResolver,
      ProjectCreditResolver,
      CaseCreditResolver,
      DepartmentCreditResolver,
      BidCreditResolver,
      // The write log: this slice's query and a credit rule's history (rule overwrites change future points).
      writeLogQueryResolver('credit'),
      historyResolver(CreditRule, 'code'),
    ],
    // Department and Bid are reached only through _entities here, so they are on no field's path.
    orphanedTypes: [DepartmentRef, BidRef],
    // Entities owned elsewhere resolve to their key (plus the `@requires` fields for Bid), as their
    // stub class once per reference: credit only adds fields to them.
    referenceResolvers: {
      MarketEntity: stubReference(MarketEntityRef),
      Practitioner: stubReference(PractitionerRef),
      Project: stubReference(ProjectRef),
      Case: stubReference(CaseRef),
      Department: stubReference(DepartmentRef),
      Bid: stubReference(BidRef),
      CreditRecord: {
        // Drafts stay invisible through references too.
        __resolveReference: (ref: { id: string }, { services }: Context) => services.records.get(ref.id).catch(() => null),
      },
    },
  });
  // The bids of an `_entities` call resolve together, with their bidders' standings (resolveBids).
  return withEntityBatches(schema, { Bid: resolveBids });
}

export const entities = [
  CreditRule,
  PerformanceNotification,
  CreditRecord,
  CreditRecordEvent,
  CreditObjection,
  JointPunishmentEntry,
  AgencyEvaluation,
  PractitionerName,
];

/** Options for building the subgraph: tests fix the clock. */
export interface CreditSubgraphOptions {
  /** The current instant (default the system clock); every "today" of the slice is its Asia/Shanghai date. */
  now?: () => Date;
}

/** The credit subgraph; tests pass fakes for the other slices (`directories`), production reads them through the request's graph clients. */
export function createCreditSubgraph(directories?: Directories, options: CreditSubgraphOptions = {}): SubgraphDefinition<Loaders, Services> {
  const clock = clockOf(options.now);
  return {
    name: 'credit',
    entities,
    migrations,
    buildSchema,
    createLoaders: (em) => createLoaders(em, clock),
    createServices: (context) => createServices(context, directories),
    clock,
    seedDemoData,
    calendarDerivedDates: creditCalendarDates,
  };
}

/** The credit subgraph (owned by ZWJ as the trading supervision bureau), reading projects and cases through the graph. */
export const subgraph: SubgraphDefinition<Loaders, Services> = createCreditSubgraph();

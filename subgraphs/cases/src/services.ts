import type { ServiceContext } from '@hub/kit';
import { CaseQueries } from './case/case.queries';
import { CaseStatsService } from './case/case-stats.service';
import { districtCaseStats } from './case/department-cases';
import { CaseService, type CasesEnvironment } from './case/case.service';
import { graphEnforcersDirectory } from './enforcers-directory';
import type { Loaders } from './loaders';
import { graphProjectDirectory } from './project-directory';
import { RectificationService } from './rectification/rectification.service';

/** What the slice's outside world is made of; each part a test leaves out is the production one. */
export type CasesOutside = Partial<CasesEnvironment>;

/**
 * The slice's services for one request (`context.services`), made once from the request's context:
 * "today" from the request's clock (`context.clock`, the slice's clock), the other slices through the
 * request's graph clients unless a test replaced them.
 */
export function createServices(context: ServiceContext<Loaders>, outside: CasesOutside & Pick<CasesEnvironment, 'random'>) {
  const env: CasesEnvironment = {
    projects: outside.projects ?? graphProjectDirectory(context.graph),
    enforcers: outside.enforcers ?? graphEnforcersDirectory(context.graph),
    clock: context.clock,
    random: outside.random,
  };
  return {
    cases: new CaseService(context.em, context.user, env),
    queries: new CaseQueries(context.em, context.user, context.clock),
    rectification: new RectificationService(context.em, context.user, env),
    caseStats: new CaseStatsService(context.loaders.caseStats, (from, to) => districtCaseStats(context.em, context.clock.today(), from, to)),
  };
}

export type Services = ReturnType<typeof createServices>;

import type { ServiceContext } from '@hub/kit';
import { CaseQueries } from './case/case.queries';
import { CaseService, type CasesEnvironment } from './case/case.service';
import { graphEnforcersDirectory } from './enforcers-directory';
import type { Loaders } from './loaders';
import { graphProjectDirectory } from './project-directory';
import { RectificationService } from './rectification/rectification.service';

/** What the slice's outside world is made of; each part a test leaves out is the production one. */
export type CasesOutside = Partial<CasesEnvironment>;

/**
 * The slice's services for one request (`context.services`), made once from the request's context:
 * the other slices through the request's graph clients unless a test replaced them.
 */
export function createServices(context: ServiceContext<Loaders>, outside: CasesOutside & Pick<CasesEnvironment, 'random'>) {
  const env: CasesEnvironment = {
    projects: outside.projects ?? graphProjectDirectory(context.graph),
    enforcers: outside.enforcers ?? graphEnforcersDirectory(context.graph),
    now: () => context.clock.now(),
    random: outside.random,
  };
  return {
    cases: new CaseService(context.em, context.user, env),
    queries: new CaseQueries(context.em, context.user, context.clock),
    rectification: new RectificationService(context.em, context.user, env),
  };
}

export type Services = ReturnType<typeof createServices>;

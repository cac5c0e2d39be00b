import type { ServiceContext } from '@hub/kit';
import { AuditFindingService } from './finding/finding.service';
import type { Loaders } from './loaders';
import { graphAuditProjects, type AuditProjects } from './projects-directory';

/**
 * The slice's services for one request (`context.services`), made once from the request's context:
 * the projects slice through the request's graph clients unless a test gave a fake.
 */
export function createServices(context: ServiceContext<Loaders>, projects?: AuditProjects) {
  return {
    findings: new AuditFindingService(context.em, context.user, projects ?? graphAuditProjects(context.graph)),
  };
}

export type Services = ReturnType<typeof createServices>;

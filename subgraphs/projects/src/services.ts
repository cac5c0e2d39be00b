import type { ServiceContext } from '@hub/kit';
import type { Loaders } from './loaders';
import { askingAsCaller } from './project/cross-slice-filter';
import { ProjectService } from './project/project.service';

/** The slice's services for one request (`context.services`), made once from the request's context. */
export function createServices(context: ServiceContext<Loaders>) {
  return {
    projects: new ProjectService(context.em, context.user, askingAsCaller(context.graphAsCaller)),
  };
}

export type Services = ReturnType<typeof createServices>;

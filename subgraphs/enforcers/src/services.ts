import type { ServiceContext } from '@hub/kit';
import { EnforcerService } from './enforcer/enforcer.service';
import { InspectionStatsService } from './inspection/inspection-stats.service';
import { InspectionService } from './inspection/inspection.service';
import type { Loaders } from './loaders';
import { graphPorts, type Ports } from './ports';

/**
 * The slice's services for one request (`context.services`), made once from the request's context:
 * the other slices through the request's graph clients unless a test gave fakes (`ports`).
 */
export function createServices(context: ServiceContext<Loaders>, ports?: Ports) {
  const outside = ports ?? graphPorts(context.graph);
  return {
    enforcers: new EnforcerService(context.em, context.user, context.clock, outside),
    inspections: new InspectionService(context.em, context.user, outside, context.clock),
    inspectionStats: new InspectionStatsService(context.loaders.inspectionStats),
  };
}

export type Services = ReturnType<typeof createServices>;

import type { ServiceContext } from '@hub/kit';
import { graphDirectories, type Directories } from './directories';
import { EvaluationService } from './evaluation/evaluation.service';
import type { Loaders } from './loaders';
import { NotificationService } from './notification/notification.service';
import { CreditRecordService } from './record/credit-record.service';
import { CreditStatsService } from './record/credit-stats.service';
import { PublishedPractitionerService } from './record/published-practitioners.service';

/**
 * The slice's services for one request (`context.services`), made once from the request's context:
 * "today" from the slice's clock, the other slices through the request's graph clients unless a test
 * gave fakes (`directories`).
 */
export function createServices(context: ServiceContext<Loaders>, directories?: Directories) {
  const outside = directories ?? graphDirectories(context.graph);
  const today = () => context.clock.today();
  return {
    records: new CreditRecordService(context.em, context.user, today, outside.projects),
    notifications: new NotificationService(context.em, context.user, outside, today),
    evaluations: new EvaluationService(context.em, context.user, outside, context.clock),
    practitioners: new PublishedPractitionerService(context.em, outside.practitioners),
    creditStats: new CreditStatsService(context.loaders.creditStats),
  };
}

export type Services = ReturnType<typeof createServices>;

import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, type RequestContext } from '@hub/kit';
import { AuditFinding } from './finding/finding.entity';
import type { Services } from './services';

/** Per-request DataLoaders: one `IN (…)` query per batch (the services, and the projects slice behind them, are `context.services`). */
export function createLoaders(em: EntityManager) {
  return {
    findingsByProject: groupLoader(
      (ids: readonly string[]) => em.find(AuditFinding, { projectId: { $in: [...ids] } }, { orderBy: { foundOn: 'desc', id: 'asc' } }),
      (finding) => finding.projectId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, Services>;

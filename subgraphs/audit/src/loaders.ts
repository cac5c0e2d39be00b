import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, type RequestContext } from '@hub/kit';
import { AuditFinding } from './finding/finding.entity';
import type { AuditProjects } from './projects-directory';

/** Per-request DataLoaders: one `IN (…)` query per batch; `projects` reads the projects slice. */
export function createLoaders(em: EntityManager, projects: AuditProjects) {
  return {
    projects,
    findingsByProject: groupLoader(
      (ids: readonly string[]) => em.find(AuditFinding, { projectId: { $in: [...ids] } }, { orderBy: { foundOn: 'desc', id: 'asc' } }),
      (finding) => finding.projectId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;

import { ReferenceDirectory, type SliceGraph } from '@hub/kit';

/** What the audit slice needs to know of a project (owned by the projects slice): that it exists, and who supervises it. */
export interface AuditProjects {
  /** Supervising department code by project id, for the ids that name a project; unknown ids are absent. */
  supervisingDepartments(ids: readonly string[]): Promise<Map<string, string>>;
}

/** The projects subgraph through the request's graph clients, one `_entities` request per call; tests pass a fake. */
export function graphAuditProjects(graph: SliceGraph): AuditProjects {
  const directory = new ReferenceDirectory(() => graph('projects'));
  return {
    async supervisingDepartments(ids) {
      const found = await directory.find<{ id: string; supervisingDepartment: { code: string } }>('Project', 'id', ids, 'supervisingDepartment { code }');
      return new Map([...found].map(([id, project]) => [id, project.supervisingDepartment.code]));
    },
  };
}

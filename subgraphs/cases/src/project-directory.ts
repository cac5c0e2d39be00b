import { GraphClient, readSubgraphList, subgraphUrl } from '@hub/kit';

/** What the cases slice needs to know about a project at intake. */
export interface ProjectFacts {
  id: string;
  supervisingDepartmentCode: string;
}

/**
 * Reads projects from the projects slice (this slice never reads another's tables). The default
 * implementation asks the projects subgraph's `_entities` in one request for any number of ids;
 * tests pass a fake.
 */
export interface ProjectDirectory {
  find(ids: readonly string[]): Promise<Map<string, ProjectFacts>>;
}

const ENTITIES = /* GraphQL */ `
  query CaseProjectFacts($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Project {
        id
        supervisingDepartment {
          code
        }
      }
    }
  }
`;

export class GraphProjectDirectory implements ProjectDirectory {
  constructor(private readonly client: () => GraphClient) {}

  async find(ids: readonly string[]): Promise<Map<string, ProjectFacts>> {
    const found = new Map<string, ProjectFacts>();
    if (ids.length === 0) return found;
    const data = await this.client().request<{ _entities: ({ id: string; supervisingDepartment: { code: string } } | null)[] }>(ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'Project', id })),
    });
    for (const p of data._entities) if (p) found.set(p.id, { id: p.id, supervisingDepartmentCode: p.supervisingDepartment.code });
    return found;
  }
}

/** The projects subgraph as listed in subgraphs.json (its URL resolved per HUB_ENV / PROJECTS_URL). */
export function defaultProjectDirectory(): ProjectDirectory {
  let client: GraphClient | undefined;
  return new GraphProjectDirectory(() => {
    if (!client) {
      const list = readSubgraphList();
      const entry = list.subgraphs.find((s) => s.name === 'projects');
      if (!entry) throw new Error('subgraphs.json lists no "projects" subgraph');
      client = new GraphClient(subgraphUrl(entry, list));
    }
    return client;
  });
}

import { ReferenceDirectory, type GraphClient, type SliceGraph } from '@hub/kit';

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
  /** The credit codes among `codes` of market entities registered with the trading center. */
  registeredMarketEntities(codes: readonly string[]): Promise<Set<string>>;
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

  async registeredMarketEntities(codes: readonly string[]): Promise<Set<string>> {
    return new Set((await new ReferenceDirectory(this.client).find('MarketEntity', 'creditCode', codes)).keys());
  }
}

/** The projects subgraph through the request's graph clients (signed as this slice, on behalf of the caller). */
export function graphProjectDirectory(graph: SliceGraph): ProjectDirectory {
  return new GraphProjectDirectory(() => graph('projects'));
}

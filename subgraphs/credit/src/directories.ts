import type { GraphClient, SliceGraph } from '@hub/kit';

/** What credit needs to know about projects, owned by the projects slice. */
export interface ProjectInfo {
  id: string;
  supervisingDepartment: string;
}

/** A tender agency (招标代理机构) active in a year. */
export interface AgencyInfo {
  creditCode: string;
  name: string;
}

/** Reads projects from the projects slice (tests use an in-memory fake). */
export interface ProjectDirectory {
  /** The projects found among `ids`, one request for all of them; unknown ids are absent. */
  projects(ids: readonly string[]): Promise<Map<string, ProjectInfo>>;
  /** Tender agencies of the projects registered in a year. */
  tenderAgencies(year: number): Promise<AgencyInfo[]>;
}

/** A case against a market entity, as the cases slice reports it. */
export interface CaseSummary {
  id: string;
  substantiated: boolean | null;
  decidedOn: string | null;
}

/** Reads cases from the cases slice (tests use an in-memory fake). */
export interface CaseDirectory {
  /** The cases against each of the given market entities, in one request. */
  casesAgainst(creditCodes: readonly string[]): Promise<Map<string, CaseSummary[]>>;
}

/** Reads practitioners (从业人员) from the projects slice: their names, for the public search of published credit records. */
export interface PractitionerDirectory {
  /** The names of the practitioners found among `ids`, one request for all of them; unknown ids are absent. */
  names(ids: readonly string[]): Promise<Map<string, string>>;
}

/** The other slices' clients; a test passes fakes. */
export interface Directories {
  projects: ProjectDirectory;
  cases: CaseDirectory;
  /** Only the public practitioner search needs it; without it that search finds nobody. */
  practitioners?: PractitionerDirectory;
}

/** The operations credit sends to other subgraphs (a contract test validates them against their schemas). */
export const PROJECTS_BY_ID = /* GraphQL */ `
  query ($representations: [_Any!]!) {
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
export const AGENCIES_OF_YEAR = /* GraphQL */ `
  query ($first: Int, $after: String, $filter: ProjectFilter) {
    projects(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        tenderAgency {
          creditCode
          name
        }
      }
    }
  }
`;
export const PRACTITIONER_NAMES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Practitioner {
        id
        name
      }
    }
  }
`;
export const CASES_AGAINST = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on MarketEntity {
        creditCode
        cases {
          id
          substantiated
          decidedOn
        }
      }
    }
  }
`;

/** Projects through the projects subgraph: `_entities` for a batch of ids, `projects` pages for a year. */
export class GraphProjectDirectory implements ProjectDirectory {
  constructor(private readonly client: GraphClient) {}

  async projects(ids: readonly string[]): Promise<Map<string, ProjectInfo>> {
    const found = new Map<string, ProjectInfo>();
    if (ids.length === 0) return found;
    const data = await this.client.request<{ _entities: ({ id: string; supervisingDepartment: { code: string } } | null)[] }>(PROJECTS_BY_ID, {
      representations: ids.map((id) => ({ __typename: 'Project', id })),
    });
    for (const project of data._entities) {
      if (project) found.set(project.id, { id: project.id, supervisingDepartment: project.supervisingDepartment.code });
    }
    return found;
  }

  async tenderAgencies(year: number): Promise<AgencyInfo[]> {
    const agencies = new Map<string, AgencyInfo>();
    let after: string | null = null;
    for (;;) {
      type Page = { projects: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { tenderAgency: AgencyInfo | null }[] } };
      const data: Page = await this.client.request<Page>(AGENCIES_OF_YEAR, {
        first: 100,
        after,
        filter: { registeredFrom: `${year}-01-01`, registeredTo: `${year}-12-31` },
      });
      for (const node of data.projects.nodes) if (node.tenderAgency) agencies.set(node.tenderAgency.creditCode, node.tenderAgency);
      if (!data.projects.pageInfo.hasNextPage) break;
      after = data.projects.pageInfo.endCursor;
    }
    return [...agencies.values()].sort((a, b) => a.creditCode.localeCompare(b.creditCode));
  }
}

/** Practitioners' names through the projects subgraph, one `_entities` request for a batch of ids. */
export class GraphPractitionerDirectory implements PractitionerDirectory {
  constructor(private readonly client: GraphClient) {}

  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (ids.length === 0) return found;
    const data = await this.client.request<{ _entities: ({ id: string; name: string } | null)[] }>(PRACTITIONER_NAMES, {
      representations: ids.map((id) => ({ __typename: 'Practitioner', id })),
    });
    for (const practitioner of data._entities) if (practitioner) found.set(practitioner.id, practitioner.name);
    return found;
  }
}

/** Cases through the cases subgraph's `MarketEntity.cases` field, one `_entities` request for all codes. */
export class GraphCaseDirectory implements CaseDirectory {
  constructor(private readonly client: GraphClient) {}

  async casesAgainst(creditCodes: readonly string[]): Promise<Map<string, CaseSummary[]>> {
    const result = new Map<string, CaseSummary[]>();
    if (creditCodes.length === 0) return result;
    const data = await this.client.request<{ _entities: ({ creditCode: string; cases: CaseSummary[] } | null)[] }>(CASES_AGAINST, {
      representations: creditCodes.map((creditCode) => ({ __typename: 'MarketEntity', creditCode })),
    });
    creditCodes.forEach((code, i) => result.set(code, data._entities[i]?.cases ?? []));
    return result;
  }
}

/**
 * The other slices through one request's graph clients (signed as this slice on behalf of the
 * caller, see the kit's graph-client.ts), each made on first use.
 */
export function graphDirectories(graph: SliceGraph): Directories {
  let projects: GraphProjectDirectory | undefined;
  let cases: GraphCaseDirectory | undefined;
  let practitioners: GraphPractitionerDirectory | undefined;
  return {
    projects: {
      projects: (ids) => (projects ??= new GraphProjectDirectory(graph('projects'))).projects(ids),
      tenderAgencies: (year) => (projects ??= new GraphProjectDirectory(graph('projects'))).tenderAgencies(year),
    },
    cases: {
      casesAgainst: (codes) => (cases ??= new GraphCaseDirectory(graph('cases'))).casesAgainst(codes),
    },
    practitioners: {
      names: (ids) => (practitioners ??= new GraphPractitionerDirectory(graph('projects'))).names(ids),
    },
  };
}

import { ReferenceDirectory, type Caller, type GraphClient, type SliceGraph } from '@hub/kit';
import type { PoolProject } from './draw/draw';

/**
 * Where the draw's project pool comes from: the projects slice's real data, read through the graph
 * (never typed in). Tests use a fake.
 */
export interface ProjectPoolSource {
  /** Every project registered in the period (both ends included), in any order. */
  projectsRegisteredIn(from: string, to: string): Promise<PoolProject[]>;
}

/** What the cases slice needs to open a case for an inspection finding (检查发现). */
export interface CaseOpeningRequest {
  findingId: string;
  projectId: string;
  departmentCode: string;
  summary: string;
  respondentCreditCodes: string[];
}

/** Opens a case in the cases slice. The cases side is idempotent on `findingId`, so a retry never opens two. */
export interface CaseOpener {
  openCase(request: CaseOpeningRequest): Promise<{ caseId: string }>;
}

/**
 * The other slices one request may use. `caller` is the person a call is made for: a fake records it;
 * the production ports ignore it, because the request's graph clients already sign every call as this
 * slice on behalf of that caller (the kit's graph-client.ts).
 */
export interface Ports {
  projectPool(caller: Caller): ProjectPoolSource;
  caseOpener(caller: Caller): CaseOpener;
  /** The ids among `ids` that name a project of the projects slice (one request for all of them). */
  existingProjects(ids: readonly string[]): Promise<Set<string>>;
  /** The credit codes among `codes` of market entities registered with the trading center (one request for all). */
  registeredMarketEntities(codes: readonly string[]): Promise<Set<string>>;
}

const POOL_QUERY = /* GraphQL */ `
  query EnforcersProjectPool($first: Int, $after: String, $filter: ProjectFilter) {
    projects(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        category
        registeredOn
        supervisingDepartment {
          code
        }
        tenderer {
          creditCode
        }
        tenderAgency {
          creditCode
        }
        bids {
          bidderCreditCode
        }
      }
    }
  }
`;

interface PoolPage {
  projects: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      code: string;
      category: string;
      registeredOn: string;
      supervisingDepartment: { code: string };
      tenderer: { creditCode: string };
      tenderAgency: { creditCode: string } | null;
      bids: { bidderCreditCode: string }[];
    }[];
  };
}

/** Reads the pool from the projects subgraph, 100 projects a page, through every page. */
export class GraphProjectPoolSource implements ProjectPoolSource {
  constructor(private readonly client: GraphClient) {}

  async projectsRegisteredIn(from: string, to: string): Promise<PoolProject[]> {
    const pool: PoolProject[] = [];
    let after: string | null = null;
    for (;;) {
      const page: PoolPage = await this.client.request<PoolPage>(POOL_QUERY, { first: 100, after, filter: { registeredFrom: from, registeredTo: to } });
      for (const p of page.projects.nodes) {
        const parties = [p.tenderer.creditCode, p.tenderAgency?.creditCode, ...p.bids.map((b) => b.bidderCreditCode)].filter((c): c is string => !!c);
        pool.push({
          id: p.id,
          code: p.code,
          category: p.category,
          supervisingDepartmentCode: p.supervisingDepartment.code,
          registeredOn: p.registeredOn,
          partyCreditCodes: [...new Set(parties)].sort(),
        });
      }
      if (!page.projects.pageInfo.hasNextPage || !page.projects.pageInfo.endCursor) return pool;
      after = page.projects.pageInfo.endCursor;
    }
  }
}

const OPEN_CASE = /* GraphQL */ `
  mutation EnforcersOpenCase($findingId: ID!, $projectId: ID!, $departmentCode: String!, $summary: String!, $respondentCreditCodes: [String!]) {
    openCaseFromInspectionFinding(
      input: { findingId: $findingId, projectId: $projectId, departmentCode: $departmentCode, summary: $summary, respondentCreditCodes: $respondentCreditCodes }
    ) {
      id
    }
  }
`;

/** Opens the case through the cases subgraph's mutation (signed as this slice, naming the caller). */
export class GraphCaseOpener implements CaseOpener {
  constructor(private readonly client: GraphClient) {}

  async openCase(request: CaseOpeningRequest): Promise<{ caseId: string }> {
    const data = await this.client.request<{ openCaseFromInspectionFinding: { id: string } }>(OPEN_CASE, { ...request });
    return { caseId: data.openCaseFromInspectionFinding.id };
  }
}

/** The production ports of one request: the projects and cases subgraphs through the request's graph clients. */
export function graphPorts(graph: SliceGraph): Ports {
  const projectReferences = new ReferenceDirectory(() => graph('projects'));
  return {
    projectPool: () => new GraphProjectPoolSource(graph('projects')),
    caseOpener: () => new GraphCaseOpener(graph('cases')),
    existingProjects: async (ids) => new Set((await projectReferences.find('Project', 'id', ids)).keys()),
    registeredMarketEntities: async (codes) => new Set((await projectReferences.find('MarketEntity', 'creditCode', codes)).keys()),
  };
}

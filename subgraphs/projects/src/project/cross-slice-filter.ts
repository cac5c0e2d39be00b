import { InputError, leanFind, type SliceGraph as Clients } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Bid, Project } from './project.entity';
import type { ProjectFilter } from './project.inputs';
import { projectWhere } from './project.service';

/**
 * The project-list conditions whose answer another slice owns: "has open cases" (the cases slice)
 * and "has a bidder graded C or D at the bid" (the credit slice, from the bids this slice holds).
 * They are resolved before the page is cut, so paging and totalCount count only matching projects:
 * the candidates (every other condition, in SQL) go to each slice in ONE federation entity request
 * (`_entities`, the way the gateway itself asks), as the caller (their own token, the context's
 * `graphAsCaller`: the one exception to calls signed as the slice) so their scoping applies, and the
 * list then pages over `id IN (matches)`.
 */
export const MAX_CROSS_SLICE_CANDIDATES = 5000;

const CLOSED_CASE_STATUSES = new Set(['REJECTED', 'ARCHIVED']);
const LOW_GRADES = new Set(['C', 'D']);

const PROJECT_CASES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Project {
        id
        cases {
          status
        }
      }
    }
  }
`;

const BID_GRADES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Bid {
        id
        bidderCreditAtBid {
          grade
        }
      }
    }
  }
`;

/** Where the other slices are asked (a test replaces it). */
export interface SliceGraph {
  request<T>(subgraph: 'cases' | 'credit', query: string, variables: Record<string, unknown>): Promise<T>;
}

/** The other slices through the request's clients that ask as the caller (`context.graphAsCaller`). */
export function askingAsCaller(clients: Clients): SliceGraph {
  return { request: <T>(subgraph: string, query: string, variables: Record<string, unknown>) => clients(subgraph).request<T>(query, variables) };
}

export function needsOtherSlices(filter: ProjectFilter | undefined): boolean {
  return filter?.hasOpenCases === true || filter?.hasBidderGradedCOrD === true;
}

/** The filter with the other slices' conditions replaced by the ids of the projects that meet them. */
export async function resolveCrossSliceFilter(em: EntityManager, filter: ProjectFilter, graph: SliceGraph): Promise<ProjectFilter> {
  const { hasOpenCases, hasBidderGradedCOrD, ...local } = filter;
  const candidates = (await leanFind(em, Project, projectWhere(local), { orderBy: { id: 'asc' }, limit: MAX_CROSS_SLICE_CANDIDATES + 1 })).map((p) => p.id);
  if (candidates.length > MAX_CROSS_SLICE_CANDIDATES) {
    throw new InputError(
      `filter.hasOpenCases / filter.hasBidderGradedCOrD ask other slices about every candidate project: more than ${MAX_CROSS_SLICE_CANDIDATES} match the other conditions; narrow them (department, stage, dates)`,
      { field: 'filter', rule: 'at most 5000 candidates' },
    );
  }
  let ids = candidates;
  if (hasOpenCases && ids.length) {
    const data = await graph.request<{ _entities: ({ id: string; cases: { status: string }[] | null } | null)[] }>('cases', PROJECT_CASES, {
      representations: ids.map((id) => ({ __typename: 'Project', id })),
    });
    const open = new Set(data._entities.filter((p) => p?.cases?.some((c) => !CLOSED_CASE_STATUSES.has(c.status))).map((p) => p!.id));
    ids = ids.filter((id) => open.has(id));
  }
  if (hasBidderGradedCOrD && ids.length) {
    const bids = await leanFind(em, Bid, { project: { $in: ids } });
    // One question per bidder and day: the grade at the bid depends on nothing else.
    const byStanding = new Map<string, { id: string; projects: Set<string> }>();
    for (const bid of bids) {
      const key = `${bid.bidder.creditCode}|${bid.submittedOn}`;
      const entry = byStanding.get(key) ?? { id: bid.id, projects: new Set<string>() };
      entry.projects.add(bid.project.id);
      byStanding.set(key, entry);
    }
    const asked = [...byStanding.entries()];
    const data = asked.length
      ? await graph.request<{ _entities: ({ id: string; bidderCreditAtBid: { grade: string } | null } | null)[] }>('credit', BID_GRADES, {
          representations: asked.map(([key, { id }]) => {
            const [bidderCreditCode, submittedOn] = key.split('|');
            return { __typename: 'Bid', id, bidderCreditCode, submittedOn };
          }),
        })
      : { _entities: [] };
    const low = new Set<string>();
    data._entities.forEach((bid, i) => {
      if (bid?.bidderCreditAtBid && LOW_GRADES.has(bid.bidderCreditAtBid.grade)) for (const project of asked[i]![1].projects) low.add(project);
    });
    ids = ids.filter((id) => low.has(id));
  }
  return { ...local, ids };
}

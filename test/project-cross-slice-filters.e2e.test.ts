import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness';

/**
 * The joined view's "has open cases" and "has a bidder graded C or D" are decided by the graph before
 * the page is cut (the projects slice asks the cases and credit slices through federation): walking
 * the pages yields exactly the projects the full joined answer says match, and totalCount agrees.
 */
let hub: Hub;
let leader: string;

beforeAll(async () => {
  hub = await startHub({ seed: true });
  leader = await hub.token('LEADER');
}, 600_000);

afterAll(async () => {
  await hub?.stop();
});

interface Row {
  id: string;
  cases: { status: string }[] | null;
  bids: { bidderCreditAtBid: { grade: string } | null }[];
}

async function walk<T>(query: string, filter: Record<string, unknown>, first: number): Promise<{ nodes: T[]; totalCount: number }> {
  const nodes: T[] = [];
  let totalCount = -1;
  for (let after: string | null = null; ;) {
    const result: { data?: any; errors?: unknown[] } = await hub.query(query, { first, after, filter }, leader);
    expect(result.errors).toBeUndefined();
    nodes.push(...(result.data.projects.nodes as T[]));
    totalCount = result.data.projects.totalCount;
    if (!result.data.projects.pageInfo.hasNextPage) return { nodes, totalCount };
    after = result.data.projects.pageInfo.endCursor;
  }
}

const FULL = /* GraphQL */ `
  query ($first: Int!, $after: String, $filter: ProjectFilter) {
    projects(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        stage
        cases {
          status
        }
        bids {
          bidderCreditAtBid {
            grade
          }
        }
      }
    }
  }
`;
const IDS = /* GraphQL */ `
  query ($first: Int!, $after: String, $filter: ProjectFilter) {
    projects(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
      }
    }
  }
`;

const open = (r: Row) => (r.cases ?? []).some((c) => c.status !== 'REJECTED' && c.status !== 'ARCHIVED');
const lowGrade = (r: Row) => r.bids.some((b) => b.bidderCreditAtBid?.grade === 'C' || b.bidderCreditAtBid?.grade === 'D');

describe('the project list filtered by what other slices own', { timeout: 300_000 }, () => {
  it('pages over exactly the projects with open cases, with a bidder graded C or D, or both, in list order', async () => {
    const all = (await walk<Row & { stage: string }>(FULL, {}, 50)).nodes;
    const cases = [
      { filter: { hasOpenCases: true }, expected: all.filter(open) },
      { filter: { hasBidderGradedCOrD: true }, expected: all.filter(lowGrade) },
      { filter: { hasOpenCases: true, hasBidderGradedCOrD: true }, expected: all.filter((r) => open(r) && lowGrade(r)) },
    ];
    // The demo data has projects on both sides of each condition, or the test would prove nothing.
    expect(cases[0]!.expected.length).toBeGreaterThan(0);
    expect(cases[0]!.expected.length).toBeLessThan(all.length);
    expect(cases[1]!.expected.length).toBeGreaterThan(0);
    expect(cases[1]!.expected.length).toBeLessThan(all.length);
    for (const { filter, expected } of cases) {
      // Small pages: a filter applied to each page after cutting it would give short pages and a wrong total.
      const { nodes, totalCount } = await walk<{ id: string }>(IDS, filter, 7);
      expect(
        nodes.map((n) => n.id),
        JSON.stringify(filter),
      ).toEqual(expected.map((r) => r.id));
      expect(totalCount, JSON.stringify(filter)).toBe(expected.length);
    }
    // Combined with a condition of the projects slice itself.
    const stage = cases[0]!.expected[0]!.stage;
    const { nodes } = await walk<{ id: string }>(IDS, { stage, hasOpenCases: true }, 5);
    expect(nodes.map((n) => n.id)).toEqual(all.filter((r) => r.stage === stage && open(r)).map((r) => r.id));
  });
});

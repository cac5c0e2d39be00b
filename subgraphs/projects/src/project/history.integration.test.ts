import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSubgraphList, withCheckCharacter, writeLogOfProjectsQueryName } from '@hub/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import { subgraph } from '../server';

/*
 * Project.history on a list of projects (issue 16): the history of every project of a page costs this
 * slice one statement and each other slice one call, whatever the page size. The other slices are a
 * stand-in HTTP server that counts the calls and answers each project with one entry per slice.
 */

const center = as('CENTER', 'JYZX');
const leader = as('LEADER');
let orm: MikroORM;
let schema: GraphQLSchema;
const gql = (source: string, variables: Record<string, unknown> = {}, user = center) => run(subgraph, schema, orm, source, variables, user);

const otherSlices = readSubgraphList()
  .subgraphs.map((s) => s.name)
  .filter((name) => name !== 'projects');
const envName = (slice: string) => `${slice.toUpperCase().replace(/-/g, '_')}_URL`;
const previousUrls = Object.fromEntries(otherSlices.map((slice) => [slice, process.env[envName(slice)]]));

/** What the stand-in slices were asked: one row per call. */
const calls: { slice: string; query: string; projectIds: string[]; first: number }[] = [];
let standIn: Server;
/** The stand-ins' entries are newer than anything this test writes, by a minute per slice. */
const future = Date.now() + 3_600_000;

function standInEntries(slice: string, projectIds: string[]) {
  const at = new Date(future + otherSlices.indexOf(slice) * 60_000).toISOString();
  return projectIds.map((projectId) => ({
    id: `${slice}-${projectId}`,
    at,
    slice,
    mutation: 'standInWrite',
    requestId: 'stand-in',
    actor: { sub: 'stand-in', name: 'Stand-in', role: 'OFFICE', department: 'ZWJ' },
    operation: 'UPDATE',
    objectType: 'StandIn',
    objectId: projectId,
    projectId,
    changes: [],
  }));
}

const codes = ['91421002MA4910001', '12421002MB1910002'].map(withCheckCharacter);
const [tenderer, agency] = codes;
const projectIds: string[] = [];

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const slice = (req.url ?? '').slice(1);
      const { query, variables } = JSON.parse(body) as { query: string; variables: { projectIds: string[]; first: number } };
      calls.push({ slice, query, projectIds: variables.projectIds, first: variables.first });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { log: standInEntries(slice, variables.projectIds) } }));
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const { port } = standIn.address() as AddressInfo;
  for (const slice of otherSlices) process.env[envName(slice)] = `http://127.0.0.1:${port}/${slice}`;

  for (const [i, creditCode] of codes.entries()) {
    const result = await gql(`mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`, {
      input: { creditCode, name: `History entity ${i}`, registeredOn: '2024-01-01' },
    });
    expect(result.errors).toBeUndefined();
  }
  for (let i = 0; i < 6; i += 1) {
    const result = await gql(`mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`, {
      input: {
        code: `T-HISTORY-${i}`,
        name: `History project ${i}`,
        category: 'HOUSING',
        supervisingDepartment: 'ZJJ',
        tendererCreditCode: tenderer,
        tenderAgencyCreditCode: agency,
        budget: '1000000.00',
        tenderMethod: 'OPEN',
        registeredOn: '2024-03-01',
      },
    });
    expect(result.errors).toBeUndefined();
    projectIds.push(result.data.registerProject.id as string);
  }
  // A second write about the first project: its log has more entries than a `first` of 1 keeps.
  const announced = await gql(`mutation($input: AnnounceTenderInput!) { announceTender(input: $input) { __typename } }`, {
    input: { projectId: projectIds[0], announcedOn: '2024-03-05', bidDeadline: '2024-03-30', documentRef: 'GG-HISTORY' },
  });
  expect(announced.errors).toBeUndefined();
});

afterAll(async () => {
  for (const slice of otherSlices) {
    if (previousUrls[slice] === undefined) delete process.env[envName(slice)];
    else process.env[envName(slice)] = previousUrls[slice];
  }
  await new Promise((resolve) => standIn?.close(resolve));
  await orm?.close();
});

describe('Project.history on a list of projects', () => {
  const query = `query($first: Int, $history: Int!) { projects(first: $first) { nodes { id history(first: $history) { id slice projectId at mutation } } } }`;

  async function measure(first: number, history: number) {
    calls.length = 0;
    const { result, statements } = await countStatements(orm, () => run(subgraph, schema, orm, query, { first, history }, leader));
    expect(result.errors).toBeUndefined();
    return {
      nodes: result.data.projects.nodes as { id: string; history: { id: string; slice: string; projectId: string; at: string; mutation: string }[] }[],
      statements,
      calls: [...calls],
    };
  }

  it('costs one statement and one call per other slice, whatever the number of projects', async () => {
    const small = await measure(2, 10);
    const large = await measure(6, 10);
    expect(large.nodes).toHaveLength(6);
    expect(large.statements.length).toBe(small.statements.length);
    for (const measured of [small, large]) {
      expect(measured.statements.filter((sql) => sql.includes('write_log'))).toHaveLength(1);
      expect(measured.calls.map((c) => c.slice).sort()).toEqual([...otherSlices].sort());
      expect(measured.calls.every((c) => c.query.includes(writeLogOfProjectsQueryName(c.slice)) && c.first === 10)).toBe(true);
    }
    expect(large.calls[0].projectIds.sort()).toEqual([...projectIds].sort());
  });

  it("merges each project's entries from every slice, newest first, and only that project's", async () => {
    const { nodes } = await measure(6, 10);
    for (const node of nodes) {
      expect(node.history.every((entry) => entry.projectId === node.id)).toBe(true);
      expect(node.history.map((entry) => entry.slice).sort()).toEqual(expect.arrayContaining([...otherSlices, 'projects'].sort()));
      expect(node.history.map((entry) => entry.mutation)).toContain('registerProject');
      const times = node.history.map((entry) => Date.parse(entry.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('keeps `first` entries per project across the slices', async () => {
    const { nodes } = await measure(6, 2);
    for (const node of nodes) {
      // The two newest are the stand-ins of the last two slices (a minute apart, in the future).
      expect(node.history.map((entry) => entry.slice)).toEqual(otherSlices.slice(-2).reverse());
    }
  });

  it('answers the batched root field with the newest `first` entries of each project, in one statement', async () => {
    const field = writeLogOfProjectsQueryName('projects');
    const all = await gql(`query($ids: [ID!]!) { ${field}(projectIds: $ids, first: 200) { id projectId mutation } }`, { ids: projectIds }, leader);
    expect(all.errors).toBeUndefined();
    const ofFirst = all.data[field].filter((e: { projectId: string }) => e.projectId === projectIds[0]);
    expect(ofFirst.length).toBeGreaterThan(1);

    const { result, statements } = await countStatements(orm, () =>
      run(subgraph, schema, orm, `query($ids: [ID!]!) { ${field}(projectIds: $ids, first: 1) { id projectId mutation } }`, { ids: projectIds }, leader),
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const entries: { id: string; projectId: string; mutation: string }[] = result.data[field];
    expect(entries.map((e) => e.projectId).sort()).toEqual([...projectIds].sort());
    expect(entries.find((e) => e.projectId === projectIds[0])).toEqual(ofFirst[0]);
  });

  it('is refused to roles outside LEADER and OFFICE', async () => {
    const field = writeLogOfProjectsQueryName('projects');
    const result = await gql(`query($ids: [ID!]!) { ${field}(projectIds: $ids) { id } }`, { ids: projectIds }, as('DEPT', 'ZJJ'));
    expect(result.errors?.[0].message).toMatch(/Access denied/);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { repoRoot, withCheckCharacter } from '@hub/kit';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { startHub, type Hub } from './harness';

let hub: Hub;
let center: string;
let leader: string;
beforeAll(async () => {
  hub = await startHub({ only: ['projects', 'audit'] });
  center = await hub.token('CENTER', 'JYZX');
  leader = await hub.token('LEADER');
});
afterAll(async () => hub?.stop());

async function createProject(code: string): Promise<string> {
  const creditCode = withCheckCharacter(`91421002MA49${String(code.length).padStart(5, '0')}`);
  await hub.query(
    `mutation($i: RegisterMarketEntityInput!) { registerMarketEntity(input: $i) { creditCode } }`,
    {
      i: { creditCode, name: 'Tenderer', registeredOn: '2024-01-01' },
    },
    center,
  );
  const result = await hub.query(
    `mutation($i: RegisterProjectInput!) { registerProject(input: $i) { id } }`,
    {
      i: {
        code,
        name: 'Plug-in test',
        category: 'WATER',
        supervisingDepartment: 'SLJ',
        tendererCreditCode: creditCode,
        budget: '1000.00',
        tenderMethod: 'OPEN',
        registeredOn: '2024-05-01',
      },
    },
    center,
  );
  expect(result.errors).toBeUndefined();
  return result.data.registerProject.id;
}

describe('a department plugged in with the scaffold (subgraphs/audit)', () => {
  it('joins its findings to a project through the gateway', async () => {
    const projectId = await createProject('PLUG-1');
    const office = await hub.token('OFFICE', 'ZWJ');
    const recorded = await hub.query(
      `mutation($i: RecordAuditFindingInput!) { recordAuditFinding(input: $i) { id } }`,
      {
        i: { projectId, title: 'Contract amount above budget', description: '…', foundOn: '2024-09-01', rectificationDueOn: '2024-10-31' },
      },
      office,
    );
    expect(recorded.errors).toBeUndefined();
    const joined = await hub.query(`query($id: ID!) { project(id: $id) { code auditFindings { title overdue } } }`, { id: projectId }, leader);
    expect(joined.errors).toBeUndefined();
    expect(joined.data.project).toEqual({ code: 'PLUG-1', auditFindings: [{ title: 'Contract amount above budget', overdue: true }] });
    // And back: a finding leads to its project, whose fields the projects slice answers.
    const back = await hub.query(`{ auditFindings(first: 50) { nodes { title project { code } } } }`, {}, leader);
    expect(back.errors).toBeUndefined();
    expect(back.data.auditFindings.nodes).toContainEqual({ title: 'Contract amount above budget', project: { code: 'PLUG-1' } });
  });
});

describe('gateway hot reload of the supergraph', () => {
  let gateway: RunningGateway;
  let file: string;
  const urls = () => new Map([...hub.subgraphs].map(([name, s]) => [name, s.service.url]));

  beforeAll(async () => {
    // Start from a supergraph without the audit slice, as before the department plugged in.
    const sdl = printSubgraphSchema(await hub.subgraphs.get('projects')!.definition.buildSchema());
    const composed = composeServices([{ name: 'projects', url: 'http://unused', typeDefs: parse(sdl) }]);
    file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
    writeFileSync(file, composed.supergraphSdl!);
    gateway = await startGateway({ port: 0, supergraphFile: file, urls: urls() });
  });
  afterAll(async () => gateway?.stop());

  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 40; i += 1) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  };

  it('serves a new slice after the file changes, without a restart, and keeps the schema when a new file is broken', async () => {
    const query = `{ projects(first: 1) { nodes { code auditFindings { title } } } }`;
    const before = await hub.query(query, {}, leader, gateway.url);
    expect(before.errors?.[0].message).toMatch(/Cannot query field "auditFindings"/);

    // An in-flight request started before the swap completes normally.
    const inFlight = hub.query(`{ projects(first: 50) { totalCount nodes { code bids { amount } } } }`, {}, leader, gateway.url);
    writeFileSync(file, readFileSync(join(repoRoot(), 'schema', 'supergraph.graphql'), 'utf8'));
    expect((await inFlight).errors).toBeUndefined();
    expect(await waitFor(async () => !(await hub.query(query, {}, leader, gateway.url)).errors)).toBe(true);

    writeFileSync(file, 'this is not a supergraph');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await hub.query(query, {}, leader, gateway.url);
    expect(after.errors).toBeUndefined();
  });
});

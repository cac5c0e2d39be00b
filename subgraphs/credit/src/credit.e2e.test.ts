import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, repoRoot, serveSubgraph, signDevToken, todayInShanghai, type Role, type SubgraphService, withCheckCharacter } from '@hub/kit';
import { countStatements, createTestOrm } from '@hub/kit/testing';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { Department } from '../../projects/src/department/department.entity';
import { MarketEntity } from '../../projects/src/market-entity/market-entity.entity';
import { Bid, Project, ProjectCategory, TenderMethod } from '../../projects/src/project/project.entity';
import { subgraph as projectsSubgraph } from '../../projects/src/server';
import { subgraph as creditSubgraph } from './server';

/*
 * Projects and credit over real HTTP behind the real gateway, composed in memory from the code (so
 * this runs before credit is in the committed supergraph). Credit reads projects through its
 * GraphClient, as in production.
 */
const fromTools = createRequire(join(repoRoot(), 'tools', 'package.json'));
const { composeServices } = fromTools('@apollo/composition') as typeof import('@apollo/composition');
const { printSubgraphSchema } = createRequire(join(repoRoot(), 'subgraphs', 'kit', 'package.json'))('@apollo/subgraph') as typeof import('@apollo/subgraph');

let projectsOrm: MikroORM;
let creditOrm: MikroORM;
const services: SubgraphService[] = [];
let gateway: RunningGateway;
let dir: string;
const previousUrl = process.env.PROJECTS_URL;

async function query<D = any>(source: string, variables: Record<string, unknown> = {}, role?: Role, department?: string) {
  const token = role ? await signDevToken({ role, department, sub: `${role.toLowerCase()}-e2e` }) : undefined;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: source, variables }),
  });
  return (await response.json()) as { data?: D; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** 40 projects (ZJJ and JTJ) with three bids each, one awarded: written as rows, since the projects slice is not under test here. */
async function projectRows(orm: MikroORM) {
  const em = orm.em.fork();
  const entities = Array.from({ length: 12 }, (_, i) =>
    em.create(MarketEntity, {
      creditCode: withCheckCharacter(`91421002MA${String(4700000 + i).padStart(7, '0')}`),
      name: `测试企业${i}`,
      registeredOn: '2023-01-01',
    }),
  );
  for (let i = 0; i < 40; i += 1) {
    const registeredOn = addDays('2025-01-06', i * 3);
    const project = em.create(Project, {
      code: `E2E-${String(i).padStart(3, '0')}`,
      name: `E2E project ${i}`,
      category: i % 2 ? ProjectCategory.TRANSPORT : ProjectCategory.HOUSING,
      supervisingDepartment: em.getReference(Department, i % 2 ? 'JTJ' : 'ZJJ'),
      tenderer: entities[0],
      budget: '1000000.00',
      tenderMethod: TenderMethod.OPEN,
      registeredOn,
    });
    for (let b = 0; b < 3; b += 1) {
      em.create(Bid, {
        project,
        bidder: entities[1 + ((i + b * 4) % 11)],
        tenderRound: 1,
        amount: '990000.00',
        submittedOn: addDays(registeredOn, 25),
        awarded: b === 0,
      });
    }
  }
  await em.flush();
}

beforeAll(async () => {
  projectsOrm = await createTestOrm(projectsSubgraph);
  await projectRows(projectsOrm);
  const projects = await serveSubgraph(projectsSubgraph, projectsOrm, { port: 0, host: '127.0.0.1' });
  services.push(projects);
  process.env.PROJECTS_URL = projects.url;
  creditOrm = await createTestOrm(creditSubgraph);
  const credit = await serveSubgraph(creditSubgraph, creditOrm, { port: 0, host: '127.0.0.1' });
  services.push(credit);

  const composed = composeServices(
    await Promise.all(
      [
        ['projects', projectsSubgraph, projects.url],
        ['credit', creditSubgraph, credit.url],
      ].map(async ([name, definition, url]) => ({
        name: name as string,
        url: url as string,
        typeDefs: parse(printSubgraphSchema(await (definition as typeof creditSubgraph).buildSchema())),
      })),
    ),
  );
  expect(composed.errors).toBeUndefined();
  dir = mkdtempSync(join(tmpdir(), 'credit-e2e-'));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl!);
  gateway = await startGateway({
    port: 0,
    urls: new Map([
      ['projects', projects.url],
      ['credit', credit.url],
    ]),
    supergraphFile: join(dir, 'supergraph.graphql'),
    rateLimitPerMinute: 100_000,
  });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  for (const service of services) await service.stop();
  if (previousUrl === undefined) delete process.env.PROJECTS_URL;
  else process.env.PROJECTS_URL = previousUrl;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('credit through the gateway', () => {
  it("turns a ZJJ notification into a published record that changes the bidder's grade, visible to the public, drafts not", async () => {
    const found = await query(
      `{ projects(first: 100, filter: { supervisingDepartment: "ZJJ" }) { nodes { id code bids { awarded bidderCreditCode } } } }`,
      {},
      'LEADER',
    );
    const project = found.data.projects.nodes.find((p: { bids: { awarded: boolean }[] }) => p.bids.some((b) => b.awarded));
    const bidder: string = project.bids.find((b: { awarded: boolean }) => b.awarded).bidderCreditCode;

    const rule = await query(
      `mutation { upsertCreditRule(input: { code: "YZ-01", description: "串通投标", points: 30, serious: true, punishmentMonths: 24 }) { code } }`,
      {},
      'OFFICE',
      'ZWJ',
    );
    expect(rule.errors).toBeUndefined();
    const foreign = await query(
      `mutation($input: PerformanceNotificationInput!) { notifyPerformanceFinding(input: $input) { id } }`,
      {
        input: { projectId: project.id, subjectType: 'MARKET_ENTITY', subjectKey: bidder, facts: 'x' },
      },
      'DEPT',
      'JTJ',
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const today = todayInShanghai();
    const notified = await query(
      `mutation($input: PerformanceNotificationInput!) { notifyPerformanceFinding(input: $input) { id recordingDueOn overdue } }`,
      {
        input: { projectId: project.id, subjectType: 'MARKET_ENTITY', subjectKey: bidder, facts: '中标后转包', suggestedRuleCode: 'YZ-01' },
      },
      'DEPT',
      'ZJJ',
    );
    expect(notified.errors).toBeUndefined();
    expect(notified.data.notifyPerformanceFinding.overdue).toBe(false);

    const drafted = await query(
      `mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`,
      {
        input: { sourceKind: 'PERFORMANCE_NOTIFICATION', sourceRef: notified.data.notifyPerformanceFinding.id, ruleCode: 'YZ-01' },
      },
      'OFFICE',
      'ZWJ',
    );
    const recordId = drafted.data.createCreditRecord.id;
    const hidden = await query(`query($k: String) { creditRecords(filter: { subjectKey: $k }) { totalCount } }`, { k: bidder });
    expect(hidden.data.creditRecords.totalCount).toBe(0);

    const published = await query(`mutation($id: ID!) { publishCreditRecord(id: $id) { status effectiveOn } }`, { id: recordId }, 'OFFICE', 'ZWJ');
    expect(published.errors).toBeUndefined();
    const effectiveOn: string = published.data.publishCreditRecord.effectiveOn;
    expect(effectiveOn > today).toBe(true);

    const entity = await query(
      `query($c: ID!, $before: LocalDate, $on: LocalDate) { marketEntity(creditCode: $c) { name
        before: credit(asOf: $before) { grade score restricted } on: credit(asOf: $on) { grade score restricted records { id status project { code } } } } }`,
      {
        c: bidder,
        before: addDays(effectiveOn, -1),
        on: effectiveOn,
      },
    );
    expect(entity.errors).toBeUndefined();
    expect(entity.data.marketEntity.before.restricted).toBe(false);
    expect(entity.data.marketEntity.on.score).toBe(entity.data.marketEntity.before.score - 30);
    expect(entity.data.marketEntity.on.restricted).toBe(true);
    expect(entity.data.marketEntity.on.records).toEqual([{ id: recordId, status: 'IN_PUBLICITY', project: { code: project.code } }]);
  });

  it("answers the leaders' joined view — projects, bids, each bidder's grade on the day of the bid — in fixed statements per subgraph", async () => {
    const joined = `query($first: Int) { projects(first: $first) { nodes { code creditRecords { id }
      bids { bidderCreditCode bidderRestricted bidderCreditAtBid { grade score } bidder { name credit { grade restricted } } } } } }`;
    const measure = async (first: number) => {
      let projectsStatements = 0;
      const credit = await countStatements(creditOrm, async () => {
        const counted = await countStatements(projectsOrm, () => query(joined, { first }, 'LEADER'));
        projectsStatements = counted.statements.length;
        return counted.result;
      });
      expect(credit.result.errors).toBeUndefined();
      return { projects: projectsStatements, credit: credit.statements.length, nodes: credit.result.data.projects.nodes };
    };
    const small = await measure(5);
    const large = await measure(40);
    expect(large.nodes).toHaveLength(40);
    expect(large.nodes.flatMap((p: { bids: unknown[] }) => p.bids).length).toBeGreaterThan(100);
    expect({ projects: large.projects, credit: large.credit }).toEqual({ projects: small.projects, credit: small.credit });
  });
});

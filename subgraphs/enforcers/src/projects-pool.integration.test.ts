import { createHash, randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readSubgraphList,
  seedSubgraph,
  serveSubgraph,
  signDevToken,
  subgraphModulePath,
  type SubgraphDefinition,
  type SubgraphService,
  creditCodeCheckCharacter,
} from '@hub/kit';
import { as, createTestOrm, run } from '@hub/kit/testing';
import { subgraph } from './server';

/**
 * The real path of the pool: the projects subgraph (its own code and database) served over HTTP, and
 * this slice reading it through the graph with the production ports — the pool query, paging and
 * signing as they run in production, not a fake.
 */
let projects: { service: SubgraphService; orm: MikroORM };
let orm: MikroORM;
let schema: GraphQLSchema;
const previousUrl = process.env.PROJECTS_URL;
const code = (n: number) => {
  const first17 = `91421002MA47${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

async function center(query: string, variables: Record<string, unknown>) {
  const token = await signDevToken({ sub: 'center-test', role: 'CENTER', department: 'JYZX' });
  const response = await fetch(projects.service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(payload.errors).toBeUndefined();
  return payload.data;
}

beforeAll(async () => {
  const entry = readSubgraphList().subgraphs.find((s) => s.name === 'projects')!;
  const { subgraph: definition } = (await import(subgraphModulePath(entry, 'src'))) as { subgraph: SubgraphDefinition<any> };
  const projectsOrm = await createTestOrm(definition);
  projects = { orm: projectsOrm, service: await serveSubgraph(definition, projectsOrm, { port: 0, host: '127.0.0.1' }) };
  // The departments are the projects slice's reference data: its migration writes them.
  for (let i = 0; i < 6; i += 1) {
    await center(`mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`, {
      input: { creditCode: code(i), name: `测试单位${i}`, registeredOn: '2024-01-01' },
    });
  }
  const lines = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
  const categories = ['MUNICIPAL', 'HOUSING', 'TRANSPORT', 'WATER', 'AGRICULTURE'];
  for (let i = 0; i < 12; i += 1) {
    await center(`mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`, {
      input: {
        code: `E2E-${i}`,
        name: `测试项目${i}`,
        category: categories[i % 5],
        supervisingDepartment: lines[i % 5],
        tendererCreditCode: code(i % 3),
        tenderAgencyCreditCode: code(3),
        budget: '1000000.00',
        tenderMethod: 'OPEN',
        registeredOn: `2025-0${(i % 9) + 1}-01`,
      },
    });
  }
  process.env.PROJECTS_URL = projects.service.url;
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  await seedSubgraph(subgraph, orm);
});

afterAll(async () => {
  if (previousUrl === undefined) delete process.env.PROJECTS_URL;
  else process.env.PROJECTS_URL = previousUrl;
  await projects?.service.stop();
  await orm?.close();
});

describe('the draw over the real project pool (projects subgraph over HTTP)', () => {
  it('seeds the demo year over the real pool, then lets the office plan, draw and verify a new draw', async () => {
    const office = as('OFFICE', 'ZWJ');
    const gql = (source: string, variables: Record<string, unknown> = {}) => run(subgraph, schema, orm, source, variables, office);
    const seeded = await gql(`{ inspectionPlans { nodes { year currentDraw { poolSize poolProjectIds result { drawnCount } } } } }`);
    expect(seeded.errors).toBeUndefined();
    const byYear = new Map(seeded.data.inspectionPlans.nodes.map((p: any) => [p.year, p.currentDraw]));
    // Only 2025 has projects: its plan gets a draw over all 12; the other years' plans wait without one.
    expect(byYear.get(2024)).toBeNull();
    expect(byYear.get(2025)).toMatchObject({ poolSize: 12, result: { drawnCount: 2 } });

    const plan = await gql(
      `mutation { createInspectionPlan(input: { name: "2025 上半年", periodFrom: "2025-01-01", periodTo: "2025-06-30", itemCodes: ["CJ-01", "CJ-03"], samplingRatio: 0.05 }) { id } }`,
    );
    expect(plan.errors).toBeUndefined();
    // The procedure: the office freezes, the office and ZJJ commit and reveal, then the office draws.
    const planId = plan.data.createInspectionPlan.id;
    const frozen = await gql(`mutation($input: FreezeDrawInput!) { freezeDraw(input: $input) { id poolProjectIds } }`, {
      input: { planId, participantUnits: ['ZWJ', 'ZJJ'], revealDeadline: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(frozen.errors).toBeUndefined();
    const roundId = frozen.data.freezeDraw.id;
    const secrets = { ZWJ: randomBytes(32).toString('hex'), ZJJ: randomBytes(32).toString('hex') };
    const units = [
      ['ZWJ', office],
      ['ZJJ', as('DEPT', 'ZJJ')],
    ] as const;
    for (const [unit, caller] of units) {
      const c = createHash('sha256').update(Buffer.from(secrets[unit], 'hex')).digest('hex');
      expect(
        (
          await run(
            subgraph,
            schema,
            orm,
            `mutation($id: ID!, $c: String!) { commitDrawSecret(roundId: $id, commitment: $c) { id } }`,
            { id: roundId, c },
            caller,
          )
        ).errors,
      ).toBeUndefined();
    }
    for (const [unit, caller] of units) {
      expect(
        (
          await run(
            subgraph,
            schema,
            orm,
            `mutation($id: ID!, $s: String!) { revealDrawSecret(roundId: $id, secret: $s) { id } }`,
            { id: roundId, s: secrets[unit] },
            caller,
          )
        ).errors,
      ).toBeUndefined();
    }
    const draw = await gql(`mutation($id: ID!) { drawInspections(planId: $id) { id poolSize result { drawnCount } inspections { inspectors { id } } } }`, {
      id: planId,
    });
    expect(draw.errors).toBeUndefined();
    expect(draw.data.drawInspections.poolSize).toBe(9); // the 9 registered January to June
    expect(draw.data.drawInspections.result.drawnCount).toBe(1);
    expect(draw.data.drawInspections.inspections[0].inspectors).toHaveLength(2);
    const verified = await gql(`query($id: ID!) { verifyDraw(drawId: $id) { matches } }`, { id: draw.data.drawInspections.id });
    expect(verified.data.verifyDraw.matches).toBe(true);
  });
});

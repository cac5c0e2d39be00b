import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, type GraphClient, type SeedEnvironment, creditCodeCheckCharacter } from '@hub/kit';
import { as, createTestOrm, run } from '@hub/kit/testing';
import { DEMO_DRAWS, seedDemoData } from './seed';
import { subgraph } from './server';

const code = (n: number) => {
  const first17 = `91421002MA48${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const LINES = ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ'];
const CATEGORY: Record<string, string> = { FGJ: 'MUNICIPAL', ZJJ: 'HOUSING', JTJ: 'TRANSPORT', SLJ: 'WATER', NYJ: 'AGRICULTURE' };

/** 320 canned projects of the projects slice, 2024-01 to 2026-08, in the shape its `projects` query answers. */
const PROJECTS = Array.from({ length: 320 }, (_, i) => {
  const d = LINES[i % 5];
  const month = (i % 32) + 1;
  const year = 2024 + Math.floor((month - 1) / 12);
  return {
    id: `10000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    code: `SS${year}-${d}-${String(i + 1).padStart(4, '0')}`,
    category: CATEGORY[d],
    registeredOn: `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-15`,
    supervisingDepartment: { code: d },
    tenderer: { creditCode: code(i % 20) },
    tenderAgency: i % 4 === 0 ? null : { creditCode: code(50 + (i % 6)) },
    bids: [0, 1, 2].map((b) => ({ bidderCreditCode: code(100 + ((i + b * 7) % 60)) })),
  };
});

/** A fake projects subgraph: filters by registration date and pages 100 at a time with cursors, like the real one. */
function fakeEnv(requests: Record<string, unknown>[]): SeedEnvironment {
  const client = {
    async request(_query: string, variables: Record<string, unknown>) {
      requests.push(variables);
      const { first, after, filter } = variables as { first: number; after: string | null; filter: { registeredFrom: string; registeredTo: string } };
      const matching = PROJECTS.filter((p) => p.registeredOn >= filter.registeredFrom && p.registeredOn <= filter.registeredTo);
      const offset = after ? Number(after) : 0;
      const nodes = matching.slice(offset, offset + first);
      const hasNextPage = offset + first < matching.length;
      return { projects: { totalCount: matching.length, pageInfo: { hasNextPage, endCursor: hasNextPage ? String(offset + first) : null }, nodes } };
    },
  };
  return {
    log: createLogger('seed-test'),
    graph: (name) => {
      expect(name).toBe('projects');
      return client as unknown as GraphClient;
    },
  };
}

const orms: MikroORM[] = [];
afterAll(async () => Promise.all(orms.map((o) => o.close())));

describe('demo data', () => {
  it('seeds the roster, the item list and a verifiable committed draw per year over the real pool, deterministically and once', async () => {
    const schema = await subgraph.buildSchema();
    const seedInto = async () => {
      const orm = await createTestOrm(subgraph);
      orms.push(orm);
      const requests: Record<string, unknown>[] = [];
      await seedDemoData(orm.em.fork(), fakeEnv(requests));
      return { orm, requests };
    };
    const { orm, requests } = await seedInto();
    // 2024 has 120 projects: two pages of 100, each asked with the year's period.
    expect(requests.filter((r) => (r.filter as any).registeredFrom === '2024-01-01').map((r) => r.after)).toEqual([null, '100']);
    expect(requests.every((r) => r.first === 100)).toBe(true);

    const gql = (source: string, variables: Record<string, unknown> = {}, user = as('LEADER')) => run(subgraph, schema, orm, source, variables, user);
    const roster = await gql(`{ enforcers(first: 100) { totalCount nodes { department { code } active certificateValidUntil trainingRecords { hours } } } }`);
    expect(roster.errors).toBeUndefined();
    expect(roster.data.enforcers.totalCount).toBe(80);
    for (const d of LINES) expect(roster.data.enforcers.nodes.filter((n: any) => n.department.code === d)).toHaveLength(16);
    expect(roster.data.enforcers.nodes.every((n: any) => n.trainingRecords.length >= 1)).toBe(true);
    expect((await gql(`{ inspectionItems { code legalBasis } }`)).data.inspectionItems).toHaveLength(8);

    const plans =
      await gql(`{ inspectionPlans { nodes { year samplingRatio currentDraw { id seed drawnOn poolSize result { drawnCount } inspections { status project { id } }
      round { manifestHash participants status rosterSnapshot { pseudonym } commitments { unitCode commitment secret } } } } } }`);
    expect(plans.errors).toBeUndefined();
    const byYear = new Map(plans.data.inspectionPlans.nodes.map((p: any) => [p.year, p.currentDraw]));
    expect([...byYear.keys()].sort()).toEqual([2024, 2025, 2026]);
    const sha = (...hex: string[]) =>
      createHash('sha256')
        .update(Buffer.concat(hex.map((h) => Buffer.from(h, 'hex'))))
        .digest('hex');
    for (const { year, drawnOn, participants, secrets } of DEMO_DRAWS) {
      const draw: any = byYear.get(year);
      expect(draw).toMatchObject({ drawnOn, poolSize: PROJECTS.filter((p) => p.registeredOn.startsWith(String(year))).length });
      expect(draw.result.drawnCount).toBe(Math.ceil(draw.poolSize * 0.1));
      // Made by the procedure: two units committed and revealed; the seed is derived from the manifest hash and their secrets.
      const units = [...participants].sort();
      expect(draw.round.participants).toEqual(units);
      expect(draw.round.status).toBe('DRAWN');
      expect(draw.round.commitments).toEqual(units.map((unit) => ({ unitCode: unit, commitment: sha(secrets[unit]), secret: secrets[unit] })));
      expect(draw.seed).toBe(sha(draw.round.manifestHash, ...units.map((u) => secrets[u])));
      const verification = await gql(`query($id: ID!) { verifyDraw(drawId: $id) { matches commitmentsMatch seedMatches } }`, { id: draw.id }, as('PUBLIC'));
      expect(verification.data.verifyDraw).toEqual({ matches: true, commitmentsMatch: true, seedMatches: true }); // published draws verify without signing in
    }
    expect((byYear.get(2024) as any).inspections.every((i: any) => i.status === 'PUBLISHED')).toBe(true);
    expect((byYear.get(2026) as any).inspections.some((i: any) => i.status === 'ASSIGNED')).toBe(true);

    // The "done when": a drawn project answers inspections { inspectors { name department { code } } }.
    const drawnProject = (byYear.get(2025) as any).inspections[0].project.id;
    const project = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { inspections { inspectors { name department { code } } } } } }`,
      {
        r: [{ __typename: 'Project', id: drawnProject }],
      },
      as('OFFICE'),
    );
    expect(project.data._entities[0].inspections[0].inspectors).toHaveLength(2);
    expect(project.data._entities[0].inspections[0].inspectors[0].name).toMatch(/^\p{Script=Han}{2,3}$/u);

    // A second start changes nothing; a fresh database gets the very same draws.
    await seedDemoData(orm.em.fork(), fakeEnv([]));
    expect((await gql(`{ enforcers { totalCount } }`)).data.enforcers.totalCount).toBe(80);
    const twin = await seedInto();
    const results = async (o: MikroORM) =>
      (
        await o.em
          .fork()
          .getConnection()
          .execute('select d.seed, d.result, r.manifest from inspection_draw d join draw_round r on r.id = d.round_id order by d.drawn_on')
      ).map((r: any) => JSON.stringify([r.seed, r.result, r.manifest]));
    expect(await results(twin.orm)).toEqual(await results(orm));
  });
});

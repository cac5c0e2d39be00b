import { createHash, randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai, type Caller, creditCodeCheckCharacter } from '@hub/kit';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import type { PoolProject } from '../draw/draw';
import type { CaseOpeningRequest, Ports } from '../ports';
import { createEnforcersSubgraph } from '../server';

const office = as('OFFICE', 'ZWJ');
const leader = as('LEADER');
const code = (n: number) => {
  const first17 = `91421002MA49${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const projectId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CATEGORY: Record<string, string> = { FGJ: 'MUNICIPAL', ZJJ: 'HOUSING', JTJ: 'TRANSPORT', SLJ: 'WATER', NYJ: 'AGRICULTURE' };
const LINES = Object.keys(CATEGORY);

/** 30 projects registered in 2025, each with its own tenderer and a shared agency. */
const POOL: PoolProject[] = Array.from({ length: 30 }, (_, i) => ({
  id: projectId(i + 1),
  code: `SS2025-${LINES[i % 5]}-${String(i + 1).padStart(4, '0')}`,
  category: CATEGORY[LINES[i % 5]],
  supervisingDepartmentCode: LINES[i % 5],
  registeredOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
  partyCreditCodes: [code(100 + i), code(999)].sort(),
}));

const poolCalls: { caller: Caller; from: string; to: string }[] = [];
const caseCalls: { caller: Caller; request: CaseOpeningRequest }[] = [];
let caseOpenerFails = false;
const ports: Ports = {
  existingProjects: async (ids) => new Set(ids.filter((id) => POOL.some((p) => p.id === id))),
  // The pool's parties are the registered market entities.
  registeredMarketEntities: async (codes) => new Set(codes.filter((c) => POOL.some((p) => p.partyCreditCodes.includes(c)))),
  projectPool: (caller) => ({
    async projectsRegisteredIn(from, to) {
      poolCalls.push({ caller, from, to });
      return POOL.filter((p) => p.registeredOn >= from && p.registeredOn <= to);
    },
  }),
  caseOpener: (caller) => ({
    async openCase(request) {
      caseCalls.push({ caller, request });
      if (caseOpenerFails) throw new Error('cases subgraph unreachable');
      return { caseId: `case-for-${request.findingId.slice(0, 8)}` };
    },
  }),
};
// The slice's clock (the draw procedure's freeze date and deadlines, and today): fixed below, moved by the tests.
const subgraph = createEnforcersSubgraph(ports, { now: () => clock });

let orm: MikroORM;
let schema: GraphQLSchema;
const gql = (source: string, variables: Record<string, unknown> = {}, user: Caller = office) => run(subgraph, schema, orm, source, variables, user);
async function ok<T = any>(source: string, variables: Record<string, unknown> = {}, user: Caller = office): Promise<T> {
  const result = await gql(source, variables, user);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const enforcerIds: Record<string, string> = {};
async function register(name: string, departmentCode: string, specialties: string[], certificateValidUntil = '2030-12-31') {
  const data = await ok(`mutation($input: RegisterEnforcerInput!) { registerEnforcer(input: $input) { id } }`, {
    input: { name, departmentCode, certificateNumber: `CERT-${name}`, certificateValidUntil, specialties },
  });
  enforcerIds[name] = data.registerEnforcer.id;
  return data.registerEnforcer.id as string;
}

async function createPlan(name: string, over: Record<string, unknown> = {}) {
  const data = await ok(`mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id samplingRatio inspectorsPerProject year } }`, {
    input: { name, periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['CJ-01', 'CJ-02'], samplingRatio: 0.05, inspectorsPerProject: 2, ...over },
  });
  return data.createInspectionPlan.id as string;
}

const DRAW_FIELDS = `id seed algorithmVersion drawnOn poolSize poolProjectIds redrawReason supersededAt supersedes { id } round { id manifestHash }
  result { drawnCount projects { projectId inspectorIds } }
  inspections { id status project { id } inspectorPseudonyms inspectors { id name department { code } } }`;

/** The slice's clock (draw procedure, today): fixed, moved by the tests. */
let clock = new Date('2025-12-15T02:00:00Z');
const inDays = (days: number) => new Date(clock.getTime() + days * 86_400_000).toISOString();
const freshSecret = () => randomBytes(32).toString('hex');
const sha = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
const callerFor = (unit: string): Caller => (unit === 'ZWJ' ? office : unit === 'LEADING_GROUP' ? leader : as('DEPT', unit));

const ROUND_FIELDS = `id number status participants drawnOn manifest manifestHash seed redrawReason defaultingUnits abandonReason poolProjectIds
  rosterSnapshot { pseudonym departmentCode specialties } exclusions { projectId pseudonyms } commitments { unitCode commitment secret revealed }`;
const FREEZE = `mutation($input: FreezeDrawInput!) { freezeDraw(input: $input) { ${ROUND_FIELDS} } }`;
const COMMIT = `mutation($id: ID!, $c: String!) { commitDrawSecret(roundId: $id, commitment: $c) { status } }`;
const REVEAL = `mutation($id: ID!, $s: String!) { revealDrawSecret(roundId: $id, secret: $s) { status seed } }`;
const DRAW = `mutation($planId: ID!) { drawInspections(planId: $planId) { ${DRAW_FIELDS} } }`;

async function freeze(planId: string, over: Record<string, unknown> = {}) {
  return (await ok(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3), ...over } })).freezeDraw;
}

/** Every participant commits, then reveals (the office first). */
async function commitAndReveal(round: { id: string; participants: string[] }) {
  const secrets = Object.fromEntries(round.participants.map((u) => [u, freshSecret()]));
  for (const unit of round.participants) await ok(COMMIT, { id: round.id, c: sha(secrets[unit]) }, callerFor(unit));
  const officeFirst = [...round.participants].sort((a, b) => (a === 'ZWJ' ? -1 : b === 'ZWJ' ? 1 : 0));
  for (const unit of officeFirst) await ok(REVEAL, { id: round.id, s: secrets[unit] }, callerFor(unit));
  return secrets;
}

/** The whole procedure: freeze, commit, reveal, draw. */
async function drawPlan(planId: string, over: Record<string, unknown> = {}) {
  const round = await freeze(planId, over);
  const secrets = await commitAndReveal(round);
  const draw = (await ok(DRAW, { planId })).drawInspections;
  return { round, secrets, draw };
}

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  // Two enforcers per line department, plus ones the draw must never pick.
  for (const d of LINES) {
    await register(`${d}-a`, d, [CATEGORY[d]]);
    await register(`${d}-b`, d, [CATEGORY[d]]);
  }
  await register('expired', 'ZJJ', ['HOUSING'], '2025-01-01');
  const inactive = await register('inactive', 'ZJJ', ['HOUSING']);
  await ok(`mutation($input: UpdateEnforcerInput!) { updateEnforcer(input: $input) { id } }`, { input: { id: inactive, active: false } });
  const conflicted = await register('conflicted', 'JTJ', ['TRANSPORT']);
  await ok(`mutation($input: ConflictOfInterestInput!) { recordConflictOfInterest(input: $input) { id } }`, {
    input: { enforcerId: conflicted, creditCode: code(999), reason: '配偶在该代理机构任职' },
  });
  const recused = await register('recused', 'SLJ', ['WATER']);
  for (const p of POOL) {
    await ok(`mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`, {
      input: { enforcerId: recused, projectId: p.id, reason: '曾参与该项目前期咨询' },
    });
  }
  for (const [i, title] of ['依法必须招标项目是否依法招标', '招标文件发出至投标截止不少于二十日'].entries()) {
    await ok(`mutation($input: CreateInspectionItemInput!) { createInspectionItem(input: $input) { id } }`, {
      input: { code: `CJ-0${i + 1}`, title, legalBasis: '《中华人民共和国招标投标法》第二十四条', stages: ['ANNOUNCED'] },
    });
  }
});

afterAll(async () => orm?.close());

describe('plans and draws', () => {
  it('enforces the 5% sampling floor and at least two inspectors per project, naming the field', async () => {
    const low = await gql(`mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id } }`, {
      input: { name: 'x', periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['CJ-01'], samplingRatio: 0.04, inspectorsPerProject: 2 },
    });
    expect(low.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'samplingRatio' });
    const one = await gql(`mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id } }`, {
      input: { name: 'x', periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['CJ-01'], samplingRatio: 0.05, inspectorsPerProject: 1 },
    });
    expect(one.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inspectorsPerProject' });
    const unknown = await gql(`mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id } }`, {
      input: { name: 'x', periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['NOPE'], samplingRatio: 0.05 },
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({ field: 'itemCodes', missing: ['NOPE'] });
    // The period's order is refused on the input's own field name, which a form can map back.
    const backwards = await gql(`mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id } }`, {
      input: { name: 'x', periodFrom: '2025-12-31', periodTo: '2025-01-01', itemCodes: ['CJ-01'], samplingRatio: 0.05, inspectorsPerProject: 2 },
    });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodTo', rule: 'period order' });
    const denied = await gql(
      `mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id } }`,
      {
        input: { name: 'x', periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['CJ-01'], samplingRatio: 0.05 },
      },
      as('DEPT', 'ZJJ'),
    );
    expect(denied.errors?.[0].message).toMatch(/Access denied/);
    const plans = await ok(`{ inspectionPlans { totalCount } }`, {}, leader);
    expect(plans.inspectionPlans.totalCount).toBe(0);
  });

  it('freezes a pseudonymous manifest, takes commitments then reveals from two units, and draws ceil(5%) of the real pool from the derived seed', async () => {
    const planId = await createPlan('2025 plan');
    poolCalls.length = 0;
    const round = await freeze(planId, { participantUnits: ['FGJ', 'ZWJ', 'ZWJ'] });
    expect(poolCalls).toEqual([{ caller: office, from: '2025-01-01', to: '2025-12-31' }]);
    expect(round).toMatchObject({ number: 1, status: 'COMMITTING', participants: ['FGJ', 'ZWJ'], drawnOn: '2025-12-15', seed: null, commitments: [] });
    expect(round.poolProjectIds).toEqual(POOL.map((p) => p.id).sort());
    expect(createHash('sha256').update(round.manifest).digest('hex')).toBe(round.manifestHash);
    // The published snapshot: eligible enforcers only (not expired, not inactive), no names, no certificate numbers, no enforcer ids.
    expect(round.rosterSnapshot).toHaveLength(12);
    for (const name of Object.keys(enforcerIds)) {
      expect(round.manifest).not.toContain(name);
      expect(round.manifest).not.toContain(`CERT-${name}`);
      expect(round.manifest).not.toContain(enforcerIds[name]);
    }
    // The conflicted enforcer (the shared agency is a party of every project) and the recused one are excluded from every project.
    expect(round.exclusions).toHaveLength(30);
    for (const x of round.exclusions) expect(x.pseudonyms).toHaveLength(2);

    // Reveals wait for every commitment; the office cannot commit twice (it is one unit, never two).
    const secrets = { ZWJ: freshSecret(), FGJ: freshSecret() };
    await ok(COMMIT, { id: round.id, c: sha(secrets.ZWJ) });
    const early = await gql(REVEAL, { id: round.id, s: secrets.ZWJ });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'COMMITTING', waitingFor: ['FGJ'] });
    const twice = await gql(COMMIT, { id: round.id, c: sha(freshSecret()) });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'COMMITTED' });
    const outsider = await gql(COMMIT, { id: round.id, c: sha(freshSecret()) }, as('DEPT', 'ZJJ'));
    expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const notHex = await gql(COMMIT, { id: round.id, c: 'not-a-hash' }, as('DEPT', 'FGJ'));
    expect(notHex.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commitment' });
    expect((await ok(COMMIT, { id: round.id, c: sha(secrets.FGJ) }, as('DEPT', 'FGJ'))).commitDrawSecret.status).toBe('REVEALING');

    // The office reveals first; a secret that does not match its commitment is refused and changes nothing.
    const beforeOffice = await gql(REVEAL, { id: round.id, s: secrets.FGJ }, as('DEPT', 'FGJ'));
    expect(beforeOffice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', waitingFor: ['ZWJ'] });
    const wrong = await gql(REVEAL, { id: round.id, s: freshSecret() });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secret', rule: 'SHA-256(secret) = commitment' });
    expect((await ok(REVEAL, { id: round.id, s: secrets.ZWJ })).revealDrawSecret).toEqual({ status: 'REVEALING', seed: null });
    // Until the last reveal, nobody reads a secret from the graph.
    const midway = await ok(`query($id: ID!) { inspectionPlan(id: $id) { rounds { commitments { unitCode secret revealed } } } }`, { id: planId }, leader);
    expect(midway.inspectionPlan.rounds[0].commitments).toEqual([
      { unitCode: 'FGJ', secret: null, revealed: false },
      { unitCode: 'ZWJ', secret: null, revealed: true },
    ]);
    const last = (await ok(REVEAL, { id: round.id, s: secrets.FGJ }, as('DEPT', 'FGJ'))).revealDrawSecret;
    const expectedSeed = createHash('sha256')
      .update(Buffer.concat([Buffer.from(round.manifestHash, 'hex'), Buffer.from(secrets.FGJ, 'hex'), Buffer.from(secrets.ZWJ, 'hex')]))
      .digest('hex');
    expect(last).toEqual({ status: 'REVEALED', seed: expectedSeed });

    // The office cannot pass a seed any more.
    const seeded = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId, seed: "c0ffee00c0ffee00") { id } }`, { planId });
    expect(seeded.errors?.[0].message).toMatch(/Unknown argument "seed"/);
    const draw = (await ok(DRAW, { planId })).drawInspections;
    expect(draw).toMatchObject({
      seed: expectedSeed,
      algorithmVersion: 'draw-v2',
      drawnOn: '2025-12-15',
      poolSize: 30,
      round: { id: round.id, manifestHash: round.manifestHash },
    });
    expect(draw.result.drawnCount).toBe(2);
    expect(draw.inspections).toHaveLength(2);
    const never = new Set(['expired', 'inactive', 'conflicted', 'recused'].map((n) => enforcerIds[n]));
    for (const inspection of draw.inspections) {
      expect(inspection.status).toBe('ASSIGNED');
      expect(inspection.inspectors).toHaveLength(2);
      expect(new Set(inspection.inspectors.map((e: any) => e.department.code)).size).toBe(2);
      for (const e of inspection.inspectors) expect(never.has(e.id)).toBe(false);
      const project = POOL.find((p) => p.id === inspection.project.id)!;
      expect(inspection.inspectors[0].department.code).toBe(project.supervisingDepartmentCode); // the specialist
      expect(inspection.inspectorPseudonyms).toEqual(draw.result.projects.find((p: any) => p.projectId === project.id).inspectorIds);
    }
    const again = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId) { id } }`, { planId });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DRAWN' });
    const refreeze = await gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3) } });
    expect(refreeze.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DRAWN' });
  });

  it('refuses a freeze that one unit could steer, names the field, and refuses a second round while one is open', async () => {
    const planId = await createPlan('rules plan');
    const freezeWith = (over: Record<string, unknown>) =>
      gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3), ...over } });
    expect((await freezeWith({ participantUnits: ['ZWJ', 'ZWJ'] })).errors?.[0].extensions).toMatchObject({
      field: 'participantUnits',
      rule: 'at least two units',
    });
    expect((await freezeWith({ participantUnits: ['ZWJ', 'JYZX'] })).errors?.[0].extensions).toMatchObject({ field: 'participantUnits', unknown: ['JYZX'] });
    expect((await freezeWith({ revealDeadline: inDays(-1) })).errors?.[0].extensions).toMatchObject({ field: 'revealDeadline' });
    expect((await freezeWith({ revealDeadline: inDays(31) })).errors?.[0].extensions).toMatchObject({ field: 'revealDeadline' });
    expect((await freezeWith({ redrawReason: '无' })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'NOT_DRAWN' });
    expect(
      (await gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3) } }, as('DEPT', 'FGJ'))).errors?.[0].message,
    ).toMatch(/Access denied/);
    const open = await freeze(planId, { participantUnits: ['ZWJ', 'LEADING_GROUP'] });
    expect((await freezeWith({})).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'COMMITTING', roundId: open.id });
    const notYet = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId) { id } }`, { planId });
    expect(notYet.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'COMMITTING', waitingFor: ['LEADING_GROUP', 'ZWJ'] });
    // A secret is single-use: a commitment seen in any round is refused.
    const secret = freshSecret();
    await ok(COMMIT, { id: open.id, c: sha(secret) }, leader);
    const reused = await gql(COMMIT, { id: open.id, c: sha(secret) });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commitment', rule: 'single-use secret' });
    // Before any reveal nobody knows the seed: the office may abandon, and a new round starts from scratch.
    const abandoned = (
      await ok(`mutation($id: ID!) { abandonDrawRound(roundId: $id, reason: "见证人变更") { status defaultingUnits abandonReason } }`, { id: open.id })
    ).abandonDrawRound;
    expect(abandoned).toEqual({ status: 'ABANDONED', defaultingUnits: ['LEADING_GROUP', 'ZWJ'], abandonReason: '见证人变更' });
    expect((await freeze(planId)).number).toBe(2);
  });

  it('after the first reveal a missing reveal cannot be waited out or skipped: past the deadline the round is abandoned on record and redone with fresh commitments', async () => {
    const planId = await createPlan('deadline plan');
    const round = await freeze(planId, { participantUnits: ['ZWJ', 'JTJ'], revealDeadline: inDays(2) });
    const secrets = { ZWJ: freshSecret(), JTJ: freshSecret() };
    await ok(COMMIT, { id: round.id, c: sha(secrets.ZWJ) });
    await ok(COMMIT, { id: round.id, c: sha(secrets.JTJ) }, as('DEPT', 'JTJ'));
    await ok(REVEAL, { id: round.id, s: secrets.ZWJ });
    const ABANDON = `mutation($id: ID!) { abandonDrawRound(roundId: $id, reason: "交通局未在期限内揭示") { status defaultingUnits } }`;
    const tooSoon = await gql(ABANDON, { id: round.id });
    expect(tooSoon.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'REVEALING' });
    const saved = clock;
    try {
      clock = new Date(saved.getTime() + 2 * 86_400_000 + 1000);
      const late = await gql(REVEAL, { id: round.id, s: secrets.JTJ }, as('DEPT', 'JTJ'));
      expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DEADLINE_PASSED' });
      expect((await ok(ABANDON, { id: round.id })).abandonDrawRound).toEqual({ status: 'ABANDONED', defaultingUnits: ['JTJ'] });
      const next = await freeze(planId, { participantUnits: ['ZWJ', 'JTJ'] });
      expect(next.number).toBe(2);
      // The old commitments do not carry over: re-using one is refused.
      const stale = await gql(COMMIT, { id: next.id, c: sha(secrets.JTJ) }, as('DEPT', 'JTJ'));
      expect(stale.errors?.[0].extensions).toMatchObject({ field: 'commitment', rule: 'single-use secret' });
      await commitAndReveal(next);
      await ok(DRAW, { planId });
    } finally {
      clock = saved;
    }
    const plan = await ok(
      `query($id: ID!) { inspectionPlan(id: $id) { rounds { number status secrets: commitments { unitCode secret } } currentDraw { round { number } } } }`,
      { id: planId },
      leader,
    );
    expect(plan.inspectionPlan.rounds.map((r: any) => [r.number, r.status])).toEqual([
      [2, 'DRAWN'],
      [1, 'ABANDONED'],
    ]);
    // The abandoned round is kept, with the secret that was revealed.
    expect(plan.inspectionPlan.rounds[1].secrets).toEqual([
      { unitCode: 'JTJ', secret: null },
      { unitCode: 'ZWJ', secret: secrets.ZWJ },
    ]);
    expect(plan.inspectionPlan.currentDraw.round.number).toBe(2);
  });

  it('lets concurrent draws and freezes of one plan through once: the other gets CONFLICT', async () => {
    const planId = await createPlan('race plan');
    const freezes = await Promise.all([0, 1].map(() => gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'SLJ'], revealDeadline: inDays(3) } })));
    expect(freezes.filter((r) => !r.errors)).toHaveLength(1);
    expect(freezes.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    // Two units committing at the same moment both get through (the round row serialises them): commitments then close.
    const round = freezes.find((r) => !r.errors)!.data!.freezeDraw;
    const secrets = { ZWJ: freshSecret(), SLJ: freshSecret() };
    const commits = await Promise.all([
      ok(COMMIT, { id: round.id, c: sha(secrets.ZWJ) }),
      ok(COMMIT, { id: round.id, c: sha(secrets.SLJ) }, as('DEPT', 'SLJ')),
    ]);
    expect(commits.map((c) => c.commitDrawSecret.status).sort()).toEqual(['COMMITTING', 'REVEALING']);
    await ok(REVEAL, { id: round.id, s: secrets.ZWJ });
    await ok(REVEAL, { id: round.id, s: secrets.SLJ }, as('DEPT', 'SLJ'));
    const results = await Promise.all([0, 1].map(() => gql(`mutation($planId: ID!) { drawInspections(planId: $planId) { id } }`, { planId })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    const plan = await ok(`query($id: ID!) { inspectionPlan(id: $id) { draws { id } } }`, { id: planId });
    expect(plan.inspectionPlan.draws).toHaveLength(1);
    // The database itself refuses a second draw in force for the plan.
    const knex = orm.em.getConnection().getKnex();
    const copy = knex.raw(
      `insert into inspection_draw (id, plan_id, seed, algorithm_version, drawn_on, sampling_ratio_basis_points, inspectors_per_project, pool, roster, result, committed_at, committed_by)
       select ?, plan_id, seed, algorithm_version, drawn_on, sampling_ratio_basis_points, inspectors_per_project, pool, roster, result, committed_at, committed_by from inspection_draw where plan_id = ?`,
      ['00000000-0000-4000-8000-0000000000ff', planId],
    );
    await expect(copy).rejects.toThrow(/inspection_draw_one_current_per_plan/);
  });

  it('refuses to freeze a draw that could fail, naming the project, storing nothing', async () => {
    // NYJ-b declares their own recusal from every project (an enforcer may, for no one else): 9 remain eligible.
    const nyjB = as('ENFORCER', 'NYJ', enforcerIds['NYJ-b']);
    const forOther = await gql(
      `mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`,
      { input: { enforcerId: enforcerIds['NYJ-a'], projectId: POOL[0].id, reason: 'x' } },
      nyjB,
    );
    expect(forOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const p of POOL) {
      await ok(
        `mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`,
        { input: { enforcerId: enforcerIds['NYJ-b'], projectId: p.id, reason: '近亲属在项目单位任职' } },
        nyjB,
      );
    }
    const planId = await createPlan('too many inspectors', { inspectorsPerProject: 10, samplingRatio: 0.05 });
    const result = await gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3) } });
    expect(result.errors?.[0].message).toMatch(/Project SS2025-\w+-\d{4} .* has only \d+ eligible inspector/);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DRAW_IMPOSSIBLE', eligible: 9, required: 10 });
    const plan = await ok(`query($id: ID!) { inspectionPlan(id: $id) { rounds { id } draws { id } currentDraw { id } } }`, { id: planId });
    expect(plan.inspectionPlan).toEqual({ rounds: [], draws: [], currentDraw: null });
  });

  it('verifies a draw from public data — manifest, commitments, seed, result, inspections — and detects each kind of tampering', async () => {
    const planId = await createPlan('verify plan');
    const { draw, round, secrets } = await drawPlan(planId, { participantUnits: ['ZWJ', 'NYJ'] });
    const VERIFY = `query($id: ID!) { verifyDraw(drawId: $id) { matches resultMatches inspectionsMatch manifestMatches commitmentsMatch seedMatches manifestHash seed poolSize problem recomputed { projects { projectId inspectorIds } } stored { drawnCount } } }`;
    const fine = await ok(VERIFY, { id: draw.id }, as('DEPT', 'NYJ'));
    expect(fine.verifyDraw).toMatchObject({
      matches: true,
      resultMatches: true,
      inspectionsMatch: true,
      manifestMatches: true,
      commitmentsMatch: true,
      seedMatches: true,
      manifestHash: round.manifestHash,
      seed: draw.seed,
      poolSize: 30,
      problem: null,
    });
    expect(fine.verifyDraw.recomputed.projects).toEqual(draw.result.projects);
    // Once every secret is out, anyone reads them with the round.
    const published = await ok(`query($id: ID!) { inspectionDraw(id: $id) { round { commitments { unitCode secret } } } }`, { id: draw.id });
    expect(published.inspectionDraw.round.commitments).toEqual([
      { unitCode: 'NYJ', secret: secrets.NYJ },
      { unitCode: 'ZWJ', secret: secrets.ZWJ },
    ]);
    // Not published yet: the public cannot verify it.
    const anonymous = await gql(VERIFY, { id: draw.id }, as('PUBLIC'));
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const knex = orm.em.getConnection().getKnex();
    // Hand-picking an inspector after the fact: the stored inspections no longer match the re-run.
    const [inspection] = await knex('inspection').where({ draw_id: draw.id }).select('id', 'inspector_ids');
    const swapped = [enforcerIds['ZJJ-a'] === inspection.inspector_ids[0] ? enforcerIds['ZJJ-b'] : enforcerIds['ZJJ-a'], inspection.inspector_ids[1]];
    await knex('inspection')
      .where({ id: inspection.id })
      .update({ inspector_ids: JSON.stringify(swapped) });
    expect((await ok(VERIFY, { id: draw.id }, leader)).verifyDraw).toMatchObject({
      matches: false,
      resultMatches: true,
      inspectionsMatch: false,
      seedMatches: true,
    });
    // Swapping a revealed secret: it no longer matches its commitment.
    await knex('draw_commitment').where({ round_id: round.id, unit_code: 'NYJ' }).update({ secret: freshSecret() });
    expect((await ok(VERIFY, { id: draw.id }, leader)).verifyDraw).toMatchObject({ matches: false, commitmentsMatch: false, seedMatches: false });
    // Editing the frozen manifest after the fact: it no longer hashes to the published hash.
    await knex('draw_round')
      .where({ id: round.id })
      .update({ manifest: round.manifest.replace('"round":1', '"round":9') });
    expect((await ok(VERIFY, { id: draw.id }, leader)).verifyDraw).toMatchObject({ matches: false, manifestMatches: false });
  });

  it('redraws after a recusal through the same procedure, supersedes the draw in force on record, and refuses once results are recorded', async () => {
    const planId = await createPlan('redraw plan');
    const first = (await drawPlan(planId)).draw;
    const target = first.inspections[0];
    const recused = target.inspectors[1];
    await ok(`mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`, {
      input: { enforcerId: recused.id, projectId: target.project.id, reason: '近亲属在投标单位任职' },
    });
    const noReason = await gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3), redrawReason: '  ' } });
    expect(noReason.errors?.[0].extensions).toMatchObject({ field: 'redrawReason', rule: 'required' });
    const { round, draw: second } = await drawPlan(planId, { redrawReason: '抽中人员申请回避', participantUnits: ['ZWJ', 'LEADING_GROUP'] });
    expect(round).toMatchObject({ number: 2, redrawReason: '抽中人员申请回避' });
    // The recusal is in the new manifest as a pseudonymous exclusion of that project.
    const recusedPseudonym = target.inspectorPseudonyms[1];
    expect(round.rosterSnapshot.map((e: any) => e.pseudonym)).not.toContain(recusedPseudonym); // pseudonyms are per round
    const excludedFrom = (projectId: string) => round.exclusions.find((x: any) => x.projectId === projectId).pseudonyms.length;
    const elsewhere = POOL.find((p) => p.id !== target.project.id)!.id;
    expect(excludedFrom(target.project.id)).toBe(excludedFrom(elsewhere) + 1);
    expect(second.supersedes).toEqual({ id: first.id });
    expect(second.redrawReason).toBe('抽中人员申请回避');
    const plan = await ok(`query($id: ID!) { inspectionPlan(id: $id) { currentDraw { id } draws { id supersededAt inspections { status } } } }`, {
      id: planId,
    });
    expect(plan.inspectionPlan.currentDraw.id).toBe(second.id);
    expect(plan.inspectionPlan.draws).toHaveLength(2);
    const old = plan.inspectionPlan.draws.find((d: any) => d.id === first.id);
    expect(old.supersededAt).not.toBeNull();
    expect(old.inspections.every((i: any) => i.status === 'CANCELLED')).toBe(true);
    // The superseded draw still verifies: its record is kept as it was.
    expect((await ok(`query($id: ID!) { verifyDraw(drawId: $id) { matches } }`, { id: first.id })).verifyDraw.matches).toBe(true);

    // A fully revealed round fixes the seed: it cannot be abandoned to get another one.
    const third = await freeze(planId, { redrawReason: '再次回避' });
    await commitAndReveal(third);
    const ABANDON = `mutation($id: ID!) { abandonDrawRound(roundId: $id, reason: "结果已录入") { status defaultingUnits } }`;
    expect((await gql(ABANDON, { id: third.id })).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      currentState: 'REVEALED',
      allowed: ['drawInspections'],
    });
    // Once a result is recorded, the draw can no longer be redone: the revealed redraw round can then only be abandoned.
    await ok(`mutation($input: InspectionResultInput!) { recordInspectionResult(input: $input) { status } }`, {
      input: {
        inspectionId: second.inspections[0].id,
        inspectedOn: todayInShanghai(clock),
        checklist: [
          { itemCode: 'CJ-01', outcome: 'COMPLIANT' },
          { itemCode: 'CJ-02', outcome: 'COMPLIANT' },
        ],
      },
    });
    const blocked = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId) { id } }`, { planId });
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'RESULTS_RECORDED' });
    expect((await ok(ABANDON, { id: third.id })).abandonDrawRound).toEqual({ status: 'ABANDONED', defaultingUnits: [] });
    const late = await gql(FREEZE, { input: { planId, participantUnits: ['ZWJ', 'FGJ'], revealDeadline: inDays(3), redrawReason: 'again' } });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'RESULTS_RECORDED' });
  });
});

describe('inspections, access and the finding → case path', () => {
  let inspection: { id: string; project: { id: string }; inspectors: { id: string; department: { code: string } }[] };

  beforeAll(async () => {
    const planId = await createPlan('access plan');
    inspection = (await drawPlan(planId)).draw.inspections[0];
  });

  const RESULT = `mutation($input: InspectionResultInput!) { recordInspectionResult(input: $input) { id status checklist { itemCode outcome } findings { id severity respondentCreditCodes caseId } } }`;
  const resultInput = (findings: unknown[] = []) => ({
    inspectionId: inspection.id,
    inspectedOn: todayInShanghai(clock),
    checklist: [
      { itemCode: 'CJ-01', outcome: 'COMPLIANT' },
      { itemCode: 'CJ-02', outcome: 'NON_COMPLIANT', note: '投标截止仅十五日' },
    ],
    summary: '发现问题',
    findings,
  });

  it('lets the roster be read by office and leaders, a department its own, an enforcer themself, the public not at all', async () => {
    const zjj = await ok(`{ enforcers(first: 100) { totalCount nodes { name certificateNumber department { code } } } }`, {}, as('DEPT', 'ZJJ'));
    expect(zjj.enforcers.nodes.every((n: any) => n.department.code === 'ZJJ')).toBe(true);
    expect(zjj.enforcers.totalCount).toBe(4);
    const other = await gql(`{ enforcers(filter: { departmentCode: "JTJ" }) { totalCount } }`, {}, as('DEPT', 'ZJJ'));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const all = await ok(`{ enforcers(first: 100) { totalCount } }`, {}, leader);
    expect(all.enforcers.totalCount).toBe(14);
    const self = as('ENFORCER', 'JTJ', enforcerIds['JTJ-a']);
    const mine = await ok(`{ enforcers { nodes { id } } }`, {}, self);
    expect(mine.enforcers.nodes).toEqual([{ id: enforcerIds['JTJ-a'] }]);
    const someoneElse = await gql(`query($id: ID!) { enforcer(id: $id) { name } }`, { id: enforcerIds['JTJ-b'] }, self);
    expect(someoneElse.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(`{ enforcers { totalCount } }`, {}, as('PUBLIC'));
    expect(anonymous.errors?.[0].message).toMatch(/Access denied/);
    // Department.enforcers through federation: own department yes, another no.
    const REFS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Department { code enforcers { name certificateNumber } } } }`;
    const own = await gql(
      REFS,
      {
        r: [
          { __typename: 'Department', code: 'ZJJ' },
          { __typename: 'Department', code: 'SLJ' },
        ],
      },
      as('DEPT', 'ZJJ'),
    );
    expect(own.data?._entities[0].enforcers).toHaveLength(4);
    expect(own.data?._entities[1].enforcers).toBeNull();
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets only the assigned inspectors or the office record results, and the public read only published ones', async () => {
    const assigned = as('ENFORCER', inspection.inspectors[0].department.code, inspection.inspectors[0].id);
    const stranger = as(
      'ENFORCER',
      'NYJ',
      Object.values(enforcerIds).find((id) => !inspection.inspectors.some((i) => i.id === id))!,
    );
    const denied = await gql(RESULT, { input: resultInput() }, stranger);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const incomplete = await gql(RESULT, { input: { ...resultInput(), checklist: [{ itemCode: 'CJ-01', outcome: 'COMPLIANT' }] } }, assigned);
    expect(incomplete.errors?.[0].extensions).toMatchObject({ field: 'checklist', missing: ['CJ-02'] });
    const badCode = await gql(
      RESULT,
      { input: resultInput([{ description: 'x', severity: 'MINOR', respondentCreditCodes: ['91421002MA4900000X'] }]) },
      assigned,
    );
    expect(badCode.errors?.[0].extensions).toMatchObject({ field: 'findings[0].respondentCreditCodes[0]', rule: 'GB 32100-2015' });
    // A valid code of a party the trading center does not know: refused on its place, nothing recorded.
    const unregistered = code(5000);
    expect(POOL.some((p) => p.partyCreditCodes.includes(unregistered))).toBe(false);
    const unknownParty = await gql(
      RESULT,
      {
        input: resultInput([
          { description: 'x', severity: 'MINOR', respondentCreditCodes: [code(999)] },
          { description: 'y', severity: 'MINOR', respondentCreditCodes: [code(999), unregistered] },
        ]),
      },
      assigned,
    );
    expect(unknownParty.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'findings[1].respondentCreditCodes[1]',
      rule: 'registered market entity',
    });
    expect((await ok(`query($id: ID!) { inspection(id: $id) { status findings { id } } }`, { id: inspection.id }, assigned)).inspection).toMatchObject({
      findings: [],
    });
    const recorded = await ok(
      RESULT,
      { input: resultInput([{ itemCode: 'CJ-02', description: '招标文件发出至投标截止不足二十日', severity: 'MAJOR', respondentCreditCodes: [code(999)] }]) },
      assigned,
    );
    expect(recorded.recordInspectionResult).toMatchObject({
      status: 'RECORDED',
      findings: [{ severity: 'MAJOR', respondentCreditCodes: [code(999)], caseId: null }],
    });

    const PROJECT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { inspections { id status inspectors { name department { code } } findings { description } } } } }`;
    const projectRef = { r: [{ __typename: 'Project', id: inspection.project.id }] };
    const supervising = POOL.find((p) => p.id === inspection.project.id)!.supervisingDepartmentCode;
    const outsider = LINES.find((d) => d !== supervising)!;
    // The project may also have been drawn by the other plans of this file: look for this inspection.
    const visibleTo = async (user: Caller) => (await ok(PROJECT, projectRef, user))._entities[0].inspections.map((i: any) => i.id);
    expect(await visibleTo(as('PUBLIC'))).toEqual([]);
    expect(await visibleTo(as('DEPT', outsider))).not.toContain(inspection.id);
    expect(await visibleTo(as('DEPT', supervising))).toContain(inspection.id);
    expect(await visibleTo(assigned)).toContain(inspection.id);
    const hidden = await gql(`query($id: ID!) { inspection(id: $id) { id } }`, { id: inspection.id }, as('PUBLIC'));
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(`mutation($id: ID!) { publishInspection(id: $id) { id } }`, { id: inspection.id }, assigned)).errors?.[0].message).toMatch(
      /Access denied/,
    );

    const published = await ok(`mutation($id: ID!) { publishInspection(id: $id) { status publishedAt } }`, { id: inspection.id });
    expect(published.publishInspection.status).toBe('PUBLISHED');
    const publicView = await ok(PROJECT, projectRef, as('PUBLIC'));
    expect(publicView._entities[0].inspections.map((i: any) => i.id)).toEqual([inspection.id]);
    expect(publicView._entities[0].inspections[0].inspectors[0].name).toBeTruthy();
    const list = await ok(`{ publishedInspections { totalCount nodes { id } } }`, {}, as('PUBLIC'));
    expect(list.publishedInspections.nodes.map((n: any) => n.id)).toContain(inspection.id);
    const again = await gql(RESULT, { input: resultInput() }, assigned);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'PUBLISHED' });
  });

  it('lists published draws to the public with what verifying them needs, and never the office staff behind a step', async () => {
    const DRAWS = `{ publishedDraws(first: 100) { totalCount pageInfo { hasNextPage } nodes { id publishedAt committedBy seed
      plan { createdBy } round { frozenBy manifest commitments { secret } } result { projects { projectId } } inspections { id status inspectorPseudonyms } } } }`;
    const ofInspection = await ok(`query($id: ID!) { inspection(id: $id) { draw { id } } }`, { id: inspection.id });
    const drawId = ofInspection.inspection.draw.id;
    const allDraws = await ok(`{ inspectionPlans(first: 100) { nodes { draws { id publishedAt } } } }`);
    const draws: { id: string; publishedAt: string | null }[] = allDraws.inspectionPlans.nodes.flatMap((p: any) => p.draws);
    expect(
      draws.some((d) => !d.publishedAt),
      'this file also has unpublished draws',
    ).toBe(true);

    const seen = (await ok(DRAWS, {}, as('PUBLIC'))).publishedDraws;
    expect(seen.nodes.map((d: any) => d.id).sort()).toEqual(
      draws
        .filter((d) => d.publishedAt)
        .map((d) => d.id)
        .sort(),
    );
    const draw = seen.nodes.find((d: any) => d.id === drawId);
    expect(draw).toBeDefined();
    expect(draw.round.commitments.every((c: any) => /^[0-9a-f]{64}$/.test(c.secret))).toBe(true);
    expect(draw.inspections.map((i: any) => i.id)).toEqual([inspection.id]);
    expect(draw.inspections[0].inspectorPseudonyms.length).toBeGreaterThan(0);
    for (const d of seen.nodes) {
      expect([d.committedBy, d.plan.createdBy, d.round?.frozenBy ?? 'ZWJ']).toEqual(['ZWJ', 'ZWJ', 'ZWJ']);
      for (const i of d.inspections) expect(i.status).toBe('PUBLISHED');
    }
    const staff = (await ok(DRAWS)).publishedDraws.nodes.find((d: any) => d.id === drawId);
    expect([staff.committedBy, staff.plan.createdBy, staff.round.frozenBy]).toEqual([office.sub, office.sub, office.sub]);

    const firstPage = await ok(`{ publishedDraws(first: 1) { pageInfo { hasNextPage endCursor } nodes { id } } }`, {}, as('PUBLIC'));
    expect(firstPage.publishedDraws.nodes).toHaveLength(1);
  });

  it('opens a case for a finding through the CaseOpener, storing a failure and succeeding on retry', async () => {
    const detail = await ok(`query($id: ID!) { inspection(id: $id) { findings { id } } }`, { id: inspection.id });
    const findingId = detail.inspection.findings[0].id;
    const OPEN = `mutation($id: ID!) { openCaseFromFinding(findingId: $id) { id caseId caseOpeningError case { id } } }`;
    const assigned = as('ENFORCER', inspection.inspectors[0].department.code, inspection.inspectors[0].id);
    expect((await gql(OPEN, { id: findingId }, as('DEPT', 'ZJJ'))).errors?.[0].message).toMatch(/Access denied/);

    caseOpenerFails = true;
    caseCalls.length = 0;
    const failed = await ok(OPEN, { id: findingId }, assigned);
    expect(failed.openCaseFromFinding).toMatchObject({ caseId: null, case: null, caseOpeningError: 'cases subgraph unreachable' });
    caseOpenerFails = false;
    const opened = await ok(OPEN, { id: findingId }, assigned);
    expect(opened.openCaseFromFinding).toMatchObject({
      caseId: `case-for-${findingId.slice(0, 8)}`,
      caseOpeningError: null,
      case: { id: `case-for-${findingId.slice(0, 8)}` },
    });
    // Both attempts carried the same finding id (the cases side is idempotent on it), signed as the caller.
    const project = POOL.find((p) => p.id === inspection.project.id)!;
    expect(caseCalls).toHaveLength(2);
    for (const call of caseCalls) {
      expect(call.caller).toEqual(assigned);
      expect(call.request).toMatchObject({
        findingId,
        projectId: project.id,
        departmentCode: project.supervisingDepartmentCode,
        respondentCreditCodes: [code(999)],
      });
    }
    // Once opened, a further call does not go to the cases slice again.
    await ok(OPEN, { id: findingId });
    expect(caseCalls).toHaveLength(2);
  });

  it('answers inspection coverage for a period by the draws made in it, each against the pool it used, equal to the list query', async () => {
    const REFS = `query($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) { ... on Department { code inspectionStats(period: $p) { poolSize drawn ratio done findings } } } }`;
    const LIST = `query($f: InspectionFilter!) { inspections(first: 100, filter: $f) { totalCount nodes { status findings { id } } } }`;
    const statsFor = async (from: string, to: string) =>
      (await ok(REFS, { r: LINES.map((code) => ({ __typename: 'Department', code })), p: { from, to } }, leader))._entities.map((d: any) => d.inspectionStats);
    const saved = clock;
    try {
      // Two plans over 2025's projects, drawn in January 2026 (a 10% draw and a 5% one); the bimonthly review of Jan–Feb 2026 answers for them.
      clock = new Date('2026-01-20T02:00:00Z');
      const ten = (await drawPlan(await createPlan('2025 复查 10%', { samplingRatio: 0.1 }))).draw;
      clock = new Date('2026-02-10T02:00:00Z');
      const five = (await drawPlan(await createPlan('2025 复查 5%'))).draw;
      expect(ten.result.drawnCount + five.result.drawnCount).toBe(5);
      const stats = await statsFor('2026-01-01', '2026-02-28');
      // Each draw used the 30-project pool (6 per department): summed over the two draws.
      for (const st of stats) expect(st.poolSize).toBe(12);
      // The same figure from the published draws of the period: their manifests' pools, by department.
      const plans = (await ok(`{ inspectionPlans(first: 100) { nodes { currentDraw { drawnOn round { manifest } } } } }`, {}, leader)).inspectionPlans.nodes;
      const inPeriod = plans.map((p: any) => p.currentDraw).filter((d: any) => d && d.drawnOn >= '2026-01-01' && d.drawnOn <= '2026-02-28');
      expect(inPeriod).toHaveLength(2);
      for (const [k, code] of LINES.entries()) {
        const pooled = inPeriod.reduce(
          (sum: number, d: any) => sum + JSON.parse(d.round.manifest).pool.filter((p: any) => p.departmentCode === code).length,
          0,
        );
        expect(stats[k].poolSize, code).toBe(pooled);
      }
      expect(stats.reduce((sum: number, st: any) => sum + st.drawn, 0)).toBe(5);
      for (const [k, code] of LINES.entries()) {
        const listed = (await ok(LIST, { f: { departmentCode: code, drawnFrom: '2026-01-01', drawnTo: '2026-02-28' } }, leader)).inspections;
        expect(stats[k].drawn, code).toBe(listed.totalCount);
        expect(stats[k].done, code).toBe(listed.nodes.filter((n: any) => n.status === 'RECORDED' || n.status === 'PUBLISHED').length);
        expect(stats[k].findings, code).toBe(listed.nodes.reduce((sum: number, n: any) => sum + n.findings.length, 0));
        expect(stats[k].ratio).toBeCloseTo(stats[k].drawn / 12);
      }
      // January alone holds only the 10% draw; a period without draws shows nothing, whatever projects were registered in it.
      const january = await statsFor('2026-01-01', '2026-01-31');
      expect(january.reduce((sum: number, st: any) => sum + st.drawn, 0)).toBe(3);
      for (const st of await statsFor('2025-03-01', '2025-04-30')) expect(st).toEqual({ poolSize: 0, drawn: 0, ratio: 0, done: 0, findings: 0 });
      const badFilter = await gql(LIST, { f: { drawnFrom: '2026-01-01' } }, leader);
      expect(badFilter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.drawnTo' });
    } finally {
      clock = saved;
    }
    // The draws of 15 December 2025 (the earlier tests) with the one finding recorded on them.
    const december = await statsFor('2025-11-01', '2025-12-31');
    expect(december.reduce((sum: number, st: any) => sum + st.findings, 0)).toBe(1);
    expect(december.reduce((sum: number, st: any) => sum + st.done, 0)).toBeGreaterThanOrEqual(2);
  });
});

describe('batching', () => {
  it('costs the same number of statements for Project.inspections, Department.enforcers and stats over 5 or 100 keys', async () => {
    const QUERY = `query($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) {
      ... on Project { inspections { id inspectors { name department { code } } findings { id } plan { name items { code } } } }
      ... on Department { enforcers { name trainingRecords { course } conflictsOfInterest { creditCode } } inspectionStats(period: $p) { drawn } } } }`;
    // Drawn projects first, so the small request already exercises every loader.
    const drawn: string[] = (await orm.em.fork().getConnection().execute('select distinct project_id from inspection order by project_id')).map(
      (r: any) => r.project_id,
    );
    const keys = [...drawn, ...POOL.map((p) => p.id).filter((id) => !drawn.includes(id))];
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    const measure = async (projects: number, departments: number) => {
      const r = [
        ...Array.from({ length: projects }, (_, i) => ({ __typename: 'Project', id: i < keys.length ? keys[i] : projectId(1000 + i) })),
        ...Array.from({ length: departments }, (_, i) => ({ __typename: 'Department', code: i < 5 ? LINES[i] : `X${i}` })),
      ];
      const { result, statements } = await countStatements(orm, () =>
        run(subgraph, schema, orm, QUERY, { r, p: { from: '2025-01-01', to: '2025-12-31' } }, leader),
      );
      expect(result.errors).toBeUndefined();
      return statements.length;
    };
    const small = await measure(5, 5);
    const large = await measure(100, 100);
    expect(large).toBe(small);
    const { statements } = await countStatements(orm, () =>
      run(
        subgraph,
        schema,
        orm,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enforcer { name } } }`,
        { r: Object.values(enforcerIds).map((id) => ({ __typename: 'Enforcer', id })) },
        leader,
      ),
    );
    expect(statements).toHaveLength(1);
  });
});

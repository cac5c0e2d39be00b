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
const subgraph = createEnforcersSubgraph(ports);

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

const DRAW_FIELDS = `id seed algorithmVersion drawnOn poolSize poolProjectIds redrawReason supersededAt supersedes { id }
  result { drawnCount projects { projectId inspectorIds } }
  inspections { id status project { id } inspectors { id name department { code } } }`;

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
    await ok(`mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`, { input: { enforcerId: recused, projectId: p.id, reason: '曾参与该项目前期咨询' } });
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
    const denied = await gql(`mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) { id } }`, {
      input: { name: 'x', periodFrom: '2025-01-01', periodTo: '2025-12-31', itemCodes: ['CJ-01'], samplingRatio: 0.05 },
    }, as('DEPT', 'ZJJ'));
    expect(denied.errors?.[0].message).toMatch(/Access denied/);
    const plans = await ok(`{ inspectionPlans { totalCount } }`, {}, leader);
    expect(plans.inspectionPlans.totalCount).toBe(0);
  });

  it('draws ceil(5%) of the real pool with two eligible inspectors from different departments, once', async () => {
    const planId = await createPlan('2025 plan');
    poolCalls.length = 0;
    const data = await ok(`mutation($planId: ID!, $seed: String) { drawInspections(planId: $planId, seed: $seed) { ${DRAW_FIELDS} } }`, { planId, seed: 'c0ffee00c0ffee00' });
    const draw = data.drawInspections;
    expect(poolCalls).toEqual([{ caller: office, from: '2025-01-01', to: '2025-12-31' }]);
    expect(draw.poolSize).toBe(30);
    expect(draw.poolProjectIds).toEqual(POOL.map((p) => p.id).sort());
    expect(draw.result.drawnCount).toBe(2);
    expect(draw.drawnOn).toBe(todayInShanghai());
    expect(draw.inspections).toHaveLength(2);
    const never = new Set(['expired', 'inactive', 'conflicted', 'recused'].map((n) => enforcerIds[n]));
    for (const inspection of draw.inspections) {
      expect(inspection.status).toBe('ASSIGNED');
      expect(inspection.inspectors).toHaveLength(2);
      expect(new Set(inspection.inspectors.map((e: any) => e.department.code)).size).toBe(2);
      for (const e of inspection.inspectors) expect(never.has(e.id)).toBe(false);
      const project = POOL.find((p) => p.id === inspection.project.id)!;
      expect(inspection.inspectors[0].department.code).toBe(project.supervisingDepartmentCode); // the specialist
    }
    const again = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId) { id } }`, { planId });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DRAWN', currentDrawId: draw.id });

    // The default seed is 32 random bytes; bad seeds are refused naming the field.
    const other = await createPlan('2025 plan B');
    const random = await ok(`mutation($planId: ID!) { drawInspections(planId: $planId) { seed } }`, { planId: other });
    expect(random.drawInspections.seed).toMatch(/^[0-9a-f]{64}$/);
    const badSeed = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId, seed: "xyz") { id } }`, { planId: await createPlan('c') });
    expect(badSeed.errors?.[0].extensions).toMatchObject({ field: 'seed' });
  });

  it('serialises concurrent draws of one plan: exactly one is committed', async () => {
    const planId = await createPlan('race plan');
    const draw = (seed: string) => gql(`mutation($planId: ID!, $seed: String) { drawInspections(planId: $planId, seed: $seed) { id } }`, { planId, seed });
    const results = await Promise.all([draw('1111111111111111'), draw('2222222222222222')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.currentState === 'DRAWN')).toHaveLength(1);
    const plan = await ok(`query($id: ID!) { inspectionPlan(id: $id) { draws { id } } }`, { id: planId });
    expect(plan.inspectionPlan.draws).toHaveLength(1);
  });

  it('fails a draw naming the project when too few inspectors are eligible, storing nothing', async () => {
    // NYJ-b declares their own recusal from every project (an enforcer may, for no one else): 9 remain eligible.
    const nyjB = as('ENFORCER', 'NYJ', enforcerIds['NYJ-b']);
    const forOther = await gql(`mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`, { input: { enforcerId: enforcerIds['NYJ-a'], projectId: POOL[0].id, reason: 'x' } }, nyjB);
    expect(forOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const p of POOL) {
      await ok(`mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`, { input: { enforcerId: enforcerIds['NYJ-b'], projectId: p.id, reason: '近亲属在项目单位任职' } }, nyjB);
    }
    const planId = await createPlan('too many inspectors', { inspectorsPerProject: 10, samplingRatio: 0.05 });
    const result = await gql(`mutation($planId: ID!) { drawInspections(planId: $planId, seed: "0123456789abcdef") { id } }`, { planId });
    expect(result.errors?.[0].message).toMatch(/Project SS2025-\w+-\d{4} .* has only \d+ eligible inspector/);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DRAW_IMPOSSIBLE', eligible: 9, required: 10 });
    const plan = await ok(`query($id: ID!) { inspectionPlan(id: $id) { draws { id } currentDraw { id } } }`, { id: planId });
    expect(plan.inspectionPlan).toEqual({ draws: [], currentDraw: null });
  });

  it('verifies a draw from its stored seed, pool and roster, and detects a tampered row', async () => {
    const planId = await createPlan('verify plan');
    const { drawInspections: draw } = await ok(`mutation($planId: ID!) { drawInspections(planId: $planId, seed: "5eed5eed5eed5eed") { id result { projects { projectId inspectorIds } } } }`, { planId });
    const VERIFY = `query($id: ID!) { verifyDraw(drawId: $id) { matches resultMatches inspectionsMatch seed poolSize problem recomputed { projects { projectId inspectorIds } } stored { drawnCount } } }`;
    const fine = await ok(VERIFY, { id: draw.id }, as('DEPT', 'NYJ'));
    expect(fine.verifyDraw).toMatchObject({ matches: true, resultMatches: true, inspectionsMatch: true, seed: '5eed5eed5eed5eed', poolSize: 30, problem: null });
    expect(fine.verifyDraw.recomputed.projects).toEqual(draw.result.projects);
    // Not published yet: the public cannot verify it.
    const anonymous = await gql(VERIFY, { id: draw.id }, as('PUBLIC'));
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Hand-picking an inspector after the fact: the stored inspections no longer match the re-run.
    const knex = orm.em.getConnection().getKnex();
    const [inspection] = await knex('inspection').where({ draw_id: draw.id }).select('id', 'inspector_ids');
    const swapped = [enforcerIds['ZJJ-a'] === inspection.inspector_ids[0] ? enforcerIds['ZJJ-b'] : enforcerIds['ZJJ-a'], inspection.inspector_ids[1]];
    await knex('inspection').where({ id: inspection.id }).update({ inspector_ids: JSON.stringify(swapped) });
    const tampered = await ok(VERIFY, { id: draw.id }, leader);
    expect(tampered.verifyDraw).toMatchObject({ matches: false, resultMatches: true, inspectionsMatch: false });

    // Editing the stored pool changes what the seed draws: the stored result no longer matches either.
    const [row] = await knex('inspection_draw').where({ id: draw.id }).select('pool');
    await knex('inspection_draw').where({ id: draw.id }).update({ pool: JSON.stringify(row.pool.slice(1)) });
    const poolEdited = await ok(VERIFY, { id: draw.id }, leader);
    expect(poolEdited.verifyDraw.matches).toBe(false);
    expect(poolEdited.verifyDraw.resultMatches).toBe(false);
  });

  it('records a redraw as a new event with its reason and the superseded draw, never silently', async () => {
    const planId = await createPlan('redraw plan');
    const first = (await ok(`mutation($planId: ID!) { drawInspections(planId: $planId, seed: "aaaaaaaaaaaaaaaa") { id } }`, { planId })).drawInspections;
    const noReason = await gql(`mutation($planId: ID!) { redraw(planId: $planId, reason: "  ") { id } }`, { planId });
    expect(noReason.errors?.[0].extensions).toMatchObject({ field: 'reason', rule: 'required' });
    const second = (await ok(`mutation($planId: ID!) { redraw(planId: $planId, reason: "抽取时项目库同步不完整", seed: "bbbbbbbbbbbbbbbb") { ${DRAW_FIELDS} } }`, { planId })).redraw;
    expect(second.supersedes).toEqual({ id: first.id });
    expect(second.redrawReason).toBe('抽取时项目库同步不完整');
    const plan = await ok(`query($id: ID!) { inspectionPlan(id: $id) { currentDraw { id } draws { id supersededAt inspections { status } } } }`, { id: planId });
    expect(plan.inspectionPlan.currentDraw.id).toBe(second.id);
    expect(plan.inspectionPlan.draws).toHaveLength(2);
    const old = plan.inspectionPlan.draws.find((d: any) => d.id === first.id);
    expect(old.supersededAt).not.toBeNull();
    expect(old.inspections.every((i: any) => i.status === 'CANCELLED')).toBe(true);
    // The superseded draw still verifies: its record is kept as it was.
    expect((await ok(`query($id: ID!) { verifyDraw(drawId: $id) { matches } }`, { id: first.id })).verifyDraw.matches).toBe(true);

    // Once a result is recorded, the draw can no longer be redone.
    const target = second.inspections[0];
    await ok(`mutation($input: InspectionResultInput!) { recordInspectionResult(input: $input) { status } }`, {
      input: { inspectionId: target.id, inspectedOn: todayInShanghai(), checklist: [{ itemCode: 'CJ-01', outcome: 'COMPLIANT' }, { itemCode: 'CJ-02', outcome: 'COMPLIANT' }] },
    });
    const late = await gql(`mutation($planId: ID!) { redraw(planId: $planId, reason: "again") { id } }`, { planId });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'RESULTS_RECORDED' });
  });
});

describe('inspections, access and the finding → case path', () => {
  let inspection: { id: string; project: { id: string }; inspectors: { id: string; department: { code: string } }[] };

  beforeAll(async () => {
    const planId = await createPlan('access plan');
    const draw = (await ok(`mutation($planId: ID!) { drawInspections(planId: $planId, seed: "1234123412341234") { ${DRAW_FIELDS} } }`, { planId })).drawInspections;
    inspection = draw.inspections[0];
  });

  const RESULT = `mutation($input: InspectionResultInput!) { recordInspectionResult(input: $input) { id status checklist { itemCode outcome } findings { id severity respondentCreditCodes caseId } } }`;
  const resultInput = (findings: unknown[] = []) => ({
    inspectionId: inspection.id,
    inspectedOn: todayInShanghai(),
    checklist: [{ itemCode: 'CJ-01', outcome: 'COMPLIANT' }, { itemCode: 'CJ-02', outcome: 'NON_COMPLIANT', note: '投标截止仅十五日' }],
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
    const own = await gql(REFS, { r: [{ __typename: 'Department', code: 'ZJJ' }, { __typename: 'Department', code: 'SLJ' }] }, as('DEPT', 'ZJJ'));
    expect(own.data?._entities[0].enforcers).toHaveLength(4);
    expect(own.data?._entities[1].enforcers).toBeNull();
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets only the assigned inspectors or the office record results, and the public read only published ones', async () => {
    const assigned = as('ENFORCER', inspection.inspectors[0].department.code, inspection.inspectors[0].id);
    const stranger = as('ENFORCER', 'NYJ', Object.values(enforcerIds).find((id) => !inspection.inspectors.some((i) => i.id === id))!);
    const denied = await gql(RESULT, { input: resultInput() }, stranger);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const incomplete = await gql(RESULT, { input: { ...resultInput(), checklist: [{ itemCode: 'CJ-01', outcome: 'COMPLIANT' }] } }, assigned);
    expect(incomplete.errors?.[0].extensions).toMatchObject({ field: 'checklist', missing: ['CJ-02'] });
    const badCode = await gql(RESULT, { input: resultInput([{ description: 'x', severity: 'MINOR', respondentCreditCodes: ['91421002MA4900000X'] }]) }, assigned);
    expect(badCode.errors?.[0].extensions).toMatchObject({ field: 'findings[0].respondentCreditCodes[0]', rule: 'GB 32100-2015' });
    const recorded = await ok(RESULT, { input: resultInput([{ itemCode: 'CJ-02', description: '招标文件发出至投标截止不足二十日', severity: 'MAJOR', respondentCreditCodes: [code(999)] }]) }, assigned);
    expect(recorded.recordInspectionResult).toMatchObject({ status: 'RECORDED', findings: [{ severity: 'MAJOR', respondentCreditCodes: [code(999)], caseId: null }] });

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
    expect((await gql(`mutation($id: ID!) { publishInspection(id: $id) { id } }`, { id: inspection.id }, assigned)).errors?.[0].message).toMatch(/Access denied/);

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
    expect(opened.openCaseFromFinding).toMatchObject({ caseId: `case-for-${findingId.slice(0, 8)}`, caseOpeningError: null, case: { id: `case-for-${findingId.slice(0, 8)}` } });
    // Both attempts carried the same finding id (the cases side is idempotent on it), signed as the caller.
    const project = POOL.find((p) => p.id === inspection.project.id)!;
    expect(caseCalls).toHaveLength(2);
    for (const call of caseCalls) {
      expect(call.caller).toEqual(assigned);
      expect(call.request).toMatchObject({ findingId, projectId: project.id, departmentCode: project.supervisingDepartmentCode, respondentCreditCodes: [code(999)] });
    }
    // Once opened, a further call does not go to the cases slice again.
    await ok(OPEN, { id: findingId });
    expect(caseCalls).toHaveLength(2);
  });

  it('answers inspection coverage per department for a period', async () => {
    const REFS = `query($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) { ... on Department { code inspectionStats(period: $p) { poolSize drawn ratio done findings } } } }`;
    const data = await ok(REFS, { r: LINES.map((code) => ({ __typename: 'Department', code })), p: { from: '2025-01-01', to: '2025-12-31' } }, leader);
    const stats = data._entities.map((d: any) => d.inspectionStats);
    // Several current draws over the same period: the pool counts each project once, 6 per department.
    for (const s of stats) expect(s.poolSize).toBe(6);
    const total = stats.reduce((sum: number, s: any) => sum + s.drawn, 0);
    expect(total).toBeGreaterThan(0);
    expect(stats.reduce((sum: number, s: any) => sum + s.findings, 0)).toBe(1);
    expect(stats.reduce((sum: number, s: any) => sum + s.done, 0)).toBeGreaterThanOrEqual(2);
    const empty = await ok(REFS, { r: [{ __typename: 'Department', code: 'ZJJ' }], p: { from: '2019-01-01', to: '2019-12-31' } }, leader);
    expect(empty._entities[0].inspectionStats).toEqual({ poolSize: 0, drawn: 0, ratio: 0, done: 0, findings: 0 });
  });
});

describe('batching', () => {
  it('costs the same number of statements for Project.inspections, Department.enforcers and stats over 5 or 100 keys', async () => {
    const QUERY = `query($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) {
      ... on Project { inspections { id inspectors { name department { code } } findings { id } plan { name items { code } } } }
      ... on Department { enforcers { name trainingRecords { course } conflictsOfInterest { creditCode } } inspectionStats(period: $p) { drawn } } } }`;
    // Drawn projects first, so the small request already exercises every loader.
    const drawn: string[] = (await orm.em.fork().getConnection().execute('select distinct project_id from inspection order by project_id')).map((r: any) => r.project_id);
    const keys = [...drawn, ...POOL.map((p) => p.id).filter((id) => !drawn.includes(id))];
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    const measure = async (projects: number, departments: number) => {
      const r = [
        ...Array.from({ length: projects }, (_, i) => ({ __typename: 'Project', id: i < keys.length ? keys[i] : projectId(1000 + i) })),
        ...Array.from({ length: departments }, (_, i) => ({ __typename: 'Department', code: i < 5 ? LINES[i] : `X${i}` })),
      ];
      const { result, statements } = await countStatements(orm, () => run(subgraph, schema, orm, QUERY, { r, p: { from: '2025-01-01', to: '2025-12-31' } }, leader));
      expect(result.errors).toBeUndefined();
      return statements.length;
    };
    const small = await measure(5, 5);
    const large = await measure(100, 100);
    expect(large).toBe(small);
    const { statements } = await countStatements(orm, () =>
      run(subgraph, schema, orm, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enforcer { name } } }`, { r: Object.values(enforcerIds).map((id) => ({ __typename: 'Enforcer', id })) }, leader),
    );
    expect(statements).toHaveLength(1);
  });
});

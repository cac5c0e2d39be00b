import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isInterfaceType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { PUBLIC_CALLER, ROLES, todayInShanghai, type AccessPolicy, type Caller, type Role } from '@hub/kit';
import { as } from '@hub/kit/testing';
import { startHub, type GraphQLResponse, type Hub } from './harness';
import { committedApiSchema, objectFieldOwners, objectFieldProbe, rootFieldProbes, STAND_IN_ID, type RootFieldProbe } from './authorization/operations';
import { loadAccessPolicies, restrictedObjectFields } from './authorization/policy';
import { loadVisibility } from './authorization/visibility';

/*
 * The authorization matrix (issue 6): every role × every root field and mutation of the committed
 * supergraph, through the gateway and, as the "no side door" check, straight at the owning
 * subgraph's port; then the sensitive object fields on the demo data.
 */

let hub: Hub;
const tokens = new Map<Role, string | undefined>();

beforeAll(async () => {
  hub = await startHub({ seed: true });
  tokens.set('LEADER', await hub.token('LEADER'));
  tokens.set('OFFICE', await hub.token('OFFICE', 'ZWJ'));
  tokens.set('CENTER', await hub.token('CENTER', 'JYZX'));
  tokens.set('DEPT', await hub.token('DEPT', 'ZJJ'));
  // The probes' stand-in ids are this enforcer's own, so "only your own" row rules pass and the role rule is what is measured.
  tokens.set('ENFORCER', await hub.token('ENFORCER', 'ZJJ', STAND_IN_ID));
  tokens.set('PUBLIC', undefined);
}, 600_000);
afterAll(async () => hub?.stop());

type Outcome = 'allow' | 'deny';
const DENIALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

function outcomeOf(response: GraphQLResponse & { status: number }): Outcome {
  return response.errors?.some((e) => DENIALS.has(e.extensions?.code)) ? 'deny' : 'allow';
}

async function probe(p: RootFieldProbe, role: Role, via?: string) {
  return hub.query(p.source, p.variables, tokens.get(role), via);
}

/** Outcomes through the gateway, by "role kind.field": measured once, compared with the subgraph ports after. */
const gatewayOutcomes = new Map<string, Outcome>();

describe('authorization matrix: every role × every root field', () => {
  const probes = rootFieldProbes();
  let policies: Map<string, AccessPolicy>;
  const allowedRoles = (p: RootFieldProbe) => policies.get(p.subgraph)?.[`${p.kind}.${p.field}`] ?? [];

  beforeAll(async () => {
    policies = await loadAccessPolicies();
  });

  it("has an expected outcome for every root field and mutation of the supergraph, in its subgraph's access policy (deny by default)", () => {
    const missing = probes
      .filter((p) => !(`${p.kind}.${p.field}` in (policies.get(p.subgraph) ?? {})))
      .map((p) => `subgraphs/${p.subgraph}/src/access-policy.ts lacks '${p.kind}.${p.field}'`);
    expect(missing).toEqual([]);
    const stale = [...policies].flatMap(([subgraph, policy]) =>
      Object.keys(policy)
        .filter((key) => /^(query|mutation)\./.test(key))
        .filter((key) => !probes.some((p) => p.subgraph === subgraph && `${p.kind}.${p.field}` === key))
        .map((key) => `subgraphs/${subgraph}/src/access-policy.ts has '${key}', not a root field of ${subgraph}`),
    );
    expect(stale).toEqual([]);
  });

  it('through the gateway, each role is allowed exactly the root fields the policy gives it, and each refusal says which rule', async () => {
    const mismatches: string[] = [];
    const unexpected: string[] = [];
    for (const p of probes) {
      const allowed = allowedRoles(p);
      for (const role of ROLES) {
        const response = await probe(p, role);
        const expected: Outcome = allowed.includes(role) ? 'allow' : 'deny';
        const actual = outcomeOf(response);
        gatewayOutcomes.set(`${role} ${p.kind}.${p.field}`, actual);
        if (actual !== expected)
          mismatches.push(`${role} ${p.kind}.${p.field}: expected ${expected}, got ${actual} ${JSON.stringify(response.errors ?? response.data)}`);
        for (const error of response.errors ?? []) {
          if (error.extensions?.code === 'INTERNAL_SERVER_ERROR' || error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
            unexpected.push(`${role} ${p.kind}.${p.field}: ${error.extensions.code} ${error.message}`);
          }
          if (DENIALS.has(error.extensions?.code) && !/[A-Z]{4,}|sign/.test(error.message)) {
            unexpected.push(`${role} ${p.kind}.${p.field}: a refusal that does not say which rule: ${error.message}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(unexpected).toEqual([]);
  }, 180_000);

  it("declares every object field guarded by @Authorized in its subgraph's access policy, with the same roles (deny by default)", () => {
    const owners = objectFieldOwners();
    const sorted = (roles: readonly string[]) => [...roles].sort();
    const guarded = Object.fromEntries([...restrictedObjectFields()].map(([key, roles]) => [key, sorted(roles)]));
    const declared: Record<string, string[]> = {};
    for (const [subgraph, policy] of policies) {
      for (const [key, roles] of Object.entries(policy)) {
        if (/^(query|mutation)\./.test(key)) continue;
        expect(owners.get(key) ?? [], `${key} declared in subgraphs/${subgraph}/src/access-policy.ts`).toContain(subgraph);
        declared[key] = sorted(roles);
      }
    }
    expect(declared).toEqual(guarded);
  });

  it('each guarded object field, read on real objects through the gateway, is refused to exactly the roles its policy leaves out', async () => {
    const schema = committedApiSchema();
    const mismatches: string[] = [];
    for (const [subgraph, policy] of policies) {
      for (const [key, allowed] of Object.entries(policy)) {
        if (/^(query|mutation)\./.test(key)) continue;
        const [typeName, fieldName] = key.split('.');
        const fieldProbe = objectFieldProbe(schema, typeName, fieldName);
        for (const role of ROLES) {
          const response = await hub.query(fieldProbe.source, fieldProbe.variables, tokens.get(role));
          // Refused by role (the auth checker names the allowed roles); a row rule refusing some objects is not this.
          const refused = (response.errors ?? []).some((e) => DENIALS.has(e.extensions?.code) && e.path?.at(-1) === fieldName && e.extensions?.allowedRoles);
          let parents: unknown[] = [response.data];
          for (const step of fieldProbe.parentPath) parents = parents.flatMap((p) => (p as Record<string, unknown> | null)?.[step] ?? []);
          const outcome = refused ? 'deny' : parents.length === 0 ? 'unreached' : 'allow';
          const expected = allowed.includes(role) ? ['allow'] : ['deny', 'unreached'];
          if (!expected.includes(outcome))
            mismatches.push(`${role} ${key} (${subgraph}): expected ${expected.join(' or ')}, got ${outcome} ${JSON.stringify(response.errors ?? [])}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('no side door: each subgraph asked directly on its own port answers every role exactly as the gateway does', async () => {
    const differences: string[] = [];
    for (const p of probes) {
      const url = hub.subgraphs.get(p.subgraph)!.service.url;
      for (const role of ROLES) {
        const viaGateway = gatewayOutcomes.get(`${role} ${p.kind}.${p.field}`) ?? outcomeOf(await probe(p, role));
        const direct = outcomeOf(await probe(p, role, url));
        if (direct !== viaGateway) differences.push(`${role} ${p.kind}.${p.field}: gateway ${viaGateway}, ${p.subgraph} directly ${direct}`);
      }
    }
    expect(differences).toEqual([]);
  }, 180_000);
});

/** What one caller may read of a case: 'none' (refused, or left out of lists), else its view and which personal fields it sees. */
type CaseSight = 'none' | { view: 'FULL' | 'SUMMARY'; details: boolean; name: boolean; contact: boolean };
const CASE_FIELDS = 'id view details submitterName submitterRelation submitterContact';

interface CaseSeen {
  view: string;
  details: string | null;
  submitterName: string | null;
  submitterRelation: string | null;
  submitterContact: string | null;
}

function sightOf(found: CaseSeen | null | undefined): CaseSight {
  if (!found) return 'none';
  return {
    view: found.view as 'FULL' | 'SUMMARY',
    details: found.details !== null,
    name: found.submitterName !== null || found.submitterRelation !== null,
    contact: found.submitterContact !== null,
  };
}

/**
 * Personal information in the graph, each covered by a test below. A new output field whose name
 * looks like personal information fails the inventory test until it is added here with its test.
 */
const PERSONAL_INFORMATION_FIELDS = ['Case.submitterName', 'Case.submitterRelation', 'Case.submitterContact', 'Practitioner.identityNumberMasked'];
const LOOKS_PERSONAL = /submitter|reporter|complainant|contact|identity|idcard|phone|mobile|address|email/i;

describe('sensitive fields on the demo data, for every caller, through every path', () => {
  it('every field of the graph that looks like personal information has its expectation here', () => {
    const schema = committedApiSchema();
    const found: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) if (LOOKS_PERSONAL.test(field.name)) found.push(`${type.name}.${field.name}`);
    }
    expect(found.sort()).toEqual([...PERSONAL_INFORMATION_FIELDS].sort());
  });

  const full = (name: boolean, contact: boolean): CaseSight => ({ view: 'FULL', details: true, name, contact });
  const summary: CaseSight = { view: 'SUMMARY', details: false, name: false, contact: false };
  let projectId: string;
  let complaintId: string;
  let reportId: string;
  let callers: Record<string, string | undefined>;

  beforeAll(async () => {
    const office = tokens.get('OFFICE')!;
    const zjjProject = await hub.query(`{ projects(first: 1, filter: { supervisingDepartment: "ZJJ" }) { nodes { id } } }`, {}, office);
    projectId = zjjProject.data.projects.nodes[0].id;
    const roster = await hub.query(`{ enforcers(first: 1, filter: { departmentCode: "ZJJ" }) { nodes { id } } }`, {}, office);
    expect(roster.errors).toBeUndefined();
    const enforcerId: string = roster.data.enforcers.nodes[0].id;
    const submit = async (mutation: string, input: Record<string, unknown>) => {
      const receipt = await hub.query(
        `mutation($i: ${mutation === 'submitComplaint' ? 'SubmitComplaintInput' : 'SubmitReportInput'}!) { ${mutation}(input: $i) { receiptNumber } }`,
        { i: input },
      );
      expect(receipt.errors).toBeUndefined();
      const listed = await hub.query(
        `query($p: ID!) { cases(first: 100, filter: { projectId: $p }) { nodes { id receiptNumber } } }`,
        { p: projectId },
        office,
      );
      const id: string = listed.data.cases.nodes.find((c: { receiptNumber: string }) => c.receiptNumber === receipt.data[mutation].receiptNumber).id;
      for (const step of [
        `acceptCase(input: { caseId: "${id}" }) { id }`,
        `routeCase(input: { caseId: "${id}", mode: TRANSFERRED, departmentCodes: ["ZJJ"] }) { id }`,
        `assignEnforcers(input: { caseId: "${id}", enforcerIds: ["${enforcerId}"] }) { id }`,
      ]) {
        const done = await hub.query(`mutation { ${step} }`, {}, office);
        expect(done.errors).toBeUndefined();
      }
      return id;
    };
    complaintId = await submit('submitComplaint', {
      idempotencyKey: 'matrix-complaint',
      projectId,
      complainantName: '武汉某建筑公司',
      complainantContact: '13900000000',
      relationToProject: 'bidder',
      knewOn: todayInShanghai(),
      summary: '资格审查不公',
      details: '评审专家与投标人有利害关系',
    });
    reportId = await submit('submitReport', {
      idempotencyKey: 'matrix-report',
      projectId,
      reporterName: '张某',
      reporterContact: '13700000000',
      summary: '围标串标',
      details: '三家投标文件雷同',
    });
    callers = {
      LEADER: tokens.get('LEADER'),
      OFFICE: office,
      'DEPT ZJJ (handling)': tokens.get('DEPT'),
      'DEPT JTJ (other)': await hub.token('DEPT', 'JTJ'),
      'ENFORCER assigned': await hub.token('ENFORCER', 'ZJJ', enforcerId),
      'ENFORCER not assigned': await hub.token('ENFORCER', 'ZJJ', '00000000-0000-4000-8000-00000000abcd'),
      CENTER: tokens.get('CENTER'),
      PUBLIC: undefined,
    };
  }, 60_000);

  // docs/domain.md: the reporter's identity to the office only; the complainant's contact to the office and the handling department.
  const expectations: Record<string, { complaint: CaseSight; report: CaseSight }> = {
    LEADER: { complaint: full(true, false), report: full(false, false) },
    OFFICE: { complaint: full(true, true), report: full(true, true) },
    'DEPT ZJJ (handling)': { complaint: full(true, true), report: full(false, false) },
    'DEPT JTJ (other)': { complaint: summary, report: summary },
    'ENFORCER assigned': { complaint: full(true, false), report: full(false, false) },
    'ENFORCER not assigned': { complaint: 'none', report: 'none' },
    CENTER: { complaint: 'none', report: 'none' },
    PUBLIC: { complaint: 'none', report: 'none' },
  };

  it('a case by id (root field), under its project (entity join), and via _entities straight at the cases port: the same sight', async () => {
    const casesUrl = hub.subgraphs.get('cases')!.service.url;
    const observed: Record<string, Record<string, CaseSight[]>> = {};
    for (const [caller, token] of Object.entries(callers)) {
      observed[caller] = {};
      for (const [kind, id] of [
        ['complaint', complaintId],
        ['report', reportId],
      ] as const) {
        const byId = await hub.query(`query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id }, token);
        if (!byId.data?.case) expect(byId.errors?.[0].extensions?.code, `${caller} case(id) refused with a reason`).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
        const underProject = await hub.query(`query($p: ID!) { project(id: $p) { cases { ${CASE_FIELDS} } } }`, { p: projectId }, token);
        expect(underProject.errors, `${caller} project.cases`).toBeUndefined();
        const joined = (underProject.data.project.cases ?? []).find((c: { id: string }) => c.id === id);
        const entities = await hub.query(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { ${CASE_FIELDS} } } }`,
          { r: [{ __typename: 'Case', id }] },
          token,
          casesUrl,
        );
        observed[caller][kind] = [sightOf(byId.data?.case), sightOf(joined), sightOf(entities.data?._entities?.[0])];
      }
    }
    const expected = Object.fromEntries(
      Object.entries(expectations).map(([caller, e]) => [
        caller,
        { complaint: [e.complaint, e.complaint, e.complaint], report: [e.report, e.report, e.report] },
      ]),
    );
    expect(observed).toEqual(expected);
  });

  it('a query with no token for case details is refused with a clear message', async () => {
    const anonymous = await hub.query(`query($id: ID!) { case(id: $id) { details submitterName submitterContact } }`, { id: complaintId });
    expect(anonymous.data?.case ?? null).toBeNull();
    expect(anonymous.errors).toHaveLength(1);
    expect(anonymous.errors?.[0]).toMatchObject({
      message: 'Access denied: Query.case needs a signed-in caller (send "Authorization: Bearer <token>")',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it("a department's list and another department's cases give it summaries only, never the parties or the narrative", async () => {
    const zjj = callers['DEPT ZJJ (handling)'];
    const listed = await hub.query(`{ cases(first: 100) { nodes { view details submitterName submitterContact handlingDepartments { code } } } }`, {}, zjj);
    expect(listed.errors).toBeUndefined();
    const nodes: {
      view: string;
      details: string | null;
      submitterName: string | null;
      submitterContact: string | null;
      handlingDepartments: { code: string }[];
    }[] = listed.data.cases.nodes;
    const others = nodes.filter((c) => !c.handlingDepartments.some((d) => d.code === 'ZJJ'));
    const own = nodes.filter((c) => c.handlingDepartments.some((d) => d.code === 'ZJJ'));
    expect(others.length).toBeGreaterThan(0);
    expect(own.length).toBeGreaterThan(0);
    for (const c of others) expect(c).toMatchObject({ view: 'SUMMARY', details: null, submitterName: null, submitterContact: null });
    for (const c of own) expect(c.view).toBe('FULL');
    const jtjCases = await hub.query(
      `{ department(code: "JTJ") { cases(first: 100) { nodes { view details submitterName handlingDepartments { code } } } } }`,
      {},
      zjj,
    );
    expect(jtjCases.errors).toBeUndefined();
    // A case split (分办) between JTJ and ZJJ is ZJJ's own as well; the rest of JTJ's are summaries.
    const notShared = jtjCases.data.department.cases.nodes.filter((c: (typeof nodes)[number]) => !c.handlingDepartments.some((d) => d.code === 'ZJJ'));
    expect(notShared.length).toBeGreaterThan(0);
    for (const c of notShared) expect(c).toMatchObject({ view: 'SUMMARY', details: null, submitterName: null });
  });

  it("a DEPT officer acts and reads in full on its own department's matters, and is refused on another's (ZJJ's matters, ZJJ against JTJ)", async () => {
    const office = callers.OFFICE;
    const zjj = callers['DEPT ZJJ (handling)'];
    const jtj = callers['DEPT JTJ (other)'];
    const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
    const enforcerId: string = (await hub.query(`{ enforcers(first: 1, filter: { departmentCode: "ZJJ" }) { nodes { id } } }`, {}, office)).data.enforcers
      .nodes[0].id;
    // Which projects the demo draws picked depends on the project ids: take an open inspection of any department.
    const inspections = await hub.query(
      `{ inspections(first: 1, filter: { status: ASSIGNED }) { nodes { id status supervisingDepartment { code } } } }`,
      {},
      office,
    );
    const unpublished = inspections.data.inspections.nodes[0];
    expect(unpublished, 'the demo data has an unpublished inspection').toBeDefined();
    const inspectionDepartment: string = unpublished.supervisingDepartment.code;
    const inspectionOwn = await hub.token('DEPT', inspectionDepartment);
    const inspectionOther = await hub.token('DEPT', inspectionDepartment === 'JTJ' ? 'ZJJ' : 'JTJ');
    const task = await hub.query(
      `mutation($p: ID!, $c: ID!) { createRectificationTask(input: { source: CASE_DECISION, sourceReference: "matrix", caseId: $c, projectId: $p, problem: "评标报告错误", measures: "重新评审", responsibleDepartmentCode: "ZJJ", deadline: "2030-01-01" }) { id } }`,
      { p: projectId, c: complaintId },
      office,
    );
    expect(task.errors).toBeUndefined();
    const taskId: string = task.data.createRectificationTask.id;
    const tenderer: string = (await hub.query(`query($p: ID!) { project(id: $p) { tenderer { creditCode } } }`, { p: projectId }, office)).data.project.tenderer
      .creditCode;
    const notify = (token?: string) =>
      hub.query(
        `mutation($p: ID!, $s: String!) { notifyPerformanceFinding(input: { projectId: $p, subjectType: MARKET_ENTITY, subjectKey: $s, facts: "项目经理未到岗" }) { id } }`,
        { p: projectId, s: tenderer },
        token,
      );
    const notified = await notify(zjj);
    expect(notified.errors).toBeUndefined();
    const notificationId: string = notified.data.notifyPerformanceFinding.id;

    const matters: {
      what: string;
      run: (token?: string) => Promise<GraphQLResponse>;
      granted: (r: GraphQLResponse) => boolean;
      own?: string;
      other?: string;
    }[] = [
      {
        what: 'roster detail of its enforcer',
        run: (t) => hub.query(`query($id: ID!) { enforcer(id: $id) { id certificateNumber } }`, { id: enforcerId }, t),
        granted: (r) => !!r.data?.enforcer?.certificateNumber,
      },
      {
        what: 'its enforcers in the roster',
        run: (t) => hub.query(`{ enforcers(first: 100, filter: { departmentCode: "ZJJ" }) { totalCount } }`, {}, t),
        granted: (r) => r.data?.enforcers?.totalCount > 0,
      },
      {
        what: 'an unpublished inspection of its project',
        run: (t) => hub.query(`query($id: ID!) { inspection(id: $id) { id } }`, { id: unpublished.id }, t),
        granted: (r) => !!r.data?.inspection,
        own: inspectionOwn,
        other: inspectionOther,
      },
      {
        what: 'its performance notification',
        run: (t) => hub.query(`query($id: ID!) { performanceNotification(id: $id) { id } }`, { id: notificationId }, t),
        granted: (r) => !!r.data?.performanceNotification,
      },
      { what: 'notifying performance findings on its project', run: notify, granted: (r) => !!r.data?.notifyPerformanceFinding },
      {
        what: 'progress on its rectification task',
        run: (t) => hub.query(`mutation($id: ID!) { reportRectificationProgress(input: { taskId: $id, note: "已约谈" }) { id } }`, { id: taskId }, t),
        granted: (r) => !!r.data?.reportRectificationProgress,
      },
      {
        what: 'the investigation of its case',
        run: (t) => hub.query(`mutation($id: ID!) { startInvestigation(input: { caseId: $id }) { id } }`, { id: complaintId }, t),
        granted: (r) => !!r.data?.startInvestigation,
      },
    ];
    const observed: Record<string, { ZJJ: boolean; JTJ: boolean }> = {};
    const refusals: string[] = [];
    for (const matter of matters) {
      // The other department first, so a write it is refused leaves the matter for the owner.
      const other = await matter.run(matter.other ?? jtj);
      const own = await matter.run(matter.own ?? zjj);
      observed[matter.what] = { ZJJ: matter.granted(own), JTJ: matter.granted(other) };
      // Refused outright (FORBIDDEN, naming the rule) or simply not shown (null / empty); never another error.
      if (other.errors?.length) refusals.push(`${matter.what}: ${code(other)}`);
    }
    expect(observed).toEqual(Object.fromEntries(matters.map((m) => [m.what, { ZJJ: true, JTJ: false }])));
    for (const refusal of refusals) expect(refusal).toMatch(/: FORBIDDEN$/);
  });

  it('inspections: the public sees published results only; an enforcer sees the ones assigned to them', async () => {
    const office = callers.OFFICE;
    // By status, so the pick does not depend on which projects the demo draws happened to pick.
    const byStatus = `query($s: InspectionStatus!) { inspections(first: 100, filter: { status: $s }) { nodes { id status inspectors { id } } } }`;
    type Seen = { id: string; status: string; inspectors: { id: string }[] };
    const nodes: Seen[] = [];
    for (const status of ['PUBLISHED', 'ASSIGNED', 'RECORDED']) {
      const found = await hub.query(byStatus, { s: status }, office);
      expect(found.errors).toBeUndefined();
      nodes.push(...found.data.inspections.nodes);
    }
    const published = nodes.find((i) => i.status === 'PUBLISHED');
    const unpublished = nodes.find((i) => i.status === 'ASSIGNED' || i.status === 'RECORDED');
    expect(published && unpublished, 'the demo data has published and unpublished inspections').toBeTruthy();
    for (const caller of ['PUBLIC', 'CENTER'] as const) {
      const token = callers[caller];
      const open = await hub.query(`query($id: ID!) { inspection(id: $id) { id status } }`, { id: published!.id }, token);
      expect(open.data?.inspection?.id, `${caller} reads a published inspection`).toBe(published!.id);
      const closed = await hub.query(`query($id: ID!) { inspection(id: $id) { id } }`, { id: unpublished!.id }, token);
      expect(closed.data?.inspection ?? null, `${caller} reads an unpublished inspection`).toBeNull();
      const list = await hub.query(`{ publishedInspections(first: 100) { nodes { status } } }`, {}, token);
      expect(list.data.publishedInspections.nodes.length).toBeGreaterThan(0);
      for (const node of list.data.publishedInspections.nodes) expect(node.status).toBe('PUBLISHED');
      // 双随机一公开: the published draws, with what re-running them needs, but not who in the office took each step.
      const draws = await hub.query(
        `{ publishedDraws(first: 100) { nodes { publishedAt committedBy plan { createdBy } round { frozenBy } inspections { status } } } }`,
        {},
        token,
      );
      expect(draws.errors).toBeUndefined();
      expect(draws.data.publishedDraws.nodes.length, `${caller} lists published draws`).toBeGreaterThan(0);
      for (const d of draws.data.publishedDraws.nodes) {
        expect(d.publishedAt).toBeTruthy();
        for (const i of d.inspections) expect(i.status).toBe('PUBLISHED');
        if (caller === 'PUBLIC') expect([d.committedBy, d.plan.createdBy, d.round?.frozenBy ?? 'ZWJ']).toEqual(['ZWJ', 'ZWJ', 'ZWJ']);
      }
    }
    const inspectorId = unpublished!.inspectors[0].id;
    const inspector = await hub.token('ENFORCER', 'ZJJ', inspectorId);
    const theirs = await hub.query(`{ inspections(first: 100) { nodes { id status inspectors { id } } } }`, {}, inspector);
    expect(theirs.errors).toBeUndefined();
    const seen: Seen[] = theirs.data.inspections.nodes;
    expect(seen.map((i) => i.id)).toContain(unpublished!.id);
    for (const i of seen)
      expect(i.status === 'PUBLISHED' || i.inspectors.some((e) => e.id === inspectorId), `inspection ${i.id} shown to an enforcer not on it`).toBe(true);
    const someoneElses = nodes.find((i) => i.status !== 'PUBLISHED' && i.status !== 'CANCELLED' && !i.inspectors.some((e) => e.id === inspectorId));
    expect(someoneElses, 'the demo data has an unpublished inspection without this inspector').toBeDefined();
    const other = await hub.query(`query($id: ID!) { inspection(id: $id) { id } }`, { id: someoneElses!.id }, inspector);
    expect(other.data?.inspection ?? null).toBeNull();
  });

  it('no side door through the shared entities: what the public and the trading center reach under Project and Department', async () => {
    // Every project (two pages of 100), so whatever the demo draws picked is under one of them.
    const JOINED = `query($period: PeriodInput!, $after: String) {
      projects(first: 100, after: $after) { pageInfo { endCursor } nodes { id cases { id } inspections { status } creditRecords { status } auditFindings { id } } }
      department(code: "ZJJ") { cases(first: 50) { nodes { id } } caseStats(period: $period) { __typename } enforcers { id } inspectionStats(period: $period) { __typename } creditStats(period: $period) { __typename } }
    }`;
    const period = { from: '2024-01-01', to: '2026-12-31' };
    type Joined = {
      projects: {
        pageInfo: { endCursor: string };
        nodes: {
          cases: { id: string }[] | null;
          inspections: { status: string }[] | null;
          creditRecords: { status: string }[] | null;
          auditFindings: unknown[] | null;
        }[];
      };
      department: { cases: { nodes: unknown[] } | null; caseStats: unknown; enforcers: unknown[] | null };
    };
    const tally = (data: Joined) => {
      const nodes = data.projects.nodes;
      return {
        cases: nodes.reduce((n, p) => n + (p.cases?.length ?? 0), 0) + (data.department.cases?.nodes.length ?? 0),
        unpublishedInspections: nodes.flatMap((p) => p.inspections ?? []).filter((i) => i.status !== 'PUBLISHED').length,
        publishedInspections: nodes.flatMap((p) => p.inspections ?? []).filter((i) => i.status === 'PUBLISHED').length,
        draftRecords: nodes.flatMap((p) => p.creditRecords ?? []).filter((r) => r.status === 'DRAFT').length,
        publicRecords: nodes.flatMap((p) => p.creditRecords ?? []).filter((r) => r.status !== 'DRAFT').length,
        enforcers: data.department.enforcers?.length ?? 0,
      };
    };
    const bothPages = async (token?: string) => {
      const first = await hub.query<Joined>(JOINED, { period }, token);
      const second = await hub.query<Joined>(JOINED, { period, after: first.data!.projects.pageInfo.endCursor }, token);
      const data: Joined = { ...first.data!, projects: { ...first.data!.projects, nodes: [...first.data!.projects.nodes, ...second.data!.projects.nodes] } };
      return { data, errors: [...(first.errors ?? []), ...(second.errors ?? [])] };
    };
    const office = await bothPages(callers.OFFICE);
    expect(office.errors).toEqual([]);
    expect(office.data.projects.nodes).toHaveLength(200);
    const everything = tally(office.data);
    // The office sees what is to be hidden, so hiding it below is not vacuous.
    for (const key of ['cases', 'unpublishedInspections', 'publishedInspections', 'draftRecords', 'publicRecords', 'enforcers'] as const) {
      expect(everything[key], `the demo data has ${key} under these projects`).toBeGreaterThan(0);
    }
    for (const caller of ['PUBLIC', 'CENTER'] as const) {
      const seen = await bothPages(callers[caller]);
      for (const error of seen.errors) expect(error.extensions?.code, `${caller}: ${error.message}`).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
      expect(tally(seen.data), caller).toEqual({
        cases: 0,
        unpublishedInspections: 0,
        publishedInspections: everything.publishedInspections,
        draftRecords: 0,
        publicRecords: everything.publicRecords,
        enforcers: 0,
      });
    }
  });

  it('draft credit records: the bureau and leaders only, by id, in lists, under the project and via _entities straight at the credit port', async () => {
    const office = callers.OFFICE;
    const drafts = await hub.query(`{ creditRecords(first: 5, filter: { status: DRAFT }) { nodes { id project { id } } } }`, {}, office);
    expect(drafts.errors).toBeUndefined();
    const draft = drafts.data.creditRecords.nodes[0];
    expect(draft).toBeDefined();
    const creditUrl = hub.subgraphs.get('credit')!.service.url;
    for (const [caller, token] of Object.entries(callers)) {
      const mayRead = caller === 'OFFICE' || caller === 'LEADER';
      const byId = await hub.query(`query($id: ID!) { creditRecord(id: $id) { id status } }`, { id: draft.id }, token);
      expect(byId.data?.creditRecord?.id ?? null, `${caller} creditRecord(draft)`).toBe(mayRead ? draft.id : null);
      const list = await hub.query(`{ creditRecords(first: 100, filter: { status: DRAFT }) { totalCount } }`, {}, token);
      if (mayRead) expect(list.data.creditRecords.totalCount).toBeGreaterThan(0);
      else expect(list.data?.creditRecords?.totalCount ?? 0, `${caller} lists drafts`).toBe(0);
      if (draft.project) {
        const underProject = await hub.query(`query($p: ID!) { project(id: $p) { creditRecords { id } } }`, { p: draft.project.id }, token);
        const ids = (underProject.data?.project?.creditRecords ?? []).map((r: { id: string }) => r.id);
        expect(ids.includes(draft.id), `${caller} project.creditRecords`).toBe(mayRead);
      }
      const entities = await hub.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on CreditRecord { id } } }`,
        { r: [{ __typename: 'CreditRecord', id: draft.id }] },
        token,
        creditUrl,
      );
      expect(entities.data?._entities?.[0]?.id ?? null, `${caller} _entities(draft)`).toBe(mayRead ? draft.id : null);
    }
  });

  it('identity numbers are masked for every role, and no answer carries a full one', async () => {
    const em = hub.subgraphs.get('projects')!.orm.em.fork();
    const rows: { identity_number: string }[] = await em.getConnection().execute('select identity_number from practitioner');
    expect(rows.length).toBeGreaterThan(0);
    for (const [caller, token] of Object.entries(callers)) {
      if (!token) continue;
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ practitioners(first: 100) { nodes { identityNumberMasked } } }` }),
      });
      const text = await response.text();
      const masked: string[] = JSON.parse(text).data.practitioners.nodes.map((n: { identityNumberMasked: string }) => n.identityNumberMasked);
      expect(masked.length, caller).toBeGreaterThan(0);
      for (const m of masked) expect(m).toMatch(/^\d{3}\*{13}[\dX]{2}$/);
      for (const { identity_number } of rows) expect(text.includes(identity_number), `${caller} sees a full identity number`).toBe(false);
    }
  });

  it('the public finds a practitioner by name only once a record about them is published, and never sees a full identity number', async () => {
    const office = callers.OFFICE;
    // An evaluation expert: the demo data's published practitioner records are about project managers.
    const { data } = await hub.query(`{ practitioners(role: EVALUATION_EXPERT, first: 1) { nodes { id name } } }`, {}, office);
    const practitioner = data.practitioners.nodes[0];
    const SEARCH = `query($text: String!) { practitionersWithPublishedCredit(text: $text, first: 100) { nodes { id name identityNumberMasked credit { records { facts } } } } }`;
    const found = async () => {
      const response = await hub.query(SEARCH, { text: practitioner.name });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data.practitionersWithPublishedCredit.nodes.map((n: { id: string }) => n.id);
    };
    const rules = await hub.query(`{ creditRules { code active } }`, {}, office);
    const draft = await hub.query(
      `mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`,
      {
        input: {
          sourceKind: 'CASE_DECISION',
          sourceRef: '00000000-0000-4000-8000-00000000a11c',
          ruleCode: rules.data.creditRules.find((r: { active: boolean }) => r.active).code,
          subjectType: 'PRACTITIONER',
          subjectKey: practitioner.id,
          facts: '项目经理未按投标承诺到岗履职',
        },
      },
      office,
    );
    expect(draft.errors).toBeUndefined();
    expect(await found(), 'a draft makes nobody findable').not.toContain(practitioner.id);
    expect(
      (await hub.query(`mutation($id: ID!) { publishCreditRecord(id: $id) { status } }`, { id: draft.data.createCreditRecord.id }, office)).errors,
    ).toBeUndefined();
    expect(await found()).toContain(practitioner.id);
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { text: practitioner.name } }),
    });
    const text = await response.text();
    const rows: { identity_number: string }[] = await hub.subgraphs
      .get('projects')!
      .orm.em.fork()
      .getConnection()
      .execute('select identity_number from practitioner');
    for (const { identity_number } of rows) expect(text.includes(identity_number), 'the public sees a full identity number').toBe(false);
    // Not even masked (subgraphs/projects/src/visibility.ts): the name and the published records, through the search and the records.
    const nodes: { name: string; identityNumberMasked: string | null }[] = JSON.parse(text).data.practitionersWithPublishedCredit.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes)
      expect(node, 'the public reads a masked identity number in the search').toMatchObject({ name: expect.any(String), identityNumberMasked: null });
    const records = await hub.query(
      `{ creditRecords(first: 100, filter: { subjectType: PRACTITIONER }) { nodes { practitioner { name identityNumberMasked } } } }`,
    );
    expect(records.errors).toBeUndefined();
    const subjects: { name: string; identityNumberMasked: string | null }[] = records.data.creditRecords.nodes.map(
      (r: { practitioner: unknown }) => r.practitioner,
    );
    expect(subjects.length).toBeGreaterThan(0);
    for (const subject of subjects)
      expect(subject, 'the public reads a masked identity number under a record').toMatchObject({ name: expect.any(String), identityNumberMasked: null });
  });
});

describe('production: subgraphs answer only the gateway (HUB_INTERNAL_KEY)', () => {
  afterAll(() => {
    delete process.env.HUB_INTERNAL_KEY;
  });

  it('refuses a direct call without the key, while the gateway and subgraph-to-subgraph calls still work', async () => {
    process.env.HUB_INTERNAL_KEY = 'matrix-internal-key';
    const office = tokens.get('OFFICE');
    const casesUrl = hub.subgraphs.get('cases')!.service.url;
    const direct = await hub.query(`{ cases(first: 1) { totalCount } }`, {}, office, casesUrl);
    expect(direct.status).toBe(403);
    expect(direct.errors?.[0]).toMatchObject({ message: expect.stringMatching(/answers only the gateway/), extensions: { code: 'FORBIDDEN' } });
    const health = await fetch(new URL('/health/ready', casesUrl));
    expect(health.status).toBe(200);
    const viaGateway = await hub.query(`{ projects(first: 2) { nodes { code cases { id } creditRecords { id } } } }`, {}, office);
    expect(viaGateway.errors).toBeUndefined();
    expect(viaGateway.data.projects.nodes).toHaveLength(2);
    // The cases slice checks the project through the projects subgraph (a GraphClient call with the key).
    const projectId = (await hub.query(`{ projects(first: 1) { nodes { id } } }`, {}, office)).data.projects.nodes[0].id;
    const report = await hub.query(`mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptNumber } }`, {
      i: { idempotencyKey: 'matrix-internal-key-report', projectId, summary: '转包', details: '中标后整体转包' },
    });
    expect(report.errors).toBeUndefined();
    const ready = await fetch(new URL('/health/ready', hub.gateway.url));
    expect(ready.status).toBe(200);
  });
});

describe('department lanes: a line department writes only in its own lane, the office in all', () => {
  const deny = (response: GraphQLResponse) => response.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
  let office: string;
  let zjj: string;
  let jtj: string;
  let zjjProject: string;
  let jtjProject: string;

  beforeAll(async () => {
    office = tokens.get('OFFICE')!;
    zjj = tokens.get('DEPT')!;
    jtj = await hub.token('DEPT', 'JTJ');
    const first = async (department: string) =>
      (await hub.query(`query($d: String) { projects(first: 1, filter: { supervisingDepartment: $d }) { nodes { id } } }`, { d: department }, office)).data
        .projects.nodes[0].id as string;
    zjjProject = await first('ZJJ');
    jtjProject = await first('JTJ');
  });

  const RECORD = `mutation($input: RecordAuditFindingInput!) { recordAuditFinding(input: $input) { id } }`;
  const finding = (projectId: string) => ({
    input: { projectId, title: '结算审计发现', description: '多计工程量', foundOn: '2025-03-01', rectificationDueOn: '2025-06-01' },
  });

  it('audit: a ZJJ officer records and closes findings on ZJJ projects only', async () => {
    expect(deny(await hub.query(RECORD, finding(jtjProject), zjj))).toBe(true);
    const own = await hub.query(RECORD, finding(zjjProject), zjj);
    expect(own.errors).toBeUndefined();
    const jtjFinding = await hub.query(RECORD, finding(jtjProject), office);
    expect(jtjFinding.errors).toBeUndefined();
    const close = `mutation($id: ID!) { rectifyAuditFinding(id: $id, rectifiedOn: "2025-04-01") { id } }`;
    expect(deny(await hub.query(close, { id: jtjFinding.data.recordAuditFinding.id }, zjj))).toBe(true);
    expect((await hub.query(close, { id: jtjFinding.data.recordAuditFinding.id }, jtj)).errors).toBeUndefined();
  });

  it("cases: a DEPT handler assigns only its own department's enforcers, the office anyone's", async () => {
    const roster = async (department: string) =>
      (await hub.query(`query($d: String) { enforcers(first: 1, filter: { departmentCode: $d }) { nodes { id } } }`, { d: department }, office)).data.enforcers
        .nodes[0].id as string;
    const [zjjEnforcer, jtjEnforcer] = [await roster('ZJJ'), await roster('JTJ')];
    const receipt = await hub.query(`mutation($i: SubmitComplaintInput!) { submitComplaint(input: $i) { receiptNumber } }`, {
      i: {
        idempotencyKey: 'lanes-complaint',
        projectId: zjjProject,
        complainantName: '某公司',
        complainantContact: '13900000001',
        relationToProject: 'bidder',
        knewOn: todayInShanghai(),
        summary: '评标不公',
        details: '评分错误',
      },
    });
    const listed = await hub.query(`query($p: ID!) { cases(first: 100, filter: { projectId: $p }) { nodes { id receiptNumber } } }`, { p: zjjProject }, office);
    const id = listed.data.cases.nodes.find((c: { receiptNumber: string }) => c.receiptNumber === receipt.data.submitComplaint.receiptNumber).id;
    for (const step of [
      `acceptCase(input: { caseId: "${id}" }) { id }`,
      `routeCase(input: { caseId: "${id}", mode: TRANSFERRED, departmentCodes: ["ZJJ"] }) { id }`,
    ]) {
      expect((await hub.query(`mutation { ${step} }`, {}, office)).errors).toBeUndefined();
    }
    const assign = (enforcerId: string, token: string) =>
      hub.query(`mutation { assignEnforcers(input: { caseId: "${id}", enforcerIds: ["${enforcerId}"] }) { id } }`, {}, token);
    expect(deny(await assign(jtjEnforcer, zjj))).toBe(true);
    expect((await assign(zjjEnforcer, zjj)).errors).toBeUndefined();
    expect((await assign(jtjEnforcer, office)).errors).toBeUndefined();
  });

  it("rectification: a department reads its own tasks in full and other departments' as a summary", async () => {
    const created = await hub.query(
      `mutation($i: CreateRectificationTaskInput!) { createRectificationTask(input: $i) { id } }`,
      {
        i: {
          source: 'AUDIT',
          sourceReference: '沙审〔2026〕1号',
          projectId: zjjProject,
          problem: '价款调整无依据',
          measures: '重新核定',
          responsibleDepartmentCode: 'ZJJ',
          deadline: todayInShanghai(),
        },
      },
      office,
    );
    expect(created.errors).toBeUndefined();
    const read = async (token: string) =>
      (
        await hub.query(`{ rectificationTasks(first: 100, department: "ZJJ") { nodes { id view problem measures } } }`, {}, token)
      ).data.rectificationTasks.nodes.find((n: { id: string }) => n.id === created.data.createRectificationTask.id);
    expect(await read(zjj)).toMatchObject({ view: 'FULL', problem: '价款调整无依据', measures: '重新核定' });
    expect(await read(jtj)).toMatchObject({ view: 'SUMMARY', problem: null, measures: null });
  });
});

/*
 * Declared field visibility (each slice's src/visibility.ts): every field of every type with views, for
 * every view a demo row gives a caller, asked straight at the owning subgraph's port (the side door the
 * gateway's own paths go through). The fields come from the built schema, so a field added to such a
 * type is checked here with no new test: unless a restricted view lists it, it must come back empty.
 */
describe('declared field visibility: every field of every view, on the demo data', () => {
  /** Types without a federation key are reached through a root list of their slice. */
  const REACH: Partial<Record<string, (selection: string) => string>> = {
    RectificationTask: (selection) => `{ list: rectificationTasks(first: 500) { nodes { ${selection} } } }`,
  };

  it('each restricted view returns null (or an empty list) for every field it does not list, and each view is seen', async () => {
    const declarations = await loadVisibility();
    const enforcerSub = (
      await hub.subgraphs.get('cases')!.orm.em.getConnection().execute<{ id: string }[]>('select unnest(assigned_enforcer_ids) as id from case_file limit 1')
    )[0]?.id;
    expect(enforcerSub, 'the demo data assigns an enforcer to some case').toBeDefined();
    const callers: { label: string; caller: Caller; token?: string }[] = [
      { label: 'LEADER', caller: as('LEADER'), token: tokens.get('LEADER') },
      { label: 'OFFICE', caller: as('OFFICE', 'ZWJ'), token: tokens.get('OFFICE') },
      { label: 'CENTER', caller: as('CENTER', 'JYZX'), token: tokens.get('CENTER') },
      { label: 'DEPT ZJJ', caller: as('DEPT', 'ZJJ', 'dept-test'), token: tokens.get('DEPT') },
      { label: 'DEPT JTJ', caller: as('DEPT', 'JTJ', 'dept-test'), token: await hub.token('DEPT', 'JTJ') },
      { label: 'ENFORCER (assigned to a case)', caller: as('ENFORCER', 'ZJJ', enforcerSub), token: await hub.token('ENFORCER', 'ZJJ', enforcerSub) },
      { label: 'PUBLIC', caller: PUBLIC_CALLER },
    ];
    const problems: string[] = [];
    let checked = 0;
    for (const [subgraph, list] of declarations) {
      const { service, orm } = hub.subgraphs.get(subgraph)!;
      for (const declaration of list) {
        const type = service.schema.getType(declaration.type);
        if (!isObjectType(type)) throw new Error(`${subgraph}: ${declaration.type} is not an object type`);
        const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined));
        const selection = fields.map((f) => (isLeafType(getNamedType(f.type)) ? f.name : `${f.name} { __typename }`)).join(' ');
        const rows = (await orm.em.fork().find(declaration.entity, {}, { limit: 300 })) as { id: string }[];
        const seen = new Set<string>();
        const refused = new Set<string>();
        let fullValues = 0;
        for (const { label, caller, token } of callers) {
          const reach = REACH[declaration.type];
          const answer = reach
            ? await hub.query(reach(selection), {}, token, service.url)
            : await hub.query(
                `query($r: [_Any!]!) { list: _entities(representations: $r) { ... on ${declaration.type} { ${selection} } } }`,
                { r: rows.map((row) => ({ __typename: declaration.type, id: row.id })) },
                token,
                service.url,
              );
          // A role the root list refuses reads none of these rows: the row rules are the root-field matrix's business.
          if (answer.errors?.some((e) => DENIALS.has(e.extensions?.code))) continue;
          expect(answer.errors, `${subgraph} ${declaration.type} as ${label}`).toBeUndefined();
          const objects = ((reach ? answer.data.list.nodes : answer.data.list) as (Record<string, unknown> | null)[]).filter(
            (o): o is Record<string, unknown> => o !== null,
          );
          const returned = new Map(objects.map((o) => [o.id as string, o]));
          for (const row of rows) {
            const view = declaration.viewOf(caller, row);
            const object = returned.get(row.id);
            if (!object) {
              refused.add(view);
              continue;
            }
            seen.add(view);
            for (const field of fields) {
              const value = object[field.name];
              const empty = value === null || (Array.isArray(value) && value.length === 0);
              if (!declaration.isShown(view, field.name)) {
                checked += 1;
                if (!empty)
                  problems.push(
                    `${declaration.type}.${field.name} shown in view ${view} to ${label} (row ${row.id}), which src/visibility.ts does not list for it`,
                  );
              } else if (declaration.full.includes(view) && !empty && Object.keys(declaration.shows).some((v) => !declaration.isShown(v, field.name))) {
                fullValues += 1;
              }
            }
          }
        }
        for (const view of [...declaration.full, ...Object.keys(declaration.shows)]) {
          // A view whose rows the slice refuses whole (e.g. a case an enforcer is not assigned to) has no fields to check.
          if (!seen.has(view) && !refused.has(view)) problems.push(`${subgraph} ${declaration.type}: no demo row gave view ${view} to any caller`);
        }
        if (fullValues === 0) problems.push(`${subgraph} ${declaration.type}: the full view never returned a value for a field the restricted views hide`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 180_000);
});

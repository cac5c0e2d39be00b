import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hub/kit';
import { commitmentOf, deriveSeed, manifestHash, runDrawV2 } from '../subgraphs/enforcers/src/draw/algorithm';
import { startHub, type Hub } from './harness';

let hub: Hub;
let office: string;
beforeAll(async () => {
  // Real demo projects and the real enforcer roster and draws; cases start empty.
  hub = await startHub({ seed: ['projects', 'enforcers'], only: ['projects', 'enforcers', 'cases', 'credit'] });
  office = await hub.token('OFFICE', 'ZWJ');
});
afterAll(async () => hub?.stop());

describe('cases through the gateway', () => {
  it('takes a complaint on a demo project from submission to archive, refusing the wrong department, and shows it under the project', async () => {
    const zjj = await hub.token('DEPT', 'ZJJ');
    const jtj = await hub.token('DEPT', 'JTJ');
    const found = await hub.query(`{ projects(first: 1, filter: { supervisingDepartment: "ZJJ" }) { nodes { id } } }`, {}, office);
    const projectId = found.data.projects.nodes[0].id;
    const submitted = await hub.query(
      `mutation($i: SubmitComplaintInput!) { submitComplaint(input: $i) { receiptNumber secret status acceptanceDeadline { dueOn provisional daysLeft } } }`,
      {
        i: {
          idempotencyKey: 'e2e-complaint-1',
          projectId,
          complainantName: '湖北某建设有限公司',
          complainantContact: '13800000001',
          relationToProject: 'bidder',
          knewOn: todayInShanghai(),
          summary: '评标未按招标文件评审',
          details: '评分表计算错误',
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitComplaint.acceptanceDeadline.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const listed = await hub.query(`{ cases(first: 5, filter: { status: SUBMITTED }) { nodes { id } } }`, {}, office);
    const caseId = listed.data.cases.nodes[0].id;
    const step = async (mutation: string, token: string) => hub.query(`mutation { ${mutation.replace('$C', caseId)} }`, {}, token);
    expect((await step(`acceptCase(input: { caseId: "$C", comment: "予以受理" }) { status }`, office)).data.acceptCase.status).toBe('ACCEPTED');
    const routed = await step(`routeCase(input: { caseId: "$C", mode: TRANSFERRED }) { status handlingDepartments { code } }`, office);
    expect(routed.data.routeCase.handlingDepartments).toEqual([{ code: 'ZJJ' }]);
    const wrong = await step(`startInvestigation(input: { caseId: "$C" }) { status }`, jtj);
    expect(wrong.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await step(`startInvestigation(input: { caseId: "$C" }) { status }`, zjj)).errors).toBeUndefined();
    expect((await step(`decideCase(input: { caseId: "$C", substantiated: true, actionTaken: "责令改正" }) { status }`, zjj)).errors).toBeUndefined();
    expect((await step(`sendCaseFeedback(input: { caseId: "$C", feedback: "经查属实，已责令改正" }) { status }`, zjj)).errors).toBeUndefined();
    expect((await step(`archiveCase(input: { caseId: "$C" }) { status }`, office)).data.archiveCase.status).toBe('ARCHIVED');
    const joined = await hub.query(
      `query($id: ID!) { project(id: $id) { name cases { receiptNumber status events { transition actorRole } } } }`,
      { id: projectId },
      office,
    );
    expect(joined.errors).toBeUndefined();
    const theCase = joined.data.project.cases.find((c: { receiptNumber: string }) => c.receiptNumber === submitted.data.submitComplaint.receiptNumber);
    expect(theCase.status).toBe('ARCHIVED');
    expect(theCase.events.length).toBeGreaterThanOrEqual(7);
    const anonymous = await hub.query(`query($id: ID!) { project(id: $id) { cases { id } } }`, { id: projectId });
    expect(anonymous.data.project.cases ?? []).toEqual([]);
  });
});

describe('joint random inspections through the gateway', () => {
  it('creates a plan for a demo year, draws from the real project pool, re-verifies the draw, and shows inspectors under the project', async () => {
    const plan = await hub.query(
      `mutation { createInspectionPlan(input: { name: "2025 复查", periodFrom: "2025-01-01", periodTo: "2025-12-31", itemCodes: ["CJ-01", "CJ-03"], samplingRatio: 0.05 }) { id } }`,
      {},
      office,
    );
    expect(plan.errors).toBeUndefined();
    const planId = plan.data.createInspectionPlan.id;
    // The draw procedure: the office freezes the manifest; the office and a leader (witness) commit, then reveal (the office first); the office draws.
    const frozen = await hub.query(
      `mutation($input: FreezeDrawInput!) { freezeDraw(input: $input) { id manifestHash rosterSnapshot { pseudonym departmentCode } } }`,
      { input: { planId, participantUnits: ['ZWJ', 'LEADING_GROUP'], revealDeadline: new Date(Date.now() + 86_400_000).toISOString() } },
      office,
    );
    expect(frozen.errors).toBeUndefined();
    const roundId = frozen.data.freezeDraw.id;
    const leader = await hub.token('LEADER');
    const secrets = { office: randomBytes(32).toString('hex'), leader: randomBytes(32).toString('hex') };
    const parties = [
      [office, secrets.office],
      [leader, secrets.leader],
    ] as const;
    for (const [token, secret] of parties) {
      const commitment = createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex');
      expect(
        (
          await hub.query(
            `mutation($id: ID!, $c: String!) { commitDrawSecret(roundId: $id, commitment: $c) { status } }`,
            { id: roundId, c: commitment },
            token,
          )
        ).errors,
      ).toBeUndefined();
    }
    for (const [token, secret] of parties) {
      expect(
        (await hub.query(`mutation($id: ID!, $s: String!) { revealDrawSecret(roundId: $id, secret: $s) { status } }`, { id: roundId, s: secret }, token))
          .errors,
      ).toBeUndefined();
    }
    const draw = await hub.query(
      `mutation($id: ID!) { drawInspections(planId: $id) { id poolSize inspections { project { id } inspectors { name department { code } } } } }`,
      { id: planId },
      office,
    );
    expect(draw.errors).toBeUndefined();
    const { poolSize, inspections } = draw.data.drawInspections;
    expect(poolSize).toBeGreaterThan(0);
    expect(inspections.length).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(poolSize * 0.05)));
    for (const inspection of inspections) expect(inspection.inspectors.length).toBeGreaterThanOrEqual(2);
    const verified = await hub.query(
      `query($id: ID!) { verifyDraw(drawId: $id) { matches commitmentsMatch seedMatches } }`,
      { id: draw.data.drawInspections.id },
      office,
    );
    expect(verified.data.verifyDraw).toEqual({ matches: true, commitmentsMatch: true, seedMatches: true });
    const project = await hub.query(
      `query($id: ID!) { project(id: $id) { code inspections { inspectors { name department { code name } } } } }`,
      { id: inspections[0].project.id },
      await hub.token('LEADER'),
    );
    expect(project.errors).toBeUndefined();
    expect(project.data.project.inspections.some((i: { inspectors: unknown[] }) => i.inspectors.length >= 2)).toBe(true);
  });
});

describe('a draw anyone can verify', () => {
  it('lets the public re-run a published demo draw from published data alone — seed, projects and inspectors — with no names in the roster snapshot', async () => {
    const published = await hub.query(`{ publishedInspections(first: 1) { nodes { inspectorPseudonyms inspectors { name } project { id }
      draw { seed result { algorithmVersion poolSize drawnCount projects { projectId inspectorIds } } round { manifest manifestHash commitments { unitCode commitment secret } } } } } }`);
    expect(published.errors).toBeUndefined();
    const [inspection] = published.data.publishedInspections.nodes;
    const { draw } = inspection;
    // The same pure module a browser runs.
    expect(manifestHash(draw.round.manifest)).toBe(draw.round.manifestHash);
    expect(draw.round.commitments.length).toBeGreaterThanOrEqual(2);
    for (const c of draw.round.commitments) expect(commitmentOf(c.secret)).toBe(c.commitment);
    const seed = deriveSeed(draw.round.manifestHash, draw.round.commitments);
    expect(seed).toBe(draw.seed);
    const manifest = JSON.parse(draw.round.manifest);
    expect(runDrawV2(manifest, seed)).toEqual(draw.result);
    // The published inspection's team is the drawn team; the snapshot holds no names.
    expect(draw.result.projects.find((p: { projectId: string }) => p.projectId === inspection.project.id).inspectorIds).toEqual(inspection.inspectorPseudonyms);
    for (const { name } of inspection.inspectors) expect(draw.round.manifest).not.toContain(name);
    expect(Object.keys(manifest.roster[0]).sort()).toEqual(['departmentCode', 'pseudonym', 'specialties']);
  });
});

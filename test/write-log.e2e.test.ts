import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isWriteLogged, readSubgraphList, todayInShanghai, withCheckCharacter, WriteLogEntry, WriteLogSubscriber, writeLogQueryName } from '@hub/kit';
import { startHub, type Hub } from './harness';
import { committedApiSchema, rootFieldProbes } from './authorization/operations';

/*
 * The write log end to end (issue 17, item 8): every mutation of the supergraph is wired to the kit's
 * recorder, and a LEADER reads through the gateway who changed a credit rule, an enforcer and a bid,
 * and what changed — the bid in the project's history, merged across slices.
 */

let hub: Hub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  hub = await startHub();
  tokens.leader = await hub.token('LEADER');
  tokens.office = await hub.token('OFFICE', 'ZWJ', 'office-wang');
  tokens.center = await hub.token('CENTER', 'JYZX', 'center-li');
  tokens.zjj = await hub.token('DEPT', 'ZJJ', 'zjj-zhao');
}, 600_000);
afterAll(async () => hub?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await hub.query<T>(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

describe('the write log is wired for every mutation of every slice', () => {
  it("every mutation of the supergraph runs through the kit's recorder in its owning slice", () => {
    const mutations = rootFieldProbes().filter((p) => p.kind === 'mutation');
    expect(mutations.length).toBeGreaterThan(30);
    const unlogged = mutations.filter((p) => !isWriteLogged(hub.subgraphs.get(p.subgraph)!.service.schema.getMutationType()!.getFields()[p.field]?.resolve));
    expect(unlogged.map((p) => `${p.subgraph}: ${p.field}`)).toEqual([]);
  });

  it('every slice has the write-log table, the recorder and its log query in the graph', () => {
    const query = committedApiSchema().getQueryType()!.getFields();
    for (const { name } of readSubgraphList().subgraphs) {
      const { orm } = hub.subgraphs.get(name)!;
      expect(orm.getMetadata().has(WriteLogEntry.name), name).toBe(true);
      expect(
        (orm.config.get('subscribers') as unknown[]).some((s) => s instanceof WriteLogSubscriber),
        name,
      ).toBe(true);
      expect(query[writeLogQueryName(name)], name).toBeDefined();
    }
  });
});

describe('a LEADER reads who changed what', () => {
  const today = todayInShanghai();
  const code = (n: number) => withCheckCharacter(`91421002MA${String(5100000 + n).padStart(7, '0')}`);
  const [tenderer, bidder] = [code(1), code(2)];
  let projectId = '';

  it('a credit rule: who overwrote it and its old text and points', async () => {
    const upsert = `mutation($input: CreditRuleInput!) { upsertCreditRule(input: $input) { code } }`;
    await ok(upsert, { input: { code: 'E2E-WL', description: '未按规定公示', points: 3, serious: false } }, tokens.office);
    await ok(upsert, { input: { code: 'E2E-WL', description: '未按规定公示招标信息', points: 6, serious: false } }, tokens.office);
    const data = await ok(
      `{ creditRules { code history { mutation operation at actor { sub role department } changes { field before after } } } }`,
      {},
      tokens.leader,
    );
    const [latest] = data.creditRules.find((r: { code: string }) => r.code === 'E2E-WL').history;
    expect(latest).toMatchObject({ mutation: 'upsertCreditRule', operation: 'UPDATE', actor: { sub: 'office-wang', role: 'OFFICE', department: 'ZWJ' } });
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: 'description', before: '未按规定公示', after: '未按规定公示招标信息' },
        { field: 'points', before: '3', after: '6' },
      ]),
    );
  });

  it('an enforcer: who changed the certificate and the active flag', async () => {
    const registered = await ok(
      `mutation($input: RegisterEnforcerInput!) { registerEnforcer(input: $input) { id } }`,
      {
        input: {
          name: '张执法',
          departmentCode: 'ZJJ',
          certificateNumber: 'ZF-2026-0001',
          certificateValidUntil: addDays(today, 300),
          specialties: ['HOUSING'],
        },
      },
      tokens.office,
    );
    const id = registered.registerEnforcer.id;
    await ok(
      `mutation($input: UpdateEnforcerInput!) { updateEnforcer(input: $input) { id } }`,
      { input: { id, certificateNumber: 'ZF-2026-0002', active: false } },
      tokens.office,
    );
    const data = await ok(
      `query($id: ID!) { enforcer(id: $id) { history { mutation operation actor { sub } changes { field before after } } } }`,
      { id },
      tokens.leader,
    );
    expect(data.enforcer.history.map((e: { mutation: string }) => e.mutation)).toEqual(['updateEnforcer', 'registerEnforcer']);
    expect(data.enforcer.history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'certificateNumber', before: 'ZF-2026-0001', after: 'ZF-2026-0002' },
        { field: 'active', before: 'true', after: 'false' },
      ]),
    );
  });

  it("a bid: in its project's history, merged with what other slices wrote about the project, newest first", async () => {
    for (const [creditCode, name] of [
      [tenderer, '沙市区测试建设单位'],
      [bidder, '湖北测试建工有限公司'],
    ]) {
      await ok(
        `mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`,
        { input: { creditCode, name, registeredOn: '2020-01-01' } },
        tokens.center,
      );
    }
    const project = await ok(
      `mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`,
      {
        input: {
          code: 'E2E-WL-001',
          name: '写入日志测试项目',
          category: 'HOUSING',
          supervisingDepartment: 'ZJJ',
          tendererCreditCode: tenderer,
          budget: '1000000.00',
          tenderMethod: 'OPEN',
          registeredOn: addDays(today, -12),
        },
      },
      tokens.center,
    );
    projectId = project.registerProject.id;
    await ok(
      `mutation($input: AnnounceTenderInput!) { announceTender(input: $input) { id } }`,
      { input: { projectId, announcedOn: addDays(today, -10), bidDeadline: addDays(today, 15), documentRef: 'ZB-2026-001' } },
      tokens.center,
    );
    const bid = await ok(
      `mutation($input: BidInput!) { recordBid(input: $input) { id } }`,
      { input: { projectId, bidderCreditCode: bidder, amount: '980000.00', submittedOn: today } },
      tokens.center,
    );
    await ok(
      `mutation($input: PerformanceNotificationInput!) { notifyPerformanceFinding(input: $input) { id } }`,
      {
        input: { projectId, subjectType: 'MARKET_ENTITY', subjectKey: bidder, facts: '投标文件存在疑点' },
      },
      tokens.zjj,
    );

    const data = await ok(
      `query($id: ID!) { project(id: $id) { history { slice mutation operation objectType objectId projectId at actor { sub role department } changes { field before after } } } }`,
      { id: projectId },
      tokens.leader,
    );
    const history: {
      slice: string;
      mutation: string;
      objectType: string;
      objectId: string;
      at: string;
      actor: { sub: string };
      changes: { field: string; after: string | null }[];
    }[] = data.project.history;
    const bidEntry = history.find((e) => e.objectType === 'Bid');
    expect(bidEntry).toMatchObject({ slice: 'projects', mutation: 'recordBid', objectId: bid.recordBid.id, actor: { sub: 'center-li' } });
    expect(bidEntry!.changes).toEqual(expect.arrayContaining([{ field: 'amount', before: null, after: '980000.00' }]));
    const notification = history.find((e) => e.slice === 'credit');
    expect(notification).toMatchObject({ mutation: 'notifyPerformanceFinding', objectType: 'PerformanceNotification', actor: { sub: 'zjj-zhao' } });
    expect(history.map((e) => e.mutation)).toEqual(expect.arrayContaining(['registerProject', 'announceTender']));
    const times = history.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const filtered = await ok(
      `query($filter: WriteLogFilter) { projectsWriteLog(filter: $filter) { totalCount nodes { objectId } } }`,
      { filter: { mutation: 'recordBid', actorSub: 'center-li' } },
      tokens.office,
    );
    expect(filtered.projectsWriteLog).toMatchObject({ totalCount: 1, nodes: [{ objectId: bid.recordBid.id }] });
  });

  it("masks personal data: a complainant's name and contact never appear in full", async () => {
    const name = '欧阳振华';
    const contact = '13912345678';
    await ok(
      `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { receiptNumber } }`,
      {
        input: {
          idempotencyKey: 'e2e-write-log-1',
          projectId,
          complainantName: name,
          complainantContact: contact,
          relationToProject: '投标人',
          knewOn: today,
          summary: '评标程序违规',
          details: '评标委员会未按招标文件规定的标准评审',
        },
      },
      tokens.office,
    );
    const result = await hub.query(
      `query($filter: WriteLogFilter) { casesWriteLog(filter: $filter) { nodes { objectType actor { role } changes { field after } } } }`,
      { filter: { projectId, mutation: 'submitComplaint' } },
      tokens.leader,
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    expect(text).not.toContain(contact);
    expect(text).not.toContain(name);
    const entry = result.data.casesWriteLog.nodes.find((n: { objectType: string }) => n.objectType === 'Case');
    const contactChange = entry.changes.find((c: { field: string }) => /contact/i.test(c.field));
    expect(contactChange.after).toBe('139******78');
  });

  it('is refused to the roles outside LEADER and OFFICE', async () => {
    for (const token of [tokens.center, tokens.zjj, undefined]) {
      const result = await hub.query(`{ creditWriteLog { totalCount } }`, {}, token);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(result.errors?.[0].extensions?.code);
    }
  });
});

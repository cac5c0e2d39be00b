import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInWriteScope } from '@hub/kit';
import { as, createTestOrm, run } from '@hub/kit/testing';
import type { Directories } from './directories';
import { CreditRule } from './rule/credit-rule.entity';
import { createCreditSubgraph } from './server';

/*
 * The kit's write log on a real slice database: a mutation's writes are on the record in the same
 * transaction, a refused mutation leaves no entry, and the table refuses changes.
 */

const office = { ...as('OFFICE', 'ZWJ', 'office-7'), name: '王主任' };
const leader = as('LEADER');
const directories: Directories = {
  projects: { projects: async () => new Map(), tenderAgencies: async () => [] },
  cases: { casesAgainst: async (codes) => new Map(codes.map((c) => [c, []])) },
};
const subgraph = createCreditSubgraph(directories, { now: () => new Date('2026-11-27T04:00:00Z') });

let orm: MikroORM;
let schema: GraphQLSchema;
const gql = (source: string, variables: Record<string, unknown> = {}, user = office) => run(subgraph, schema, orm, source, variables, user);
const upsert = `mutation($input: CreditRuleInput!) { upsertCreditRule(input: $input) { code points } }`;
const logCount = async () => Number((await orm.em.fork().getConnection().execute('select count(*) as n from write_log'))[0].n);

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
}, 120_000);
afterAll(async () => orm?.close());

describe('write log (credit slice)', () => {
  it('records who created and who changed a rule, with each changed field before and after', async () => {
    expect((await gql(upsert, { input: { code: 'WL-01', description: '项目经理未到岗', points: 5, serious: false } })).errors).toBeUndefined();
    expect((await gql(upsert, { input: { code: 'WL-01', description: '项目经理长期未到岗', points: 8, serious: false } })).errors).toBeUndefined();

    const result = await gql(
      `{ creditRules(includeInactive: true) { code history { mutation operation objectType objectId slice actor { sub name role department } changes { field before after } } } }`,
      {},
      leader,
    );
    expect(result.errors).toBeUndefined();
    const history = result.data.creditRules.find((r: { code: string }) => r.code === 'WL-01').history;
    expect(history).toHaveLength(2);
    const [update, create] = history;
    expect(update).toMatchObject({ mutation: 'upsertCreditRule', operation: 'UPDATE', objectType: 'CreditRule', objectId: 'WL-01', slice: 'credit' });
    expect(update.actor).toEqual({ sub: 'office-7', name: '王主任', role: 'OFFICE', department: 'ZWJ' });
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'description', before: '项目经理未到岗', after: '项目经理长期未到岗' },
        { field: 'points', before: '5', after: '8' },
      ]),
    );
    expect(update.changes.map((c: { field: string }) => c.field)).not.toContain('serious');
    expect(create.operation).toBe('CREATE');
    expect(create.changes).toEqual(expect.arrayContaining([{ field: 'points', before: null, after: '5' }]));
  });

  it('answers the filtered, keyset-paged log query, newest first', async () => {
    const first = await gql(
      `{ creditWriteLog(filter: { objectType: "CreditRule", objectId: "WL-01" }, first: 1) { totalCount nodes { operation } pageInfo { hasNextPage endCursor } } }`,
      {},
      leader,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data.creditWriteLog).toMatchObject({ totalCount: 2, nodes: [{ operation: 'UPDATE' }], pageInfo: { hasNextPage: true } });
    const next = await gql(
      `query($after: String) { creditWriteLog(filter: { objectType: "CreditRule", objectId: "WL-01" }, first: 1, after: $after) { nodes { operation } pageInfo { hasNextPage } } }`,
      { after: first.data.creditWriteLog.pageInfo.endCursor },
      leader,
    );
    expect(next.data.creditWriteLog).toMatchObject({ nodes: [{ operation: 'CREATE' }], pageInfo: { hasNextPage: false } });
    const byActor = await gql(`{ creditWriteLog(filter: { actorSub: "someone-else" }) { totalCount } }`, {}, leader);
    expect(byActor.data.creditWriteLog.totalCount).toBe(0);
    const byMutation = await gql(`{ creditWriteLog(filter: { mutation: "upsertCreditRule", from: "2000-01-01T00:00:00Z" }) { totalCount } }`, {}, leader);
    expect(byMutation.data.creditWriteLog.totalCount).toBeGreaterThanOrEqual(2);
  });

  it('a refused mutation writes no entry', async () => {
    const before = await logCount();
    const refused = await gql(upsert, { input: { code: 'WL-02', description: '', points: 5, serious: false } });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const publishMissing = await gql(`mutation { publishCreditRecord(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(publishMissing.errors?.length).toBeGreaterThan(0);
    expect(await logCount()).toBe(before);
  });

  it('writes its entries in the transaction of the change: a write rolled back after its flush leaves no entry', async () => {
    const before = await logCount();
    const scope = { mutation: 'upsertCreditRule', caller: office, requestId: 'rollback-test' };
    await expect(
      runInWriteScope(scope, () =>
        orm.em.fork().transactional(async (em) => {
          em.create(CreditRule, { code: 'WL-RB', description: '回滚测试', points: 1, serious: false });
          await em.flush();
          expect(Number((await em.getConnection().execute('select count(*) as n from write_log', [], 'all', em.getTransactionContext()))[0].n)).toBe(
            before + 1,
          );
          throw new Error('a later step fails');
        }),
      ),
    ).rejects.toThrow('a later step fails');
    expect(await logCount()).toBe(before);
    expect(await orm.em.fork().count(CreditRule, { code: 'WL-RB' })).toBe(0);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const connection = orm.em.fork().getConnection();
    await expect(connection.execute(`update write_log set actor_name = 'x'`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`delete from write_log`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`truncate write_log`)).rejects.toThrow(/append-only/);
    expect(await logCount()).toBeGreaterThan(0);
  });

  it('is read by LEADER and OFFICE only', async () => {
    for (const caller of [as('DEPT', 'ZJJ'), as('CENTER', 'JYZX'), as('PUBLIC')]) {
      const result = await gql(`{ creditWriteLog { totalCount } }`, {}, caller);
      expect(['FORBIDDEN', 'UNAUTHENTICATED'], caller.role).toContain(result.errors?.[0].extensions?.code);
    }
  });
});

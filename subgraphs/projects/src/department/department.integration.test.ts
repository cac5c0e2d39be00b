import { withCheckCharacter } from '@hub/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestOrm, run } from '@hub/kit/testing';
import { subgraph } from '../server';

/* The member units are rows of this slice's table: the migration seeds seven, and a new unit is one more row. */

const center = as('CENTER', 'JYZX');
const tenderer = withCheckCharacter('91421002MA4910001');
let orm: MikroORM;
let schema: GraphQLSchema;
const gql = (source: string, variables: Record<string, unknown> = {}) => run(subgraph, schema, orm, source, variables, center);

const registerProject = (code: string, supervisingDepartment: string) =>
  gql(`mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id supervisingDepartment { code name } } }`, {
    input: {
      code,
      name: `Project ${code}`,
      category: 'HOUSING',
      supervisingDepartment,
      tendererCreditCode: tenderer,
      budget: '1000000.00',
      tenderMethod: 'OPEN',
      registeredOn: '2024-03-01',
    },
  });

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  const entity = await gql(`mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`, {
    input: { creditCode: tenderer, name: '测试招标人', registeredOn: '2024-01-01' },
  });
  expect(entity.errors).toBeUndefined();
});

afterAll(async () => orm?.close());

describe('member units as reference data', () => {
  it('the migration seeds the seven units in their customary order, with kinds', async () => {
    const { data, errors } = await gql('{ departments { code kind } }');
    expect(errors).toBeUndefined();
    expect(data.departments).toEqual([
      { code: 'FGJ', kind: 'LINE' },
      { code: 'ZJJ', kind: 'LINE' },
      { code: 'JTJ', kind: 'LINE' },
      { code: 'SLJ', kind: 'LINE' },
      { code: 'NYJ', kind: 'LINE' },
      { code: 'JYZX', kind: 'TRADING_CENTER' },
      { code: 'ZWJ', kind: 'SUPERVISION_OFFICE' },
    ]);
  });

  it('a unit added as a row is listed, found by code, accepted as a supervising department and named in the rule', async () => {
    const before = await registerProject('T-UNIT-1', 'LYJ');
    expect(before.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'supervisingDepartment', rule: 'line department' });
    expect(before.errors?.[0].message).toBe('supervisingDepartment must be a line department (FGJ, ZJJ, JTJ, SLJ, NYJ), got "LYJ"');

    // The data change a new line department needs (here a forestry bureau, 区林业局), and nothing else.
    await orm.em
      .getConnection()
      .execute(`insert into "department" ("code", "name", "name_zh", "kind", "position") values ('LYJ', 'Forestry Bureau', '区林业局', 'LINE', 55)`);

    const list = await gql('{ departments { code } department(code: "LYJ") { code name nameZh kind } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.departments.map((d: { code: string }) => d.code)).toEqual(['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ', 'LYJ', 'JYZX', 'ZWJ']);
    expect(list.data.department).toEqual({ code: 'LYJ', name: 'Forestry Bureau', nameZh: '区林业局', kind: 'LINE' });

    const after = await registerProject('T-UNIT-2', 'LYJ');
    expect(after.errors).toBeUndefined();
    expect(after.data.registerProject.supervisingDepartment).toEqual({ code: 'LYJ', name: 'Forestry Bureau' });

    const rule = await registerProject('T-UNIT-3', 'JYZX');
    expect(rule.errors?.[0].message).toBe('supervisingDepartment must be a line department (FGJ, ZJJ, JTJ, SLJ, NYJ, LYJ), got "JYZX"');
  });
});

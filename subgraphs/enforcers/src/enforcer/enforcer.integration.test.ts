import { creditCodeCheckCharacter } from '@hub/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestOrm, run } from '@hub/kit/testing';
import { subgraph } from '../server';

let orm: MikroORM;
let schema: GraphQLSchema;
const office = as('OFFICE', 'ZWJ');
const gql = (source: string, variables: Record<string, unknown> = {}, user = office) => run(subgraph, schema, orm, source, variables, user);
const REGISTER = `mutation($input: RegisterEnforcerInput!) { registerEnforcer(input: $input) { id name certificateNumber certificateValidUntil specialties active department { code } } }`;
const input = (over: Record<string, unknown> = {}) => ({
  name: '张建国',
  departmentCode: 'ZJJ',
  certificateNumber: '鄂荆执2023ZJJ0001',
  certificateValidUntil: '2028-06-30',
  specialties: ['HOUSING', 'MUNICIPAL'],
  ...over,
});

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
});
afterAll(async () => orm?.close());

describe('the roster', () => {
  it('registers an enforcer and refuses bad or duplicate input naming the field, writing nothing', async () => {
    const created = await gql(REGISTER, { input: input() });
    expect(created.errors).toBeUndefined();
    expect(created.data.registerEnforcer).toMatchObject({ name: '张建国', active: true, specialties: ['HOUSING', 'MUNICIPAL'], department: { code: 'ZJJ' } });
    const duplicate = await gql(REGISTER, { input: input({ name: '李四' }) });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'certificateNumber', rule: 'unique' });
    const center = await gql(REGISTER, { input: input({ departmentCode: 'JYZX', certificateNumber: 'X-1' }) });
    expect(center.errors?.[0].extensions).toMatchObject({ field: 'departmentCode' });
    const none = await gql(REGISTER, { input: input({ specialties: [], certificateNumber: 'X-2' }) });
    expect(none.errors?.[0].extensions).toMatchObject({ field: 'specialties' });
    const denied = await gql(REGISTER, { input: input({ certificateNumber: 'X-3' }) }, as('DEPT', 'ZJJ'));
    expect(denied.errors?.[0].message).toMatch(/Access denied/);
    const all = await gql(`{ enforcers { totalCount } }`, {}, as('LEADER'));
    expect(all.data.enforcers.totalCount).toBe(1);
  });

  it('records training, conflicts and recusals with validation, and hides roster detail from other departments', async () => {
    const { data } = await gql(REGISTER, {
      input: input({ name: '王卫东', departmentCode: 'SLJ', certificateNumber: '鄂荆执2023SLJ0001', specialties: ['WATER'] }),
    });
    const id = data.registerEnforcer.id;
    const badHours = await gql(`mutation($input: TrainingInput!) { recordTraining(input: $input) { id } }`, {
      input: { enforcerId: id, course: '执法培训', completedOn: '2025-05-01', hours: 0 },
    });
    expect(badHours.errors?.[0].extensions).toMatchObject({ field: 'hours' });
    const training = await gql(`mutation($input: TrainingInput!) { recordTraining(input: $input) { course hours completedOn } }`, {
      input: { enforcerId: id, course: '双随机一公开监管实务', completedOn: '2025-05-01', hours: 16 },
    });
    expect(training.data.recordTraining).toEqual({ course: '双随机一公开监管实务', hours: 16, completedOn: '2025-05-01' });
    const badCode = await gql(`mutation($input: ConflictOfInterestInput!) { recordConflictOfInterest(input: $input) { id } }`, {
      input: { enforcerId: id, creditCode: '914210021234567890', reason: '亲属' },
    });
    expect(badCode.errors?.[0].extensions).toMatchObject({ field: 'creditCode', rule: 'GB 32100-2015' });
    const first17 = '91421002MA4912345';
    const conflict = await gql(`mutation($input: ConflictOfInterestInput!) { recordConflictOfInterest(input: $input) { creditCode recordedBy } }`, {
      input: { enforcerId: id, creditCode: first17 + creditCodeCheckCharacter(first17), reason: '配偶任该公司监事' },
    });
    expect(conflict.errors).toBeUndefined();
    const notUuid = await gql(`mutation($input: RecusalInput!) { recordRecusal(input: $input) { id } }`, {
      input: { enforcerId: id, projectId: 'P-1', reason: 'x' },
    });
    expect(notUuid.errors?.[0].extensions).toMatchObject({ field: 'projectId', rule: 'UUID format' });
    const deactivated = await gql(`mutation($input: UpdateEnforcerInput!) { updateEnforcer(input: $input) { active certificateValidUntil } }`, {
      input: { id, active: false, certificateValidUntil: '2029-12-31' },
    });
    expect(deactivated.data.updateEnforcer).toEqual({ active: false, certificateValidUntil: '2029-12-31' });

    const DETAIL = `query($id: ID!) { enforcer(id: $id) { name certificateNumber trainingRecords { course } conflictsOfInterest { reason } } }`;
    const own = await gql(DETAIL, { id }, as('DEPT', 'SLJ'));
    expect(own.data.enforcer).toMatchObject({
      name: '王卫东',
      certificateNumber: '鄂荆执2023SLJ0001',
      trainingRecords: [{ course: '双随机一公开监管实务' }],
      conflictsOfInterest: [{ reason: '配偶任该公司监事' }],
    });
    expect((await gql(DETAIL, { id }, as('DEPT', 'ZJJ'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Through a federation reference (e.g. a case's assigned enforcer) anyone sees the public name and department only.
    const ref = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enforcer { name department { code } certificateNumber trainingRecords { course } } } }`,
      {
        r: [
          { __typename: 'Enforcer', id },
          { __typename: 'Enforcer', id: 'not-a-uuid' },
        ],
      },
      as('PUBLIC'),
    );
    expect(ref.data._entities).toEqual([{ name: '王卫东', department: { code: 'SLJ' }, certificateNumber: null, trainingRecords: null }, null]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { addDays, todayInShanghai, withCheckCharacter, type Role } from '@hub/kit';
import { startHub, type Hub } from './harness';
import { committedApiSchema, objectFieldOwners, standIn, STAND_IN_ID } from './authorization/operations';
import { loadAccessPolicies } from './authorization/policy';

/*
 * The bad-input matrix: from the committed supergraph, every leaf of every mutation's arguments
 * (optional ones and those inside lists and nested inputs included) gets bad values by type, with
 * every other argument a valid stand-in, called through the gateway by a role allowed to call the
 * mutation. Each must be refused with a known code and a message naming the field, and no row of
 * any slice's database may change. The "id that does not exist" variant is the all-valid call
 * with stand-in ids, which must be refused as well.
 */

type Step = string | number;
interface Leaf {
  path: Step[];
  name: string;
  type: GraphQLInputType;
}

const KNOWN_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED']);
const OVERLONG = 'x'.repeat(5_000);

/** Bad values for a leaf of the given (named) type. */
function badValues(type: GraphQLInputType): { label: string; value: unknown }[] {
  const named = getNullableType(type);
  if (isEnumType(named))
    return [
      { label: 'unknown enum value', value: 'NOT_A_VALUE' },
      { label: 'wrong type', value: 7 },
    ];
  if (!isScalarType(named)) return [];
  switch (named.name) {
    case 'String':
      return [
        { label: 'empty', value: '' },
        { label: 'blank', value: '   ' },
        { label: 'overlong', value: OVERLONG },
        { label: 'NUL', value: 'a\u0000b' },
        { label: 'control character', value: 'a\u001bb' },
        { label: 'wrong type', value: 12 },
      ];
    case 'ID':
      return [
        { label: 'not a UUID', value: 'not-an-id' },
        { label: 'overlong', value: OVERLONG },
        { label: 'empty', value: '' },
        { label: 'wrong type', value: { id: 1 } },
      ];
    case 'LocalDate':
      return [
        { label: 'impossible date', value: '2026-02-30' },
        { label: 'impossible month', value: '2026-13-01' },
        { label: 'empty', value: '' },
        { label: 'before 2000', value: '1900-01-01' },
        { label: 'far future', value: '2200-01-01' },
      ];
    case 'Decimal':
      return [
        { label: 'negative', value: '-1.00' },
        { label: 'too many decimals', value: '1.234' },
        { label: 'out of range', value: '9999999999999999.00' },
        { label: 'wrong type', value: true },
      ];
    case 'Int':
      return [
        { label: 'negative', value: -1 },
        { label: 'out of range', value: 2_000_000_000 },
        { label: 'beyond 32 bits', value: 2 ** 40 },
        { label: 'wrong type', value: 'seven' },
      ];
    case 'Float':
      return [
        { label: 'negative', value: -1 },
        { label: 'out of range', value: 1e12 },
        { label: 'wrong type', value: 'half' },
      ];
    case 'Boolean':
      return [{ label: 'wrong type', value: 'yes' }];
    default:
      return [{ label: 'wrong type', value: { not: 'a scalar' } }];
  }
}

/** Every leaf under an argument: through input objects and lists (a list's first element). */
function leavesOf(type: GraphQLInputType, path: Step[], name: string, depth = 0): Leaf[] {
  const inner = getNullableType(type);
  if (isListType(inner)) return leavesOf(inner.ofType, [...path, 0], name, depth);
  if (isInputObjectType(inner)) {
    if (depth > 3) return [];
    return Object.values(inner.getFields()).flatMap((field) => leavesOf(field.type, [...path, field.name], field.name, depth + 1));
  }
  return [{ path, name, type: inner }];
}

/** `container` (a value of `type`, or nothing) with the leaf at `path` set: missing lists and objects are stand-ins. */
function setAt(container: unknown, type: GraphQLInputType, path: Step[], value: unknown): unknown {
  if (path.length === 0) return value;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const list = Array.isArray(container) && container.length ? [...container] : [standIn(inner.ofType, 'matrix')];
    list[0] = setAt(list[0], inner.ofType, path.slice(1), value);
    return list;
  }
  if (isInputObjectType(inner)) {
    const object = { ...((container && typeof container === 'object' ? container : standIn(inner, 'matrix')) as Record<string, unknown>) };
    const key = path[0] as string;
    object[key] = setAt(object[key], inner.getFields()[key].type, path.slice(1), value);
    return object;
  }
  return value;
}

/** Stand-ins for the required arguments (valid by the input rules). */
function standIns(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) if (isNonNullType(arg.type) && arg.defaultValue === undefined) variables[arg.name] = standIn(arg.type, arg.name);
  return variables;
}

/** The stand-in variables with the leaf at `path` (argument name first) replaced by `value`. */
function withValue(field: GraphQLField<unknown, unknown>, path: Step[], value: unknown): Record<string, unknown> {
  const variables = standIns(field);
  const arg = field.args.find((a) => a.name === path[0])!;
  variables[arg.name] = setAt(variables[arg.name], arg.type, path.slice(1), value);
  return variables;
}

let hub: Hub;
const tokens = new Map<Role, string | undefined>();

beforeAll(async () => {
  hub = await startHub();
  tokens.set('LEADER', await hub.token('LEADER'));
  tokens.set('OFFICE', await hub.token('OFFICE', 'ZWJ'));
  tokens.set('CENTER', await hub.token('CENTER', 'JYZX'));
  tokens.set('DEPT', await hub.token('DEPT', 'ZJJ'));
  tokens.set('ENFORCER', await hub.token('ENFORCER', 'ZJJ', STAND_IN_ID));
  tokens.set('PUBLIC', undefined);
}, 300_000);
afterAll(async () => hub?.stop());

/** Row count and content checksum of every table of every slice's database. */
async function snapshot(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [name, { orm }] of hub.subgraphs) {
    const connection = orm.em.getConnection();
    const tables = (await connection.execute(`select tablename from pg_tables where schemaname = 'public' and tablename not like 'mikro_orm%'`)) as {
      tablename: string;
    }[];
    for (const { tablename } of tables) {
      const [row] = (await connection.execute(
        `select count(*)::text as n, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as sum from "${tablename}" t`,
      )) as { n: string; sum: string }[];
      result[`${name}.${tablename}`] = `${row.n}:${row.sum}`;
    }
  }
  return result;
}

describe('bad-input matrix: every leaf of every mutation, bad values by type', () => {
  it('refuses each with a known code and a message naming the field, and changes no row in any slice', async () => {
    const schema = committedApiSchema();
    const owners = objectFieldOwners();
    const policies = await loadAccessPolicies();
    const cases: { label: string; source: string; variables: Record<string, unknown>; token?: string; field?: string }[] = [];
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const owner = owners.get(`Mutation.${field.name}`)?.[0];
      const allowed = (owner && policies.get(owner)?.[`mutation.${field.name}`]) || [];
      const role: Role | undefined = (['OFFICE', 'DEPT', 'CENTER', 'ENFORCER', 'LEADER', 'PUBLIC'] as Role[]).find((r) => allowed.includes(r));
      if (!role) continue;
      const declared = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const source = `mutation BadInput${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} { __typename } }`;
      const leaves = field.args.flatMap((arg) => leavesOf(arg.type, [arg.name], arg.name));
      for (const leaf of leaves) {
        for (const bad of badValues(leaf.type)) {
          cases.push({
            label: `${role} ${field.name} ${leaf.path.join('.')} ${bad.label}`,
            source,
            variables: withValue(field, leaf.path, bad.value),
            token: tokens.get(role),
            field: leaf.name,
          });
        }
      }
      if (leaves.some((leaf) => getNullableType(leaf.type).toString() === 'ID' && field.args.some((a) => isNonNullType(a.type)))) {
        cases.push({ label: `${role} ${field.name} ids that do not exist`, source, variables: standIns(field), token: tokens.get(role) });
      }
    }
    expect(cases.length).toBeGreaterThan(500);

    const before = await snapshot();
    const problems: string[] = [];
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(
        cases.slice(i, i + 8).map(async (c) => {
          const response = await hub.query(c.source, c.variables, c.token);
          const errors = response.errors ?? [];
          if (errors.length === 0) {
            problems.push(`${c.label}: accepted`);
            return;
          }
          for (const error of errors) {
            if (!KNOWN_CODES.has(error.extensions?.code)) problems.push(`${c.label}: ${error.extensions?.code} ${error.message.slice(0, 200)}`);
            else if (c.field && !error.message.includes(c.field)) problems.push(`${c.label}: message does not name ${c.field}: ${error.message.slice(0, 200)}`);
            if (error.message.length > 600) problems.push(`${c.label}: a ${error.message.length}-character message (echoes the value?)`);
          }
        }),
      );
    }
    const after = await snapshot();
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    expect(problems).toEqual([]);
    expect(changed).toEqual([]);
  }, 600_000);
});

/*
 * The "another department's object" variant: every mutation a DEPT officer may call, called by a ZJJ
 * officer with the ids of JTJ's objects (a JTJ project, case, rectification task, audit finding,
 * enforcer) in place of the stand-ins, every other argument valid. A department's lane holds for each:
 * refused FORBIDDEN or NOT_FOUND, and no row changes anywhere.
 */
describe("bad-input matrix: a department passing another department's objects", () => {
  const other: Record<string, string> = {};

  beforeAll(async () => {
    const office = tokens.get('OFFICE');
    const center = tokens.get('CENTER');
    const today = todayInShanghai();
    const ok = async (source: string, variables: Record<string, unknown>, token: string | undefined) => {
      const response = await hub.query(source, variables, token);
      expect(response.errors, `${source}: ${JSON.stringify(response.errors)}`).toBeUndefined();
      return response.data;
    };
    const tenderer = withCheckCharacter('91421002MA5200001');
    other.creditCode = tenderer;
    await ok(
      `mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`,
      { input: { creditCode: tenderer, name: '沙市区交通建设单位', registeredOn: '2020-01-01' } },
      center,
    );
    const project = async (code: string, department: string, category: string) =>
      (
        await ok(
          `mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`,
          {
            input: {
              code,
              name: `${department} 车道测试项目`,
              category,
              supervisingDepartment: department,
              tendererCreditCode: tenderer,
              budget: '500000.00',
              tenderMethod: 'OPEN',
              registeredOn: today,
            },
          },
          center,
        )
      ).registerProject.id as string;
    other.project = await project('LANE-JTJ-001', 'JTJ', 'TRANSPORT');
    other.ownProject = await project('LANE-ZJJ-001', 'ZJJ', 'HOUSING');
    other.enforcer = (
      await ok(
        `mutation($input: RegisterEnforcerInput!) { registerEnforcer(input: $input) { id } }`,
        {
          input: {
            name: '交通执法员',
            departmentCode: 'JTJ',
            certificateNumber: 'JTJ-LANE-0001',
            certificateValidUntil: addDays(today, 300),
            specialties: ['TRANSPORT'],
          },
        },
        office,
      )
    ).registerEnforcer.id;
    other.finding = (
      await ok(
        `mutation($input: RecordAuditFindingInput!) { recordAuditFinding(input: $input) { id } }`,
        {
          input: { projectId: other.project, title: '审计发现', description: '合同价款调整未经审批', foundOn: today, rectificationDueOn: addDays(today, 30) },
        },
        office,
      )
    ).recordAuditFinding.id;
    other.task = (
      await ok(
        `mutation($input: CreateRectificationTaskInput!) { createRectificationTask(input: $input) { id } }`,
        {
          input: {
            source: 'AUDIT',
            sourceReference: 'SJ-2026-01',
            projectId: other.project,
            problem: '合同管理不规范',
            measures: '补办审批手续',
            responsibleDepartmentCode: 'JTJ',
            deadline: addDays(today, 30),
          },
        },
        office,
      )
    ).createRectificationTask.id;
    // A case routed to each department: JTJ's is the foreign object; ZJJ's own case meets JTJ's enforcer.
    for (const [key, projectId] of [
      ['case', other.project],
      ['ownCase', other.ownProject],
    ] as const) {
      await ok(
        `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { receiptNumber } }`,
        {
          input: {
            idempotencyKey: `lane-${key}`,
            projectId,
            complainantName: '投诉人',
            complainantContact: '027-00000000',
            relationToProject: '投标人',
            knewOn: today,
            summary: '资格审查不公',
            details: '资格审查标准与招标文件不一致',
          },
        },
        office,
      );
      const found = await ok(`query($projectId: ID!) { cases(filter: { projectId: $projectId }) { nodes { id } } }`, { projectId }, office);
      const caseId = found.cases.nodes[0].id;
      await ok(`mutation($input: CaseStepInput!) { acceptCase(input: $input) { id } }`, { input: { caseId } }, office);
      await ok(`mutation($input: RouteCaseInput!) { routeCase(input: $input) { id } }`, { input: { caseId, mode: 'TRANSFERRED' } }, office);
      other[key] = caseId;
    }
  }, 300_000);

  /** Which of JTJ's objects an id argument is given, by the argument's name. */
  const foreignId = (mutation: string, leaf: string): string | undefined =>
    ({
      projectId: other.project,
      caseId: other.case,
      taskId: other.task,
      enforcerIds: other.enforcer,
      enforcerId: other.enforcer,
      id: mutation === 'rectifyAuditFinding' ? other.finding : undefined,
    })[leaf];

  it('refuses each with FORBIDDEN or NOT_FOUND and changes no row', async () => {
    const schema = committedApiSchema();
    const policies = await loadAccessPolicies();
    const owners = objectFieldOwners();
    const calls: { label: string; source: string; variables: Record<string, unknown> }[] = [];
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const owner = owners.get(`Mutation.${field.name}`)?.[0];
      // Lanes are about writes a department makes as itself; what the public may do (a complaint) has none.
      const allowed = (owner && policies.get(owner)?.[`mutation.${field.name}`]) || [];
      if (!allowed.includes('DEPT') || allowed.includes('PUBLIC')) continue;
      const leaves = field.args.flatMap((arg) => leavesOf(arg.type, [arg.name], arg.name));
      let variables = standIns(field);
      const replaced: string[] = [];
      for (const leaf of leaves) {
        // A credit code the stand-in text is not, so the lane is what is measured.
        if (leaf.name === 'subjectKey') {
          const arg = field.args.find((a) => a.name === leaf.path[0])!;
          variables = { ...variables, [arg.name]: setAt(variables[arg.name], arg.type, leaf.path.slice(1), other.creditCode) };
          continue;
        }
        if (getNullableType(leaf.type).toString() !== 'ID') continue;
        const id = foreignId(field.name, leaf.name);
        if (!id) continue;
        const arg = field.args.find((a) => a.name === leaf.path[0])!;
        variables = { ...variables, [arg.name]: setAt(variables[arg.name], arg.type, leaf.path.slice(1), id) };
        replaced.push(leaf.path.join('.'));
      }
      if (replaced.length === 0) continue;
      const declared = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      calls.push({
        label: `${field.name} (${replaced.join(', ')})`,
        source: `mutation Lane(${declared}) { ${field.name}(${passed}) { __typename } }`,
        variables,
      });
    }
    // Pooling enforcers across departments is the office's call: ZJJ's own case, JTJ's enforcer.
    calls.push({
      label: "assignEnforcers (own case, another department's enforcer)",
      source: `mutation Lane($input: AssignCaseEnforcersInput!) { assignEnforcers(input: $input) { __typename } }`,
      variables: { input: { caseId: other.ownCase, enforcerIds: [other.enforcer] } },
    });
    expect(calls.map((c) => c.label.split(' ')[0])).toEqual(
      expect.arrayContaining([
        'recordAuditFinding',
        'rectifyAuditFinding',
        'startInvestigation',
        'decideCase',
        'reportRectificationProgress',
        'notifyPerformanceFinding',
      ]),
    );

    const before = await snapshot();
    const problems: string[] = [];
    for (const call of calls) {
      const response = await hub.query(call.source, call.variables, tokens.get('DEPT'));
      const codes = (response.errors ?? []).map((e) => e.extensions?.code);
      if (codes.length === 0) problems.push(`${call.label}: accepted`);
      else if (!codes.every((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND'))
        problems.push(`${call.label}: ${JSON.stringify(response.errors?.map((e) => [e.extensions?.code, e.message]))}`);
    }
    const after = await snapshot();
    expect(problems).toEqual([]);
    expect(Object.keys(after).filter((table) => after[table] !== before[table])).toEqual([]);
  }, 300_000);
});

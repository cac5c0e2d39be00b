import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import { createAuditSubgraph } from '../server';

const projectIds = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
/** A fake projects slice: every test project is ZJJ's, but the last one, which is JTJ's. */
const subgraph = createAuditSubgraph({
  projects: {
    async supervisingDepartments(ids) {
      return new Map(ids.filter((id) => projectIds.includes(id)).map((id) => [id, id === projectIds[99] ? 'JTJ' : 'ZJJ']));
    },
  },
});
let orm: MikroORM;
let schema: GraphQLSchema;
beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
});
afterAll(async () => orm?.close());

const record = (projectId: string, title: string, user = as('OFFICE', 'ZWJ'), rectificationDueOn = '2025-05-01') =>
  run(subgraph, schema, orm, 'mutation($input: RecordAuditFindingInput!) { recordAuditFinding(input: $input) { id title recordedByDepartment overdue } }', {
    input: { projectId, title, description: 'text', foundOn: '2025-03-01', rectificationDueOn },
  }, user);
const findingsOf = (ids: string[]) =>
  run(subgraph, schema, orm, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id auditFindings { title rectifiedOn } } } }', {
    r: ids.map((id) => ({ __typename: 'Project', id })),
  }, as('LEADER'));

describe('audit subgraph', () => {
  it('records a finding on a project, shows it under Project.auditFindings, and rectifies it once', async () => {
    const result = await record(projectIds[0], 'First');
    expect(result.errors).toBeUndefined();
    expect(result.data.recordAuditFinding).toMatchObject({ title: 'First', recordedByDepartment: 'ZWJ', overdue: true });
    const joined = await findingsOf([projectIds[0]]);
    expect(joined.data._entities[0].auditFindings).toEqual([{ title: 'First', rectifiedOn: null }]);
    const rectify = 'mutation($id: ID!) { rectifyAuditFinding(id: $id, rectifiedOn: "2025-04-01") { rectifiedOn overdue } }';
    const done = await run(subgraph, schema, orm, rectify, { id: result.data.recordAuditFinding.id }, as('DEPT', 'ZJJ'));
    expect(done.data.rectifyAuditFinding).toEqual({ rectifiedOn: '2025-04-01', overdue: false });
    const again = await run(subgraph, schema, orm, rectify, { id: result.data.recordAuditFinding.id }, as('DEPT', 'ZJJ'));
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('refuses bad input naming the field, and the PUBLIC caller', async () => {
    expect((await record('not-a-uuid', 'x')).errors?.[0].extensions).toMatchObject({ field: 'projectId' });
    expect((await record(projectIds[1], 'x', as('OFFICE'), '2025-01-01')).errors?.[0].extensions).toMatchObject({ field: 'rectificationDueOn' });
    expect((await record(projectIds[1], 'x', as('PUBLIC'))).errors?.[0].message).toMatch(/Access denied/);
  });

  it('refuses a project that does not exist, and a department outside its lane, writing nothing', async () => {
    const missing = await record('00000000-0000-4000-8000-999999999999', 'x');
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId', rule: 'existing project' });
    const otherLane = await record(projectIds[99], 'x', as('DEPT', 'ZJJ'));
    expect(otherLane.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(otherLane.errors?.[0].message).toMatch(/supervised by JTJ/);
    expect(otherLane.errors?.[0].extensions).toMatchObject({ field: 'projectId', rule: "own department's projects (谁主管，谁监管)" });
    expect(await orm.em.fork().count('AuditFinding', { projectId: { $in: [projectIds[99], '00000000-0000-4000-8000-999999999999'] } })).toBe(0);
    const jtj = await record(projectIds[99], 'JTJ finding', as('OFFICE', 'ZWJ'));
    const close = await run(subgraph, schema, orm, 'mutation($id: ID!) { rectifyAuditFinding(id: $id, rectifiedOn: "2025-04-01") { rectifiedOn } }', { id: jtj.data.recordAuditFinding.id }, as('DEPT', 'ZJJ'));
    expect(close.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('loads the findings of many projects in a fixed number of statements', async () => {
    for (const id of projectIds.slice(0, 5)) await record(id, 'n');
    const few = await countStatements(orm, () => findingsOf(projectIds.slice(0, 5)));
    const many = await countStatements(orm, () => findingsOf(projectIds));
    expect(many.result.errors).toBeUndefined();
    expect(many.statements.length).toBe(few.statements.length);
  });
});

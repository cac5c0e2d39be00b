/** Names derived from a subgraph name such as "audit" or "expert-roster". */
export interface Names {
  /** audit */
  name: string;
  /** Audit */
  pascal: string;
  /** audit */
  camel: string;
  /** audit */
  snake: string;
  /** AUDIT */
  env: string;
  port: number;
}

export function namesOf(name: string, port: number): Names {
  const parts = name.split('-');
  const pascal = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return { name, pascal, camel: pascal[0].toLowerCase() + pascal.slice(1), snake: parts.join('_'), env: parts.join('_').toUpperCase(), port };
}

/**
 * The files of a new departmental subgraph: an example entity joined to Project (a finding on a
 * project with its rectification deadline, written by OFFICE or a line department), its resolver, batched loader, migration,
 * demo data, tests, server and entry point. Everything compiles, composes and passes as generated;
 * the department then replaces the example with its own slice.
 */
export function scaffoldFiles(n: Names): Record<string, string> {
  const Finding = `${n.pascal}Finding`;
  const table = `${n.snake}_finding`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@hub/${n.name}`,
        version: '0.1.0',
        private: true,
        description: `${n.pascal} subgraph`,
        main: 'dist/server.js',
        types: 'dist/server.d.ts',
        dependencies: {
          '@hub/kit': 'workspace:*',
          '@mikro-orm/core': '6.6.16',
          '@mikro-orm/migrations': '6.6.16',
          '@mikro-orm/postgresql': '6.6.16',
          dataloader: '^2.2.3',
          graphql: '^16.11.0',
          'reflect-metadata': '^0.2.2',
          'type-graphql': '2.0.0-rc.4',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "tsBuildInfoFile": "dist/.tsbuildinfo" },
  "references": [{ "path": "../kit" }],
  "include": ["src/**/*.ts", "src/**/*.json"],
  "exclude": ["src/**/*.test.ts"]
}
`,
    'README.md': `# ${n.name} subgraph

Scaffolded by \`pnpm subgraph:new ${n.name}\`. It owns its database (\`hub_${n.snake}\`) and joins the
graph on \`Project\` by id: \`Project.${n.camel}Findings\`. Adapt the example \`${Finding}\` with the
department's own slice; keep the shape (entity, a thin resolver that maps GraphQL to a service call, the
service with the queries, validation and transactions, loader, migration, tests).

- Build and test only this slice: \`pnpm exec tsc -b subgraphs/${n.name} && pnpm exec vitest run subgraphs/${n.name}\`
- After changing entities: \`pnpm migration:create ${n.name}\`
- After changing the schema: \`pnpm compose\` (then \`pnpm schema:check\` before asking to plug in)
- Who may call each root field, mutation and @Authorized object field: \`src/access-policy.ts\` (the
  hub's authorization matrix checks every role against it, through the gateway and at this
  subgraph's port; deny by default)
- Run it beside a running hub: \`pnpm start:subgraph ${n.name}\`
`,
    'src/index.ts': `import { runSubgraph } from '@hub/kit';
import { subgraph } from './server';

runSubgraph(subgraph).catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
    'src/server.ts': `import 'reflect-metadata';
import { buildFederatedSchema, writeLogQueryResolver, type SubgraphDefinition } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { createServices, type Services } from './services';
import { migrations } from './migrations';
import { ${Finding} } from './finding/finding.entity';
import { ${Finding}Resolver, Project${n.pascal}Resolver, ProjectRef } from './finding/finding.resolver';
import type { ${n.pascal}Projects } from './projects-directory';
import { seedDemoData } from './seed';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [${Finding}Resolver, Project${n.pascal}Resolver, writeLogQueryResolver('${n.name}')],
    // Not reachable from a root field, so named here to be part of the schema.
    orphanedTypes: [ProjectRef],
    // Project is owned by the projects slice: this slice only adds fields to it.
    referenceResolvers: { Project: { __resolveReference: (ref: { id: string }) => ref } },
  });
}

/** The ${n.name} subgraph; tests replace the projects slice with a fake. */
export function create${n.pascal}Subgraph(options: { projects?: ${n.pascal}Projects } = {}): SubgraphDefinition<Loaders, Services> {
  return {
    name: '${n.name}',
    entities: [${Finding}],
    migrations,
    buildSchema,
    createLoaders: (em) => createLoaders(em),
    createServices: (context) => createServices(context, options.projects),
    seedDemoData,
  };
}

/** The ${n.name} subgraph as the hub runs it. */
export const subgraph: SubgraphDefinition<Loaders, Services> = create${n.pascal}Subgraph();
`,
    'src/access-policy.ts': `import { SIGNED_IN, guardsFrom, type AccessPolicy } from '@hub/kit';

/**
 * Who may call this subgraph's root fields and its @Authorized object fields (the authorization matrix
 * of test/authorization.e2e.test.ts checks every role against it; a field without an entry fails it).
 * Adapt it with the resolvers.
 */
export const accessPolicy = {
  'query.${n.camel}Findings': SIGNED_IN,
  'query.${n.camel}WriteLog': ['LEADER', 'OFFICE'],
  'query.${n.camel}WriteLogOfProjects': ['LEADER', 'OFFICE'],
  // Row rule (finding.resolver.ts, requireOwnLane): a DEPT officer only on projects its department
  // supervises; the authorization matrix's "department lanes" block checks it.
  'mutation.record${Finding}': ['OFFICE', 'DEPT'],
  'mutation.rectify${Finding}': ['OFFICE', 'DEPT'],
  // Object fields guarded by @Authorized:
  'Project.${n.camel}Findings': SIGNED_IN,
} satisfies AccessPolicy;

/** The resolvers' guards, from the policy above: \`@Allowed('mutation.record${Finding}')\` (roles are written only here). */
export const Allowed = guardsFrom(accessPolicy);
`,
    'src/access-policy.test.ts': `import { expect, it } from 'vitest';
import { accessPolicyDrift } from '@hub/kit/testing';
import { accessPolicy } from './access-policy';
import { subgraph } from './server';

// The resolvers' guards come from access-policy.ts (@Allowed); this catches a root field without an entry, or a guard written by hand.
it("every @Authorized role list equals this slice's access-policy.ts entry, both ways", async () => {
  expect(accessPolicyDrift(await subgraph.buildSchema(), accessPolicy)).toEqual([]);
});
`,
    'src/loaders.ts': `import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, type RequestContext } from '@hub/kit';
import { ${Finding} } from './finding/finding.entity';
import type { Services } from './services';

/** Per-request DataLoaders: one \`IN (…)\` query per batch (the services, and the projects slice behind them, are \`context.services\`). */
export function createLoaders(em: EntityManager) {
  return {
    findingsByProject: groupLoader(
      (ids: readonly string[]) => em.find(${Finding}, { projectId: { $in: [...ids] } }, { orderBy: { foundOn: 'desc', id: 'asc' } }),
      (finding) => finding.projectId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, Services>;
`,
    'src/services.ts': `import type { ServiceContext } from '@hub/kit';
import { ${Finding}Service } from './finding/finding.service';
import type { Loaders } from './loaders';
import { graph${n.pascal}Projects, type ${n.pascal}Projects } from './projects-directory';

/**
 * The slice's services for one request (\`context.services\`), made once from the request's context:
 * the projects slice through the request's graph clients unless a test gave a fake.
 */
export function createServices(context: ServiceContext<Loaders>, projects?: ${n.pascal}Projects) {
  return {
    findings: new ${Finding}Service(context.em, context.user, projects ?? graph${n.pascal}Projects(context.graph)),
  };
}

export type Services = ReturnType<typeof createServices>;
`,
    'src/projects-directory.ts': `import { ReferenceDirectory, type SliceGraph } from '@hub/kit';

/** What the ${n.name} slice needs to know of a project (owned by the projects slice): that it exists, and who supervises it. */
export interface ${n.pascal}Projects {
  /** Supervising department code by project id, for the ids that name a project; unknown ids are absent. */
  supervisingDepartments(ids: readonly string[]): Promise<Map<string, string>>;
}

/** The projects subgraph through the request's graph clients, one \`_entities\` request per call; tests pass a fake. */
export function graph${n.pascal}Projects(graph: SliceGraph): ${n.pascal}Projects {
  const directory = new ReferenceDirectory(() => graph('projects'));
  return {
    async supervisingDepartments(ids) {
      const found = await directory.find<{ id: string; supervisingDepartment: { code: string } }>('Project', 'id', ids, 'supervisingDepartment { code }');
      return new Map([...found].map(([id, project]) => [id, project.supervisingDepartment.code]));
    },
  };
}
`,
    'src/finding/finding.entity.ts': `import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Example entity of the ${n.name} slice: a finding on a project with its rectification (整改)
 * deadline — what audit, finance or market regulation all produce about tender projects.
 */
@Entity({ tableName: '${table}' })
@ObjectType({ description: 'A finding of the ${n.name} slice on a project, with its rectification (整改) deadline.' })
export class ${Finding} {
  [OptionalProps]?: 'createdAt' | 'rectifiedOn';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the finding (UUID), assigned by the hub.' })
  id: string = randomUUID();

  /** The project (owned by the projects slice), by id: a federation reference, not a foreign key. */
  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'UUID of the tender project (招标项目) the finding is about; the project itself is owned by the projects slice.' })
  projectId: string;

  @Property({ type: 'string' })
  @Field({ description: 'Short title of the finding, 1 to 255 characters. Readable by every signed-in role.' })
  title: string;

  @Property({ type: 'text' })
  @Field({ description: 'What was found, in prose, 1 to 4000 characters. Readable by every signed-in role.' })
  description: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the finding was made, YYYY-MM-DD (Asia/Shanghai); not in the future.' })
  foundOn: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Rectification due (整改期限).' })
  rectificationDueOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the finding was rectified (整改完成), YYYY-MM-DD (Asia/Shanghai); null while still open.' })
  rectifiedOn?: string | null = null;

  @Property({ type: 'string' })
  @Field({ description: 'Department code of the author.' })
  recordedByDepartment: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
`,
    'src/finding/finding.resolver.ts': `import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, federationStub, LocalDateScalar, PageArgs, LongText, PastDate } from '@hub/kit';
import { Allowed } from '../access-policy';
import type { Context } from '../loaders';
import { ${Finding} } from './finding.entity';

export const ${Finding}Connection = Connection(${Finding}, '${Finding}');

/** The Project entity of the projects slice, seen from here: only its key. */
export const ProjectRef = federationStub('Project', 'id');
export type ProjectRef = InstanceType<typeof ProjectRef>;

@InputType({ description: 'A new finding on a project. OFFICE may record on any project, a DEPT officer only on projects its department supervises.' })
export class Record${Finding}Input {
  @Field(() => ID, { description: 'UUID of the tender project the finding is about; must exist in the projects slice.' }) projectId: string;
  @Field({ description: 'Short title, 1 to 255 characters.' }) title: string;
  @Field({ description: 'What was found, 1 to 4000 characters.' }) @LongText() description: string;
  @Field(() => LocalDateScalar, { description: 'Day of the finding, YYYY-MM-DD (Asia/Shanghai); today or earlier.' }) @PastDate() foundOn: string;
  @Field(() => LocalDateScalar, { description: 'Rectification deadline (整改期限), YYYY-MM-DD (Asia/Shanghai); not before foundOn.' }) rectificationDueOn: string;
}

/** Resolvers map GraphQL to a service call: queries, validation and transactions live in ${Finding}Service. */
const service = (ctx: Context) => ctx.services.findings;

@Resolver(() => ${Finding})
export class ${Finding}Resolver {
  @Allowed('query.${n.camel}Findings')
  @Query(() => ${Finding}Connection, { description: 'Findings of the ${n.name} slice, newest first; optionally only open ones.' })
  ${n.camel}Findings(@Args() page: PageArgs, @Arg('openOnly', { defaultValue: false, description: 'When true, only findings not yet rectified; default false (all findings).' }) openOnly: boolean, @Ctx() ctx: Context) {
    return service(ctx).list(page, openOnly);
  }

  @FieldResolver(() => Boolean, { description: 'Not rectified and past its deadline (Asia/Shanghai).' })
  overdue(@Root() finding: ${Finding}, @Ctx() { clock }: Context): boolean {
    return !finding.rectifiedOn && finding.rectificationDueOn < clock.today();
  }

  @FieldResolver(() => ProjectRef, { description: 'The tender project the finding is about (owned by the projects slice: its code, name and stage come from there).' })
  project(@Root() finding: ${Finding}): ProjectRef {
    return { id: finding.projectId };
  }

  @Allowed('mutation.record${Finding}')
  @Mutation(() => ${Finding}, { description: 'Records a finding on a project.' })
  record${Finding}(@Arg('input', { description: 'The finding to record.' }) input: Record${Finding}Input, @Ctx() ctx: Context): Promise<${Finding}> {
    return service(ctx).record(input);
  }

  @Allowed('mutation.rectify${Finding}')
  @Mutation(() => ${Finding}, { description: 'Records the rectification of a finding.' })
  rectify${Finding}(
    @Arg('id', () => ID, { description: 'UUID of the finding to close.' }) id: string,
    @Arg('rectifiedOn', () => LocalDateScalar, { description: 'Day the rectification was completed, YYYY-MM-DD (Asia/Shanghai); not in the future, not before foundOn.' }) rectifiedOn: string,
    @Ctx() ctx: Context,
  ): Promise<${Finding}> {
    return service(ctx).rectify(id, rectifiedOn);
  }
}

@Resolver(() => ProjectRef)
export class Project${n.pascal}Resolver {
  @Allowed('Project.${n.camel}Findings')
  @FieldResolver(() => [${Finding}], { nullable: true, description: 'Findings of the ${n.name} slice on this project.' })
  ${n.camel}Findings(@Root() project: ProjectRef, @Ctx() { loaders }: Context): Promise<${Finding}[]> {
    return loaders.findingsByProject.load(project.id);
  }
}
`,
    'src/finding/finding.service.ts': `import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, InputError, NotFoundError, pageWindow, toConnection, requireUuid, ForbiddenError, OWN_DEPARTMENT_RULE, requireFound, requireDateInBounds, type Caller, type PageArgs } from '@hub/kit';
import type { ${n.pascal}Projects } from '../projects-directory';
import { ${Finding} } from './finding.entity';
import type { Record${Finding}Input } from './finding.resolver';

/**
 * The project must exist (in the projects slice), and a line department works only on the projects
 * it supervises (谁主管，谁监管): a ZJJ officer records and closes no findings on a JTJ project.
 */
async function requireOwnLane(user: Caller, projects: ${n.pascal}Projects, projectId: string, field: string): Promise<void> {
  const supervising = await projects.supervisingDepartments([projectId]);
  requireFound(supervising, [projectId], field, 'project');
  if (user.role === 'DEPT' && supervising.get(projectId) !== user.department) {
    throw new ForbiddenError(
      \`\${field}: the project is supervised by \${supervising.get(projectId)}; a \${user.department} officer records and closes findings only on its own department's projects\`,
      { field, rule: OWN_DEPARTMENT_RULE },
    );
  }
}

/** Reads and writes of findings for one caller: validation, row rules and transactions (a failed write changes nothing). */
export class ${Finding}Service {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly projects: ${n.pascal}Projects,
  ) {}

  async list(page: PageArgs, openOnly: boolean) {
    const window = pageWindow(page);
    const [rows, total] = await this.em.findAndCount(${Finding}, openOnly ? { rectifiedOn: null } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { foundOn: 'desc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  async record(input: Record${Finding}Input): Promise<${Finding}> {
    const projectId = requireUuid(input.projectId, 'projectId');
    if (input.rectificationDueOn < input.foundOn) {
      throw new InputError('rectificationDueOn must not be before foundOn', { field: 'rectificationDueOn', rule: 'after foundOn' });
    }
    await requireOwnLane(this.user, this.projects, projectId, 'projectId');
    return this.em.transactional(async (tx) => tx.create(${Finding}, { ...input, projectId, recordedByDepartment: this.user.department ?? this.user.role }));
  }

  async rectify(id: string, rectifiedOn: string): Promise<${Finding}> {
    requireUuid(id, 'id');
    requireDateInBounds(rectifiedOn, 'rectifiedOn', { notInFuture: true });
    const found = await this.em.findOne(${Finding}, { id });
    if (!found) throw new NotFoundError('${Finding}', id, 'id');
    await requireOwnLane(this.user, this.projects, found.projectId, 'id');
    return this.em.transactional(async (tx) => {
      const finding = await tx.findOne(${Finding}, { id });
      if (!finding) throw new NotFoundError('${Finding}', id, 'id');
      if (finding.rectifiedOn) throw new ConflictError(\`Finding \${id} was already rectified on \${finding.rectifiedOn}\`, { rectifiedOn: finding.rectifiedOn });
      if (rectifiedOn < finding.foundOn) throw new InputError('rectifiedOn must not be before foundOn', { field: 'rectifiedOn', rule: 'after foundOn' });
      finding.rectifiedOn = rectifiedOn;
      return finding;
    });
  }
}
`,
    'src/seed.ts': `import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type SeedEnvironment } from '@hub/kit';
import { ${Finding} } from './finding/finding.entity';

/** Demo data: a finding on each of the first projects of the pool (read through the graph), some rectified. Runs once. */
export async function seedDemoData(em: EntityManager, env: SeedEnvironment): Promise<void> {
  if ((await em.count(${Finding}, {})) > 0) return;
  const { projects } = await env.graph('projects').request<{ projects: { nodes: { id: string; code: string; registeredOn: string }[] } }>(
    'query { projects(first: 12) { nodes { id code registeredOn } } }',
  );
  projects.nodes.forEach((project, i) => {
    const foundOn = addDays(project.registeredOn, 30);
    em.create(${Finding}, {
      projectId: project.id,
      title: \`Demo finding on \${project.code}\`,
      description: 'Example data of the ${n.name} slice.',
      foundOn,
      rectificationDueOn: addDays(foundOn, 60),
      rectifiedOn: i % 3 === 0 ? addDays(foundOn, 20) : null,
      recordedByDepartment: 'ZWJ',
    });
  });
  await em.flush();
}
`,
    'src/finding/finding.integration.test.ts': `import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import { create${n.pascal}Subgraph } from '../server';

const projectIds = Array.from({ length: 100 }, (_, i) => \`00000000-0000-4000-8000-\${String(i).padStart(12, '0')}\`);
/** A fake projects slice: every test project is ZJJ's, but the last one, which is JTJ's. */
const subgraph = create${n.pascal}Subgraph({
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
  run(subgraph, schema, orm, 'mutation($input: Record${Finding}Input!) { record${Finding}(input: $input) { id title recordedByDepartment overdue } }', {
    input: { projectId, title, description: 'text', foundOn: '2025-03-01', rectificationDueOn },
  }, user);
const findingsOf = (ids: string[]) =>
  run(subgraph, schema, orm, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id ${n.camel}Findings { title rectifiedOn } } } }', {
    r: ids.map((id) => ({ __typename: 'Project', id })),
  }, as('LEADER'));

describe('${n.name} subgraph', () => {
  it('records a finding on a project, shows it under Project.${n.camel}Findings, and rectifies it once', async () => {
    const result = await record(projectIds[0], 'First');
    expect(result.errors).toBeUndefined();
    expect(result.data.record${Finding}).toMatchObject({ title: 'First', recordedByDepartment: 'ZWJ', overdue: true });
    const joined = await findingsOf([projectIds[0]]);
    expect(joined.data._entities[0].${n.camel}Findings).toEqual([{ title: 'First', rectifiedOn: null }]);
    const rectify = 'mutation($id: ID!) { rectify${Finding}(id: $id, rectifiedOn: "2025-04-01") { rectifiedOn overdue } }';
    const done = await run(subgraph, schema, orm, rectify, { id: result.data.record${Finding}.id }, as('DEPT', 'ZJJ'));
    expect(done.data.rectify${Finding}).toEqual({ rectifiedOn: '2025-04-01', overdue: false });
    const again = await run(subgraph, schema, orm, rectify, { id: result.data.record${Finding}.id }, as('DEPT', 'ZJJ'));
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
    expect(await orm.em.fork().count('${Finding}', { projectId: { $in: [projectIds[99], '00000000-0000-4000-8000-999999999999'] } })).toBe(0);
    const jtj = await record(projectIds[99], 'JTJ finding', as('OFFICE', 'ZWJ'));
    const close = await run(subgraph, schema, orm, 'mutation($id: ID!) { rectify${Finding}(id: $id, rectifiedOn: "2025-04-01") { rectifiedOn } }', { id: jtj.data.record${Finding}.id }, as('DEPT', 'ZJJ'));
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
`,
    'src/migrations/index.ts': `import type { MigrationObject } from '@mikro-orm/core';
import { Migration00000000000001 } from './Migration00000000000001';
import { Migration00000000000002 } from './Migration00000000000002';

/** Committed migrations, in order. Regenerated by \`pnpm migration:create ${n.name}\`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration00000000000001', class: Migration00000000000001 },
  { name: 'Migration00000000000002', class: Migration00000000000002 },
];
`,
    'src/migrations/Migration00000000000002.ts': `import { Migration } from '@mikro-orm/migrations';
import { WRITE_LOG_MIGRATION_SQL } from '@hub/kit';

/** The kit's write log of the ${n.name} slice: the write_log table, append-only (scaffolded). */
export class Migration00000000000002 extends Migration {
  override async up(): Promise<void> {
    for (const sql of WRITE_LOG_MIGRATION_SQL) this.addSql(sql);
  }
}
`,
    'src/migrations/Migration00000000000001.ts': `import { Migration } from '@mikro-orm/migrations';

/** Initial schema of the ${n.name} slice (scaffolded). */
export class Migration00000000000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(\`create table "${table}" ("id" uuid not null, "project_id" uuid not null, "title" varchar(255) not null, "description" text not null, "found_on" date not null, "rectification_due_on" date not null, "rectified_on" date null, "recorded_by_department" varchar(255) not null, "created_at" timestamptz not null, constraint "${table}_pkey" primary key ("id"));\`);
    this.addSql(\`create index "${table}_project_id_index" on "${table}" ("project_id");\`);
  }
}
`,
  };
}

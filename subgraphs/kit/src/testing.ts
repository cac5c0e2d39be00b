import { randomBytes } from 'node:crypto';
import { parse, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { PUBLIC_CALLER, type Caller, type Role } from './auth';
import { openDatabase, requestContext, type SeedEnvironment, type SubgraphDefinition } from './subgraph';
import { loadDemoDataOnce } from './demo-data';
import { JitExecution } from './jit-execution';
import { createLogger } from './logger';

export { accessPolicyDrift } from './access-policy-check';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the PostgreSQL server the test run started (test/global-setup.ts). */
    pgServerUrl: string;
  }
}

/** A fresh database on the test PostgreSQL server, migrated: one per test file, so files never see each other's rows. */
export async function createTestOrm(definition: SubgraphDefinition<any>): Promise<MikroORM> {
  const url = new URL(inject('pgServerUrl'));
  url.pathname = `/t_${definition.name.replace(/-/g, '_')}_${randomBytes(5).toString('hex')}`;
  return openDatabase(definition, url.toString(), true);
}

/** A caller for tests: `as('DEPT', 'ZJJ')`. */
export function as(role: Role, department?: string, sub = `${role.toLowerCase()}-1`): Caller {
  if (role === 'PUBLIC') return PUBLIC_CALLER;
  return { sub, name: `${role} test user`, role, department };
}

/**
 * Runs an operation against a subgraph schema in process, with the same per-request context the
 * HTTP server builds. Returns data and errors.
 */
export async function run<D = any>(
  definition: SubgraphDefinition<any>,
  schema: GraphQLSchema,
  orm: MikroORM,
  source: string,
  variables: Record<string, unknown> = {},
  user: Caller = PUBLIC_CALLER,
): Promise<{ data?: D; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) return { errors };
  const em = orm.em.fork();
  // The servers' execution (queries compiled by graphql-jit), so the slices' tests check what production runs.
  let execution = executions.get(schema);
  if (!execution) executions.set(schema, (execution = new JitExecution(schema)));
  const result = await execution.run({
    document,
    documentKey: source,
    variables,
    contextValue: requestContext(definition, em, user, 'test', createLogger('test')),
  });
  return result as any;
}

const executions = new WeakMap<GraphQLSchema, JitExecution>();

/** Counts the SQL statements an action sends through this ORM (for "no query per row" tests). */
export async function countStatements<T>(orm: MikroORM, action: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const knex = orm.em.getConnection().getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    const result = await action();
    return { result, statements };
  } finally {
    knex.removeListener('query', listener);
  }
}

/**
 * An interrupted first start: loads the slice's demo data (as `pnpm start` does) with a fault
 * injected after the `afterWrites`-th flush that wrote rows. Returns the error the load failed with.
 */
export async function loadDemoDataInterrupted(definition: SubgraphDefinition<any>, orm: MikroORM, env: SeedEnvironment, afterWrites: number): Promise<Error> {
  let writes = 0;
  let armed = true;
  orm.em.getEventManager().registerSubscriber({
    afterFlush({ uow }) {
      if (armed && uow.getChangeSets().length > 0 && ++writes === afterWrites) throw new Error(`injected fault after ${afterWrites} writes`);
    },
  });
  try {
    await loadDemoDataOnce(definition, orm, env);
  } catch (error) {
    return error as Error;
  } finally {
    armed = false;
  }
  throw new Error(`the demo data loaded with fewer than ${afterWrites} writing flushes: the fault was never injected`);
}

/** Row count of every user table of the ORM's database (the demo-data marker and migrations included). */
export async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const tables = await em.execute<{ name: string }[]>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await em.execute<{ n: string }[]>(`SELECT count(*) AS n FROM ${name}`);
    counts[name] = Number(row.n);
  }
  return counts;
}

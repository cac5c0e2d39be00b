import type { ForkOptions } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { SeedEnvironment, SubgraphDefinition } from './subgraph';

/** The table (one row per slice) that says the slice's demo data is complete. */
export const DEMO_DATA_MARKER_TABLE = 'hub_demo_data';

/** Creates the marker table (the kit's own, outside the slices' migrations; backups carry it too). */
export const DEMO_DATA_MARKER_DDL = `CREATE TABLE IF NOT EXISTS ${DEMO_DATA_MARKER_TABLE} (subgraph text PRIMARY KEY, outcome text NOT NULL, completed_at timestamptz NOT NULL DEFAULT now())`;

/**
 * What `loadDemoDataOnce` did: `loaded` (this call loaded the demo data), `already-loaded` (the
 * completion marker was there), `existing-data` (no marker, but the slice's tables already hold
 * rows — an older version's demo data or the operator's own data — left as they are),
 * `nothing-loaded` (the seeder wrote nothing, e.g. the slices it reads were empty: no marker, so
 * the next start tries again).
 */
export type DemoDataOutcome = 'loaded' | 'already-loaded' | 'existing-data' | 'nothing-loaded';

/**
 * An entity manager whose forks stay in its transaction. MikroORM forks start outside the
 * caller's transaction by default, and the seeders (and the domain services they call) fork
 * freely; without this their writes would commit on their own and an interrupted seed would
 * leave part of the demo behind.
 */
function transactionKeepingManager(em: EntityManager): EntityManager {
  const Base = em.constructor as new (...args: unknown[]) => EntityManager;
  class DemoDataEntityManager extends Base {
    override fork(options: ForkOptions = {}): this {
      return super.fork({ keepTransactionContext: true, ...options });
    }
  }
  // Same event manager as the ORM's, so subscribers (and tests' fault injection) see the seed's flushes.
  return new DemoDataEntityManager(em.config, em.getDriver(), em.getMetadata(), false, em.getEventManager());
}

/**
 * User tables of the slice's database that hold at least one row: the marker and migration tables
 * aside, and the slice's reference tables, whose rows its migrations write (e.g. the member units).
 */
async function tablesWithRows(em: EntityManager, referenceTables: readonly string[] = []): Promise<string[]> {
  const ignored = ['mikro_orm_migrations', DEMO_DATA_MARKER_TABLE, ...referenceTables];
  const tables = await em.execute<{ name: string }[]>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        AND table_name NOT IN (${ignored.map(() => '?').join(', ')})`,
    ignored,
  );
  const filled: string[] = [];
  for (const { name } of tables) {
    const [row] = await em.execute<{ filled: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${name}) AS filled`);
    if (row.filled) filled.push(name);
  }
  return filled;
}

/**
 * Loads a slice's demo data all-or-nothing. The seeder runs inside one database transaction (its
 * forks and the services it calls included, as savepoints), and the completion marker row is
 * written in that same transaction. A start that is killed or fails half-way therefore leaves
 * nothing behind, and the next start loads the whole demo again; a start after a completed load
 * finds the marker and does nothing.
 *
 * Safe to wrap in a lock held around "migrate + seed" (one replica seeds, the others then find the
 * marker): it takes no lock of its own and uses one connection for the whole load.
 */
export async function loadDemoDataOnce(definition: SubgraphDefinition<any>, orm: MikroORM, env: SeedEnvironment): Promise<DemoDataOutcome> {
  if (!definition.seedDemoData) return 'already-loaded';
  const em = orm.em.fork();
  await em.execute(DEMO_DATA_MARKER_DDL);
  const marker = await em.execute<{ outcome: string }[]>(`SELECT outcome FROM ${DEMO_DATA_MARKER_TABLE} WHERE subgraph = ?`, [definition.name]);
  if (marker.length > 0) {
    env.log.info({ subgraph: definition.name, outcome: marker[0].outcome }, 'demo data already loaded');
    return 'already-loaded';
  }
  const filled = await tablesWithRows(em, definition.referenceTables);
  if (filled.length > 0) {
    // Never mix demo rows into data we did not load in one piece: say so once and leave it.
    env.log.warn(
      { subgraph: definition.name, tables: filled },
      'tables already hold data but no demo-data completion marker (an older version or your own data): demo data not loaded; to reload the demo, start from an empty database',
    );
    await em.execute(`INSERT INTO ${DEMO_DATA_MARKER_TABLE} (subgraph, outcome) VALUES (?, 'existing-data') ON CONFLICT DO NOTHING`, [definition.name]);
    return 'existing-data';
  }
  env.log.info({ subgraph: definition.name }, 'loading demo data');
  const started = Date.now();
  const outcome = await transactionKeepingManager(orm.em).transactional(async (tx): Promise<DemoDataOutcome> => {
    await definition.seedDemoData!(tx, env);
    await tx.flush();
    if ((await tablesWithRows(tx, definition.referenceTables)).length === 0) return 'nothing-loaded';
    await tx.execute(`INSERT INTO ${DEMO_DATA_MARKER_TABLE} (subgraph, outcome) VALUES (?, 'loaded')`, [definition.name]);
    return 'loaded';
  });
  if (outcome === 'nothing-loaded') env.log.warn({ subgraph: definition.name }, 'the demo data seeder wrote nothing; the next start tries again');
  else env.log.info({ subgraph: definition.name, ms: Date.now() - started }, 'demo data loaded');
  return outcome;
}

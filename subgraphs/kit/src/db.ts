import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import pg from 'pg';
import { envOptional } from './config';
import { WriteLogEntry } from './write-log/entry';
import { WriteLogSubscriber } from './write-log/subscriber';

/**
 * The database of one subgraph. `<NAME>_DATABASE_URL` wins; otherwise `DATABASE_URL` names the
 * PostgreSQL server and the database is `hub_<name>`; the default is a local server.
 * Every subgraph owns its database: no subgraph ever reads another's tables.
 */
export function databaseUrlFor(subgraph: string): string {
  const specific = envOptional(`${subgraph.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`);
  if (specific) return specific;
  const server = new URL(envOptional('DATABASE_URL') ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  server.pathname = `/${envOptional('DATABASE_PREFIX') ?? 'hub_'}${subgraph.replace(/-/g, '_')}`;
  return server.toString();
}

/** Creates the subgraph's database when it does not exist yet (needs CREATEDB on external servers; skipped if it exists). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      // Replicas starting together race here: the loser's duplicate (42P04, or 23505 on the catalog) is the winner's database.
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

export interface OrmDefinition {
  /** The slice's name: recorded in its write log entries. */
  name?: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
}

/** MikroORM options for one subgraph: explicit entity and migration lists, so source and built code behave alike. */
export function ormOptions(definition: OrmDefinition, clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    // Every slice keeps a write log of its own (write-log/): the entry table and its recorder.
    entities: [...(definition.entities ?? []), WriteLogEntry],
    subscribers: [new WriteLogSubscriber(definition.name ?? 'unnamed')],
    extensions: [Migrator],
    migrations: {
      migrationsList: definition.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    ...overrides,
  });
}

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DEMO_DATA_MARKER_DDL, DEMO_DATA_MARKER_TABLE, ensureDatabase, openDatabase, type SubgraphDefinition } from '@hub/kit';

/** One slice's database to back up or restore into. */
export interface SliceDatabase {
  name: string;
  url: string;
}

export interface TableEntry {
  rows: number;
  file: string;
  sha256: string;
}

export interface SliceManifest {
  name: string;
  database: string;
  /** Committed migrations applied in this database, in order: the schema a restore recreates. */
  migrations: string[];
  tables: Record<string, TableEntry>;
  sequences: Record<string, { lastValue: string; isCalled: boolean }>;
}

export interface Manifest {
  format: 'hub-backup/1';
  createdAt: string;
  versions: { postgres: string; node: string; hub?: string };
  slices: SliceManifest[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function userTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * Dumps one slice's database in one REPEATABLE READ snapshot: every table of the public schema in
 * PostgreSQL's COPY text format, its row count (taken in the same snapshot, so the manifest matches
 * the files even while the hub keeps writing), the applied migrations and the sequences.
 */
async function dumpSlice(slice: SliceDatabase, folder: string): Promise<SliceManifest & { postgres: string }> {
  const client = await connect(slice.url);
  const dir = join(folder, slice.name);
  mkdirSync(dir, { recursive: true });
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    const tables = await userTables(client);
    const migrations = tables.includes('mikro_orm_migrations')
      ? (await client.query<{ name: string }>('SELECT name FROM mikro_orm_migrations ORDER BY id')).rows.map((r) => r.name)
      : [];
    const entries: Record<string, TableEntry> = {};
    for (const table of tables) {
      const file = `${table}.copy`;
      await pipeline(client.query(copyTo(`COPY ${ident(table)} TO STDOUT`)), createWriteStream(join(dir, file)));
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`);
      entries[table] = { rows: Number(rows[0].n), file: `${slice.name}/${file}`, sha256: sha256(join(dir, file)) };
    }
    const sequences: SliceManifest['sequences'] = {};
    const { rows: names } = await client.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
    for (const { name } of names) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${ident(name)}`);
      sequences[name] = { lastValue: rows[0].last_value, isCalled: rows[0].is_called };
    }
    await client.query('COMMIT');
    return { name: slice.name, database: databaseName(slice.url), migrations, tables: entries, sequences, postgres: version[0].server_version };
  } finally {
    await client.end();
  }
}

/** Backs up every slice's database into `folder` and writes `manifest.json` there. */
export async function backupSlices(slices: SliceDatabase[], folder: string, hubVersion?: string): Promise<Manifest> {
  mkdirSync(folder, { recursive: true });
  const dumped = [];
  for (const slice of slices) dumped.push(await dumpSlice(slice, folder));
  const manifest: Manifest = {
    format: 'hub-backup/1',
    createdAt: new Date().toISOString(),
    versions: { postgres: dumped[0]?.postgres ?? 'unknown', node: process.version, ...(hubVersion ? { hub: hubVersion } : {}) },
    slices: dumped.map(({ postgres: _postgres, ...slice }) => slice),
  };
  writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export class RestoreRefused extends Error {}

/** Why a target database cannot take a restore (it already holds tables), or undefined when it can. */
async function notEmpty(url: string): Promise<string | undefined> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const server = await connect(admin.toString());
  try {
    const exists = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)]);
    if (exists.rowCount === 0) return undefined;
  } finally {
    await server.end();
  }
  const client = await connect(url);
  try {
    const tables = await userTables(client);
    return tables.length
      ? `database ${databaseName(url)} already holds ${tables.length} tables (${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''})`
      : undefined;
  } finally {
    await client.end();
  }
}

export interface RestoreCheck {
  slice: string;
  table: string;
  expected: number;
  restored: number;
}

/**
 * Restores a backup into empty databases: checks every file against the manifest's checksum,
 * refuses when any target database already holds tables, recreates the schema by applying the same
 * committed migrations the backup recorded, loads every table in one transaction per slice
 * (foreign keys checked by the data's own consistency: the rows come from one snapshot), sets the
 * sequences, and compares every table's row count with the manifest.
 */
export async function restoreSlices(
  folder: string,
  targetUrl: (slice: string) => string,
  loadDefinition: (slice: string) => Promise<SubgraphDefinition<any>>,
): Promise<RestoreCheck[]> {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== 'hub-backup/1') throw new Error(`${folder}/manifest.json is not a hub backup (format ${JSON.stringify(manifest.format)})`);
  for (const slice of manifest.slices) {
    for (const [table, entry] of Object.entries(slice.tables)) {
      if (sha256(join(folder, entry.file)) !== entry.sha256)
        throw new Error(`${entry.file} does not match its checksum in the manifest (table ${table}): the backup is damaged`);
    }
  }
  const refusals = [];
  for (const slice of manifest.slices) {
    const reason = await notEmpty(targetUrl(slice.name));
    if (reason) refusals.push(reason);
  }
  if (refusals.length) {
    throw new RestoreRefused(
      `Refusing to restore into a cluster that is not empty: ${refusals.join('; ')}. Restore into an empty cluster (a new data directory or server).`,
    );
  }
  const checks: RestoreCheck[] = [];
  for (const slice of manifest.slices) {
    const url = targetUrl(slice.name);
    await ensureDatabase(url);
    const definition = await loadDefinition(slice.name);
    const known = new Set(definition.migrations.map((m) => m.name));
    const unknown = slice.migrations.filter((name) => !known.has(name));
    if (unknown.length)
      throw new Error(`The backup of ${slice.name} has migrations this version does not know (${unknown.join(', ')}): restore with the version that made it`);
    const orm = await openDatabase(definition, url, false);
    try {
      if (slice.migrations.length) await orm.getMigrator().up({ migrations: slice.migrations });
    } finally {
      await orm.close();
    }
    const client = await connect(url);
    try {
      if (slice.tables[DEMO_DATA_MARKER_TABLE]) await client.query(DEMO_DATA_MARKER_DDL);
      const present = new Set(await userTables(client));
      const missing = Object.keys(slice.tables).filter((table) => !present.has(table));
      if (missing.length) throw new Error(`The migrations of ${slice.name} do not create ${missing.join(', ')}: this backup needs another version`);
      await client.query('BEGIN');
      // The rows come from one consistent snapshot; load them in any order without firing
      // foreign-key triggers (needs a superuser, as a restore does anyway).
      await client.query('SET LOCAL session_replication_role = replica');
      // What the migrations just wrote (their own log, reference rows such as the member units) is
      // replaced by the backup's rows: the backup is the record, with its original times.
      const tables = Object.keys(slice.tables);
      if (tables.length) await client.query(`TRUNCATE ${tables.map(ident).join(', ')} CASCADE`);
      for (const [table, entry] of Object.entries(slice.tables)) {
        await pipeline(createReadStream(join(folder, entry.file)), client.query(copyFrom(`COPY ${ident(table)} FROM STDIN`)));
      }
      for (const [name, { lastValue, isCalled }] of Object.entries(slice.sequences)) {
        await client.query(`SELECT setval($1, $2::bigint, $3)`, [ident(name), lastValue, isCalled]);
      }
      await client.query('COMMIT');
      for (const [table, entry] of Object.entries(slice.tables)) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`);
        checks.push({ slice: slice.name, table, expected: entry.rows, restored: Number(rows[0].n) });
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  }
  return checks;
}

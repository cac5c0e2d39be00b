import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { databaseUrlFor, envOptional, readSubgraphList, repoRoot } from '@hub/kit';
import { backupSlices, type SliceDatabase } from './backup/dump';
import { backupServer, databaseExists } from './backup/server';

/**
 * `pnpm backup`: a consistent dump of every slice's database (one snapshot per database) with a
 * manifest (time, versions, migrations, row counts, checksums) into .data/backups/<timestamp>/
 * (BACKUP_DIR overrides the parent folder). Prints the folder last.
 */
async function main() {
  const root = repoRoot();
  const server = await backupServer(root, false);
  try {
    const slices: SliceDatabase[] = [];
    for (const entry of readSubgraphList().subgraphs) {
      const url = databaseUrlFor(entry.name);
      if (await databaseExists(url)) slices.push({ name: entry.name, url });
      else console.log(`(${entry.name}: no database yet, skipped)`);
    }
    const stamp = new Date()
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z');
    const folder = join(envOptional('BACKUP_DIR') ?? join(root, '.data', 'backups'), stamp);
    let hub: string | undefined;
    try {
      hub = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // not a git checkout (a release archive): the manifest goes without the commit
    }
    const manifest = await backupSlices(slices, folder, hub);
    for (const slice of manifest.slices) {
      const rows = Object.values(slice.tables).reduce((sum, t) => sum + t.rows, 0);
      console.log(
        `${slice.name.padEnd(12)} ${slice.database.padEnd(16)} ${Object.keys(slice.tables).length} tables, ${rows} rows, ${slice.migrations.length} migrations`,
      );
    }
    console.log(`PostgreSQL ${manifest.versions.postgres}; manifest: ${join(folder, 'manifest.json')}`);
    console.log(folder);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

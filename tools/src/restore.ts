import { resolve, join } from 'node:path';
import { databaseUrlFor, repoRoot, type SubgraphDefinition } from '@hub/kit';
import { restoreSlices } from './backup/dump';
import { backupServer } from './backup/server';

/**
 * `pnpm restore <folder>`: restores a `pnpm backup` folder into an empty cluster (DATABASE_URL, or
 * the embedded one: a new .data/pg when there is none) and checks every table's row count against
 * the manifest. Refuses a target whose databases already hold tables.
 */
async function main() {
  const folder = process.argv[2];
  if (!folder) throw new Error('Usage: pnpm restore <backup folder>   (as printed by pnpm backup)');
  const root = repoRoot();
  const server = await backupServer(root, true);
  try {
    const loadDefinition = async (name: string): Promise<SubgraphDefinition<any>> =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(join(root, 'subgraphs', name, 'dist', 'server.js')) as { subgraph: SubgraphDefinition<any> }).subgraph;
    const checks = await restoreSlices(resolve(folder), databaseUrlFor, loadDefinition);
    const wrong = checks.filter((c) => c.expected !== c.restored);
    for (const c of wrong) console.error(`✗ ${c.slice}.${c.table}: ${c.restored} rows restored, the manifest says ${c.expected}`);
    const slices = new Set(checks.map((c) => c.slice));
    const rows = checks.reduce((sum, c) => sum + c.restored, 0);
    if (wrong.length) throw new Error(`${wrong.length} tables do not match the manifest`);
    console.log(`Restored ${slices.size} slices (${[...slices].join(', ')}): ${checks.length} tables, ${rows} rows; every row count matches the manifest.`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

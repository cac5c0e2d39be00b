import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '@hub/kit';

/**
 * Brings dist/ up to date before a test spawns built code, so `pnpm exec vitest run <file>` without
 * `pnpm build` does not silently test stale output. Runs what `pnpm build` runs, limited to the given
 * projects (tsc -b also builds what they reference); when dist/ is fresh it only checks timestamps.
 */
export function buildFirst(...projects: string[]): void {
  const root = repoRoot();
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [join(root, 'tools', 'prune-dist.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-b', ...projects.map((p) => join(root, p))], { cwd: root, stdio: 'inherit' });
}

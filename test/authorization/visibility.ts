import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSubgraphList, repoRoot, type Visibility } from '@hub/kit';

/**
 * Each subgraph's field visibility declarations (its src/visibility.ts, the one allowlist per slice of
 * which fields each restricted view shows), by subgraph name; a slice without row-scoped views has none.
 */
export async function loadVisibility(): Promise<Map<string, readonly Visibility[]>> {
  const declarations = new Map<string, readonly Visibility[]>();
  for (const { name } of readSubgraphList().subgraphs) {
    const file = join(repoRoot(), 'subgraphs', name, 'src', 'visibility.ts');
    declarations.set(name, existsSync(file) ? ((await import(file)) as { visibility: readonly Visibility[] }).visibility : []);
  }
  return declarations;
}

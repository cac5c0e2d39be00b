import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { repoRoot } from '@hub/kit';

/**
 * The hub's own GraphQL operations, for tests that run something over every one of them (the
 * gateway's compiled response shaping and representations against @apollo/gateway's stock walks).
 */
export interface HubOperations {
  /** schema/operations/*.graphql, one document per file. */
  dashboards: DocumentNode[];
  /** The `pnpm bench` operations (tools/src/bench.ts), at a page of 50. */
  bench: DocumentNode[];
  /** Every .graphql file of the web app as one document, so that one file's fragment serves another's operation. */
  web: DocumentNode;
  webFiles: number;
}

export function hubOperations(): HubOperations {
  const root = repoRoot();
  const bench = readFileSync(join(root, 'tools', 'src', 'bench.ts'), 'utf8');
  const webFiles = graphqlFiles(join(root, 'web', 'src'));
  return {
    dashboards: graphqlFiles(join(root, 'schema', 'operations')).map((f) => parse(readFileSync(f, 'utf8'))),
    bench: [...bench.matchAll(/`(\{ projects\(first: [^`]+)`/g)].map((m) => parse(m[1].replace('${first}', '50'))),
    web: parse(webFiles.map((f) => readFileSync(f, 'utf8')).join('\n')),
    webFiles: webFiles.length,
  };
}

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.graphql'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

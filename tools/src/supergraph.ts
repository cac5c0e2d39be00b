import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { findBreakingChanges, parse, validate, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { readSubgraphList, repoRoot, subgraphUrl } from '@hub/kit';
import { loadSubgraphs } from './load-subgraphs';

export interface Composition {
  /** SDL of each subgraph, by name, as built from the code. */
  subgraphs: Map<string, string>;
  supergraphSdl?: string;
  errors: string[];
}

/** Builds every listed subgraph's schema from its code and composes the supergraph (URLs from the "local" environment). */
export async function composeFromCode(): Promise<Composition> {
  const list = readSubgraphList();
  const local = { ...list, environments: { local: list.environments.local } };
  const previous = process.env.HUB_ENV;
  process.env.HUB_ENV = 'local';
  try {
    const subgraphs = new Map<string, string>();
    const services = [];
    for (const { entry, definition } of loadSubgraphs()) {
      const sdl = printSubgraphSchema(await definition.buildSchema());
      subgraphs.set(entry.name, sdl);
      services.push({ name: entry.name, url: subgraphUrl(entry, local), typeDefs: parse(sdl) });
    }
    const result = composeServices(services);
    if (result.errors) return { subgraphs, errors: result.errors.map((e) => e.message) };
    return { subgraphs, supergraphSdl: result.supergraphSdl, errors: [] };
  } finally {
    if (previous === undefined) delete process.env.HUB_ENV;
    else process.env.HUB_ENV = previous;
  }
}

/** The schema clients see (federation machinery removed). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export const schemaDir = () => join(repoRoot(), 'schema');

export interface OperationProblem {
  file: string;
  operation: string;
  message: string;
}

/** The fragments an operation spreads, directly or through other fragments (a file may hold several operations). */
function usedFragments(operation: ASTNode, document: DocumentNode): FragmentDefinitionNode[] {
  const all = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = all.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(operation);
  return [...used.values()];
}

/** The fragments of the files a `.graphql` file names on `#import "<relative path>"` lines, and of theirs in turn. */
function importedFragments(file: string, seen = new Set<string>([file])): FragmentDefinitionNode[] {
  const fragments: FragmentDefinitionNode[] = [];
  for (const [, path] of readFileSync(file, 'utf8').matchAll(/^#\s*import\s+["'](.+)["']\s*$/gm)) {
    const imported = resolve(dirname(file), path);
    if (seen.has(imported)) continue;
    seen.add(imported);
    const document = parse(readFileSync(imported, 'utf8'));
    fragments.push(...document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition'), ...importedFragments(imported, seen));
  }
  return fragments;
}

/**
 * Validates the operations of the `.graphql` files under a folder (and its subfolders: the web app
 * keeps them next to its views) against an API schema. Generated and built folders are skipped.
 */
export function checkOperations(api: GraphQLSchema, dir = join(schemaDir(), 'operations')): OperationProblem[] {
  if (!existsSync(dir)) return [];
  const problems: OperationProblem[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql') && !/(^|\/)(node_modules|dist|gql)\//.test(f))
    .sort();
  const parsed = new Map(files.map((file) => [file, parse(readFileSync(join(dir, file), 'utf8'))]));
  // As codegen reads the web app's: the files of one top folder are one module (web/codegen.ts), so they share their
  // fragments; a file at the top (schema/operations) stands alone.
  const moduleOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : null);
  for (const [file, own] of parsed) {
    const sameModule = [...parsed]
      .filter(([other]) => other !== file && moduleOf(file) !== null && moduleOf(other) === moduleOf(file))
      .flatMap(([, doc]) => doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition'));
    // A fragment shared across the web app's folders comes from the file named on an `#import "…"` line.
    const document: DocumentNode = { ...own, definitions: [...own.definitions, ...sameModule, ...importedFragments(join(dir, file))] };
    for (const definition of own.definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      const fragments = usedFragments(definition, document);
      const errors = validate(api, { kind: document.kind, definitions: [definition, ...fragments] });
      for (const error of errors) {
        problems.push({ file, operation: definition.name?.value ?? '(anonymous)', message: error.message });
      }
    }
  }
  return problems;
}

/** Breaking changes from the committed supergraph to a new one, in words. */
export function breakingChanges(oldSupergraphSdl: string, newSupergraphSdl: string): string[] {
  return findBreakingChanges(apiSchemaOf(oldSupergraphSdl), apiSchemaOf(newSupergraphSdl)).map((c) => `${c.type}: ${c.description}`);
}

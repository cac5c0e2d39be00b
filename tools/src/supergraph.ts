import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { findBreakingChanges, parse, validate, type GraphQLSchema } from 'graphql';
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

/** Validates the dashboards' operations (schema/operations/*.graphql) against an API schema. */
export function checkOperations(api: GraphQLSchema, dir = join(schemaDir(), 'operations')): OperationProblem[] {
  if (!existsSync(dir)) return [];
  const problems: OperationProblem[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    const document = parse(readFileSync(join(dir, file), 'utf8'));
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      const fragments = document.definitions.filter((d) => d.kind === 'FragmentDefinition');
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

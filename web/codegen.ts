import { writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/*
 * Types come from the composed API schema (what the gateway serves to clients), derived from the
 * committed supergraph by the tools package (`pnpm -s build` at the root compiles it first).
 */
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tools', 'package.json'));
const { apiSchemaOf } = require('./dist/supergraph.js') as { apiSchemaOf: (sdl: string) => unknown };
const { printSchema } = require('graphql') as { printSchema: (schema: unknown) => string };
const { readFileSync } = require('node:fs') as typeof import('node:fs');
const apiSchemaFile = join(here, 'src', 'gql', 'api.graphql');
mkdirSync(dirname(apiSchemaFile), { recursive: true });
writeFileSync(apiSchemaFile, printSchema(apiSchemaOf(readFileSync(join(here, '..', 'schema', 'supergraph.graphql'), 'utf8'))));

/*
 * One generated module per directory of `.graphql` files (those under src/leader/ → src/gql/leader/graphql.ts),
 * not one module for the whole app: the bundler splits per module, so one shared module would put
 * every view's documents into the chunk loaded at start; this way each view's chunk carries its own.
 * Each module also holds the schema's types (erased at build). A directory's fragments are its own; a
 * fragment shared across directories lives in its own file, which another directory's `.graphql`
 * pulls in with `#import "../<dir>/<file>.graphql"` (that module then generates its own copy of it).
 */
const documentDirs = readdirSync(join(here, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'gql')
  .map((entry) => entry.name)
  .filter((dir) => readdirSync(join(here, 'src', dir), { recursive: true }).some((file) => String(file).endsWith('.graphql')))
  .sort();

const manifestFile = join(here, 'src', 'gql', 'persisted-documents.json');

/**
 * The trusted-documents manifest (hash → document) of the whole app, merged from the modules'
 * own: src/gql/persisted-documents.json, which the build ships for the gateway. Also removes the
 * single module an earlier layout generated, so nothing can import it any more.
 */
function mergeManifests(...written: string[]): void {
  const merged: Record<string, string> = {};
  for (const file of written.filter((f) => f.endsWith('persisted-documents.json')).sort()) {
    for (const [hash, document] of Object.entries(JSON.parse(readFileSync(resolve(here, file), 'utf8')) as Record<string, string>)) {
      if (merged[hash] !== undefined && merged[hash] !== document) throw new Error(`persisted documents: hash ${hash} names two documents`);
      merged[hash] = document;
    }
  }
  writeFileSync(manifestFile, `${JSON.stringify(merged, null, 2)}\n`);
  for (const stale of ['graphql.ts', 'gql.ts', 'index.ts', 'fragment-masking.ts']) rmSync(join(here, 'src', 'gql', stale), { force: true });
}

const config: CodegenConfig = {
  schema: apiSchemaFile,
  ignoreNoDocuments: false,
  // `#import "…"` lines pull a shared fragment's file into a module (codegen skips them by default).
  config: { skipGraphQLImport: false },
  hooks: { afterAllFileWrite: [mergeManifests] },
  generates: Object.fromEntries(
    documentDirs.map((dir) => [
      `src/gql/${dir}/`,
      {
        documents: [`src/${dir}/**/*.graphql`],
        preset: 'client',
        // Apollo Client adds __typename to every selection; the registered documents must match what it runs.
        documentTransforms: [addTypenameSelectionDocumentTransform],
        presetConfig: {
          fragmentMasking: false,
          // Each module's documents carry their registered hash (__meta__.hash); see mergeManifests.
          persistedDocuments: { hashAlgorithm: 'sha256' },
        },
        config: {
          enumsAsTypes: true,
          useTypeImports: true,
          scalars: { LocalDate: 'string', DateTimeISO: 'string', Decimal: 'string' },
        },
      },
    ]),
  ),
};

export default config;

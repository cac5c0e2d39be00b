import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

const config: CodegenConfig = {
  schema: apiSchemaFile,
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Apollo Client adds __typename to every selection; the registered documents must match what it runs.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        // The trusted-documents manifest (hash → document): src/gql/persisted-documents.json.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: 'string', DateTimeISO: 'string', Decimal: 'string' },
      },
    },
  },
};

export default config;

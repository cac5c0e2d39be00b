import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const fromKit = createRequire(resolve(import.meta.dirname, 'subgraphs/kit/package.json'));

/** Where tests live: unit tests next to the code, end-to-end tests of the composed graph in test/. */
const TEST_ROOTS = ['subgraphs/*/src/**', 'gateway/src/**', 'tools/src/**', 'test/**', 'web/src/**'];
const EXCLUDE = ['**/node_modules/**', '**/dist/**'];
const SLOW = ['**/*.integration.test.ts', '**/*.e2e.test.ts'];
/** One real PostgreSQL per run of the integration and end-to-end groups (test/global-setup.ts). */
const PG_SETUP = 'test/global-setup.ts';

export default defineConfig({
  // esbuild does not emit decorator metadata; type-graphql and MikroORM need it, so SWC compiles.
  plugins: [
    swc.vite({
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
    }),
  ],
  resolve: {
    alias: [
      // Tests run the workspace packages from source.
      { find: /^@hub\/kit\/testing$/, replacement: resolve(import.meta.dirname, 'subgraphs/kit/src/testing.ts') },
      { find: /^@hub\/kit$/, replacement: resolve(import.meta.dirname, 'subgraphs/kit/src/index.ts') },
      { find: /^@hub\/gateway$/, replacement: resolve(import.meta.dirname, 'gateway/src/server.ts') },
      { find: /^@hub\/tools\/(.*)$/, replacement: resolve(import.meta.dirname, 'tools/src/$1') },
      // The web app imports the draw algorithm from the enforcers slice (web/vite.config.ts).
      { find: /^@hub\/draw\/(.*)$/, replacement: resolve(import.meta.dirname, 'subgraphs/enforcers/src/draw/$1') },
      // One graphql instance (CommonJS) for type-graphql and @apollo/subgraph alike.
      { find: /^graphql$/, replacement: fromKit.resolve('graphql') },
    ],
  },
  test: {
    // Upper bounds, not waits: on a busy 2-core machine loading a slice's demo data can take minutes.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    env: { TZ: process.env.TZ ?? 'UTC' },
    // Three groups by file name (README "Test groups and one test file"): `pnpm test:unit` / `test:integration` / `test:e2e`
    // run one (`vitest run --project <name>`), `pnpm test` runs all three.
    projects: [
      {
        extends: true,
        // No database: the PostgreSQL global setup is not part of this group, so a unit test that
        // reaches for one fails instead of silently slowing the group down.
        test: {
          name: 'unit',
          include: TEST_ROOTS.map((r) => `${r}/*.test.ts`),
          exclude: [...EXCLUDE, ...SLOW],
          // Loading the kit (type-graphql, MikroORM, Apollo) costs seconds and nearly every unit test
          // imports it: a worker keeps its modules between files instead of loading them once per file.
          // Unit tests hold no database or server between files; environment variables a test changes
          // are restored by that test (and by vi.unstubAllEnvs below).
          isolate: false,
          unstubEnvs: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: TEST_ROOTS.map((r) => `${r}/*.integration.test.ts`),
          exclude: EXCLUDE,
          globalSetup: [PG_SETUP],
          // One slice at a time: the member units come from a stand-in for the projects slice.
          setupFiles: ['test/member-units.setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: TEST_ROOTS.map((r) => `${r}/*.e2e.test.ts`), exclude: EXCLUDE, globalSetup: [PG_SETUP] },
      },
    ],
  },
});

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const fromKit = createRequire(resolve(import.meta.dirname, 'subgraphs/kit/package.json'));

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
      // One graphql instance (CommonJS) for type-graphql and @apollo/subgraph alike.
      { find: /^graphql$/, replacement: fromKit.resolve('graphql') },
    ],
  },
  test: {
    include: ['subgraphs/*/src/**/*.test.ts', 'gateway/src/**/*.test.ts', 'tools/src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { TZ: process.env.TZ ?? 'UTC' },
  },
});

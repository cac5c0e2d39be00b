import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

/**
 * Runs the web app's measuring tools (not tests): `pnpm bench:web` (test/web-bench.run.ts) and
 * `pnpm docs:screenshots` (test/web-screenshots.run.ts), each on its own demo hub. The base
 * config's compilation and aliases, one group of its own (the base's test groups would each run
 * the file again).
 */
export default defineConfig({
  plugins: base.plugins,
  resolve: base.resolve,
  test: {
    include: ['test/*.run.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    env: { TZ: process.env.TZ ?? 'UTC' },
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});

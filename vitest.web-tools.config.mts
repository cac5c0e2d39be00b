import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.mts';

/**
 * Runs the web app's measuring tools (not tests): `pnpm bench:web` (test/web-bench.run.ts) and
 * `pnpm docs:screenshots` (test/web-screenshots.run.ts), each on its own demo hub.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: { include: ['test/*.run.ts'], testTimeout: 600_000, hookTimeout: 900_000 },
  }),
);

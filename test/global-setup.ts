import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../tools/src/embedded-postgres';

let pg: RunningPostgres | undefined;
let dataDir: string | undefined;

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_URL when given (an external server),
 * otherwise an embedded one in a temporary directory. Each test file creates its own databases.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgServerUrl', external);
    return;
  }
  dataDir = mkdtempSync(join(tmpdir(), 'hub-test-pg-'));
  pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  project.provide('pgServerUrl', pg.url);
  return async () => {
    await pg?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

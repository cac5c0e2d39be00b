import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPortFree, PortInUseError, startEmbeddedPostgres } from './embedded-postgres';

const occupied = net.createServer();
const dataDir = mkdtempSync(join(tmpdir(), 'hub-port-test-'));
afterAll(() => {
  occupied.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a port already taken', () => {
  it('is reported with the setting that moves it, for PostgreSQL before anything starts', async () => {
    const port = await new Promise<number>((resolve) => occupied.listen(0, '127.0.0.1', () => resolve((occupied.address() as net.AddressInfo).port)));
    const failure = await startEmbeddedPostgres({ dataDir, port, persistent: false }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PortInUseError);
    expect((failure as Error).message).toBe(
      `Port ${port} (embedded PostgreSQL) is already in use by another program. Stop that program, or move ours with EMBEDDED_PG_PORT=<free port>.`,
    );
    await expect(checkPortFree(port, 'subgraph cases', 'CASES_PORT', '127.0.0.1')).rejects.toThrow(/Port \d+ \(subgraph cases\) .* CASES_PORT=<free port>/);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger, loadDemoDataOnce, openDatabase, withCheckCharacter, type GraphClient, type SeedEnvironment, type SubgraphDefinition } from '@hub/kit';
import { subgraph as audit } from '../../../subgraphs/audit/src/server';
import { AuditFinding } from '../../../subgraphs/audit/src/finding/finding.entity';
import { subgraph as cases } from '../../../subgraphs/cases/src/server';
import { subgraph as credit } from '../../../subgraphs/credit/src/server';
import { subgraph as enforcers } from '../../../subgraphs/enforcers/src/server';
import { Project } from '../../../subgraphs/projects/src/project/project.entity';
import { ProjectService } from '../../../subgraphs/projects/src/project/project.service';
import { seedDemoData as seedProjects } from '../../../subgraphs/projects/src/seed';
import { subgraph as projects } from '../../../subgraphs/projects/src/server';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../embedded-postgres';
import { backupSlices, restoreSlices, RestoreRefused, type SliceDatabase } from './dump';

const definitions: Record<string, SubgraphDefinition<any>> = { projects, enforcers, cases, credit, audit };
const prefix = `bk_${randomBytes(4).toString('hex')}_`;
const urlOn = (server: string, slice: string) => {
  const url = new URL(server);
  url.pathname = `/${prefix}${slice}`;
  return url.toString();
};

/** Every row of every table of a database, one digest per table (order-independent). */
async function digests(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ digest: string; n: string }>(
        `SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS digest, count(*) AS n FROM "${name}" x`,
      );
      result[name] = `${rows[0].n}:${rows[0].digest}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

const source = inject('pgServerUrl');
let target: RunningPostgres;
let targetDir: string;
const folder = mkdtempSync(join(tmpdir(), 'hub-backup-'));
const orms: MikroORM[] = [];

beforeAll(async () => {
  targetDir = mkdtempSync(join(tmpdir(), 'hub-restore-pg-'));
  target = await startEmbeddedPostgres({ dataDir: targetDir, port: await freePort(), persistent: false });
});
afterAll(async () => {
  await Promise.all(orms.map((orm) => orm.close()));
  await target?.stop();
  rmSync(folder, { recursive: true, force: true });
  rmSync(targetDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips demo data plus fresh writes into an empty cluster: every table identical, row counts checked', async () => {
    const slices: SliceDatabase[] = Object.keys(definitions).map((name) => ({ name, url: urlOn(source, name) }));
    for (const slice of slices) orms.push(await openDatabase(definitions[slice.name], slice.url));
    const [projectsOrm, , , , auditOrm] = orms;
    const log = createLogger('backup-test');
    // Demo data (projects with 20 projects; audit on them), as a first start loads it.
    await loadDemoDataOnce({ ...projects, seedDemoData: (em, env) => seedProjects(em, env, { projects: 20 }) }, projectsOrm, {
      log,
      graph: () => ({}) as GraphClient,
    });
    const firstProjects = await projectsOrm.em.fork().find(Project, {}, { orderBy: { code: 'asc' }, limit: 12 });
    const auditEnv: SeedEnvironment = {
      log,
      graph: () =>
        ({
          request: async () => ({ projects: { nodes: firstProjects.map((p) => ({ id: p.id, code: p.code, registeredOn: p.registeredOn })) } }),
        }) as unknown as GraphClient,
    };
    await loadDemoDataOnce(audit, auditOrm, auditEnv);
    // Fresh writes after the demo: a newly registered market entity and an audit finding.
    await new ProjectService(projectsOrm.em.fork(), { sub: 'clerk', name: 'Clerk', role: 'CENTER', department: 'JYZX' }).registerMarketEntity({
      creditCode: withCheckCharacter('91421002MA4YYYYY1'),
      name: '湖北备份测试有限公司',
      registeredOn: '2026-11-01',
    });
    const em = auditOrm.em.fork();
    em.create(AuditFinding, {
      projectId: firstProjects[0].id,
      title: 'Fresh finding after the demo',
      description: 'written before the backup',
      foundOn: '2026-11-20',
      rectificationDueOn: '2027-01-19',
      rectifiedOn: null,
      recordedByDepartment: 'ZWJ',
    });
    await em.flush();

    const manifest = await backupSlices(slices, folder, 'test');
    expect(manifest.slices.map((s) => s.name)).toEqual(Object.keys(definitions));
    expect(manifest.slices[0].tables.project.rows).toBe(20);
    expect(manifest.slices[0].tables.market_entity.rows).toBe(151);
    expect(manifest.slices[4].tables.audit_finding.rows).toBe(13);
    expect(manifest.slices.every((s) => s.migrations.length > 0)).toBe(true);

    const checks = await restoreSlices(
      folder,
      (slice) => urlOn(target.url, slice),
      async (slice) => definitions[slice],
    );
    expect(checks.filter((c) => c.expected !== c.restored)).toEqual([]);
    for (const slice of slices) {
      expect(await digests(urlOn(target.url, slice.name)), slice.name).toEqual(await digests(slice.url));
    }

    // A second restore meets tables and refuses, naming them.
    const again = await restoreSlices(
      folder,
      (slice) => urlOn(target.url, slice),
      async (slice) => definitions[slice],
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(again).toBeInstanceOf(RestoreRefused);
    expect((again as Error).message).toMatch(/not empty: database bk_\w+_projects already holds \d+ tables \(bid, /);
  }, 300_000);
});

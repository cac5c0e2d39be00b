import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { repoRoot } from '@hub/kit';
import { SERVICE_NODE_FLAGS } from './node-flags';

/*
 * The Dockerfile cannot be built here (no Docker engine). What can be checked without one: it uses
 * the Node major and pnpm version the project pins, installs the way pnpm supports in a workspace,
 * keeps out what must not enter an image, keeps in what the services read at run time, and every
 * command that docker-compose.yml and the Kubernetes manifests run exists in the build output.
 */

const root = repoRoot();
// Instructions only: comments may mention what is not done.
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n');
const ignore = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string; engines: { node: string } };

/** .dockerignore's patterns as used here: a name anywhere (`**\/x`) or at the root (`x`). */
function ignored(path: string): boolean {
  return ignore.some((pattern) => {
    const name = pattern.replace(/^\*\*\//, '');
    const parts = path.split('/');
    return pattern.startsWith('**/') ? parts.includes(name) : parts[0] === name || path === name;
  });
}

/** Every command the deployment files run. */
function deploymentCommands(): string[][] {
  const commands: string[][] = [];
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { command?: string[] }> };
  for (const service of Object.values(compose.services)) if (service.command) commands.push(service.command);
  const dir = join(root, 'deploy', 'kubernetes');
  for (const file of readdirSync(dir)) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const object = doc.toJS() as { kind?: string; spec?: { template?: { spec?: { containers?: { command?: string[] }[] } } } };
      for (const c of object?.spec?.template?.spec?.containers ?? []) if (c.command) commands.push(c.command);
    }
  }
  return commands;
}

/** Every `node … <entry>.js` the deployment files run. */
function entryPoints(): string[] {
  return [...new Set(deploymentCommands().flatMap((command) => command.filter((part) => part.endsWith('.js'))))];
}

describe('Dockerfile (checked without a Docker engine)', () => {
  it("runs every service with the services' Node flags (tools/src/node-flags.ts)", () => {
    const cmd = JSON.parse(/^CMD\s+(\[.*\])$/m.exec(dockerfile)![1]) as string[];
    const commands = [cmd, ...deploymentCommands().filter((command) => command[0] === 'node')];
    expect(commands.length).toBeGreaterThan(2);
    for (const command of commands) expect(command.slice(1, 1 + SERVICE_NODE_FLAGS.length)).toEqual(SERVICE_NODE_FLAGS);
  });

  it('builds on the Node major the project requires, with the pinned pnpm', () => {
    const major = /(\d+)/.exec(pkg.engines.node)![1];
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(new RegExp(`^node:${major}[.-]`));
    expect(dockerfile).toContain(`pnpm@${pkg.packageManager.split('@')[1]}`);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
  });

  it('installs production dependencies the way pnpm supports in a workspace (no `pnpm prune`)', () => {
    expect(dockerfile).not.toMatch(/pnpm prune/);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile --prod/);
    // The runtime stage runs as the unprivileged user the Kubernetes manifests expect (uid 1000).
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('keeps secrets, local data and build output out of the image, and what the services read at run time in', () => {
    for (const path of ['.env', '.data/pg', 'node_modules/x', 'gateway/node_modules/x', 'gateway/dist/index.js', '.git/HEAD'])
      expect(ignored(path), path).toBe(true);
    for (const path of [
      'subgraphs.json',
      'schema/supergraph.graphql',
      'config/prc-calendar.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'tsconfig.base.json',
      'gateway/src/index.ts',
    ]) {
      expect(ignored(path), path).toBe(false);
      expect(existsSync(join(root, path)), path).toBe(true);
    }
  });

  it('every entry point docker-compose.yml and deploy/kubernetes run is produced by the build', () => {
    const entries = entryPoints();
    expect(entries).toContain('gateway/dist/index.js');
    expect(entries).toContain('./subgraphs/kit/dist/tracing-register.js');
    for (const entry of entries) expect(existsSync(join(root, entry)), `${entry} (run pnpm build first)`).toBe(true);
  });
});

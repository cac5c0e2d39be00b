import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { envOptional } from './config';

/** One entry of the subgraph list: the only place that names the set of subgraphs. */
export interface SubgraphEntry {
  /** Short name: folder `subgraphs/<name>`, database `hub_<name>`, env prefix `<NAME>_`. */
  name: string;
  /** Workspace package that exports `subgraph` (a SubgraphDefinition) from its main module. */
  package: string;
  /** Default port; `<NAME>_PORT` overrides it. */
  port: number;
  /** Owner unit (department code), for the README and the dashboards. */
  owner: string;
  description?: string;
  /**
   * Other subgraphs this one calls directly through the graph (GraphClient: service-to-service
   * reads at run time or while loading demo data). The Kubernetes NetworkPolicies let these, and
   * the gateway, reach a subgraph; nothing else.
   */
  reads?: string[];
}

export interface SubgraphList {
  subgraphs: SubgraphEntry[];
  /** URL templates per environment (`{name}`, `{port}`), chosen with HUB_ENV (default "local"). */
  environments: Record<string, { urlTemplate: string }>;
}

/** The repository root: where `subgraphs.json` lives (override with SUBGRAPHS_FILE). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'subgraphs.json')) && !existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function subgraphListFile(): string {
  return envOptional('SUBGRAPHS_FILE') ?? join(repoRoot(), 'subgraphs.json');
}

export function readSubgraphList(file = subgraphListFile()): SubgraphList {
  return JSON.parse(readFileSync(resolve(file), 'utf8')) as SubgraphList;
}

const listsByFile = new Map<string, SubgraphList>();

/**
 * subgraphs.json read once per process and file (it changes only with a deployment, which restarts the
 * services): the per-request paths (cross-slice calls, Project.history) read it from here.
 */
export function cachedSubgraphList(file = subgraphListFile()): SubgraphList {
  let list = listsByFile.get(file);
  if (!list) listsByFile.set(file, (list = readSubgraphList(file)));
  return list;
}

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

export function subgraphPort(entry: SubgraphEntry): number {
  const raw = envOptional(`${envName(entry.name)}_PORT`);
  return raw ? Number(raw) : entry.port;
}

/** The URL the gateway uses for a subgraph: `<NAME>_URL`, else the environment's template. */
export function subgraphUrl(entry: SubgraphEntry, list: SubgraphList = readSubgraphList()): string {
  const explicit = envOptional(`${envName(entry.name)}_URL`);
  if (explicit) return explicit;
  const environment = envOptional('HUB_ENV') ?? 'local';
  const template = list.environments[environment]?.urlTemplate;
  if (!template) throw new Error(`subgraphs.json has no environment "${environment}" (HUB_ENV)`);
  return template.replace('{name}', entry.name).replace('{port}', String(subgraphPort(entry)));
}

/** Where a listed subgraph's definition module is: `subgraphs/<name>/dist/server.js` (built) or `src/server.ts` (tests). */
export function subgraphModulePath(entry: SubgraphEntry, form: 'dist' | 'src' = 'dist'): string {
  return join(repoRoot(), 'subgraphs', entry.name, form === 'dist' ? 'dist/server.js' : 'src/server.ts');
}

import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  readSubgraphList,
  repoRoot,
  seedSubgraph,
  serveSubgraph,
  signDevToken,
  subgraphModulePath,
  type Role,
  type SubgraphDefinition,
  type SubgraphService,
} from '@hub/kit';
import { createTestOrm } from '@hub/kit/testing';
import { startGateway, type RunningGateway } from '@hub/gateway';

export interface GraphQLResponse<D = any> {
  data?: D;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface Hub {
  gateway: RunningGateway;
  subgraphs: Map<string, { service: SubgraphService; orm: MikroORM; definition: SubgraphDefinition<any> }>;
  /** POSTs an operation to the gateway (or to a subgraph's own URL with `via`). */
  query<D = any>(query: string, variables?: Record<string, unknown>, token?: string, via?: string): Promise<GraphQLResponse<D> & { status: number }>;
  token(role: Role, department?: string, sub?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The whole hub in one test process over real HTTP: every subgraph of subgraphs.json (from
 * source) on its own fresh PostgreSQL database and a free port, and the real gateway serving the
 * committed schema/supergraph.graphql with the URLs pointed at them.
 */
export async function startHub(options: { seed?: boolean | string[]; only?: string[] } = {}): Promise<Hub> {
  const subgraphs: Hub['subgraphs'] = new Map();
  const urls = new Map<string, string>();
  for (const entry of readSubgraphList().subgraphs) {
    if (options.only && !options.only.includes(entry.name)) continue;
    const { subgraph: definition } = (await import(subgraphModulePath(entry, 'src'))) as { subgraph: SubgraphDefinition<any> };
    const orm = await createTestOrm(definition);
    // Seeds read earlier slices through their URLs: point the list's URL settings at the test ports.
    if (options.seed === true || (Array.isArray(options.seed) && options.seed.includes(entry.name))) await seedSubgraph(definition, orm);
    const service = await serveSubgraph(definition, orm, { port: 0, host: '127.0.0.1' });
    process.env[`${entry.name.toUpperCase().replace(/-/g, '_')}_URL`] = service.url;
    subgraphs.set(entry.name, { service, orm, definition });
    urls.set(entry.name, service.url);
  }
  const gateway = await startGateway({ port: 0, urls, supergraphFile: join(repoRoot(), 'schema', 'supergraph.graphql'), rateLimitPerMinute: 100_000 });
  return {
    gateway,
    subgraphs,
    async query(query, variables = {}, token, via) {
      const response = await fetch(via ?? gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      try {
        return { ...(JSON.parse(text) as GraphQLResponse), status: response.status };
      } catch {
        return { errors: [{ message: text }], status: response.status };
      }
    },
    token: (role, department, sub) => signDevToken({ role, department, sub: sub ?? `${role.toLowerCase()}-test` }),
    async stop() {
      await gateway.stop();
      for (const { service } of subgraphs.values()) await service.stop();
    },
  };
}

import { InputError, echo } from './errors';
import { GraphClient } from './graph-client';
import { readSubgraphList, subgraphUrl } from './subgraph-list';

/**
 * References are real: an id that names another slice's object is checked to exist in the owning
 * slice, through the graph, before anything is written. One `_entities` request per check, for any
 * number of ids (the owning subgraph resolves them in one batch).
 */
export class ReferenceDirectory {
  constructor(private readonly client: () => GraphClient) {}

  /**
   * The objects of `typename` found among `ids` in the owning subgraph, keyed by `key`; unknown ids
   * are absent. `selection` names the extra fields wanted (e.g. `department { code }`).
   */
  async find<T extends Record<string, unknown>>(typename: string, key: string, ids: readonly string[], selection = ''): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return found;
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${key} ${selection} } } }`;
    const data = await this.client().request<{ _entities: (T | null)[] }>(query, {
      representations: unique.map((id) => ({ __typename: typename, [key]: id })),
    });
    for (const entity of data._entities) if (entity) found.set(String(entity[key]), entity);
    return found;
  }
}

/** A lazily created client for a subgraph of subgraphs.json (its URL resolved per environment). */
export function subgraphClient(name: string): () => GraphClient {
  let client: GraphClient | undefined;
  return () => {
    if (!client) {
      const list = readSubgraphList();
      const entry = list.subgraphs.find((s) => s.name === name);
      if (!entry) throw new Error(`subgraphs.json lists no "${name}" subgraph`);
      client = new GraphClient(subgraphUrl(entry, list));
    }
    return client;
  };
}

/** Refuses the first of `ids` missing from `found`, naming the field and what it should have named. */
export function requireFound(found: { has(id: string): boolean }, ids: readonly string[], field: string, what: string): void {
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) {
    throw new InputError(`${field} ${echo(missing)} names no ${what} that exists`, { field, rule: `existing ${what}` });
  }
}

/**
 * Refuses the first of `codes` (credit codes, already valid) that names no market entity registered
 * with the trading center (`registered`, from the projects slice), naming its place in the list: a
 * party the platform does not know cannot be linked to its bids and credit, so it is named in the
 * text instead.
 */
export function requireRegisteredMarketEntities(registered: { has(code: string): boolean }, codes: readonly string[], field: string): void {
  const index = codes.findIndex((code) => !registered.has(code));
  if (index < 0) return;
  throw new InputError(
    `${field}[${index}] ${echo(codes[index])} is not a market entity registered with the trading center; leave the code out and name the party in the text`,
    { field: `${field}[${index}]`, rule: 'registered market entity', value: codes[index] },
  );
}

import DataLoader from 'dataloader';
import { NotFoundError } from './errors';

/**
 * DataLoader batch-function helpers. The contract: one `WHERE … IN (…)` query per batch, results in
 * key order, an `Error` for a key with no row (never a silently shifted array).
 */
export function orderByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K, what: string): (V | Error)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? new NotFoundError(what, String(key)));
}

/** For one-to-many loaders: the rows of each key, in key order, an empty list for a key with none. */
export function groupByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const key of keys) groups.set(key, []);
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** A per-request loader by primary or unique key, from a function that fetches all keys in one query. */
export function keyLoader<K, V>(fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K, what: string): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => orderByKeys(keys, await fetch(keys), keyOf, what));
}

/** A per-request one-to-many loader (e.g. a project's bids) from a function that fetches all keys in one query. */
export function groupLoader<K, V>(fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => groupByKeys(keys, await fetch(keys), keyOf));
}

export { DataLoader };

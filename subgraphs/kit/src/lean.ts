import { raw, ReferenceKind, type EntityClass, type EntityData, type EntityMetadata, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The read path of lists and DataLoaders, without MikroORM's unit of work. A CPU profile of the
 * projects subgraph serving a page of 100 projects with bids and bidders showed two thirds of
 * `em.find` in entity creation (EntityFactory.create: the constructor's defaults, identity-map
 * registration, the change-tracking snapshot, reference propagation) — work a row that is only
 * read and serialised does not need.
 *
 * `leanFind` runs the same query through MikroORM's query builder (a DataLoader batch's statement is
 * built once and reused, see `batchStatement`), lets MikroORM map columns to
 * property names, and returns plain objects that carry the entity's prototype (so getters such as
 * `Bid.bidderCreditCode` work, and type-graphql uses them as they are instead of copying each into
 * a `new Entity()` for every field resolver). Many-to-one relations become `{ <primary key> }`
 * stubs, as unloaded references are. They are not managed: never modify and flush them.
 */
export async function leanFind<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: LeanOptions<T> = {},
): Promise<T[] & { total?: number }> {
  const meta = em.getMetadata().get<T>(entity.name);
  const anyOf = oneArrayParameter(meta, where);
  let rows: Record<string, unknown>[] & { total?: number };
  if (options.including) {
    rows = await leanFindIncluding(em, entity, meta, where, anyOf, options, options.including);
  } else if (anyOf) {
    const found = (await batchRows(em, entity, meta, anyOf, options)) as EntityData<T>[];
    rows = found.map((row) => em.getDriver().mapResult(row, meta) as Record<string, unknown>);
  } else {
    const qb = leanQuery(em, entity, options).where(where);
    rows = (await qb.execute('all', true)) as Record<string, unknown>[];
  }
  if (options.withTotal && rows.length > 0) rows.total = Number(rows[0].__total);
  const references = meta.relations
    .filter((p) => p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner))
    .map((p) => [p.name, p.targetMeta!.primaryKeys[0]] as const);
  for (const row of rows) {
    if (options.withTotal) delete row.__total;
    for (const [name, key] of references) {
      const value = row[name];
      if (value !== null && value !== undefined && typeof value !== 'object') row[name] = { [key]: value };
    }
    // Own properties first, prototype last: MikroORM's prototype setters must not run for these.
    Object.setPrototypeOf(row, entity.prototype as object);
  }
  return rows as unknown as T[] & { total?: number };
}

type LeanOptions<T> = {
  orderBy?: QueryOrderMap<T>;
  limit?: number;
  offset?: number;
  withTotal?: boolean;
  /**
   * A many-to-one relation read in the same statement (a left join): each row's reference is then the
   * related lean row, with its entity's prototype, instead of a primary-key stub. For a list whose
   * every row is asked for its related row next (a page's bids and their bidders): one statement, one
   * round trip and one batch fewer.
   */
  including?: string & keyof T;
  /**
   * Only these properties' columns (and the primary key), from `SelectedColumns` (selected-columns.ts):
   * the columns the request's fields read. Missing properties are absent from the rows. Undefined reads
   * every column.
   */
  columns?: readonly string[];
  /** The same for the `including` relation's rows. */
  includingColumns?: readonly string[];
};

/** The related rows `including` read, so that a field resolver can answer with one instead of loading it again (`isIncludedRow`). */
const includedRows = new WeakSet<object>();

/**
 * Whether a reference is a related row `leanFind`'s `including` read (not a primary-key stub, nor an entity or a reference
 * MikroORM manages): a field resolver may answer with it as it is. Its columns are those the read selected (`includingColumns`).
 */
export function isIncludedRow(value: unknown): boolean {
  return typeof value === 'object' && value !== null && includedRows.has(value);
}

/** The join alias of `including`: MikroORM selects the related columns as `<alias>__<column>`. */
const INCLUDED = 'inc';
const INCLUDED_PREFIX = `${INCLUDED}__`;

/**
 * A DataLoader batch's unmapped rows. The statement's text depends only on the column and the options,
 * so it is built once per process and only the keys' array literal changes; it runs in the transaction
 * the query builder would join (a leanFind inside em.transactional reads in it).
 */
async function batchRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  meta: EntityMetadata<T>,
  anyOf: NonNullable<ReturnType<typeof oneArrayParameter>>,
  options: LeanOptions<T>,
): Promise<Record<string, unknown>[]> {
  const statement = batchStatement(em, entity, meta, anyOf, options);
  const bindings = statement.bindings.map((b) => (b === KEYS ? anyOf.literal : b));
  const transaction: unknown = em.getContext(false).getTransactionContext();
  return (await em.getConnection('write').execute(statement.sql, bindings as never[], 'all', transaction)) as Record<string, unknown>[];
}

/** leanFind with one many-to-one relation joined: the rows split into the entity's columns and the related row's, each mapped by MikroORM. */
async function leanFindIncluding<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  meta: EntityMetadata<T>,
  where: FilterQuery<T>,
  anyOf: ReturnType<typeof oneArrayParameter>,
  options: LeanOptions<T>,
  including: string,
): Promise<Record<string, unknown>[]> {
  const relation = (meta.properties as Record<string, EntityMetadata<T>['properties'][keyof EntityMetadata<T>['properties']] | undefined>)[including];
  if (!relation?.targetMeta || relation.kind !== ReferenceKind.MANY_TO_ONE || relation.targetMeta.primaryKeys.length !== 1) {
    throw new Error(`leanFind: ${meta.className}.${including} is not a many-to-one relation with a single-column key`);
  }
  const target = relation.targetMeta;
  const found = anyOf
    ? await batchRows(em, entity, meta, anyOf, options)
    : ((await leanQuery(em, entity, options).where(where).execute('all', false)) as Record<string, unknown>[]);
  const driver = em.getDriver();
  const keyColumn = target.properties[target.primaryKeys[0]].fieldNames[0];
  // A related row shared by several rows (a bidder's bids) is mapped once and shared, as one entity would be.
  const related = new Map<unknown, object>();
  return found.map((raw) => {
    const own: Record<string, unknown> = {};
    const other: Record<string, unknown> = {};
    for (const column in raw) {
      if (column.startsWith(INCLUDED_PREFIX)) other[column.slice(INCLUDED_PREFIX.length)] = raw[column];
      else own[column] = raw[column];
    }
    const row = driver.mapResult(own as EntityData<T>, meta) as Record<string, unknown>;
    const key = other[keyColumn];
    if (key !== null && key !== undefined) {
      let relatedRow = related.get(key);
      if (!relatedRow) {
        relatedRow = driver.mapResult(other as EntityData<object>, target) as object;
        Object.setPrototypeOf(relatedRow, target.class.prototype as object);
        includedRows.add(relatedRow);
        related.set(key, relatedRow);
      }
      row[including] = relatedRow;
    }
    return row;
  });
}

/** `select *` with the options applied; the caller adds the condition. */
function leanQuery<T extends object>(em: EntityManager, entity: EntityClass<T>, options: LeanOptions<T>) {
  const primaryKeys = options.columns ? em.getMetadata().get<T>(entity.name).primaryKeys.map(String) : [];
  const qb = em.createQueryBuilder(entity).select(options.columns ? [...new Set([...primaryKeys, ...options.columns])] : '*');
  if (options.including) qb.leftJoinAndSelect(options.including as never, INCLUDED, {}, options.includingColumns ? [...options.includingColumns] : undefined);
  // The window count is taken before LIMIT/OFFSET: every row carries the count of all matching rows.
  if (options.withTotal) qb.addSelect(raw('count(*) over () as "__total"'));
  if (options.orderBy) qb.orderBy(options.orderBy);
  if (options.limit !== undefined) qb.limit(options.limit);
  if (options.offset) qb.offset(options.offset);
  return qb;
}

/** Stands for the keys' array literal in a cached statement's bindings. */
const KEYS = Symbol('keys');

/**
 * Built batch statements (SQL with `?` placeholders and its bindings), by entity and then by column and
 * options. Building one through the query builder (criteria nodes, knex's compiler) showed as a
 * twentieth of each subgraph's CPU in the profiles of the dashboard operations, for a text that never
 * changes between batches.
 */
const batchStatements = new WeakMap<EntityMetadata, Map<string, { sql: string; bindings: unknown[] }>>();

function batchStatement<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  meta: EntityMetadata<T>,
  anyOf: { column: string; arrayType: string; literal: string },
  options: LeanOptions<T>,
): { sql: string; bindings: unknown[] } {
  let byKey = batchStatements.get(meta);
  if (!byKey) batchStatements.set(meta, (byKey = new Map<string, { sql: string; bindings: unknown[] }>()));
  const key = JSON.stringify([
    anyOf.column,
    anyOf.arrayType,
    options.orderBy ?? null,
    options.limit ?? null,
    options.offset ?? null,
    !!options.withTotal,
    options.including ?? null,
    options.columns ?? null,
    options.includingColumns ?? null,
  ]);
  let statement = byKey.get(key);
  if (!statement) {
    const qb = leanQuery(em, entity, options);
    // A placeholder literal that no key can produce (keys are quoted), replaced by KEYS in the bindings.
    const placeholder = '\u0000keys';
    qb.where(`${em.getPlatform().quoteIdentifier(qb.alias)}.${em.getPlatform().quoteIdentifier(anyOf.column)} = any(?::${anyOf.arrayType})`, [placeholder]);
    const { sql, bindings } = qb.toQuery()._sql;
    statement = { sql, bindings: (bindings ?? []).map((b) => (b === placeholder ? KEYS : b)) };
    if (!statement.bindings.includes(KEYS)) throw new Error(`leanFind: no keys parameter in the batch statement of ${meta.className}`);
    byKey.set(key, statement);
  }
  return statement;
}

/**
 * A DataLoader batch, `{ property: { $in: keys } }` (alone or ANDed with empty scopes) on one column of string keys, as
 * `column = any($1::type[])` with the keys in one array parameter: MikroORM and knex otherwise build,
 * escape and bind one `?` per key (a page of 100 projects sends hundreds of keys to the slices), and
 * PostgreSQL parses a statement whose text differs with every batch size. Anything else goes through
 * MikroORM's own criteria.
 */
function oneArrayParameter<T>(meta: EntityMetadata<T>, where: FilterQuery<T>): { column: string; arrayType: string; literal: string } | undefined {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return undefined;
  // `{ $and: [{ property: { $in: keys } }, {}] }`: a batch ANDed with a caller's row scope that is empty
  // for this caller (it sees every row) is the same batch.
  const and = (where as { $and?: unknown }).$and;
  if (Object.keys(where).length === 1 && Array.isArray(and)) {
    const conditions = and.filter((c) => !(c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c as object).length === 0));
    return conditions.length === 1 ? oneArrayParameter(meta, conditions[0] as FilterQuery<T>) : undefined;
  }
  const keys = Object.keys(where);
  if (keys.length !== 1) return undefined;
  const condition = (where as Record<string, unknown>)[keys[0]];
  if (!condition || typeof condition !== 'object' || Array.isArray(condition) || Object.keys(condition).length !== 1) return undefined;
  const values = (condition as { $in?: unknown }).$in;
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return undefined;
  const property = (meta.properties as Record<string, EntityMetadata<T>['properties'][keyof EntityMetadata<T>['properties']] | undefined>)[keys[0]];
  if (!property || property.fieldNames?.length !== 1) return undefined;
  if (property.kind !== ReferenceKind.SCALAR && property.kind !== ReferenceKind.MANY_TO_ONE) return undefined;
  const columnType = String(property.columnTypes?.[0] ?? '').toLowerCase();
  // Text-like keys compare as text (a varchar column against text[] keeps its index); uuid as uuid.
  const arrayType = columnType === 'uuid' ? 'uuid[]' : /^(varchar|character varying|text)\b/.test(columnType) ? 'text[]' : undefined;
  if (!arrayType) return undefined;
  // A PostgreSQL array literal, every element quoted (backslash and double quote escaped).
  const literal = `{${(values as string[]).map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  return { column: property.fieldNames[0], arrayType, literal };
}

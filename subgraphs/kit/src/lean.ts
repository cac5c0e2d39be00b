import { raw, ReferenceKind, type EntityClass, type EntityMetadata, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The read path of lists and DataLoaders, without MikroORM's unit of work. A CPU profile of the
 * projects subgraph serving a page of 100 projects with bids and bidders showed two thirds of
 * `em.find` in entity creation (EntityFactory.create: the constructor's defaults, identity-map
 * registration, the change-tracking snapshot, reference propagation) — work a row that is only
 * read and serialised does not need.
 *
 * `leanFind` runs the same query through MikroORM's query builder, lets MikroORM map columns to
 * property names, and returns plain objects that carry the entity's prototype (so getters such as
 * `Bid.bidderCreditCode` work, and type-graphql uses them as they are instead of copying each into
 * a `new Entity()` for every field resolver). Many-to-one relations become `{ <primary key> }`
 * stubs, as unloaded references are. They are not managed: never modify and flush them.
 */
export async function leanFind<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: { orderBy?: QueryOrderMap<T>; limit?: number; offset?: number; withTotal?: boolean } = {},
): Promise<T[] & { total?: number }> {
  const meta = em.getMetadata().get<T>(entity.name);
  const qb = em.createQueryBuilder(entity).select('*');
  const anyOf = oneArrayParameter(meta, where);
  if (anyOf)
    qb.where(`${em.getPlatform().quoteIdentifier(qb.alias)}.${em.getPlatform().quoteIdentifier(anyOf.column)} = any(?::${anyOf.arrayType})`, [anyOf.literal]);
  else qb.where(where);
  // The window count is taken before LIMIT/OFFSET: every row carries the count of all matching rows.
  if (options.withTotal) qb.addSelect(raw('count(*) over () as "__total"'));
  if (options.orderBy) qb.orderBy(options.orderBy);
  if (options.limit !== undefined) qb.limit(options.limit);
  if (options.offset) qb.offset(options.offset);
  const rows = (await qb.execute('all', true)) as Record<string, unknown>[] & { total?: number };
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

/**
 * A DataLoader batch, `{ property: { $in: keys } }` on one column of string keys, as
 * `column = any($1::type[])` with the keys in one array parameter: MikroORM and knex otherwise build,
 * escape and bind one `?` per key (a page of 100 projects sends hundreds of keys to the slices), and
 * PostgreSQL parses a statement whose text differs with every batch size. Anything else goes through
 * MikroORM's own criteria.
 */
function oneArrayParameter<T>(meta: EntityMetadata<T>, where: FilterQuery<T>): { column: string; arrayType: string; literal: string } | undefined {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return undefined;
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

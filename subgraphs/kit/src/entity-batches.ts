import { isObjectType, Kind, type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/**
 * Resolves every representation of one entity type in an `_entities` call at once: the entities in
 * the representations' order (null for one that does not exist), or a promise of them.
 */
export type BatchReferenceResolver<C = any> = (
  representations: any[],
  context: C,
  info: GraphQLResolveInfo,
) => readonly unknown[] | Promise<readonly unknown[]>;

type Representation = { __typename: string };

/**
 * `_entities` with batch reference resolvers for the types that have one. @apollo/subgraph resolves
 * each representation on its own and passes every result through an `async` function (to set
 * `__typename`), so an `_entities` call of 425 bids made at least 425 promises for graphql-js to wait
 * on, with the promise hooks MikroORM's AsyncLocalStorage turns on, even where the references
 * themselves were ready. A batch resolver gets all the representations of its type, loads what they
 * need together and hands back plain values: the call answers with one promise, and each entity's
 * fields are then resolved without one.
 *
 * Representations of other types go through the stock resolver as before (interfaces, per-reference
 * `__resolveReference`, their errors). A batch that fails fails each of its entities with the error,
 * as the per-reference promises did. Requests under Apollo's cache-control plugin (which restricts the
 * cache policy per representation's type) take the stock path whole.
 */
export function withEntityBatches(schema: GraphQLSchema, batches: Record<string, BatchReferenceResolver>): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) throw new Error('withEntityBatches: the schema has no _entities resolver (build it with buildFederatedSchema first)');
  for (const typename of Object.keys(batches)) {
    if (!isObjectType(schema.getType(typename))) throw new Error(`withEntityBatches: "${typename}" is not an object type of the schema`);
  }
  const stock = field.resolve as GraphQLFieldResolver<unknown, unknown, { representations: Representation[] }>;
  field.resolve = (source, args: { representations: Representation[] }, context, info) => {
    const { representations } = args;
    if ((info as { cacheControl?: unknown }).cacheControl) return stock(source, args, context, info);
    let batched: Map<string, number[]> | undefined;
    let others: number[] | undefined;
    for (let i = 0; i < representations.length; i += 1) {
      const typename = representations[i].__typename;
      if (Object.hasOwn(batches, typename)) {
        batched ??= new Map();
        const indexes = batched.get(typename);
        if (indexes) indexes.push(i);
        else batched.set(typename, [i]);
      } else (others ??= []).push(i);
    }
    if (!batched) return stock(source, args, context, info);
    const results = new Array<unknown>(representations.length);
    if (others) {
      const resolved = stock(source, { ...args, representations: others.map((i) => representations[i]) }, context, info) as unknown[];
      others.forEach((index, k) => (results[index] = resolved[k]));
    }
    const pending: Promise<void>[] = [];
    for (const [typename, indexes] of batched) {
      const place = (entities: readonly unknown[]) => {
        indexes.forEach((index, k) => (results[index] = withTypename(entities[k] ?? null, typename)));
      };
      const entities = batches[typename](
        indexes.map((i) => representations[i]),
        context,
        info,
      );
      if (entities instanceof Promise) {
        pending.push(
          entities.then(place, (error: unknown) => {
            for (const index of indexes) results[index] = Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }),
        );
      } else place(entities);
    }
    return pending.length ? Promise.all(pending).then(() => results) : results;
  };
  return schema;
}

/** What @apollo/subgraph does to every resolved entity: its `__typename`, for graphql-js to find the type. */
function withTypename(entity: unknown, typename: string): unknown {
  if (entity !== null && typeof entity === 'object') {
    // A different `__typename` would be an interface refined to a concrete type: a new object, as @apollo/subgraph makes.
    if ('__typename' in entity && entity.__typename !== typename) return { ...entity, __typename: typename };
    Object.defineProperty(entity, '__typename', { value: typename });
  }
  return entity;
}

/** Whether each operation's `_entities` selection asks for a field of a type, by the field node (the document is parsed once per query text). */
const selected = new WeakMap<FieldNode, Map<string, boolean>>();

/**
 * Whether the `_entities` call asks for `typename.fieldName` (in an inline fragment or a named
 * fragment on the type, as routers send them): a batch resolver loads a field's rows ahead only
 * when the field is asked, so that a fetch without it sends no statement more than before. Only a
 * sure yes counts: a field under a fragment on another (abstract) type, or under a directive, is
 * answered no, and then loads through its field resolver as without the batch.
 */
export function entitiesSelect(info: GraphQLResolveInfo, typename: string, fieldName: string): boolean {
  const node = info.fieldNodes[0];
  let answers = selected.get(node);
  if (!answers) selected.set(node, (answers = new Map<string, boolean>()));
  const key = `${typename}.${fieldName}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = info.fieldNodes.some((n) => n.selectionSet !== undefined && asks(n.selectionSet, typename, fieldName, info, false));
    answers.set(key, answer);
  }
  return answer;
}

function asks(set: SelectionSetNode, typename: string, fieldName: string, info: GraphQLResolveInfo, onType: boolean): boolean {
  return set.selections.some((selection) => {
    // Under @skip or @include the field may not run: not counted as asked (it then loads as it would without a batch).
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) return onType && selection.name.value === fieldName;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (condition !== undefined && condition !== typename) return false;
      return asks(selection.selectionSet, typename, fieldName, info, onType || condition === typename);
    }
    const fragment = info.fragments[selection.name.value];
    if (!fragment || fragment.typeCondition.name.value !== typename) return false;
    return asks(fragment.selectionSet, typename, fieldName, info, true);
  });
}

import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Drops type-graphql's resolver from every plain property field, so graphql-js reads the property
 * itself (its default resolver). type-graphql gives every `@Field` of an object type a resolver that
 * builds a resolver-data object and runs the field's middleware chain, even when there is none; a
 * page of 100 projects with their bids reads thousands of such fields per request.
 *
 * A field keeps its resolver when it has anything to run: a role guard (`@Authorized`), a
 * middleware, a field resolver (including a `@Field` method or getter, which type-graphql reads from an
 * instance it makes of a plain object), a GraphQL name other than its property's,
 * or global middlewares in the build. Types whose class cannot be told apart (two classes of the same
 * name and fields in one process) keep all their resolvers. Runs before the visibility wrappers, which
 * then wrap graphql-js's default resolver for the fields they hide.
 *
 * @returns how many fields now resolve by default (the unit test checks it is not zero)
 */
export function withPlainFields(schema: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>, globalMiddlewares: readonly unknown[] = []): number {
  if (globalMiddlewares.length > 0) return 0;
  const storage = getMetadataStorage();
  let plain = 0;
  for (const [typeName, type] of Object.entries(schema.getTypeMap())) {
    const typeResolvers = resolvers[typeName];
    if (!isObjectType(type) || typeName.startsWith('__') || !typeResolvers) continue;
    const names = Object.keys(type.getFields());
    const classes = storage.objectTypes.filter(
      (o) => o.name === typeName && o.fields?.length === names.length && o.fields.every((f) => names.includes(f.schemaName)),
    );
    if (classes.length !== 1) continue;
    for (const field of classes[0].fields ?? []) {
      if (field.schemaName !== field.name || field.roles !== undefined || (field.middlewares?.length ?? 0) > 0) continue;
      if (storage.fieldResolvers.some((r) => r.getObjectType?.() === field.target && r.methodName === field.name)) continue;
      if (typeResolvers[field.schemaName] === undefined) continue;
      delete typeResolvers[field.schemaName];
      plain += 1;
    }
  }
  return plain;
}

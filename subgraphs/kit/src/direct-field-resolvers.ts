import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

type Resolve = GraphQLFieldResolver<unknown, Record<string, unknown>>;
/** One parameter of the method, read from graphql-js's arguments; `undefined` when type-graphql must do it. */
type Read = (root: unknown, args: Record<string, unknown>, context: Record<string, unknown>, info: unknown) => unknown;

/** Sentinel: the root is not an instance of the declared class, so type-graphql's resolver converts it. */
const CONVERT = Symbol('convert');

const SIMPLE_TYPES: unknown[] = [String, Number, Boolean];

/**
 * Calls `@FieldResolver` methods straight from graphql-js when type-graphql's wrapper has nothing to
 * do for them. type-graphql's resolver for every field resolver call builds a resolver-data object,
 * looks the resolver class's instance up in its container (a linear search), sorts the parameters,
 * converts the root, and validates each `@Arg` in an `async` function — so a field with one scalar
 * argument (`Project.bids(tenderRound)`) always waits on promises — then runs the (empty)
 * middleware chain. A page of 100 projects with bids and bidders makes hundreds of such calls
 * (`tenderer`, `bids`, `stageRecords` per project, `bidder` per bid).
 *
 * A field resolver is called directly only when type-graphql would do nothing else for it: no role
 * guard (`@Authorized`, the slices' `@Allowed`), no middleware and no global middlewares, the
 * default container, its resolver class among this build's, and only `@Root()`, `@Ctx()`, `@Info()`
 * and scalar `@Arg()`s that are not validated. A root that is not already an instance of the
 * declared class (which type-graphql would copy into one) goes through type-graphql's resolver as
 * before. Runs before the visibility wrappers, which then wrap the direct resolver.
 *
 * @returns how many field resolvers are now called directly (the unit test checks it is not zero)
 */
export function withDirectFieldResolvers(
  schema: GraphQLSchema,
  resolvers: Record<string, Record<string, unknown>>,
  options: Pick<BuildSchemaOptions, 'resolvers' | 'globalMiddlewares' | 'container' | 'validate' | 'validateFn'>,
): number {
  if ((options.globalMiddlewares?.length ?? 0) > 0 || options.container !== undefined || options.validateFn !== undefined) return 0;
  const globalValidate = options.validate ?? false;
  const built = new Set<unknown>(options.resolvers as unknown as unknown[]);
  const storage = getMetadataStorage();
  const candidates = new Map<string, (typeof storage.fieldResolvers)[number][]>();
  for (const definition of storage.fieldResolvers) {
    if (definition.kind !== 'external' || !built.has(definition.target)) continue;
    const objectClass = definition.getObjectType?.();
    for (const objectType of storage.objectTypes.filter((o) => o.target === objectClass)) {
      const key = `${objectType.name}.${definition.schemaName}`;
      candidates.set(key, [...(candidates.get(key) ?? []), definition]);
    }
  }
  const instances = new Map<unknown, Record<string, unknown>>();
  let direct = 0;
  for (const [key, definitions] of candidates) {
    const [typeName, fieldName] = key.split('.');
    const type = schema.getType(typeName);
    const original = resolvers[typeName]?.[fieldName] as Resolve | undefined;
    if (definitions.length !== 1 || !isObjectType(type) || !type.getFields()[fieldName] || typeof original !== 'function') continue;
    const definition = definitions[0];
    if (definition.roles !== undefined || (definition.middlewares?.length ?? 0) > 0 || !definition.params) continue;
    const reads = [...definition.params]
      .sort((a, b) => a.index - b.index)
      .map((param): Read | undefined => {
        switch (param.kind) {
          case 'root': {
            const { propertyName, getType } = param;
            const Target = getType?.() as (new () => unknown) | undefined;
            return (root) => {
              const value = propertyName ? (root as Record<string, unknown>)[propertyName] : root;
              return Target === undefined || (typeof Target === 'function' && value instanceof Target) ? value : CONVERT;
            };
          }
          case 'context': {
            const { propertyName } = param;
            return propertyName ? (_root, _args, context) => context[propertyName] : (_root, _args, context) => context;
          }
          case 'info':
            return (_root, _args, _context, info) => info;
          case 'arg': {
            const argType = param.getType();
            const simple = SIMPLE_TYPES.includes(argType) || argType instanceof GraphQLScalarType;
            const validated = param.validateFn !== undefined || (param.validateSettings ?? globalValidate) !== false;
            if (!simple || validated) return undefined;
            const { name } = param;
            return (_root, args) => args[name];
          }
          default:
            return undefined;
        }
      });
    if (reads.some((read) => read === undefined)) continue;
    const readAll = reads as Read[];
    const target = definition.target as new () => Record<string, unknown>;
    const instance = instances.get(target) ?? new target();
    instances.set(target, instance);
    const method = instance[definition.methodName];
    if (typeof method !== 'function') continue;
    const resolve: Resolve = (root, args: Record<string, unknown>, context: Record<string, unknown>, info) => {
      const values = new Array<unknown>(readAll.length);
      for (let i = 0; i < readAll.length; i += 1) {
        const value = readAll[i](root, args, context, info);
        if (value === CONVERT) return original(root, args, context, info);
        values[i] = value;
      }
      return (method as (...values: unknown[]) => unknown).apply(instance, values);
    };
    resolvers[typeName][fieldName] = resolve;
    direct += 1;
  }
  return direct;
}

import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { EVERYONE, ROLES, SIGNED_IN, type AccessPolicy } from './auth';

/** The parts of type-graphql's metadata this check reads (filled in when a schema is built). */
interface BuiltMetadata {
  queries: { schemaName: string; roles?: string[] }[];
  mutations: { schemaName: string; roles?: string[] }[];
  objectTypes: { name: string; fields?: { schemaName: string; roles?: string[] }[] }[];
}

/**
 * Where a slice's `@Authorized(...)` decorators and its `src/access-policy.ts` disagree, one line per
 * difference (empty when they agree). Both are written by hand, so a unit test per slice calls this
 * on the slice's built schema: a role added to one and not the other fails in seconds, without a
 * database, instead of only in the end-to-end authorization matrix.
 *
 * Rules, the same the matrix applies: every root field needs a policy entry ("query.x" /
 * "mutation.x"); a root field without `@Authorized` is open to EVERYONE, a bare `@Authorized()` to
 * every signed-in role (SIGNED_IN), `@Authorized('OFFICE', …)` to exactly those roles; an object field
 * guarded by `@Authorized` needs a "Type.field" entry with the same roles, and every policy entry must
 * name a field of this schema. Roles must be members of the `Role` union.
 *
 * Call it after the slice's `buildSchema()` (type-graphql fills in the roles while building). Other
 * slices may be loaded in the same process (unit test files share a worker): their resolvers are told
 * apart by this schema, since only root fields and object fields it contains count.
 */
export function accessPolicyDrift(schema: GraphQLSchema, policy: AccessPolicy): string[] {
  const metadata = getMetadataStorage() as unknown as BuiltMetadata;
  const declared = new Map<string, readonly string[]>();
  const rootTypes = { query: schema.getQueryType(), mutation: schema.getMutationType() };
  for (const [kind, definitions] of [
    ['query', metadata.queries],
    ['mutation', metadata.mutations],
  ] as const) {
    const fields = rootTypes[kind]?.getFields() ?? {};
    for (const definition of definitions) {
      if (!fields[definition.schemaName]) continue; // a resolver loaded in this process but not part of this schema
      const roles = definition.roles === undefined ? EVERYONE : definition.roles.length === 0 ? SIGNED_IN : definition.roles;
      declared.set(`${kind}.${definition.schemaName}`, roles);
    }
  }
  for (const objectType of metadata.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    for (const field of objectType.fields ?? []) {
      if (field.roles === undefined || !type.getFields()[field.schemaName]) continue;
      declared.set(`${objectType.name}.${field.schemaName}`, field.roles.length === 0 ? SIGNED_IN : field.roles);
    }
  }

  const problems: string[] = [];
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));
  const show = (roles: readonly string[]) => `[${[...roles].sort().join(', ')}]`;
  for (const [key, roles] of declared) {
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) problems.push(`${key}: @Authorized names unknown role(s) ${unknown.join(', ')} (roles are ${ROLES.join(', ')})`);
    const expected = policy[key];
    if (!expected) problems.push(`${key}: guarded by ${show(roles)} in the resolvers but has no entry in access-policy.ts`);
    else if (!same(roles, expected)) problems.push(`${key}: resolvers allow ${show(roles)}, access-policy.ts says ${show(expected)}`);
  }
  for (const key of Object.keys(policy)) {
    if (!declared.has(key)) problems.push(`${key}: in access-policy.ts but not a root field or an @Authorized field of this schema`);
  }
  for (const kind of ['query', 'mutation'] as const) {
    for (const name of Object.keys(rootTypes[kind]?.getFields() ?? {})) {
      // _entities and _service are the federation's own entry points, reached only through the gateway's query plans.
      if (!name.startsWith('_') && !declared.has(`${kind}.${name}`)) problems.push(`${kind}.${name}: a root field not built from type-graphql metadata`);
    }
  }
  return problems;
}

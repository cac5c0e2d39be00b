import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSubgraphList, repoRoot, ROLES, type AccessPolicy, type Role } from '@hub/kit';

/**
 * The expected outcome of every root field and mutation for every role, as each subgraph declares
 * it in its own src/access-policy.ts (docs/domain.md "Who may do what"): a department plugging in its
 * subgraph writes its policy next to its resolvers, without touching anyone else's files.
 *
 * "allowed" means the role gets past authorization (the answer may still be empty, NOT_FOUND or a
 * validation error for the probe's stand-in arguments); every other role must be refused with
 * FORBIDDEN or UNAUTHENTICATED. Row-level rules (a department's own cases in full, others' as
 * summaries; drafts; the reporter's identity) are checked on real data in the matrix test.
 */
/** Each subgraph's declared policy, by subgraph name (empty when the file is missing). */
export async function loadAccessPolicies(): Promise<Map<string, AccessPolicy>> {
  const policies = new Map<string, AccessPolicy>();
  for (const { name } of readSubgraphList().subgraphs) {
    const file = join(repoRoot(), 'subgraphs', name, 'src', 'access-policy.ts');
    policies.set(name, existsSync(file) ? ((await import(file)) as { accessPolicy: AccessPolicy }).accessPolicy : {});
  }
  return policies;
}

interface TypeGraphQLMetadata {
  authorizedFields: { target: Function; fieldName: string; roles: Role[] }[];
  fieldResolvers: { target: Function; methodName: string; schemaName: string; getObjectType?: () => Function }[];
  objectTypes: { target: Function; name: string }[];
  queries: { target: Function; methodName: string }[];
  mutations: { target: Function; methodName: string }[];
}

/**
 * Every object field guarded by @Authorized in the loaded subgraphs ("Type.field" → roles; a bare
 * @Authorized() means every signed-in role), read from type-graphql's metadata once the subgraphs'
 * schemas are built. Root fields are left out: the root-field matrix covers them.
 */
export function restrictedObjectFields(): Map<string, Role[]> {
  const metadata = (globalThis as { TypeGraphQLMetadataStorage?: TypeGraphQLMetadata }).TypeGraphQLMetadataStorage;
  if (!metadata) throw new Error('type-graphql metadata not found: build the subgraph schemas first');
  const typeName = (target: Function) => metadata.objectTypes.find((o) => o.target === target)?.name ?? target.name;
  const restricted = new Map<string, Role[]>();
  for (const guard of metadata.authorizedFields) {
    const isRoot = [...metadata.queries, ...metadata.mutations].some((r) => r.target === guard.target && r.methodName === guard.fieldName);
    if (isRoot) continue;
    const resolver = metadata.fieldResolvers.find((f) => f.target === guard.target && f.methodName === guard.fieldName);
    const key = resolver?.getObjectType ? `${typeName(resolver.getObjectType())}.${resolver.schemaName}` : `${typeName(guard.target)}.${guard.fieldName}`;
    restricted.set(key, guard.roles.length ? [...guard.roles] : ROLES.filter((r) => r !== 'PUBLIC'));
  }
  return restricted;
}

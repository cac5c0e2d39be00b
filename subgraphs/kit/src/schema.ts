import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth';
import { withDirectFieldResolvers } from './direct-field-resolvers';
import { withInputRules } from './input-rules';
import { withPlainFields } from './plain-fields';
import { withWriteLog } from './write-log/scope';
import { withVisibility, type Visibility } from './visibility';

/**
 * The federation spec every subgraph links, pinned in one place: bump it here and every
 * subgraph moves together (the gateway and Apollo Router read the version from the supergraph).
 */
export const FEDERATION_LINK = /* GraphQL */ `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.3"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"]
    )
`;

/** `__resolveReference` functions keyed by entity type name: `{ Project: { __resolveReference(ref, ctx) {…} } }`. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'> {
  referenceResolvers?: ReferenceResolvers;
  /** The slice's field visibility declarations (its `src/visibility.ts`): fields a restricted view does not list resolve to null there. */
  visibility?: readonly Visibility[];
}

/**
 * Builds a federation-2 subgraph schema from type-graphql resolvers: type-graphql builds the
 * executable schema, its SDL (with `@key` etc. from `@Directive`) is re-parsed by
 * `buildSubgraphSchema`, and the resolvers plus the entities' reference resolvers are merged back.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const { referenceResolvers = {}, visibility = [], ...buildOptions } = options;
  const schema = await buildSchema({
    validate: false,
    ...buildOptions,
    authChecker,
    authMode: 'error',
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  // Plain property fields resolve by graphql-js's default resolver instead of type-graphql's wrapper.
  withPlainFields(schema, resolvers, buildOptions.globalMiddlewares);
  // Field resolvers with nothing for type-graphql's wrapper to do are called directly.
  withDirectFieldResolvers(schema, resolvers, buildOptions);
  // Every mutation's arguments meet the kit's input rules before its resolver runs.
  withInputRules(schema, resolvers);
  // Every mutation's writes go on the slice's write log with the mutation's name and caller.
  withWriteLog(resolvers);
  withVisibility(schema, resolvers, visibility);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  return buildSubgraphSchema([
    {
      typeDefs: gql`
        ${FEDERATION_LINK}
        ${printSchemaWithDirectives(schema)}
      `,
      resolvers: resolvers as GraphQLResolverMap,
    },
  ]);
}

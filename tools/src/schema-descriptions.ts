import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Types every list repeats with the same meaning (`<Name>Connection`, `<Name>Edge`, `PageInfo`):
 * their fields are described once in the README's paging section, not per list.
 */
const isConnectionBoilerplate = (name: string) => name === 'PageInfo' || name.endsWith('Connection') || name.endsWith('Edge');

const hasText = (description: string | null | undefined) => Boolean(description?.trim());

/**
 * The schema coordinates (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) of an API schema
 * that carry no description, in schema order. The explorer shows descriptions as the graph's only
 * documentation, so every type, field, argument and enum value a client sees must have one: what
 * it is, its unit or format, the Chinese term and who may read it. Exempt: the built-in scalars and
 * introspection types, the root operation types themselves (their fields are checked), and the
 * connection boilerplate above. Federation machinery never reaches the API schema.
 */
export function undescribedCoordinates(api: GraphQLSchema): string[] {
  const roots = new Set([api.getQueryType(), api.getMutationType(), api.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
  const missing: string[] = [];
  const named = (type: GraphQLNamedType) => {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || isConnectionBoilerplate(type.name)) return;
    if (!roots.has(type.name) && !hasText(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!hasText(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!hasText(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!hasText(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!hasText(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  };
  for (const type of Object.values(api.getTypeMap())) named(type);
  return missing;
}

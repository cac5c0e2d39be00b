import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/** Items assumed for a list that has no `first` argument (e.g. a project's bids). */
export const ASSUMED_LIST_SIZE = 10;
/**
 * Items assumed for `first: $variable` (validation does not see variable values): the maximum page
 * size the subgraphs accept (MAX_PAGE_SIZE of the kit's connections).
 */
export const VARIABLE_PAGE_SIZE = 500;

function pageSize(args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | undefined {
  const first = args?.find((a) => a.name.value === 'first');
  if (!first) return undefined;
  if (first.value.kind === Kind.INT) return Number(first.value.value);
  return VARIABLE_PAGE_SIZE;
}

function fieldsOf(type: GraphQLCompositeType): Record<string, GraphQLField<unknown, unknown>> {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

function selectionCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  multiplier: number,
  insideConnection: boolean,
  fragments: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldsOf(parentType)[selection.name.value];
      if (!field) continue; // unknown fields are reported by the standard rules
      total += multiplier;
      if (!selection.selectionSet) continue;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const first = pageSize(selection.arguments);
      const isList = isListType(getNullableType(field.type));
      const factor = first ?? (isList && !insideConnection ? ASSUMED_LIST_SIZE : 1);
      total += selectionCost(context, selection.selectionSet, named, multiplier * factor, first !== undefined, fragments);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? (context.getSchema().getType(typeName) as GraphQLCompositeType) : parentType;
      total += selectionCost(context, selection.selectionSet, type ?? parentType, multiplier, insideConnection, fragments);
    } else {
      const name = selection.name.value;
      if (fragments.has(name)) continue;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      if (!fragment) continue;
      const type = context.getSchema().getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
      total += selectionCost(context, fragment.selectionSet, type ?? parentType, multiplier, insideConnection, new Set([...fragments, name]));
    }
  }
  return total;
}

/**
 * Refuses operations whose estimated cost is too high: every field costs 1, multiplied by the
 * sizes of the lists it sits in (`first` where given, the maximum page for `first: $var`,
 * ASSUMED_LIST_SIZE for other lists). A page of 100 projects with 10 bids each is 100 × 10.
 */
export function listCostRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const root = context.getSchema().getRootType(node.operation);
      if (!root) return;
      const cost = selectionCost(context, node.selectionSet, root, 1, false, new Set());
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}: request smaller pages (first) or fewer nested lists`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost },
          }),
        );
      }
    },
  });
}

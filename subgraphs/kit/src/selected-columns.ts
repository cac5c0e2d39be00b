import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import {
  Kind,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The entity properties (columns) a GraphQL field reads, for fields that are not a column property of
 * the same name (or read more than it): a field resolver or getter names what it reads (`[]` for
 * nothing beyond the primary key, e.g. a list loaded by the row's id).
 */
export type FieldColumns = Readonly<Record<string, readonly string[]>>;

/**
 * Which columns a lean read (lean.ts, `columns`) needs for one request: those of the fields the
 * operation selects on the row's type, anywhere in the operation. A profile of the projects subgraph
 * serving a page of 100 projects with bids and bidders showed pg parsing and MikroORM mapping every
 * column of every row (dates into `Date`s, texts no field of the page shows).
 *
 * Per type, not per path: every row of a type read in this request (a DataLoader's cache is shared by
 * every path that reaches it) carries the columns of every selection of that type in the operation, so
 * a partial row cannot meet a field it lacks. A field that is neither a column property of the same name
 * nor declared (`FieldColumns`), a type the operation does not select (a read for another purpose), or a
 * request whose operation was never registered (`use`) reads every column, as before.
 */
export class SelectedColumns {
  private info?: Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>;

  /** Registers the request's operation (from any resolver's info; only the first call counts). */
  use(info: Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>): this {
    this.info ??= info;
    return this;
  }

  /**
   * The properties to select for rows of `typeName` (primary keys, `always`, and the selected fields'
   * columns), or undefined for every column.
   */
  of(meta: EntityMetadata, typeName: string, needs: FieldColumns = {}, always: readonly string[] = []): string[] | undefined {
    if (!this.info) return undefined;
    const byType = selectionOf(this.info);
    const key = `${typeName}\u0000${meta.className}\u0000${always.join(',')}`;
    if (byType.columns.has(key)) return byType.columns.get(key);
    const columns = columnsOf(meta, byType.fields.get(typeName), needs, always);
    byType.columns.set(key, columns);
    return columns;
  }
}

interface OperationSelection {
  /** Field names selected on each object type, anywhere in the operation. */
  fields: Map<string, Set<string>>;
  /** Computed column lists, by type, entity and `always`. */
  columns: Map<string, string[] | undefined>;
}

/** By operation node: Apollo Server keeps a parsed document per query text, so a repeated query walks once. */
const selections = new WeakMap<OperationDefinitionNode, OperationSelection>();

function selectionOf(info: Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>): OperationSelection {
  let selection = selections.get(info.operation);
  if (!selection) {
    selection = { fields: fieldsByType(info.schema, info.operation, info.fragments), columns: new Map() };
    selections.set(info.operation, selection);
  }
  return selection;
}

/** Every field name the operation selects, by the object type it is selected on (an interface's or a union's selection counts for each possible type). */
export function fieldsByType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode, type: GraphQLNamedType | undefined | null) => {
    if (!type) return;
    const objectTypes: readonly GraphQLObjectType[] = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        for (const objectType of objectTypes) {
          let names = fields.get(objectType.name);
          if (!names) fields.set(objectType.name, (names = new Set()));
          names.add(name);
        }
        if (selection.selectionSet && (isObjectType(type) || isInterfaceType(type))) {
          const definition = type.getFields()[name];
          if (definition) visit(selection.selectionSet, getNamedType(definition.type));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type);
      } else {
        const fragment = fragments[selection.name.value];
        const key = `${selection.name.value}\u0000${type.name}`;
        if (!fragment || visited.has(key)) continue;
        visited.add(key);
        visit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  visit(operation.selectionSet, schema.getRootType(operation.operation));
  return fields;
}

/** The column properties of `fields` on `meta`, or undefined (every column) when one of them is not known to need only columns. */
export function columnsOf(meta: EntityMetadata, fields: ReadonlySet<string> | undefined, needs: FieldColumns, always: readonly string[]): string[] | undefined {
  if (!fields) return undefined;
  const columns = new Set<string>([...meta.primaryKeys.map(String), ...always]);
  for (const field of fields) {
    if (field === '__typename') continue;
    const declared = Object.prototype.hasOwnProperty.call(needs, field) ? needs[field] : undefined;
    if (declared) {
      for (const property of declared) columns.add(property);
      continue;
    }
    if (!isColumn(meta, field)) return undefined;
    columns.add(field);
  }
  for (const property of columns) if (!isColumn(meta, property)) throw new Error(`selected columns: ${meta.className}.${property} is not a column property`);
  return [...columns];
}

function isColumn(meta: EntityMetadata, name: string): boolean {
  const property = (meta.properties as Record<string, EntityMetadata['properties'][string] | undefined>)[name];
  if (!property || property.persist === false || property.formula || !property.fieldNames?.length) return false;
  return (
    property.kind === ReferenceKind.SCALAR || property.kind === ReferenceKind.MANY_TO_ONE || (property.kind === ReferenceKind.ONE_TO_ONE && !!property.owner)
  );
}

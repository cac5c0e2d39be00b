import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { apiSchemaOf } from '@hub/tools/supergraph';

export type OperationKind = 'query' | 'mutation';

/** One root field of the composed graph, called with the least a valid request needs. */
export interface RootFieldProbe {
  kind: OperationKind;
  field: string;
  /** The subgraph that resolves it (from the committed subgraph SDL). */
  subgraph: string;
  source: string;
  variables: Record<string, unknown>;
}

/** A syntactically valid stand-in per scalar (it meets the kit's input rules): the resolvers then see a well-formed but unknown value. */
export const STAND_IN_ID = '00000000-0000-4000-8000-000000000000';

const SCALAR_STAND_INS: Record<string, unknown> = {
  ID: STAND_IN_ID,
  String: 'matrix',
  Int: 1,
  Float: 0.5,
  Boolean: false,
  LocalDate: '2025-03-03',
  Decimal: '1000.00',
  DateTimeISO: '2025-03-03T00:00:00.000Z',
};

export function standIn(type: GraphQLInputType, path: string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [standIn(inner.ofType, `${path}[]`)];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isScalarType(inner)) {
    if (!(inner.name in SCALAR_STAND_INS)) throw new Error(`No stand-in value for scalar ${inner.name} (at ${path}): add one to SCALAR_STAND_INS`);
    return SCALAR_STAND_INS[inner.name];
  }
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = standIn(field.type, `${path}.${field.name}`);
    }
    return value;
  }
  throw new Error(`Unexpected input type at ${path}`);
}

const required = (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined;

/** A field called with stand-ins for its required arguments, passed as variables. */
function callOf(field: GraphQLField<unknown, unknown>, where: string) {
  const args = field.args.filter(required);
  const variables = Object.fromEntries(args.map((a) => [a.name, standIn(a.type, `${where}(${a.name})`)]));
  const declared = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return { variables, declaration: declared ? `(${declared})` : '', call: `${field.name}${passed ? `(${passed})` : ''}${selection}` };
}

/** `{ field(requiredArgs) { __typename } }` with the arguments as variables. */
export function probeFor(kind: OperationKind, field: GraphQLField<unknown, unknown>, subgraph: string): RootFieldProbe {
  const { variables, declaration, call } = callOf(field, field.name);
  return { kind, field: field.name, subgraph, source: `${kind} Matrix${declaration} { ${call} }`, variables };
}

/** Which subgraphs define each "Type.field" (not as @external), from the committed subgraph SDL. */
export function objectFieldOwners(): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const { name } of readSubgraphList().subgraphs) {
    const document = parse(readFileSync(join(repoRoot(), 'schema', 'subgraphs', `${name}.graphql`), 'utf8'));
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of definition.fields ?? []) {
        if (field.directives?.some((d) => d.name.value === 'external')) continue;
        const key = `${definition.name.value}.${field.name.value}`;
        owners.set(key, [...(owners.get(key) ?? []), name]);
      }
    }
  }
  return owners;
}

/** The API schema clients see, from the committed supergraph. */
export function committedApiSchema(): GraphQLSchema {
  return apiSchemaOf(readFileSync(join(repoRoot(), 'schema', 'supergraph.graphql'), 'utf8'));
}

/** A probe for every root field and mutation of the committed supergraph. */
export function rootFieldProbes(schema: GraphQLSchema = committedApiSchema()): RootFieldProbe[] {
  const owners = objectFieldOwners();
  const probes: RootFieldProbe[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const owner = owners.get(`${type!.name}.${field.name}`)?.[0];
      if (!owner) throw new Error(`No subgraph in schema/subgraphs/ defines ${kind} field ${field.name}`);
      probes.push(probeFor(kind, field, owner));
    }
  }
  return probes;
}

/** An object field reached from the root through lists: the path and the operation that selects it. */
export interface ObjectFieldProbe {
  /** Response path to the parent objects, e.g. ["creditRecords", "nodes"]. */
  parentPath: string[];
  source: string;
  variables: Record<string, unknown>;
}

/**
 * The shortest way from Query to objects of `typeName` through fields that need no arguments
 * (connections through `nodes`), then `field` with stand-ins for its required arguments: the
 * probe reads that field on real objects (the demo data) rather than on a stand-in id.
 */
export function objectFieldProbe(schema: GraphQLSchema, typeName: string, fieldName: string): ObjectFieldProbe {
  const query = schema.getQueryType()!;
  const queue: { type: string; path: string[] }[] = [{ type: query.name, path: [] }];
  const seen = new Set([query.name]);
  while (queue.length) {
    const { type, path } = queue.shift()!;
    if (type === typeName) {
      const field = (schema.getType(typeName) as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[fieldName];
      if (!field) throw new Error(`${typeName}.${fieldName} is not in the supergraph`);
      const { variables, declaration, call } = callOf(field, `${typeName}.${fieldName}`);
      const selection = path.reduceRight((inner, step) => `${step} { ${inner} }`, `__typename ${call}`);
      return { parentPath: path, source: `query Matrix${declaration} { ${selection} }`, variables };
    }
    const current = schema.getType(type) as { getFields(): Record<string, GraphQLField<unknown, unknown>> };
    for (const next of Object.values(current.getFields())) {
      const named = getNamedType(next.type);
      if (isLeafType(named) || next.args.some(required) || seen.has(named.name)) continue;
      seen.add(named.name);
      queue.push({ type: named.name, path: [...path, next.name] });
    }
  }
  throw new Error(`No path from Query to ${typeName} without required arguments`);
}

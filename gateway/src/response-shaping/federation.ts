import { createRequire } from 'node:module';
import type { GraphQLError } from 'graphql';

/**
 * The parts of @apollo/federation-internals' operation and schema model that response shaping reads,
 * typed structurally: the package is @apollo/gateway's own dependency, not ours, and it is loaded from
 * @apollo/gateway's location below so that both use one instance (its `Variable` class is checked with
 * `instanceof`, its schema types compared by identity).
 */
export interface NamedType {
  readonly kind: 'ObjectType' | 'InterfaceType' | 'UnionType' | 'ScalarType' | 'EnumType' | 'InputObjectType';
  readonly name: string;
  value?(name: string): unknown;
  toString(): string;
}
export interface ListType {
  readonly kind: 'ListType';
  readonly ofType: OutputType;
  toString(): string;
}
export interface NonNullType {
  readonly kind: 'NonNullType';
  readonly ofType: OutputType;
  toString(): string;
}
export type OutputType = NamedType | ListType | NonNullType;

export interface AppliedDirective {
  arguments(): Record<string, unknown>;
}
export interface Schema {
  type(name: string): NamedType | undefined;
  skipDirective(): unknown;
  includeDirective(): unknown;
  booleanType(): NamedType;
  intType(): NamedType;
  floatType(): NamedType;
  idType(): NamedType;
  readonly schemaDefinition: { rootType(kind: string): NamedType | undefined };
}
export interface Element {
  appliedDirectivesOf(definition: unknown): AppliedDirective[];
}
export interface FieldElement extends Element {
  readonly name: string;
  responseName(): string;
  readonly definition: { readonly type: OutputType; isSchemaIntrospectionField(): boolean };
}
export interface FragmentElement extends Element {
  readonly typeCondition?: NamedType;
}
export interface SelectionSet {
  selections(): readonly Selection[];
}
export type Selection =
  | { readonly kind: 'FieldSelection'; readonly element: FieldElement; readonly selectionSet?: SelectionSet }
  | { readonly kind: 'FragmentSelection'; readonly element: FragmentElement; readonly selectionSet: SelectionSet };
export interface Operation {
  schema(): Schema;
  collectDefaultedVariableValues(): Record<string, unknown>;
  readonly name?: string;
  readonly selectionSet: SelectionSet;
  readonly rootKind: string;
}

interface FederationInternals {
  Variable: new (...args: never[]) => { readonly name: string };
  isSubtype(type: NamedType, maybeSubType: NamedType): boolean;
  isCustomScalarType(type: NamedType): boolean;
  ERRORS: { INVALID_GRAPHQL: { err(message: string, options: { path: (string | number)[] }): GraphQLError } };
}

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));

/** @apollo/federation-internals as @apollo/gateway loads it. */
export const federation = gatewayRequire('@apollo/federation-internals') as FederationInternals;

/** What @apollo/gateway's `computeResponse` takes and gives (dist/resultShaping.d.ts). */
export interface ShapingArgs {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Record<string, unknown>;
  introspectionHandling: (introspectionSelection: never) => unknown;
}
export interface ShapedResponse {
  data: Record<string, unknown> | null;
  errors: GraphQLError[];
}

interface ResultShapingModule {
  computeResponse(args: ShapingArgs): { data: Record<string, unknown> | null | undefined; errors: GraphQLError[] };
  setResponseShaper?: (shaper: ((args: ShapingArgs) => ShapedResponse | undefined) | undefined) => void;
}

/**
 * @apollo/gateway's result shaping module: `computeResponse` (the stock walk) and, with the hub's
 * patch (patches/@apollo__gateway@2.14.4.patch), `setResponseShaper`.
 */
export const resultShaping = gatewayRequire('@apollo/gateway/dist/resultShaping') as ResultShapingModule;

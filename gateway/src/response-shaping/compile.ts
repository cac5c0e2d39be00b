import type { GraphQLError } from 'graphql';
import {
  federation,
  type Element,
  type NamedType,
  type Operation,
  type OutputType,
  type Schema,
  type Selection,
  type SelectionSet,
  type ShapedResponse,
  type ShapingArgs,
} from './federation';

/*
 * Response shaping compiled once per operation. @apollo/gateway's `computeResponse`
 * (dist/resultShaping.js) walks the operation's selections for every value of every row: it reads
 * each selection's @skip/@include from its directive list, unwraps the field's type, looks types up
 * by name and checks leaves with the generic `isValidLeafValue`, and allocates a result object per
 * value. Everything that depends on the operation alone is worked out here once: response names,
 * @skip/@include reduced to variable names (or dropped when literal), each field's type as a small
 * program of wrappers, a leaf check per scalar or enum, fragment type conditions memoised per
 * typename. The walk that runs per request is the stock one step for step: the same order, the same
 * merging into values already written, the same errors with the same messages and paths, the same
 * null bubbling. Anything surprising at run time (the stock walk's assertions) throws, and the caller
 * then lets the stock function answer, so that it fails exactly as before.
 */

const NON_NULL = 0;
const LIST = 1;
const COMPOSITE = 2;
const LEAF = 3;

type Program =
  | { readonly k: typeof NON_NULL | typeof LIST; readonly of: Program; readonly str: string }
  | { readonly k: typeof COMPOSITE; readonly type: NamedType; readonly sel: Compiled[]; readonly str: string }
  | { readonly k: typeof LEAF; readonly check: (value: unknown) => boolean; readonly str: string };

interface Condition {
  /** Variable of an @skip(if: $x); undefined when there is none or its argument is a literal false. */
  readonly skip?: string;
  /** Variable of an @include(if: $x); undefined when there is none or its argument is a literal true. */
  readonly include?: string;
}

interface CompiledField {
  readonly field: true;
  readonly cond: Condition | undefined;
  readonly rn: string;
  /** The selection handed to the gateway's introspection handling (`__schema`, `__type`). */
  readonly introspection: Selection | undefined;
  readonly typename: boolean;
  readonly program: Program | undefined;
  readonly hasSelectionSet: boolean;
}

interface CompiledFragment {
  readonly field: false;
  readonly cond: Condition | undefined;
  readonly typeCondition: NamedType | undefined;
  readonly sel: Compiled[];
  /** isSubtype(typeCondition, type) by the value's __typename, and by the parent type without one. */
  readonly byTypename: Map<string, boolean>;
  readonly byParent: Map<NamedType, boolean>;
}

type Compiled = CompiledField | CompiledFragment;

/** Thrown while compiling what the compiler leaves to the stock walk. */
class Unsupported extends Error {}

/**
 * Thrown by the per-request walk where the stock walk would throw (an assertion of its own), or on
 * data it leaves to the stock walk (a list where an object belongs): the stock function then answers.
 */
class StockWouldThrow extends Error {}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** One operation's shaping, built once and used by every request of that operation. */
export class CompiledShaping {
  private readonly schema: Schema;
  private readonly root: Compiled[];
  private readonly rootType: NamedType;
  private readonly defaults: Record<string, unknown>;
  private readonly hasVariableConditions: boolean;
  /** schema.type(name) for the typenames met so far (only names the schema has, so it stays bounded). */
  private readonly types = new Map<string, NamedType>();

  constructor(operation: Operation) {
    this.schema = operation.schema();
    const rootType = this.schema.schemaDefinition.rootType(operation.rootKind);
    if (!rootType) throw new Unsupported('no root type');
    this.rootType = rootType;
    this.defaults = operation.collectDefaultedVariableValues();
    let variableConditions = false;
    const skipDirective = this.schema.skipDirective();
    const includeDirective = this.schema.includeDirective();
    const conditionOf = (element: Element): Condition | undefined | 'never' => {
      const skip = ifArgument(element, skipDirective);
      const include = ifArgument(element, includeDirective);
      if (skip === true || include === false) return 'never';
      const cond: { skip?: string; include?: string } = {};
      if (typeof skip === 'string') cond.skip = skip;
      if (typeof include === 'string') cond.include = include;
      if (cond.skip === undefined && cond.include === undefined) return undefined;
      variableConditions = true;
      return cond;
    };
    const compileSelectionSet = (selectionSet: SelectionSet): Compiled[] => {
      const compiled: Compiled[] = [];
      for (const selection of selectionSet.selections()) {
        const cond = conditionOf(selection.element);
        if (cond === 'never') continue;
        if (selection.kind === 'FieldSelection') {
          const element = selection.element;
          const rn = element.responseName();
          // Results are plain objects: a response name Object.prototype also has would read as set.
          if (rn in Object.prototype) throw new Unsupported(`response name ${rn}`);
          const introspection = element.definition.isSchemaIntrospectionField();
          const typename = !introspection && element.name === '__typename';
          compiled.push({
            field: true,
            cond,
            rn,
            introspection: introspection ? selection : undefined,
            typename,
            program: introspection || typename ? undefined : this.programOf(element.definition.type, selection.selectionSet, compileSelectionSet),
            hasSelectionSet: selection.selectionSet !== undefined,
          });
        } else if (selection.kind === 'FragmentSelection') {
          compiled.push({
            field: false,
            cond,
            typeCondition: selection.element.typeCondition,
            sel: compileSelectionSet(selection.selectionSet),
            byTypename: new Map(),
            byParent: new Map(),
          });
        } else {
          throw new Unsupported('selection kind');
        }
      }
      return compiled;
    };
    this.root = compileSelectionSet(operation.selectionSet);
    this.hasVariableConditions = variableConditions;
  }

  private programOf(type: OutputType, selectionSet: SelectionSet | undefined, compileSelectionSet: (s: SelectionSet) => Compiled[]): Program {
    const str = String(type);
    switch (type.kind) {
      case 'NonNullType':
        return { k: NON_NULL, of: this.programOf(type.ofType, selectionSet, compileSelectionSet), str };
      case 'ListType':
        return { k: LIST, of: this.programOf(type.ofType, selectionSet, compileSelectionSet), str };
      case 'ObjectType':
      case 'InterfaceType':
      case 'UnionType':
        if (!selectionSet) throw new Unsupported(`composite ${str} without selections`);
        return { k: COMPOSITE, type, sel: compileSelectionSet(selectionSet), str };
      case 'ScalarType':
      case 'EnumType':
        return { k: LEAF, check: this.leafCheck(type), str };
      default:
        throw new Unsupported(`output type ${str}`);
    }
  }

  /** federation-internals' isValidLeafValue(schema, value, type), with the type's branch chosen once. */
  private leafCheck(type: NamedType): (value: unknown) => boolean {
    if (federation.isCustomScalarType(type)) return () => true;
    const schema = this.schema;
    const isBoolean = type === schema.booleanType();
    const isInt = type === schema.intType();
    const isId = type === schema.idType();
    const isFloat = type === schema.floatType();
    if (type.kind === 'EnumType') {
      return (value) => typeof value === 'string' && type.value!(value) !== undefined;
    }
    if (type.kind === 'ScalarType' && !isBoolean && !isInt && !isId && !isFloat) {
      // String (any other built-in scalar answers the same way): strings only.
      return (value) => typeof value === 'string';
    }
    return (value) => {
      if (typeof value === 'boolean') return isBoolean;
      if (typeof value === 'number' && isFinite(value)) {
        if (isInt || isId) return INTEGER.test(String(value));
        return isFloat;
      }
      if (typeof value === 'string') return !isBoolean && !isInt && !isFloat;
      return false;
    };
  }

  /** computeResponse for one request; throws StockWouldThrow where the stock walk would throw. */
  run(args: ShapingArgs): ShapedResponse {
    const walk = new Walk(this, args);
    const data: Record<string, unknown> = {};
    const bubbled = walk.apply(args.input, this.root, data, this.rootType);
    return { data: bubbled ? null : data, errors: walk.errors };
  }

  variablesOf(variables: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (!this.hasVariableConditions) return undefined;
    return { __proto__: null, ...this.defaults, ...variables } as Record<string, unknown>;
  }

  typeNamed(name: string): NamedType | undefined {
    let type = this.types.get(name);
    if (type === undefined) {
      type = this.schema.type(name);
      if (type !== undefined) this.types.set(name, type);
    }
    return type;
  }
}

/** The argument of a directive's `if`: a variable's name, a literal, or undefined without the directive. */
function ifArgument(element: Element, directive: unknown): string | boolean | undefined {
  const applied = element.appliedDirectivesOf(directive)[0];
  if (!applied) return undefined;
  const value = applied.arguments().if;
  if (value instanceof federation.Variable) return value.name;
  if (typeof value === 'boolean') return value;
  throw new Unsupported('non-boolean if argument');
}

function isComposite(type: NamedType): boolean {
  return type.kind === 'ObjectType' || type.kind === 'InterfaceType' || type.kind === 'UnionType';
}

/** One request's walk: the stock applySelectionSet/updateOutputValue over the compiled selections. */
class Walk {
  readonly errors: GraphQLError[] = [];
  private readonly path: (string | number)[] = [];
  private readonly variables: Record<string, unknown> | undefined;
  private readonly introspectionHandling: (selection: never) => unknown;
  /** updateOutputValue's isInvalid and hasErrors for the value it last returned. */
  private invalid = false;
  private hasErrors = false;

  constructor(
    private readonly compiled: CompiledShaping,
    args: ShapingArgs,
  ) {
    this.variables = compiled.variablesOf(args.variables);
    this.introspectionHandling = args.introspectionHandling;
  }

  private skipped(cond: Condition): boolean {
    if (cond.skip !== undefined && this.variable(cond.skip)) return true;
    return cond.include !== undefined && !this.variable(cond.include);
  }

  private variable(name: string): boolean {
    const value = this.variables![name];
    if (typeof value !== 'boolean') throw new StockWouldThrow(`variable ${name}`);
    return value;
  }

  /** Returns true where the stock walk returns NULL_BUBBLE_UP. */
  apply(input: Record<string, unknown>, selections: Compiled[], output: Record<string, unknown>, parentType: NamedType): boolean {
    for (const s of selections) {
      if (s.cond !== undefined && this.skipped(s.cond)) continue;
      if (s.field) {
        const rn = s.rn;
        const outputValue = output[rn];
        if (s.introspection !== undefined) {
          if (outputValue === undefined) output[rn] = this.introspectionHandling(s.introspection as never);
          continue;
        }
        // getOwn(input, rn) ?? null: input is a subgraph object (a JSON object, or the gateway's
        // null-prototype root; arrays step aside below) and rn is no Object.prototype name.
        let inputValue = input[rn];
        if (inputValue === undefined) inputValue = null;
        if (s.typename) {
          if (outputValue === undefined) {
            if (inputValue === null && rn !== '__typename') inputValue = input.__typename ?? null;
            const type = typeof inputValue === 'string' ? (this.compiled.typeNamed(inputValue) ?? parentType) : parentType;
            if (type.kind !== 'ObjectType') return true;
            output[rn] = type.name;
          }
          continue;
        }
        this.path.push(rn);
        output[rn] = this.update(outputValue, s.program!, inputValue, s.hasSelectionSet, parentType);
        this.path.pop();
        if (this.invalid) return true;
      } else {
        const typename = input.__typename;
        if (typename && typeof typename !== 'string') throw new StockWouldThrow('__typename');
        if (this.applies(s, typename as string | undefined, parentType)) {
          if (this.apply(input, s.sel, output, s.typeCondition ?? parentType)) return true;
        }
      }
    }
    return false;
  }

  private applies(fragment: CompiledFragment, typename: string | undefined, parentType: NamedType): boolean {
    const condition = fragment.typeCondition;
    if (!condition) return true;
    if (typename) {
      let applies = fragment.byTypename.get(typename);
      if (applies === undefined) {
        const type = this.compiled.typeNamed(typename);
        if (!type) return false;
        applies = federation.isSubtype(condition, type);
        fragment.byTypename.set(typename, applies);
      }
      return applies;
    }
    let applies = fragment.byParent.get(parentType);
    if (applies === undefined) {
      applies = federation.isSubtype(condition, parentType);
      fragment.byParent.set(parentType, applies);
    }
    return applies;
  }

  private describeLast(currentType: string, parentType: NamedType): string {
    const element = this.path[this.path.length - 1];
    return typeof element === 'string' ? `field ${String(parentType)}.${element}` : `array element of type ${currentType} at index ${element}`;
  }

  private error(message: string): void {
    this.errors.push(federation.ERRORS.INVALID_GRAPHQL.err(message, { path: Array.from(this.path) }));
  }

  private update(outputValue: unknown, program: Program, inputValue: unknown, hasSelectionSet: boolean, parentType: NamedType): unknown {
    if (inputValue === undefined) throw new StockWouldThrow('undefined input');
    if (outputValue === null || (outputValue !== undefined && !hasSelectionSet)) {
      this.invalid = false;
      this.hasErrors = false;
      return outputValue;
    }
    switch (program.k) {
      case NON_NULL: {
        const updated = this.update(outputValue, program.of, inputValue, hasSelectionSet, parentType);
        if (updated === null) {
          if (!this.hasErrors) this.error(`Cannot return null for non-nullable ${this.describeLast(program.of.str, parentType)}.`);
          this.invalid = true;
          this.hasErrors = true;
          return null;
        }
        this.invalid = false;
        this.hasErrors = false;
        return updated;
      }
      case LIST: {
        if (inputValue === null) return this.plain(null);
        if (!Array.isArray(inputValue)) throw new StockWouldThrow('non-list');
        if (outputValue !== undefined && !(Array.isArray(outputValue) && outputValue.length === inputValue.length)) {
          throw new StockWouldThrow('list output');
        }
        const outputList = outputValue as unknown[] | undefined;
        const updated: unknown[] = [];
        let nullify = false;
        let hasErrors = false;
        const path = this.path;
        for (let i = 0; i < inputValue.length; i++) {
          path.push(i);
          updated.push(this.update(outputList === undefined ? undefined : outputList[i], program.of, inputValue[i], hasSelectionSet, parentType));
          path.pop();
          if (this.invalid) nullify = true;
          if (this.hasErrors) hasErrors = true;
        }
        this.invalid = false;
        this.hasErrors = hasErrors;
        return nullify ? null : updated;
      }
      case COMPOSITE: {
        if (inputValue === null) return this.plain(null);
        if (typeof inputValue !== 'object' || (outputValue !== undefined && typeof outputValue !== 'object')) {
          throw new StockWouldThrow('non-object');
        }
        // A list where an object belongs: its inherited methods would read as fields; the stock walk answers.
        if (Array.isArray(inputValue)) throw new StockWouldThrow('list as an object');
        const input = inputValue as Record<string, unknown>;
        const typename = input.__typename;
        if (typename !== undefined && typeof typename !== 'string') throw new StockWouldThrow('__typename');
        let objectType: NamedType | undefined;
        if (typename) {
          objectType = this.compiled.typeNamed(typename);
          if (!objectType || !isComposite(objectType)) {
            this.error(`Invalid __typename found for object at ${this.describeLast(program.str, parentType)}.`);
            this.invalid = false;
            this.hasErrors = true;
            return null;
          }
        }
        const output = (outputValue as Record<string, unknown> | undefined) ?? {};
        const bubbled = this.apply(input, program.sel, output, objectType ?? program.type);
        this.invalid = false;
        this.hasErrors = bubbled;
        return bubbled ? null : output;
      }
      default: {
        if (inputValue === null) return this.plain(null);
        if (outputValue !== undefined) throw new StockWouldThrow('leaf output');
        const valid = program.check(inputValue);
        if (!valid) this.error(`Invalid value found for ${this.describeLast(program.str, parentType)}.`);
        this.invalid = false;
        this.hasErrors = !valid;
        return valid ? inputValue : null;
      }
    }
  }

  private plain(value: unknown): unknown {
    this.invalid = false;
    this.hasErrors = false;
    return value;
  }
}

/** Marks the errors thrown where the stock walk throws too. */
export function isStockThrow(error: unknown): boolean {
  return error instanceof StockWouldThrow;
}

/** The compiled shaping of an operation, or undefined when the stock walk must answer it. */
export function compileShaping(operation: Operation): CompiledShaping | undefined {
  try {
    return new CompiledShaping(operation);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

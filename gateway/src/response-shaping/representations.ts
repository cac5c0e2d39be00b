import { createRequire } from 'node:module';
import type { GraphQLSchema } from 'graphql';

/**
 * An entity fetch's representations, compiled once per fetch node of a query plan.
 *
 * @apollo/gateway builds the `representations` of an entity fetch with `executeSelectionSet` per
 * entity (dist/executeQueryPlan.js): Object.create(null) results (slower to serialise into the
 * subgraph request), the fetch's `requires` read again for every entity, an inline fragment's type
 * checked against the schema and its result deep-merged into a fresh object. This builds the same
 * representations (same keys in the same order, same values, the same entities skipped, the fetch's
 * inputRewrites applied by the stock function) as plain objects, from closures made once per fetch
 * node. What it does not handle (a response name an object or array inherits, a primitive where the
 * stock walk expects an object) makes it step aside: the stock walk then answers, as it always did.
 * Any other error is checked against the stock walk (createRepresentationsBuilder).
 */

/** @apollo/query-planner's selection nodes of a fetch's `requires` (QueryPlan.d.ts), structurally. */
export type RequiresSelection =
  | { readonly kind: 'Field'; readonly alias?: string; readonly name: string; readonly selections?: readonly RequiresSelection[] }
  | { readonly kind: 'InlineFragment'; readonly typeCondition?: string; readonly selections: readonly RequiresSelection[] };

/** The parts of an entity fetch node read here. */
export interface EntityFetch {
  readonly requires?: readonly RequiresSelection[];
  readonly inputRewrites?: readonly unknown[];
}

export interface BuiltRepresentations {
  representations: Record<string, unknown>[];
  representationToEntity: number[];
}

type Entity = Record<string, unknown>;

interface DataRewritesModule {
  isObjectOfType(schema: GraphQLSchema, obj: Entity, typeCondition: string, defaultOnUnknownObjectType?: boolean): boolean;
  applyRewrites(schema: GraphQLSchema, rewrites: readonly unknown[] | undefined, value: Entity): void;
}
interface ExecuteQueryPlanModule {
  setRepresentationsBuilder?: (builder: RepresentationsBuilder | undefined) => void;
  /** The stock walk (the patch moves it out of executeFetch unchanged). */
  stockRepresentations?: (schema: GraphQLSchema, fetch: EntityFetch, entities: unknown[]) => BuiltRepresentations;
}

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));
const dataRewrites = gatewayRequire('@apollo/gateway/dist/dataRewrites') as DataRewritesModule;
const { deepMerge } = gatewayRequire('@apollo/gateway/dist/utilities/deepMerge') as {
  deepMerge: (target: Entity, source: Entity | null) => Entity;
};
const executeQueryPlanModule = gatewayRequire('@apollo/gateway/dist/executeQueryPlan') as ExecuteQueryPlanModule;

/** Thrown where the compiled walk would differ from the stock one: the stock walk then answers. */
const STEP_ASIDE = new Error('entity representations: left to the stock walk');

/** Builds one selection set's result from a non-null object; null when a selected field is missing. */
type SetBuilder = (source: Entity) => Entity | null;
/** One selection's step: the result so far in, the result out (null: the whole set is null). */
type Step = (source: Entity, result: Entity) => Entity | null;

/** Names that a plain object or an array inherits: reading them would not say what the stock `hasOwn` says. */
function inherited(name: string): boolean {
  return name === '__proto__' || name in Object.prototype || name in Array.prototype;
}

/** The stock walk's value for a nested selection set: null stays null, a primitive is not handled. */
function nested(value: unknown, build: SetBuilder): Entity | null {
  if (value === null) return null;
  if (typeof value !== 'object') throw STEP_ASIDE;
  return build(value as Entity);
}

function compileSet(schema: GraphQLSchema, selections: readonly RequiresSelection[]): SetBuilder | undefined {
  const steps: Step[] = [];
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      if (inherited(name)) return undefined;
      const sub = selection.selections ? compileSet(schema, selection.selections) : undefined;
      if (selection.selections && !sub) return undefined;
      steps.push((source, result) => {
        const value = source[name];
        if (value === undefined) return null;
        if (Array.isArray(value)) {
          result[name] = sub ? value.map((element: unknown) => nested(element, sub)) : value.map((element: unknown) => element);
        } else if (sub) {
          result[name] = nested(value, sub);
        } else {
          result[name] = value;
        }
        return result;
      });
    } else if (selection.kind === 'InlineFragment') {
      const typeCondition = selection.typeCondition;
      if (!typeCondition) continue;
      const sub = compileSet(schema, selection.selections);
      if (!sub) return undefined;
      // isObjectOfType's answer depends on the schema, the condition and the object's __typename only.
      const matches = new Map<unknown, boolean>();
      const first = steps.length === 0;
      steps.push((source, result) => {
        const typename = source.__typename;
        let match = matches.get(typename);
        if (match === undefined) {
          match = dataRewrites.isObjectOfType(schema, source, typeCondition);
          if (typeof typename === 'string' || typename === undefined) matches.set(typename, match);
        }
        if (!match) return result;
        const merged = sub(source);
        if (merged === null) return result;
        // Deep-merging into an empty object copies every key in order (none is undefined here).
        if (first) return merged;
        deepMerge(result, merged);
        return result;
      });
    } else {
      return undefined;
    }
  }
  return (source) => {
    let result: Entity | null = {};
    for (const step of steps) {
      result = step(source, result);
      if (result === null) return null;
    }
    return result;
  };
}

interface CompiledFetch {
  schema: GraphQLSchema;
  build: SetBuilder | null;
}

/** A builder as @apollo/gateway takes it: undefined lets the stock walk answer. */
export type RepresentationsBuilder = (schema: GraphQLSchema, fetch: EntityFetch, entities: unknown[]) => BuiltRepresentations | undefined;

/** Told once per fetch node when its compiled builder fails where the stock walk does not (a fault of the builder, not of the data). */
export type RepresentationsFault = (error: unknown) => void;

/**
 * A builder of each fetch's representations and, for each, the index of its entity, compiled once per
 * fetch node; undefined (the stock walk then answers) for what the compiled walk does not handle.
 *
 * An error other than its own stepping aside is checked against the stock walk: if that throws too, the
 * data is at fault and the stock walk answers (with its error) as it always did; if it does not, the
 * builder is at fault: `onFault` is told, this request gets the stock representations, and the fetch
 * node is left to the stock walk from then on (reported once, neither hidden nor once per request).
 */
export function createRepresentationsBuilder(onFault: RepresentationsFault): RepresentationsBuilder {
  /** Each fetch node's compiled builder (null: left to the stock walk), kept as long as the query plan. */
  const compiledByFetch = new WeakMap<EntityFetch, CompiledFetch>();
  return (schema, fetch, entities) => {
    let compiled = compiledByFetch.get(fetch);
    if (!compiled || compiled.schema !== schema) {
      compiled = { schema, build: fetch.requires ? (compileSet(schema, fetch.requires) ?? null) : null };
      compiledByFetch.set(fetch, compiled);
    }
    const build = compiled.build;
    if (!build) return undefined;
    try {
      return buildWith(build, schema, fetch, entities);
    } catch (error) {
      if (error === STEP_ASIDE) return undefined;
      let stock: BuiltRepresentations;
      try {
        stock = executeQueryPlanModule.stockRepresentations!(schema, fetch, entities);
      } catch {
        return undefined;
      }
      compiled.build = null;
      onFault(error);
      return stock;
    }
  };
}

function buildWith(build: SetBuilder, schema: GraphQLSchema, fetch: EntityFetch, entities: unknown[]): BuiltRepresentations {
  const representations: Record<string, unknown>[] = [];
  const representationToEntity: number[] = [];
  for (let index = 0; index < entities.length; index++) {
    const entity = entities[index];
    if (entity === null) continue;
    if (typeof entity !== 'object') throw STEP_ASIDE;
    const representation = build(entity as Entity);
    if (representation && representation.__typename) {
      dataRewrites.applyRewrites(schema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  }
  return { representations, representationToEntity };
}

/**
 * Makes every ApolloGateway of this process build entity representations with a
 * {@link createRepresentationsBuilder} builder, its faults told to `onFault`. Needs the hub's patch of
 * @apollo/gateway (patches/@apollo__gateway@2.14.4.patch); fails loudly without it.
 */
export function installRepresentationsBuilder(onFault: RepresentationsFault): void {
  if (!executeQueryPlanModule.setRepresentationsBuilder || !executeQueryPlanModule.stockRepresentations) {
    throw new Error('@apollo/gateway is not patched for entity representations: run pnpm install (patches/@apollo__gateway@2.14.4.patch)');
  }
  executeQueryPlanModule.setRepresentationsBuilder(createRepresentationsBuilder(onFault));
}

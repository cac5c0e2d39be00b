import { defaultFieldResolver, isListType, isNonNullType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Caller } from './auth';

/**
 * Field visibility of a type with row-scoped views, declared in one place per slice
 * (`src/visibility.ts`): which view a caller gets of one object, and which fields each restricted view
 * shows. The list is an allowlist: a field of the type that a restricted view does not list resolves
 * to null there (an empty list for a non-null list), whatever its resolver does, so a field added to the
 * type later is hidden from restricted views until someone lists it. A non-null field that is not a
 * list cannot be hidden, so the schema build refuses one that a restricted view leaves out.
 *
 * @typeParam T the object the type's resolvers receive (usually the entity)
 * @typeParam V the views (e.g. 'FULL' | 'SUMMARY')
 */
export interface VisibilityDeclaration<T extends object = any, V extends string = string> {
  /** The GraphQL object type (e.g. 'Case'). */
  type: string;
  /** The class whose rows the type shows (the authorization matrix loads demo rows of it). */
  entity: abstract new (...args: any[]) => T;
  /** Which view `user` gets of `row`; computed once per object and request. */
  viewOf(user: Caller, row: T): V;
  /** Views that show every field. */
  full: readonly V[];
  /** For each other view, the fields it shows (every view viewOf returns is in `full` or here). */
  shows: { readonly [K in V]?: readonly string[] };
}

/** A declaration plus the cached per-request view lookup resolvers and the schema wrapper use. */
export interface Visibility<T extends object = any, V extends string = string> extends VisibilityDeclaration<T, V> {
  /** The caller's view of `row` in this request (`context.user`), computed once per object. */
  view(context: { user: Caller }, row: T): V;
  /** Whether `view` shows `field`. */
  isShown(view: V, field: string): boolean;
}

/** Declares a type's views (see VisibilityDeclaration); pass the result to the slice's schema build. */
export function declareVisibility<T extends object, V extends string>(declaration: VisibilityDeclaration<T, V>): Visibility<T, V> {
  // Keyed by the request's context object, then by the row: a request's views die with it.
  const cache = new WeakMap<object, WeakMap<object, V>>();
  const shown = new Map<string, ReadonlySet<string>>(Object.entries(declaration.shows).map(([view, fields]) => [view, new Set(fields as string[])]));
  return {
    ...declaration,
    view(context, row) {
      let views = cache.get(context);
      if (!views) cache.set(context, (views = new WeakMap()));
      let view = views.get(row);
      if (view === undefined) views.set(row, (view = declaration.viewOf(context.user, row)));
      return view;
    },
    isShown(view, field) {
      if (declaration.full.includes(view)) return true;
      const fields = shown.get(view);
      if (!fields) throw new Error(`Visibility of ${declaration.type}: view ${view} is neither full nor listed in shows`);
      return fields.has(field);
    },
  };
}

/** The fields of `declaration.type` that `view` hides, from the built schema (what the matrix checks). */
export function hiddenFields(schema: GraphQLSchema, declaration: Visibility, view: string): string[] {
  const type = schema.getType(declaration.type);
  if (!isObjectType(type)) throw new Error(`Visibility: ${declaration.type} is not an object type of this schema`);
  return Object.keys(type.getFields()).filter((field) => !declaration.isShown(view, field));
}

/**
 * Wraps the resolvers of every field some restricted view hides (fields every view shows are left
 * untouched, so they cost nothing): the wrapper looks up the object's view (cached per object) and
 * answers null or [] instead of calling the field's resolver. Checks the declaration against the
 * built schema first: a listed field that does not exist, or a hidden non-null scalar, fails the build.
 */
export function withVisibility(schema: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>, declarations: readonly Visibility[]): void {
  for (const declaration of declarations) {
    const type = schema.getType(declaration.type);
    if (!isObjectType(type)) throw new Error(`Visibility: ${declaration.type} is not an object type of this schema`);
    const fields = type.getFields();
    const restricted = Object.entries(declaration.shows as Record<string, readonly string[]>);
    for (const [view, listed] of restricted) {
      const unknown = listed.filter((name) => !fields[name]);
      if (unknown.length) throw new Error(`Visibility of ${declaration.type}: view ${view} lists ${unknown.join(', ')}, not field(s) of the type`);
    }
    const typeResolvers = (resolvers[declaration.type] ??= {});
    for (const [name, field] of Object.entries(fields)) {
      const hiddenIn = new Set(restricted.filter(([, listed]) => !listed.includes(name)).map(([view]) => view));
      if (!hiddenIn.size) continue;
      let hidden: null | [] = null;
      if (isNonNullType(field.type)) {
        if (!isListType(field.type.ofType)) {
          throw new Error(`Visibility of ${declaration.type}: ${name} is non-null, so view(s) ${[...hiddenIn].join(', ')} must list it (or make it nullable)`);
        }
        hidden = [];
      }
      const resolve = (typeResolvers[name] ?? defaultFieldResolver) as GraphQLFieldResolver<object, { user: Caller }>;
      typeResolvers[name] = ((row, args, context, info) =>
        hiddenIn.has(declaration.view(context, row)) ? hidden : resolve(row, args, context, info)) satisfies GraphQLFieldResolver<object, { user: Caller }>;
    }
  }
}

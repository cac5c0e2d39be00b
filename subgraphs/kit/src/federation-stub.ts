import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A stub's only field: its key, an id or a code (a string in the graph, `ID`). */
export type FederationStub<K extends string> = { [P in K]: string };

/**
 * The stub of an entity another slice owns (federation: same GraphQL name, only its key): what a
 * slice adds fields to (`Project.cases`) or points at (`Case.assignedEnforcers`). Every slice had
 * the same few lines per entity; this is them, once:
 *
 *     export const ProjectRef = federationStub('Project', 'id');
 *     export type ProjectRef = InstanceType<typeof ProjectRef>;
 *
 * `resolvable: false` marks a stub this slice only points at (it resolves no reference of it). Each
 * call makes a new class, so each slice keeps its own type-graphql registration, as with hand-written
 * stubs. A stub with more than its key (a `@requires` field, `@external` fields) is still written by hand.
 */
export function federationStub<K extends string>(typename: string, key: K, options: { resolvable?: boolean } = {}): new () => FederationStub<K> {
  const Stub = class {};
  // The class name shows in type-graphql's errors: name it like the hand-written stubs.
  Object.defineProperty(Stub, 'name', { value: `${typename}Ref` });
  // Applied in the order TypeScript applies decorators: the field, then the class's from the bottom up.
  Field(() => ID)(Stub.prototype, key);
  Directive(options.resolvable === false ? `@key(fields: "${key}", resolvable: false)` : `@key(fields: "${key}")`)(Stub);
  ObjectType(typename)(Stub);
  return Stub as new () => FederationStub<K>;
}

/**
 * The reference resolver of a stub: the representation (its key, plus any `@requires` fields) as
 * an instance of the stub class, built once per reference. A plain representation would do for
 * graphql-js, but type-graphql's `@Root()` copies a plain object into a new instance of the class
 * at every field resolver call (`Bid.bidderCreditAtBid` and `Bid.bidderRestricted` of every bid
 * of a page); an instance passes through as is.
 */
export function stubReference<T extends object>(Stub: new () => T): { __resolveReference: (ref: object) => T } {
  return { __resolveReference: (ref) => Object.assign(new Stub(), ref) };
}

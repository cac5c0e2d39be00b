import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLFieldResolver } from 'graphql';
import type { Caller } from '../auth';

/**
 * The hub itself as the author of writes no caller asked for, e.g. a calendar firm-up job raising or
 * withdrawing a flag when a year is published: the log names the job, with the role SYSTEM.
 */
export interface SystemActor {
  sub: `system:${string}`;
  name: string;
  role: 'SYSTEM';
  department?: undefined;
}

/** The mutation being resolved (or the system job running) and its caller: what the flush subscriber writes into each entry. */
export interface WriteScope {
  mutation: string;
  caller: Caller | SystemActor;
  requestId: string;
}

const scopes = new AsyncLocalStorage<WriteScope>();

/** The mutation whose resolver is running in this async context, if any (seeding and start-up jobs have none). */
export function currentWriteScope(): WriteScope | undefined {
  return scopes.getStore();
}

/** Runs `action` as part of a mutation: every flush inside it is logged under that mutation and caller. */
export function runInWriteScope<T>(scope: WriteScope, action: () => T): T {
  return scopes.run(scope, action);
}

const WRITE_LOGGED = Symbol.for('hub.writeLogged');

/** True for a resolver withWriteLog wrapped (the tests check every mutation of the graph is). */
export function isWriteLogged(resolver: unknown): boolean {
  return typeof resolver === 'function' && (resolver as unknown as Record<symbol, unknown>)[WRITE_LOGGED] === true;
}

/**
 * Wraps every mutation resolver of a subgraph's resolver map so the writes it makes are logged with
 * the mutation's name and the caller (buildFederatedSchema calls it): a new mutation is on the record
 * without any code of its own.
 */
export function withWriteLog(resolvers: Record<string, Record<string, unknown>>): void {
  const mutations = resolvers.Mutation ?? {};
  for (const [fieldName, resolver] of Object.entries(mutations)) {
    if (typeof resolver !== 'function') continue;
    const resolve = resolver as GraphQLFieldResolver<unknown, { user?: Caller; requestId?: string }>;
    const logged: GraphQLFieldResolver<unknown, { user?: Caller; requestId?: string }> = (source, args, context, info) => {
      const caller = context?.user;
      if (!caller) return resolve(source, args, context, info);
      return runInWriteScope({ mutation: fieldName, caller, requestId: context.requestId ?? 'unknown' }, () => resolve(source, args, context, info));
    };
    Object.defineProperty(logged, WRITE_LOGGED, { value: true });
    mutations[fieldName] = logged;
  }
}

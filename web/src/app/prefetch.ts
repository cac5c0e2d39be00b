import type { DocumentNode, FormattedExecutionResult, OperationDefinitionNode } from 'graphql';

/**
 * What the page's first script (prefetch-entry.ts and ./first-script.ts, a few KB, run before the app's own JavaScript
 * is downloaded, parsed and run) asked the server for: the deployment's settings, and for a
 * signed-in leader the overview's queries and its view's chunks (preloaded, not run). The server works on them while the
 * browser is still busy with the app's code; the app then takes the answers instead of asking
 * again (data/client.ts, main.tsx). Each answer is taken once; anything not taken is asked for as
 * usual.
 */
export interface Prefetched {
  config?: Promise<Response>;
  answers: Map<string, Promise<FormattedExecutionResult | undefined>>;
  /** The answers already in, by the same key: the view draws them in its first render (takeSettledAnswer). */
  settled: Map<string, FormattedExecutionResult>;
}

const GLOBAL = '__hubPrefetched';
type Holder = Record<typeof GLOBAL, Prefetched | undefined>;
const holder = () => (typeof window === 'undefined' ? undefined : (window as unknown as Holder));

/** Operation name and variables as one key: object keys sorted, `undefined` left out (as JSON sends them). */
export function answerKey(operationName: string, variables: Record<string, unknown> | undefined): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
        )
      : value;
  return `${operationName}\n${JSON.stringify(sorted(variables ?? {}))}`;
}

export function operationNameOf(document: DocumentNode): string {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation?.name) throw new Error('Every operation of the app is named');
  return operation.name.value;
}

/** Leaves what the first script asked for where the app finds it (a global: the two scripts share no module); false without a window. */
export function leavePrefetched(prefetched: Prefetched): boolean {
  const target = holder();
  if (!target) return false;
  target[GLOBAL] = prefetched;
  return true;
}

/** The prefetched answer to this operation, once; undefined when there is none. */
export function takePrefetchedAnswer(
  operationName: string,
  variables: Record<string, unknown> | undefined,
): Promise<FormattedExecutionResult | undefined> | undefined {
  const answers = holder()?.[GLOBAL]?.answers;
  const key = answerKey(operationName, variables);
  const answer = answers?.get(key);
  answers?.delete(key);
  return answer;
}

/**
 * The prefetched answer to this operation if it is already in and complete (a 200 without errors),
 * once, synchronously: the view renders it as its first result, with no loading state and no hop
 * through the client's links. Anything else (not in yet, errors, a refusal) stays for the links,
 * which handle it (an expired token leads to sign-in).
 */
export function takeSettledAnswer(operationName: string, variables: Record<string, unknown> | undefined): FormattedExecutionResult | undefined {
  const prefetched = holder()?.[GLOBAL];
  const key = answerKey(operationName, variables);
  const result = prefetched?.settled.get(key);
  if (!result?.data || result.errors?.length) return undefined;
  prefetched!.settled.delete(key);
  prefetched!.answers.delete(key);
  return result;
}

/** Whether the page's first script asked for any of the first view's queries (answers not yet taken). */
export function hasPrefetchedAnswers(): boolean {
  return (holder()?.[GLOBAL]?.answers.size ?? 0) > 0;
}

/** The prefetched `/auth/config` response, once. */
export function takePrefetchedConfig(): Promise<Response> | undefined {
  const prefetched = holder()?.[GLOBAL];
  const config = prefetched?.config;
  if (prefetched) prefetched.config = undefined;
  return config;
}

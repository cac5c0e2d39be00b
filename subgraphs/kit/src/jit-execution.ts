import { HeaderMap, type ApolloServerPlugin, type BaseContext, type HTTPGraphQLHead } from '@apollo/server';
import { execute, GraphQLError, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** One operation to run: what Apollo Server's pipeline (or the in-process test runner) has parsed and validated. */
export interface Operation {
  document: DocumentNode;
  operationName?: string | null;
  /** The operation's type, when the caller already knows it (Apollo Server resolved it). */
  operationType?: OperationTypeNode;
  variables?: Record<string, unknown>;
  contextValue: unknown;
  /** A key for the document's text (Apollo's query hash); without it the document is compiled for this run only. */
  documentKey?: string;
}

/** How many compiled operations one process keeps (the dashboards and the gateway's query plans send a few dozen). */
const DEFAULT_CACHE_SIZE = 500;

/**
 * Runs a subgraph's queries with graphql-jit: each operation is compiled once into a JavaScript
 * function specialised to its selection set (graphql-js's `execute` walks the document, looks up
 * every field definition, collects fields and builds a resolve-info object for every field of every
 * row; the compiled function does this once per document). The compiled functions are kept in a
 * bounded LRU keyed by document and operation name.
 *
 * Mutations keep graphql-js's `execute` (serial, and not worth compiling), as does any document
 * graphql-jit cannot compile and any request whose variables do not coerce (graphql-js's messages).
 * The answer keeps graphql-js's shape: errors are graphql-js `GraphQLError`s with the resolver's
 * error as `originalError` and its extensions, so `formatError` and Apollo Server treat them as before.
 */
export class JitExecution {
  private readonly compiled = new Map<string, CompiledQuery | null>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly cacheSize = DEFAULT_CACHE_SIZE,
  ) {}

  async run(operation: Operation): Promise<ExecutionResult> {
    return (await this.runCompiled(operation)) ?? this.graphqlJs(operation);
  }

  /**
   * The operation's answer from its compiled form; null when graphql-js is to run it instead (a
   * mutation, a document graphql-jit cannot compile, variables that do not coerce: then no resolver has run).
   */
  async runCompiled(operation: Operation): Promise<ExecutionResult | null> {
    const type = operation.operationType ?? operationTypeOf(operation.document, operation.operationName);
    const compiled = type === OperationTypeNode.QUERY ? this.compiledFor(operation) : null;
    if (!compiled) return null;
    const result = await compiled.query(undefined, operation.contextValue, operation.variables ?? {});
    // Only variables that do not coerce end without data: graphql-js reports them (its messages).
    if (!('data' in result)) return null;
    if (!result.errors) return result;
    return { data: result.data, errors: result.errors.map(asGraphQLJsError) };
  }

  private graphqlJs(operation: Operation): Promise<ExecutionResult> {
    return Promise.resolve(
      execute({
        schema: this.schema,
        document: operation.document,
        operationName: operation.operationName,
        variableValues: operation.variables,
        contextValue: operation.contextValue,
      }),
    );
  }

  private compiledFor(operation: Operation): CompiledQuery | null {
    if (!operation.documentKey) return this.compile(operation);
    const name = operation.operationName ?? '';
    const key = `${name}\u0000${operation.documentKey}`;
    let found = this.compiled.get(key);
    if (found !== undefined) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
      this.compiled.delete(key);
      this.compiled.set(key, found);
      return found;
    }
    found = this.compile(operation);
    this.compiled.set(key, found);
    if (this.compiled.size > this.cacheSize) this.compiled.delete(this.compiled.keys().next().value!);
    return found;
  }

  private compile(operation: Operation): CompiledQuery | null {
    try {
      const result = compileQuery(this.schema, operation.document, operation.operationName ?? undefined);
      return isCompiledQuery(result) ? result : null;
    } catch {
      return null;
    }
  }
}

/**
 * Hooks the compiled queries into Apollo Server with its documented plugin hook
 * `responseForOperation`: Apollo has parsed, validated (documents cached) and resolved the
 * operation; the plugin answers queries, and Apollo executes everything else with graphql-js.
 * Errors are formatted as Apollo formats an execution's errors (a `code`, INTERNAL_SERVER_ERROR when
 * none, an `http` extension applied to the response, then the server's `formatError`).
 *
 * Not Apollo's gateway interface (an executor for the whole server): measured in one process on
 * credit's Bid fetch of the joined view, even graphql-js's own `execute` behind it cost 1.5-2 times
 * the CPU of the same server with a schema (objects of every request survived the young
 * generation's collections and the heap grew between full collections), more than compiling saves.
 */
export function jitQueries<TContext extends BaseContext>(
  execution: JitExecution,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          const { operation, document, request, contextValue, queryHash } = requestContext;
          if (operation.operation !== OperationTypeNode.QUERY) return null;
          const result = await execution.runCompiled({
            document,
            operationName: request.operationName,
            operationType: operation.operation,
            variables: request.variables,
            contextValue,
            documentKey: queryHash,
          });
          if (!result) return null;
          const http: HTTPGraphQLHead = { headers: new HeaderMap() };
          const errors = result.errors?.map((error) => formatted(error, http, formatError));
          return { http, body: { kind: 'single', singleResult: errors ? { data: result.data, errors } : { data: result.data } } };
        },
      };
    },
  };
}

/** As Apollo Server formats an execution's error (its errorNormalize): a code, the `http` extension applied, then `formatError`. */
function formatted(
  error: GraphQLError,
  http: HTTPGraphQLHead,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
  const head = extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  if (head && typeof head === 'object') {
    if (typeof head.status === 'number') http.status = head.status;
    if (head.headers instanceof Map) for (const [name, value] of head.headers) http.headers.set(name, value);
    delete extensions.http;
  }
  try {
    return formatError({ ...error.toJSON(), extensions }, error);
  } catch {
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
}

function operationTypeOf(document: DocumentNode, operationName?: string | null): OperationTypeNode | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    if (!operationName || definition.name?.value === operationName) return definition.operation;
  }
  return undefined;
}

/**
 * graphql-jit's errors carry the resolver's error and its location and path, but are not built by
 * graphql-js's constructor (no `extensions` object when the resolver's error had none, which Apollo
 * Server reads): rebuilt as graphql-js builds a located error.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: original, extensions: error.extensions ?? undefined });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

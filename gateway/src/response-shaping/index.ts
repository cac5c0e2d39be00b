import { compileShaping, isStockThrow, type CompiledShaping } from './compile';
import { resultShaping, type Operation, type ShapedResponse, type ShapingArgs } from './federation';
import { installRepresentationsBuilder } from './representations';

/** A shaper as @apollo/gateway takes it: undefined lets the stock `computeResponse` answer. */
export type ResponseShaper = (args: ShapingArgs) => ShapedResponse | undefined;

/**
 * Told once per operation when its compiled walk fails in a way the stock walk would not (a fault of
 * the compiler or the walk, never of the data): the error and the operation's name.
 */
export type ShapingFault = (error: unknown, operationName: string | undefined) => void;

/**
 * A shaper that answers with each operation's compiled shaping, compiled on first use and kept as long
 * as the operation. It returns undefined (the stock `computeResponse` answers) for an operation the
 * compiler leaves alone, and for a request on which the compiled walk meets what the stock walk would
 * throw on (`isStockThrow`), so that the same error comes out.
 *
 * Any other error thrown by the compiled walk is a fault of the shaper, not of the data: it is reported
 * to `onFault` and the operation is handed to the stock walk from then on (this request included), so
 * the answer stays the stock one and the fault is reported once, not hidden and not once per request.
 */
export function createResponseShaper(onFault: ShapingFault): ResponseShaper {
  /** Each operation's compiled shaping (null: left to the stock walk). */
  const compiledByOperation = new WeakMap<Operation, CompiledShaping | null>();
  return (args) => {
    let compiled = compiledByOperation.get(args.operation);
    if (compiled === undefined) {
      compiled = compileShaping(args.operation) ?? null;
      compiledByOperation.set(args.operation, compiled);
    }
    if (compiled === null) return undefined;
    try {
      return compiled.run(args);
    } catch (error) {
      if (!isStockThrow(error)) {
        compiledByOperation.set(args.operation, null);
        onFault(error, args.operation.name);
      }
      return undefined;
    }
  };
}

/**
 * Makes every ApolloGateway of this process shape its answers with a {@link createResponseShaper}
 * shaper and build its entity fetches' representations with the
 * compiled builder (./representations), the faults of both logged as errors. Needs the hub's patch of @apollo/gateway
 * (patches/@apollo__gateway@2.14.4.patch); fails loudly without it.
 */
export function installResponseShaping(log: { error(fields: object, message: string): void }): void {
  if (!resultShaping.setResponseShaper) {
    throw new Error('@apollo/gateway is not patched for response shaping: run pnpm install (patches/@apollo__gateway@2.14.4.patch)');
  }
  resultShaping.setResponseShaper(
    createResponseShaper((error, operationName) =>
      log.error({ err: error, operationName }, 'compiled response shaping failed; the stock walk shapes this operation from now on'),
    ),
  );
  installRepresentationsBuilder((error) => log.error({ err: error }, 'compiled entity representations failed; the stock walk builds this fetch’s from now on'));
}

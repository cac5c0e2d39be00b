import { compileShaping, type CompiledShaping } from './compile';
import { resultShaping, type Operation, type ShapedResponse, type ShapingArgs } from './federation';
import { installRepresentationsBuilder } from './representations';

/** Each operation's compiled shaping (null: left to the stock walk), kept as long as the operation. */
const compiledByOperation = new WeakMap<Operation, CompiledShaping | null>();

/**
 * The shaper handed to @apollo/gateway: the operation's compiled shaping, or undefined (the stock
 * `computeResponse` then answers) for an operation the compiler leaves alone and for a request on
 * which the compiled walk meets what the stock walk would throw on, so that the same error comes out.
 */
export function shapeResponse(args: ShapingArgs): ShapedResponse | undefined {
  let compiled = compiledByOperation.get(args.operation);
  if (compiled === undefined) {
    compiled = compileShaping(args.operation) ?? null;
    compiledByOperation.set(args.operation, compiled);
  }
  if (compiled === null) return undefined;
  try {
    return compiled.run(args);
  } catch {
    return undefined;
  }
}

/**
 * Makes every ApolloGateway of this process shape its answers with {@link shapeResponse} and build
 * its entity fetches' representations with the compiled builder (./representations). Needs the
 * hub's patch of @apollo/gateway (patches/@apollo__gateway@2.14.4.patch); fails loudly without it.
 */
export function installResponseShaping(): void {
  if (!resultShaping.setResponseShaper) {
    throw new Error('@apollo/gateway is not patched for response shaping: run pnpm install (patches/@apollo__gateway@2.14.4.patch)');
  }
  resultShaping.setResponseShaper(shapeResponse);
  installRepresentationsBuilder();
}

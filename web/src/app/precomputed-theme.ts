/** Tokens by name, as antd's algorithms take and answer them. */
export type Tokens = Record<string, unknown>;

/**
 * An antd theme algorithm that answers `map` for the seed it was derived from (at build time) and
 * runs `derive` (antd's own algorithm) for any other seed: a nested ConfigProvider that changes a
 * seed token (the forms' error red) still gets tokens derived from its seed.
 */
export function precomputedAlgorithm(seed: Tokens, map: Tokens, derive: (seed: Tokens) => Tokens): (seed: Tokens) => Tokens {
  const keys = Object.keys(seed);
  const isSeed = (token: Tokens) => Object.keys(token).length === keys.length && keys.every((key) => token[key] === seed[key]);
  return (token) => (isSeed(token) ? { ...map } : derive(token));
}

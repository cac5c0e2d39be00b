/** The part of antd's style-library cache (@ant-design/cssinjs `createCache()`) that fills it. */
export interface StyleCache {
  opUpdate(path: string, update: (previous: unknown) => unknown): void;
}

/**
 * Puts entries computed by the build (web/src/app/theme-variables.ts) into antd's style-library
 * cache, as antd's hooks would have left them (`[times used, value]`, used 0 times so far): `%THEME%`
 * in a path is replaced by the theme's id, which only the page knows.
 */
export function prefillStyleCache(cache: StyleCache, entries: readonly (readonly [string, unknown])[], themeId: number): void {
  for (const [path, value] of entries) cache.opUpdate(path.replace('%THEME%', String(themeId)), () => [0, value]);
}

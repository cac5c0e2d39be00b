/** antd's default algorithm's tokens for the app theme's seed, derived by the build (web/vite.config.ts). */
declare module 'antd-theme:precomputed' {
  const precomputed: { seed: Record<string, unknown>; map: Record<string, unknown> };
  export default precomputed;
}

/** antd's style-library cache entries of the app theme's CSS variables, computed by the build (web/vite.config.ts, app/theme-styles.tsx). */
declare module 'antd-theme:css-vars' {
  const entries: [path: string, value: unknown][];
  export default entries;
}

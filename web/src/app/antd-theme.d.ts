/** antd's default algorithm's tokens for the app theme's seed, derived by the build (web/vite.config.ts). */
declare module 'antd-theme:precomputed' {
  const precomputed: { seed: Record<string, unknown>; map: Record<string, unknown> };
  export default precomputed;
}

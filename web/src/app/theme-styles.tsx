import { createCache, createTheme, StyleProvider } from '@ant-design/cssinjs';
import entries from 'antd-theme:css-vars';
import type { ReactNode } from 'react';
import { prefillStyleCache } from './theme-cache';

type Algorithm = Parameters<typeof createTheme>[0];

let prefilled: ReturnType<typeof createCache> | undefined;

/**
 * antd's style-library cache with the app theme's CSS variables of the leader overview's first view
 * already in (the build computes them with antd's own code, ./theme-variables.ts; their
 * rules are a style element at the top of the page). antd finds each one there instead of turning the
 * theme's and every component's tokens into CSS variables and writing a style element for each on
 * the app's first render. The entries hold no rule, so antd writes none for them; a component's
 * entry that antd drops (all its elements gone) is computed and written again the usual way, with
 * the same variables. `%THEME%` in the global tokens' path is the theme's id, which antd's
 * `createTheme` gives the theme's algorithm in this page (the same call, cached, as antd's
 * ConfigProvider makes).
 */
export function prefilledStyleCache(algorithm: Algorithm): ReturnType<typeof createCache> {
  if (prefilled) return prefilled;
  const cache = createCache();
  prefillStyleCache(cache, entries, createTheme(algorithm).id);
  return (prefilled = cache);
}

/** antd's style context with the prefilled cache (prefilledStyleCache), around the app's ConfigProvider with that theme. */
export function PrecomputedThemeStyles({ algorithm, children }: { algorithm: Algorithm; children: ReactNode }) {
  return <StyleProvider cache={prefilledStyleCache(algorithm)}>{children}</StyleProvider>;
}

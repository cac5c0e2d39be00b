import { createRequire } from 'node:module';
import type { Context, FC } from 'react';
import { THEME_CSS_VAR_CLASS } from './antd-markup.ts';
import { precomputedAlgorithm, type Tokens } from './precomputed-theme.ts';
import { THEME_TOKEN } from './theme-token.ts';

/**
 * Build-time helpers (web/vite.config.ts runs them in Node): the app theme's tokens and CSS variables
 * computed with antd's own code, for the browser not to compute them on every load.
 */

/** antd's default seed with the app's tokens over it, and the tokens antd's default algorithm derives from it. */
const require = createRequire(import.meta.url);

let precomputedOnce: { seed: Tokens; map: Tokens } | undefined;
export function precomputedTheme(): { seed: Tokens; map: Tokens } {
  if (precomputedOnce) return precomputedOnce;
  const derive = (require('antd/lib/theme/themes/default/index.js') as { default: (seed: Tokens) => Tokens }).default;
  const seed = { ...(require('antd/lib/theme/themes/seed.js') as { default: Tokens }).default, ...THEME_TOKEN };
  return (precomputedOnce = { seed, map: derive(seed) });
}

/**
 * The antd style hooks the leader overview's first view calls without their components (the frame,
 * tiles and joined view written in antd's markup: app/frame-markup.ts, leader/LeaderOverview.tsx,
 * data/PlainTable.tsx), by component folder, with the root class each passes (its scope), and the
 * components it draws (each registers its own variables, and those of what it draws inside).
 */
export const FIRST_VIEW_STYLE_HOOKS: [folder: string, rootSuffix?: string][] = [
  ['layout'],
  ['menu', '-css-var'],
  ['space'],
  ['typography'],
  ['card'],
  ['statistic'],
  ['table', '-css-var'],
  ['tag'],
];
export const FIRST_VIEW_STYLED_COMPONENTS: [folder: string, props?: object][] = [
  ['button'],
  ['segmented', { options: ['中文', 'EN'] }],
  ['select', { options: [] }],
  ['checkbox'],
  ['spin'],
  ['skeleton', { active: true }],
];

/** What antd's style library registers at run time for the theme's CSS variables, computed by the build. */
export interface ThemeVariables {
  /** The variables' rules, as antd writes them into the page. */
  css: string;
  /** Its cache's entries (path → value), the rules themselves left out (the page has them). `%THEME%`: the theme's id, known only in the browser. */
  entries: [string, unknown][];
}

const computed = new Map<object, ThemeVariables>();

/** The app's theme (app/App.tsx's, with antd's default algorithm behind the precomputed one) as antd's ConfigProvider takes it. */
export function appTheme(precomputed: { seed: Tokens; map: Tokens }) {
  const derive = (require('antd/lib/theme/themes/default/index.js') as { default: (seed: Tokens) => Tokens }).default;
  return {
    zeroRuntime: true,
    cssVar: { key: THEME_CSS_VAR_CLASS },
    token: THEME_TOKEN,
    algorithm: precomputedAlgorithm(precomputed.seed, precomputed.map, derive),
  };
}

/**
 * Renders on the server (react-dom/server) what registers the first view's theme variables in antd's
 * style library: antd's ConfigProvider with `theme`, the first view's style hooks and components,
 * under a StyleProvider with `cache`.
 */
export function renderFirstViewStyles(cache: unknown, theme: object): void {
  const { createElement: h, useContext } = require('react') as typeof import('react');
  const { renderToString } = require('react-dom/server') as typeof import('react-dom/server');
  const { StyleProvider } = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const configProvider = require('antd/lib/config-provider') as {
    default: FC<{ theme: object; children?: unknown }>;
    ConfigContext: Context<{ getPrefixCls: (name: string) => string }>;
  };
  const hooks = FIRST_VIEW_STYLE_HOOKS.map(([folder, rootSuffix]) => {
    const useStyle = (require(`antd/lib/${folder}/style`) as { default: (prefixCls: string, rootCls?: string) => unknown }).default;
    return (getPrefixCls: (name: string) => string) => {
      const prefixCls = getPrefixCls(folder);
      useStyle(prefixCls, rootSuffix ? `${prefixCls}${rootSuffix}` : undefined);
    };
  });
  const StyleHooks = () => {
    const { getPrefixCls } = useContext(configProvider.ConfigContext);
    for (const hook of hooks) hook(getPrefixCls);
    return null;
  };
  const components = FIRST_VIEW_STYLED_COMPONENTS.map(([folder, props]) =>
    h((require(`antd/lib/${folder}`) as { default: FC }).default, { key: folder, ...props }),
  );
  renderToString(h(StyleProvider, { cache: cache as never }, h(configProvider.default, { theme }, h(StyleHooks), ...components)));
}

/** The entries of antd's style-library cache (`createCache()`), by path. */
export function cacheEntries(cache: unknown): Map<string, [number, unknown[]]> {
  return (cache as { cache: Map<string, [number, unknown[]]> }).cache;
}

/**
 * The app theme's CSS variables for the leader overview's first view (its global tokens and those of
 * every component it draws), computed with antd's own code at build time: antd's ConfigProvider with
 * the app's theme renders the first view's style hooks and components on the server into a cache of
 * antd's style library (@ant-design/cssinjs), which is then read back (renderFirstViewStyles). In
 * the browser, antd's style library turned every token of the theme and of each component into a CSS
 * variable at run time (three regular-expression replaces per token, hashing, a style element per
 * component) on the app's first render; now the rules are a style element of the page (web/vite.config.ts), and
 * app/theme-styles.tsx hands antd a cache that already holds their results, so none of that runs for
 * them. Anything else (another seed, a component drawn later) goes through antd's usual path.
 */
export function themeVariables(precomputed: { seed: Tokens; map: Tokens }): ThemeVariables {
  const done = computed.get(precomputed);
  if (done) return done;
  const { createCache } = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const cache = createCache();
  renderFirstViewStyles(cache, appTheme(precomputed));
  const css: string[] = [];
  const entries: [string, unknown][] = [];
  for (const [key, [, value]] of cacheEntries(cache)) {
    const [kind, salt, , ...rest] = key.split('%');
    if (kind === 'token') {
      // [token as CSS variables, hash class, the token's values, the variables' rule, the theme's class]
      const [asVariables, hashClass, values, rule, themeKey] = value as [Tokens, string, Tokens, string, string];
      css.unshift(rule);
      entries.push([[kind, salt, '%THEME%', ...rest].join('%'), [asVariables, hashClass, values, '', themeKey]]);
    } else if (kind === 'cssVar') {
      // [the component's tokens as CSS variables (antd's hooks do not read them), the rule, its style id, the theme's class]
      const [, rule, styleId, themeKey] = value as [Tokens, string, string, string];
      if (rule) css.push(rule);
      entries.push([key, [{}, '', styleId, themeKey]]);
    }
  }
  if (!entries.some(([key]) => key.startsWith('token%')) || entries.length < FIRST_VIEW_STYLE_HOOKS.length)
    throw new Error('antd-theme: antd registered no theme variables on the server (its style library changed?)');
  const variables = { css: css.join('\n'), entries };
  computed.set(precomputed, variables);
  return variables;
}

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { prefillStyleCache, type StyleCache } from './theme-cache';
import { appTheme, cacheEntries, precomputedTheme, renderFirstViewStyles, themeVariables } from './theme-variables';

// antd's style library as antd's CommonJS build (the one the build renders with) requires it.
const { createCache, createTheme } = createRequire(import.meta.url)('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
const precomputed = precomputedTheme();
const variables = themeVariables(precomputed);

describe("the first view's theme variables, computed at build time", () => {
  it('are the rules antd writes into the page for the app theme: its tokens and each first-view component’s', () => {
    const cache = createCache();
    renderFirstViewStyles(cache, appTheme(precomputed));
    const rules = [...cacheEntries(cache)].flatMap(([path, [, value]]) =>
      path.startsWith('token%') ? [value[3] as string] : path.startsWith('cssVar%') && value[1] ? [value[1] as string] : [],
    );
    expect(rules.length).toBeGreaterThan(8);
    for (const rule of rules) expect(variables.css).toContain(rule);
    expect(variables.css.length).toBe(rules.join('\n').length);
    expect(variables.css).toMatch(/^\.css-var-hub\{[^}]*--ant-color-primary:#1456b8;/);
    for (const block of [
      'ant-table-css-var',
      'ant-menu-css-var',
      'ant-layout',
      'ant-card',
      'ant-statistic',
      'ant-tag',
      'ant-btn',
      'ant-segmented',
      'ant-select-css-var',
    ])
      expect(variables.css).toContain(`.css-var-hub.${block}{`);
  });

  it('fill antd’s cache so that antd finds every one of them: it computes and registers nothing more', () => {
    const theme = appTheme(precomputed);
    const cache = createCache();
    prefillStyleCache(cache as unknown as StyleCache, variables.entries, createTheme(theme.algorithm).id);
    const before = new Map([...cacheEntries(cache)].map(([path, [, value]]) => [path, value]));
    renderFirstViewStyles(cache, theme);
    const after = [...cacheEntries(cache)].filter(([path]) => /^(token|cssVar)%/.test(path));
    expect(after.map(([path]) => path).sort()).toEqual([...before.keys()].sort());
    // The very values put in (none computed again), without a rule to write.
    for (const [path, [, value]] of after) {
      expect(value).toBe(before.get(path));
      expect(value).toContain('');
    }
  });

  it('leave another seed to antd: a theme with a different colour gets its own tokens and rules', () => {
    const theme = { ...appTheme(precomputed), token: { colorPrimary: '#a8071a' } };
    const cache = createCache();
    prefillStyleCache(cache as unknown as StyleCache, variables.entries, createTheme(theme.algorithm).id);
    renderFirstViewStyles(cache, theme);
    const tokens = [...cacheEntries(cache)].filter(([path]) => path.startsWith('token%'));
    expect(tokens).toHaveLength(2);
    expect(tokens.some(([, [, value]]) => String(value[3]).includes('--ant-color-primary:#a8071a'))).toBe(true);
  });
});

import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { precomputedAlgorithm, type Tokens } from './precomputed-theme';
import { THEME_TOKEN } from './theme-token';

// antd's own default algorithm and seed (its CommonJS build: the one web/vite.config.ts derives with).
const require = createRequire(import.meta.url);
const derive = (require('antd/lib/theme/themes/default/index.js') as { default: (seed: Tokens) => Tokens }).default;
const seed: Tokens = { ...(require('antd/lib/theme/themes/seed.js') as { default: Tokens }).default, ...THEME_TOKEN };

describe('the precomputed theme algorithm', () => {
  it('answers the tokens derived at build time for the app theme’s seed, without deriving them again', () => {
    const map = JSON.parse(JSON.stringify(derive(seed))) as Tokens;
    const spy = vi.fn(derive);
    const algorithm = precomputedAlgorithm(JSON.parse(JSON.stringify(seed)) as Tokens, map, spy);
    const answered = algorithm({ ...seed });
    expect(answered).toEqual(derive({ ...seed }));
    expect(answered).not.toBe(map);
    expect(answered.colorPrimaryBg).toBe(derive({ ...seed }).colorPrimaryBg);
    expect(spy).not.toHaveBeenCalled();
  });

  it('derives the tokens of any other seed with antd’s algorithm (a nested theme’s error red)', () => {
    const map = derive(seed);
    const algorithm = precomputedAlgorithm(seed, map, derive);
    const forms = { ...seed, colorError: '#a8071a' };
    expect(algorithm(forms)).toEqual(derive(forms));
    expect(algorithm(forms).colorErrorText).not.toBe(map.colorErrorText);
    const { colorLink: _link, ...fewer } = seed;
    expect(algorithm(fewer)).toEqual(derive(fewer));
  });
});

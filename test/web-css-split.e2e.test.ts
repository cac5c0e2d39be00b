/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '@hub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './harness';
import { animationsSettled, devSession, originOnlyContext, startBrowserTestHub } from './web-browser';

/**
 * antd's style sheet is built in two (web/src/app/css-split.ts): the leader overview's first-view
 * rules, then every other rule in a sheet loaded after it. A view other than the overview must have
 * that second sheet before it is drawn, and the two sheets in that order must style each element as
 * the whole antd.css does (a rule of the second sheet must not override one of the first that came
 * after it in antd.css). Checked on the department dashboard, a form and the overview itself, by
 * comparing every element's computed style with the built sheets against the whole antd.css.
 */

let hub: Hub;
let browser: Browser;
let origin: string;
const external: string[] = [];
const antdCss = readFileSync(createRequire(join(repoRoot(), 'web', 'package.json')).resolve('antd/dist/antd.css'), 'utf8');

beforeAll(async () => {
  ({ hub, origin, browser } = await startBrowserTestHub());
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Opens `path` signed in (a cold load, as a user's first visit); answers whether the rest sheet was in when `drawn` first matched. */
async function open(request: { role: string; department?: string }, path: string, drawn: string): Promise<{ page: Page; restSheetWhenDrawn: boolean }> {
  const context = await originOnlyContext(browser, origin, external, { viewport: { width: 1440, height: 900 } });
  const session = await devSession(origin, request);
  await context.addInitScript((value) => localStorage.setItem('hub.session', value), session);
  const page = await context.newPage();
  await page.goto(`${origin}${path}`);
  const restSheetWhenDrawn = (await (
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector) ? { rest: Array.from(document.styleSheets).some((s) => s.href?.includes('/assets/rest-styles-')) } : undefined,
      drawn,
      { polling: 'raf', timeout: 120_000 },
    )
  ).jsonValue()) as { rest: boolean };
  // Settled: nothing more to load, no skeleton or spinner left (elements added later would not compare);
  // a select loading its options shows a spinning icon where its arrow goes (`.anticon-spin`).
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning, .anticon-spin'), undefined, { timeout: 120_000 });
  return { page, restSheetWhenDrawn: restSheetWhenDrawn.rest };
}

/** Every element's computed style at rest (motion properties left out, and read once fades and transitions have finished). */
async function computedStyles(page: Page): Promise<string[][]> {
  await animationsSettled(page);
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'), (element) => {
      const style = getComputedStyle(element);
      const values: string[] = [];
      for (let i = 0; i < style.length; i++) {
        const property = style[i]!;
        if (!property.startsWith('transition') && !property.startsWith('animation')) values.push(`${property}: ${style.getPropertyValue(property)}`);
      }
      return values;
    }),
  );
}

/** The properties whose computed values differ between the built sheets and the whole antd.css in their place. */
async function differencesFromWholeSheet(page: Page): Promise<string[]> {
  const built = await computedStyles(page);
  const replaced = await page.evaluate((css) => {
    const links = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')).filter((l) => /\/assets\/(index|rest-styles)-/.test(l.href));
    const whole = document.createElement('style');
    whole.textContent = css;
    links[0]?.before(whole);
    for (const link of links) link.sheet!.disabled = true;
    return links.length;
  }, antdCss);
  expect(replaced).toBe(2);
  const whole = await computedStyles(page);
  expect(whole.length).toBe(built.length);
  // The build's CSS minifier writes some zero positions as 0px where antd.css has 0%: the same position.
  const same = (a: string, b: string) => a === b || a.replace(/\b0%/g, '0px') === b.replace(/\b0%/g, '0px');
  return built.flatMap((values, i) =>
    values.flatMap((value, j) => (same(value, whole[i]![j]!) ? [] : [`element ${i}: ${value} (whole sheet: ${whole[i]![j]})`])),
  );
}

describe("antd's style sheet in two", { timeout: 300_000 }, () => {
  it('the department dashboard is drawn with every antd rule, in the whole sheet’s cascade order', async () => {
    const { page, restSheetWhenDrawn } = await open({ role: 'DEPT', department: 'ZJJ' }, '/', '.ant-table-row');
    expect(restSheetWhenDrawn).toBe(true);
    await page.locator('[data-testid="stage-chart"] canvas').waitFor({ timeout: 120_000 });
    expect(await differencesFromWholeSheet(page)).toEqual([]);
  });

  it('a form view (recording a received complaint) likewise', async () => {
    const { page, restSheetWhenDrawn } = await open({ role: 'OFFICE' }, '/intake/new', 'form .ant-input');
    expect(restSheetWhenDrawn).toBe(true);
    expect(await differencesFromWholeSheet(page)).toEqual([]);
  });

  it('the leader overview, once the rest has loaded after its data, is styled as with the whole sheet', async () => {
    const { page } = await open({ role: 'LEADER' }, '/', '.ant-table-row');
    // Its theme variables come with the page (web/src/app/theme-styles.tsx): antd computes and writes none.
    expect(await page.evaluate(() => document.querySelectorAll('style[data-token-hash]').length)).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.ant-table-css-var')!).getPropertyValue('--ant-table-header-bg'))).toBe(
      '#fafafa',
    );
    await page.locator('[data-testid="department-chart"] canvas').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => Array.from(document.styleSheets).some((s) => s.href?.includes('/assets/rest-styles-')));
    expect(await differencesFromWholeSheet(page)).toEqual([]);
    expect(external).toEqual([]);
  });
});

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { repoRoot } from '@hub/kit';
import { startHub, type Hub } from './harness';

/** Debian's chromium (playwright-core downloads no browser), headless, with nothing calling home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The app's stored session for a token from the development sign-in (what the sign-in page saves). */
export async function devSession(origin: string, request: { role: string; department?: string }): Promise<string> {
  const response = await fetch(`${origin}/auth/dev-token`, { method: 'POST', body: JSON.stringify(request) });
  const { token } = (await response.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({
    token,
    sub: claims.sub,
    name: claims.name,
    role: claims.role,
    department: claims.department,
    expiresAt: (claims.exp as number) * 1000,
  });
}

/**
 * For the scripts that drive the app (bench, screenshots): the demo hub started for the file, or the
 * running hub at HUB_URL, and a browser; both filled in before the file's tests run, closed after.
 */
export function demoHubInBrowser(): { origin: string; browser: Browser } {
  const state = {} as { origin: string; browser: Browser };
  let hub: Hub | undefined;
  beforeAll(async () => {
    if (process.env.HUB_URL) state.origin = process.env.HUB_URL.replace(/\/$/, '');
    else {
      hub = await startHub({ seed: true });
      state.origin = new URL(hub.gateway.url).origin;
    }
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await hub?.stop();
  });
  return state;
}

/** Where browser tests write their screenshots (git-ignored test artefacts). */
export const ARTIFACTS = join(repoRoot(), 'test', 'artifacts');
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * For a browser test file: the web app built if its bundle is missing, the demo hub started with its
 * seed, and chromium launched (the file closes the browser and stops the hub after its tests).
 */
export async function startBrowserTestHub(): Promise<{ hub: Hub; origin: string; browser: Browser }> {
  if (!existsSync(join(repoRoot(), 'web', 'dist', 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@hub/web', 'build'], { cwd: repoRoot(), stdio: 'inherit' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const hub = await startHub({ seed: true });
  return { hub, origin: new URL(hub.gateway.url).origin, browser: await launchChromium() };
}

/** A desktop window, or a phone-sized touch screen for the public pages. */
/** The leader overview's data on screen: a tile's value and a row of the joined view. */
const LEADER_DATA = ['[data-testid="leader-tiles"] .ant-statistic-content-value', '.ant-table-row'];

/**
 * Makes every page of the context note, from its first frame on, when the leader overview's data is
 * first on screen (`window.__hubDataOnScreen`, ms from navigation): watched from before the page's
 * own scripts run. Without it `leaderDataOnScreen` starts looking only once
 * the test's `page.goto` has returned, at the page's load event, which can come after the data is
 * drawn (the load event waits for every file the page asked for); the benchmark and its traces use it.
 */
export async function recordLeaderDataOnScreen(context: BrowserContext): Promise<void> {
  // A DOM observer, not a check at every frame: asking for a frame from the start would make the
  // browser style, lay out and paint the page at every one while it boots, which a user's browser does not.
  await context.addInitScript((selectors: string[]) => {
    const observer = new MutationObserver(() => {
      if (!selectors.every((selector) => document.querySelector(selector))) return;
      observer.disconnect();
      // The frame that shows them, as leaderDataOnScreen's own check at every frame would see it.
      requestAnimationFrame(() => ((window as unknown as { __hubDataOnScreen?: number }).__hubDataOnScreen = performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true });
  }, LEADER_DATA);
}

/**
 * When the leader overview's data was first on screen, in the page's own clock (ms from navigation):
 * the first animation frame showing both a tile's value and a row of the joined view. Measured in the
 * page, so no round trip to the test process is in the figure; from the page's first frame when the
 * context records it (`recordLeaderDataOnScreen`), otherwise from when this is called.
 */
export async function leaderDataOnScreen(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (selectors: string[]) => {
      const recorded = (window as unknown as { __hubDataOnScreen?: number }).__hubDataOnScreen;
      if (recorded !== undefined) return recorded;
      return selectors.every((selector) => document.querySelector(selector)) ? performance.now() : 0;
    },
    LEADER_DATA,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * A browser context for the hub at `origin` (zh-CN, Asia/Shanghai): every request to another host is
 * aborted and its address pushed onto `external`, which the test then asserts is empty.
 */
export async function originOnlyContext(browser: Browser, origin: string, external: string[], options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  // Waits are for elements, never fixed times; a busy machine may need long ones.
  context.setDefaultTimeout(90_000);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  return context;
}

/** Signs in through the development sign-in (`/login?role=…`) and waits for the home view. */
export async function signIn(context: BrowserContext, origin: string, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/login?${query}`);
  await page.waitForURL(`${origin}/`);
  return page;
}

/**
 * Waits until every finite CSS transition and animation of the page has finished (antd's fades and
 * colour transitions; spinners loop forever and are not waited for): a style read mid-way belongs to
 * neither state.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = () => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    // Twice a frame with none running: antd's motions switch classes on the next frames, starting the next transition then.
    for (let quiet = 0; quiet < 2;) {
      const running = finite();
      if (running.length > 0) {
        quiet = 0;
        await Promise.allSettled(running.map((a) => a.finished));
      } else {
        quiet += 1;
        await frame();
      }
    }
  });
}

/**
 * axe-core's own script injected into the page; serious and critical violations fail the test.
 * The page is checked at rest: a button caught halfway through antd's colour transition (e.g. from
 * disabled while a page loads back to enabled) has the contrast of neither state, so the check
 * first waits until every finite CSS transition and animation has finished (spinners loop forever
 * and are left alone).
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  await animationsSettled(page);
  await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  expect(violations, `${view}: accessibility violations`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Opens an antd Select by clicking `opener` (its combobox, or the select itself), types `typed` first
 * when it searches, picks the first option whose text matches `option`, and waits until the list has
 * closed, so the next select cannot pick from a list still animating out.
 *
 * The select closes a macrotask after the pick, and a focus or mouse event of the same click (a
 * dialog's focus trap, the list still sliding in) can cancel that close: the value is picked, the list
 * stays open. Then the pick is made again (a single select re-picks the same value; a multiple one is
 * closed with Escape instead, since a second click would remove the option), a few times at most.
 */
export async function chooseOption(
  opener: Locator,
  option: string | RegExp,
  { typed, multiple = false }: { typed?: string; multiple?: boolean } = {},
): Promise<void> {
  const page = opener.page();
  const list = page.locator('.ant-select-dropdown:visible');
  const item = list.locator('.ant-select-item-option', { hasText: option }).first();
  await opener.click();
  if (typed) await opener.fill(typed);
  await item.click();
  for (let attempt = 1; ; attempt += 1) {
    if (multiple) await page.keyboard.press('Escape');
    try {
      await list.waitFor({ state: 'hidden', timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
    console.warn(`chooseOption: the list stayed open after picking ${String(option)}; picking again`);
    if (!multiple) await item.click();
  }
}

/** `chooseOption` on the select labelled `label` (exact when a string) within `scope`. */
export function choose(
  scope: Page | Locator,
  label: string | RegExp,
  option: string | RegExp,
  options: { typed?: string; multiple?: boolean } = {},
): Promise<void> {
  return chooseOption(scope.getByLabel(label, { exact: typeof label === 'string' }), option, options);
}

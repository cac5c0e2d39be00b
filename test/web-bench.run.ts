/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { gzipSync } from 'node:zlib';
import { it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoHubInBrowser, devSession, leaderDataOnScreen, recordLeaderDataOnScreen } from './web-browser';

/**
 * `pnpm bench:web`: the JavaScript the leader's first view ships (gzip, as served; asked for before
 * its data is on screen, with what loads after reported apart) and the time
 * from navigation to the leader overview's data on screen (tiles and the joined view's first row),
 * median of RUNS cold loads in headless chromium, on the demo hub (HUB_URL: an already running hub).
 */
const RUNS = Number(process.env.RUNS ?? 7);
const demo = demoHubInBrowser();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One step of a load, in ms from navigation start (the page's clock); `server` from the answer's Server-Timing. */
interface Step {
  start: number;
  end: number;
  server?: Record<string, number>;
}

/** Where one load's time went: HTML, each script's download, the entry run, /auth/config, each operation. */
type Breakdown = Map<string, Step>;

/** The median of each step over the runs, as a readable table (steps that not every run had are left out). */
function summarise(runs: Breakdown[]): Record<string, string> {
  const table: Record<string, string> = {};
  for (const key of runs[0]?.keys() ?? []) {
    const steps = runs.map((r) => r.get(key)).filter((s): s is Step => s !== undefined);
    if (steps.length < runs.length) continue;
    const start = median(steps.map((s) => s.start));
    const end = median(steps.map((s) => s.end));
    let line = `${start.toFixed(0)} → ${end.toFixed(0)} ms (${(end - start).toFixed(0)} ms)`;
    const names = Object.keys(steps[0]!.server ?? {});
    if (names.length) line += ` server: ${names.map((n) => `${n} ${median(steps.map((s) => s.server?.[n] ?? 0)).toFixed(0)}`).join(', ')} ms`;
    table[key] = line;
  }
  return table;
}

it('measures the leader overview', async () => {
  const session = await devSession(demo.origin, { role: 'LEADER' });
  const times: number[] = [];
  let scripts = new Map<string, { bytes: number; beforeData: boolean }>();
  const breakdowns: Breakdown[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((value) => localStorage.setItem('hub.session', value), session);
    await recordLeaderDataOnScreen(context);
    const page = await context.newPage();
    const sizes = new Map<string, { bytes: number; beforeData: boolean }>();
    const bodies: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      bodies.push(response.body().then((body) => void sizes.set(response.url(), { bytes: gzipSync(body).length, beforeData: true })));
    });
    // The operations in the order the page sent them; their timing is the page's own (resource timing).
    const operations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST')
        operations.push((request.postDataJSON() as { operationName?: string }).operationName ?? 'anonymous');
    });
    await page.goto(`${demo.origin}/`);
    // Measured in the page, at the first frame showing both (no round trip to this process in the figure).
    const onScreen = await leaderDataOnScreen(page);
    // The rest of the view (the chart) before closing, so every chunk it loads is counted somewhere.
    await page.locator('[data-testid="department-chart"] canvas').waitFor({ timeout: 60_000 });
    await Promise.all(bodies);
    // The first view's JavaScript: what the page asked for before its data was on screen (the page's
    // own resource timing, same clock); chunks it asks for after (the charts) are reported apart.
    const started = new Map(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [e.name, e.startTime] as [string, number])));
    for (const [url, size] of sizes) size.beforeData = (started.get(url) ?? 0) < onScreen;
    // Scripts written inline in the HTML (the page's first script) are first-view JavaScript too.
    const inline = await page.evaluate(() => Array.from(document.querySelectorAll('script:not([src])'), (s) => s.textContent ?? ''));
    inline.forEach((code, i) => sizes.set(`${demo.origin}/inline-script-${i + 1}-of-index.html`, { bytes: gzipSync(code).length, beforeData: true }));
    // The first run warms the server (database caches, JIT); it is not counted.
    if (run > 0) {
      times.push(onScreen);
      breakdowns.push(await breakdown(page, onScreen, operations));
    }
    scripts = sizes;
    await context.close();
  }
  const kb = (beforeData: boolean) =>
    Math.round(([...scripts.values()].filter((s) => s.beforeData === beforeData).reduce((a, b) => a + b.bytes, 0) / 1024) * 10) / 10;
  const report = {
    firstViewJsGzipKb: kb(true),
    afterDataJsGzipKb: kb(false),
    scripts: [...scripts].map(([url, s]) => `${new URL(url).pathname} ${(s.bytes / 1024).toFixed(1)} KB${s.beforeData ? '' : ' (after the data)'}`),
    dataOnScreenMs: { median: Math.round(median(times)), runs: times.map(Math.round) },
    breakdownMedianMs: summarise(breakdowns),
    targets: { firstViewJsGzipKb: 500, dataOnScreenMs: 1000 },
  };
  console.log(JSON.stringify(report, null, 2));
});

/** One load's steps, from the page's navigation and resource timing, its marks and the operations' timing. */
async function breakdown(page: Page, onScreen: number, operations: string[]): Promise<Breakdown> {
  const page_ = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    html: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
    resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      name: e.name,
      start: e.startTime,
      end: e.responseEnd,
      server: e.serverTiming.map((t) => [t.name, t.duration] as [string, number]),
    })),
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  }));
  const steps: Breakdown = new Map();
  steps.set('html', { start: 0, end: page_.html });
  let answer = 0;
  for (const r of page_.resources) {
    const path = new URL(r.name).pathname;
    // Hashed file names differ between builds; the chunk's name stays.
    if (path.endsWith('.js') && r.start < onScreen)
      steps.set(`script ${path.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '.js')}`, { start: r.start, end: r.end });
    if (path === '/auth/config') steps.set('/auth/config', { start: r.start, end: r.end });
    // Resource timing lists requests in the order they started, as the request events came.
    if (path === '/graphql') {
      const name = operations[answer++] ?? 'anonymous';
      // The first request of each operation (a view's own later refresh of the same query is not the load's).
      if (r.start < onScreen && !steps.has(`graphql ${name}`))
        steps.set(`graphql ${name}`, { start: r.start, end: r.end, server: Object.fromEntries(r.server) });
    }
  }
  if (page_.marks['hub:main'] !== undefined) steps.set('entry scripts run (hub:main)', { start: 0, end: page_.marks['hub:main'] });
  if (page_.marks['hub:config'] !== undefined) steps.set('settings applied (hub:config)', { start: 0, end: page_.marks['hub:config'] });
  const lastAnswer = Math.max(...[...steps.values()].map((s) => s.end));
  steps.set('render after the last answer', { start: lastAnswer, end: onScreen });
  steps.set('data on screen', { start: 0, end: onScreen });
  return steps;
}

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { gzipSync } from 'node:zlib';
import { it } from 'vitest';
import { demoHubInBrowser, devSession } from './web-browser';

/**
 * `pnpm bench:web`: the JavaScript the leader's first view ships (gzip, as served; asked for before
 * its data is on screen, with what loads after reported apart) and the time
 * from navigation to the leader overview's data on screen (tiles and the joined view's first row),
 * median of RUNS cold loads in headless chromium, on the demo hub (HUB_URL: an already running hub).
 */
const RUNS = Number(process.env.RUNS ?? 7);
const demo = demoHubInBrowser();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it('measures the leader overview', async () => {
  const session = await devSession(demo.origin, { role: 'LEADER' });
  const times: number[] = [];
  let scripts = new Map<string, { bytes: number; beforeData: boolean }>();
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((value) => localStorage.setItem('hub.session', value), session);
    const page = await context.newPage();
    const sizes = new Map<string, { bytes: number; beforeData: boolean }>();
    const bodies: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      bodies.push(response.body().then((body) => void sizes.set(response.url(), { bytes: gzipSync(body).length, beforeData: true })));
    });
    await page.goto(`${demo.origin}/`);
    // Measured in the page, at the first frame showing both (no round trip to this process in the figure).
    const onScreen = (await (
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="leader-tiles"] .ant-statistic-content-value') && document.querySelector('.ant-table-row')
            ? performance.now()
            : 0,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      )
    ).jsonValue()) as number;
    // The rest of the view (the chart) before closing, so every chunk it loads is counted somewhere.
    await page.locator('[data-testid="department-chart"] canvas').waitFor({ timeout: 60_000 });
    await Promise.all(bodies);
    // The first view's JavaScript: what the page asked for before its data was on screen (the page's
    // own resource timing, same clock); chunks it asks for after (the charts) are reported apart.
    const started = new Map(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [e.name, e.startTime] as [string, number])));
    for (const [url, size] of sizes) size.beforeData = (started.get(url) ?? 0) < onScreen;
    // The first run warms the server (database caches, JIT); it is not counted.
    if (run > 0) times.push(onScreen);
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
    targets: { firstViewJsGzipKb: 500, dataOnScreenMs: 1000 },
  };
  console.log(JSON.stringify(report, null, 2));
});

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { gzipSync } from 'node:zlib';
import { it } from 'vitest';
import { demoHubInBrowser, devSession } from './web-browser';

/**
 * `pnpm bench:web`: the JavaScript the leader's first view ships (gzip, as served) and the time
 * from navigation to the leader overview's data on screen (tiles and the joined view's first row),
 * median of RUNS cold loads in headless chromium, on the demo hub (HUB_URL: an already running hub).
 */
const RUNS = Number(process.env.RUNS ?? 7);
const demo = demoHubInBrowser();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it('measures the leader overview', async () => {
  const session = await devSession(demo.origin, { role: 'LEADER' });
  const times: number[] = [];
  let scripts = new Map<string, number>();
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((value) => localStorage.setItem('hub.session', value), session);
    const page = await context.newPage();
    const sizes = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      sizes.set(response.url(), gzipSync(await response.body()).length);
    });
    await page.goto(`${demo.origin}/`);
    await page.locator('[data-testid="leader-tiles"] .ant-statistic-content-value').first().waitFor({ timeout: 60_000 });
    await page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
    const onScreen = await page.evaluate(() => performance.now());
    // The first run warms the server (database caches, JIT); it is not counted.
    if (run > 0) times.push(onScreen);
    scripts = sizes;
    await context.close();
  }
  const totalKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  const report = {
    firstViewJsGzipKb: Math.round(totalKb * 10) / 10,
    scripts: [...scripts].map(([url, bytes]) => `${new URL(url).pathname} ${(bytes / 1024).toFixed(1)} KB`),
    dataOnScreenMs: { median: Math.round(median(times)), runs: times.map(Math.round) },
    targets: { firstViewJsGzipKb: 500, dataOnScreenMs: 1000 },
  };
  console.log(JSON.stringify(report, null, 2));
});

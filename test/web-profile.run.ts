/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { ARTIFACTS, demoHubInBrowser, devSession, leaderDataOnScreen, recordLeaderDataOnScreen } from './web-browser';

/**
 * `pnpm exec vitest run --config vitest.web-tools.config.mts test/web-profile.run.ts`: Chrome traces
 * of the leader overview's cold loads as `pnpm bench:web` makes them (same browser, same session,
 * one warm-up), written to PROFILE_OUT-<run>.json (default test/artifacts/leader-overview-trace-<run>.json;
 * Chrome DevTools' Performance panel opens them).
 * Prints each run's main-thread CPU time (the tasks' own thread time, which a busy machine inflates
 * far less than wall-clock time) before and after the settings are applied (`hub:config`), up to
 * the frame with the data on screen. RUNS (default 3) cold loads; HUB_URL: an already running hub.
 */
const RUNS = Number(process.env.RUNS ?? 3);
const OUT = process.env.PROFILE_OUT ?? join(ARTIFACTS, 'leader-overview-trace');
const demo = demoHubInBrowser();

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Main-thread CPU (ms) of the tasks that started before and after `hub:config`, up to `onScreen`. */
function mainThreadCpu(events: TraceEvent[], marks: Record<string, number>, onScreen: number) {
  const mark = events.find((e) => e.name === 'hub:main');
  const config = marks['hub:config'];
  if (!mark || marks['hub:main'] === undefined || config === undefined) return undefined;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === mark.pid && e.args?.name === 'CrRendererMain');
  const zero = mark.ts - marks['hub:main'] * 1000;
  const at = (e: TraceEvent) => (e.ts - zero) / 1000;
  const tasks = events.filter((e) => e.pid === mark.pid && e.tid === main?.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const cpu = (from: number, to: number) => Math.round(tasks.filter((e) => at(e) >= from && at(e) < to).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000);
  return { beforeSettings: cpu(0, config), afterSettings: cpu(config, onScreen) };
}

it('profiles the leader overview', async () => {
  const session = await devSession(demo.origin, { role: 'LEADER' });
  mkdirSync(ARTIFACTS, { recursive: true });
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((value) => localStorage.setItem('hub.session', value), session);
    await recordLeaderDataOnScreen(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...(e.value as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    // The first run warms the server and is not traced.
    if (run > 0)
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: {
          includedCategories: [
            'toplevel',
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'v8.execute',
            'blink.user_timing',
            'loading',
            'disabled-by-default-v8.cpu_profiler',
          ],
        },
      });
    await page.goto(`${demo.origin}/`);
    const onScreen = await leaderDataOnScreen(page);
    await page.locator('[data-testid="department-chart"] canvas').waitFor({ timeout: 60_000 });
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    if (run > 0) {
      await cdp.send('Tracing.end');
      await complete;
      writeFileSync(`${OUT}-${run}.json`, JSON.stringify({ traceEvents: events }));
      console.log(JSON.stringify({ run, onScreenMs: Math.round(onScreen), marks, mainThreadCpuMs: mainThreadCpu(events, marks, onScreen) }));
    }
    await context.close();
  }
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { repoRoot } from '@hub/kit';
import { startHub, type Hub } from './harness';
import { devSession, launchChromium } from './web-browser';

/** `pnpm docs:screenshots`: the README's pictures of the leader overview and a project page, from the demo hub. */
let hub: Hub;
let browser: Browser;

beforeAll(async () => {
  hub = await startHub({ seed: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

it('writes docs/screenshots/*.png', async () => {
  const origin = new URL(hub.gateway.url).origin;
  const dir = join(repoRoot(), 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript((value) => localStorage.setItem('hub.session', value), await devSession(origin, { role: 'LEADER' }));
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.locator('.ant-table-row').first().waitFor();
  await page.locator('[data-testid="department-chart"] canvas').waitFor();
  await page.screenshot({ path: join(dir, 'leader-overview.png'), fullPage: true });
  const leader = await hub.token('LEADER');
  const { data } = await hub.query('{ projects(first: 100) { nodes { id cases { id } bids { id } } } }', {}, leader);
  const project = data.projects.nodes.find((p: { cases: unknown[] | null; bids: unknown[] }) => (p.cases?.length ?? 0) > 0 && p.bids.length > 2) ?? data.projects.nodes[0];
  await page.goto(`${origin}/projects/${project.id}`);
  await page.getByTestId('trail').waitFor();
  await page.screenshot({ path: join(dir, 'project-page.png'), fullPage: true });
  await context.close();
});

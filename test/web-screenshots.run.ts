/// <reference lib="dom" />
// Functions passed to page.evaluate and addInitScript run in the browser.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { repoRoot } from '@hub/kit';
import { demoHubInBrowser, devSession } from './web-browser';

/** `pnpm docs:screenshots`: the README's pictures of the leader overview and a project page, from the demo hub (HUB_URL: a running one). */
const demo = demoHubInBrowser();

it('writes docs/screenshots/*.png', async () => {
  const dir = join(repoRoot(), 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const session = await devSession(demo.origin, { role: 'LEADER' });
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(120_000);
  await context.addInitScript((value) => localStorage.setItem('hub.session', value), session);
  const page = await context.newPage();
  await page.goto(`${demo.origin}/`);
  await page.locator('.ant-table-row').first().waitFor();
  await page.locator('[data-testid="department-chart"] canvas').waitFor();
  await page.screenshot({ path: join(dir, 'leader-overview.png'), fullPage: true });
  // A project with cases and several bids, found through the graph as the leader.
  const response = await fetch(`${demo.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${JSON.parse(session).token}` },
    body: JSON.stringify({ query: '{ projects(first: 100) { nodes { id cases { id } bids { id } } } }' }),
  });
  const { data } = (await response.json()) as { data: { projects: { nodes: { id: string; cases: unknown[] | null; bids: unknown[] }[] } } };
  const project = data.projects.nodes.find((p) => (p.cases?.length ?? 0) > 0 && p.bids.length > 2) ?? data.projects.nodes[0]!;
  await page.goto(`${demo.origin}/projects/${project.id}`);
  await page.getByTestId('trail').waitFor();
  await page.getByTestId('bids').locator('.ant-table-row').first().waitFor();
  await page.screenshot({ path: join(dir, 'project-page.png'), fullPage: true });
  await context.close();
});

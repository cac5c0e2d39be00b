/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './harness';
import { chooseOption, expectAccessible, originOnlyContext, screenshot, signIn as signInAt, startBrowserTestHub } from './web-browser';

/**
 * The web app in a real browser (Debian's chromium driven by playwright-core) on the demo hub:
 * every role's home, the project and entity pages, GraphiQL, sign-in and sign-out, the banner when
 * a slice is down, accessibility (axe-core), and no request to any other host.
 */

let hub: Hub;
let browser: Browser;
let origin: string;
/** Requests the pages tried to send to another host (each was aborted). */
const external: string[] = [];

beforeAll(async () => {
  ({ hub, origin, browser } = await startBrowserTestHub());
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const newContext = (): Promise<BrowserContext> => originOnlyContext(browser, origin, external);
const signIn = (context: BrowserContext, query: string): Promise<Page> => signInAt(context, origin, query);

/** A project with cases and bids (ids differ per run; the demo data's shape does not). */
async function projectWithCasesAndBids(): Promise<{ id: string; receiptNumber: string; bidder: string; grade: string }> {
  const leader = await hub.token('LEADER');
  for (let after: string | null = null; ;) {
    const { data }: { data?: any } = await hub.query(
      `query($after: String) { projects(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { id cases { receiptNumber } bids { bidder { name } bidderCreditAtBid { grade } } } } }`,
      { after },
      leader,
    );
    const found = data.projects.nodes.find((p: any) => p.cases?.length > 0 && p.bids.length > 0 && p.bids[0].bidderCreditAtBid);
    if (found)
      return { id: found.id, receiptNumber: found.cases[0].receiptNumber, bidder: found.bids[0].bidder.name, grade: found.bids[0].bidderCreditAtBid.grade };
    if (!data.projects.pageInfo.hasNextPage) throw new Error('no demo project with cases and bids');
    after = data.projects.pageInfo.endCursor;
  }
}

// A page load runs many operations through the whole hub; a busy machine takes its time.
describe('the web app in a browser', { timeout: 180_000 }, () => {
  it('serves index.html for app routes (not cached) and hashed assets immutably; /graphql and /health keep their meaning', async () => {
    const index = await fetch(`${origin}/projects/some-id`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${origin}${asset}`);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${origin}/assets/missing-file.js`)).status).toBe(404);
    expect(await (await fetch(`${origin}/health/live`)).json()).toEqual({ status: 'ok' });
    const explorer = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(explorer.status).toBe(302);
    expect(explorer.headers.get('location')).toBe('/graphiql');
    const api = await hub.query('{ departments { code } }');
    expect(api.data.departments.length).toBeGreaterThan(0);
  });

  it('a leader signs in with /login?role=LEADER and sees the overview: tiles, the department chart and the joined view with grades', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=LEADER');
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    const tiles = page.getByTestId('leader-tiles');
    await tiles.getByText('在办案件').waitFor();
    await tiles.getByText('失信联合惩戒对象').waitFor();
    await page.locator('[data-testid="department-chart"] canvas').waitFor();
    // Real data: the joined view lists demo projects with their bidders' grades at the bid.
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByText(/第 1 \/ \d+ 页，共 200 条/).waitFor();
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByText(/第 2 \/ \d+ 页/).waitFor();
    // The page is in once the pager's buttons are enabled again.
    await page.locator('button:not([disabled])', { hasText: '上一页' }).waitFor();
    await expectAccessible(page, 'leader overview');
    await screenshot(page, 'leader-overview');
    await context.close();
  });

  it('the office sees the leader overview too', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=OFFICE');
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await context.close();
  });

  it('a department officer signs in with /login?role=DEPT&department=ZJJ and sees its dashboard', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=DEPT&department=ZJJ');
    await page.getByRole('heading', { name: /部门工作台/ }).waitFor();
    await page.locator('[data-testid="stage-chart"] canvas').waitFor();
    await page.getByTestId('inspections').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('current-user').getByText(/ZJJ/).waitFor();
    // Overdue cases say so (never "0 working days left"), the due-soon list holds only cases still due,
    // and a receipt number opens its case.
    const overdueRows = page.getByTestId('cases-overdue').locator('.ant-table-row');
    await overdueRows.first().waitFor();
    expect(await page.getByTestId('cases-overdue').getByTestId('overdue').count()).toBe(await overdueRows.count());
    expect(
      await page
        .getByTestId('cases-overdue')
        .getByText(/剩余 \d/)
        .count(),
    ).toBe(0);
    await page.getByTestId('cases-dueSoon').locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await page.getByTestId('cases-dueSoon').getByTestId('overdue').count()).toBe(0);
    // Notifications awaiting the bureau only (none closed without a record), each with its countdown.
    const notifications = page.getByTestId('notifications').locator('.ant-table-row');
    await page.getByTestId('notifications').locator('.ant-table-row, .ant-empty').first().waitFor();
    for (const row of await notifications.all()) expect(await row.innerText()).toMatch(/剩余 \d+ 个工作日|已逾期/);
    expect(
      await page
        .getByTestId('notifications')
        .getByText(/结案不记录|已于 .* 记录/)
        .count(),
    ).toBe(0);
    await expectAccessible(page, 'department dashboard');
    await screenshot(page, 'department-dashboard');
    const receipt = (await overdueRows.first().locator('td').first().innerText()).trim();
    await overdueRows.first().getByRole('link', { name: receipt }).click();
    await page.waitForURL(/\/cases\//);
    await page.getByText(receipt).first().waitFor();
    await page.goBack();
    // Sign-out leads to the sign-in page, and the app no longer opens without signing in again.
    await page.getByRole('button', { name: /退出/ }).click();
    await page.waitForURL(/\/login\?reason=signed-out/);
    await page.goto(`${origin}/`);
    await page.waitForURL(/\/login\?reason=required/);
    await context.close();
  });

  it("the project page shows the project's cases and each bidder's grade at the bid, and the merged trail", async () => {
    const project = await projectWithCasesAndBids();
    const context = await newContext();
    const page = await signIn(context, 'role=LEADER');
    await page.goto(`${origin}/projects/${project.id}`);
    await page.getByTestId('cases').getByText(project.receiptNumber).waitFor();
    const bids = page.getByTestId('bids');
    await bids.getByText(project.bidder).first().waitFor();
    expect(
      await bids
        .locator('.ant-tag')
        .filter({ hasText: new RegExp(`^${project.grade}$`) })
        .count(),
    ).toBeGreaterThan(0);
    await page.getByTestId('trail').locator('.ant-timeline-item').first().waitFor();
    await expectAccessible(page, 'project page');
    await screenshot(page, 'project-page');

    await bids.getByText(project.bidder).first().click();
    await page.waitForURL(/\/entities\//);
    await page.getByRole('heading', { name: new RegExp(project.bidder) }).waitFor();
    await page.getByTestId('entity-bids').locator('.ant-table-row').first().waitFor();
    await expectAccessible(page, 'entity page');
    await screenshot(page, 'entity-page');
    await context.close();
  });

  it('the project list finds a code typed with spaces around it; a flag reads in the page’s language from its rule; an entity names its registration authority', async () => {
    const { data } = await hub.query(`{ flaggedProjects(first: 1) { nodes { id code flags { message } tenderer { name } } } }`, {}, await hub.token('LEADER'));
    const project = data.flaggedProjects.nodes[0];
    const context = await newContext();
    const page = await signIn(context, 'role=LEADER');
    await page.goto(`${origin}/projects`);
    const search = page.getByLabel('按名称或编号搜索项目');
    await search.fill(`  ${project.code} `);
    await search.press('Enter');
    const row = page.locator('.ant-table-row').filter({ hasText: project.code });
    await row.waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/projects\/[^/]+$/);

    const flags = page.getByRole('alert').filter({ hasText: '法定时限预警' });
    await flags.locator('li').first().waitFor();
    const text = await flags.innerText();
    expect(text).toMatch(/不足|超过|期限未满/);
    expect(text).not.toContain(project.flags[0].message);
    expect(text).not.toMatch(/\bdays\b|\bbids\b/);

    await page.getByRole('link', { name: project.tenderer.name }).first().click();
    await page.waitForURL(/\/entities\//);
    await page.getByText(/市场监督管理部门|机构编制部门|民政部门|其他登记管理部门/).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/MARKET_REGULATION|ORGAN_ESTABLISHMENT|CIVIL_AFFAIRS/);
    await context.close();
  });

  it('the sign-in page offers the role picker and is accessible', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/login`);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${origin}/`);
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await context.close();
  });

  it("the development sign-in picks an enforcer from the department's roster", async () => {
    const office = await hub.token('OFFICE', 'ZWJ');
    const { data } = await hub.query('{ enforcers(filter: { departmentCode: "ZJJ", active: true }, first: 1) { nodes { id name } } }', {}, office);
    const enforcer = data.enforcers.nodes[0] as { id: string; name: string };
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/login`);
    await chooseOption(page.getByRole('combobox', { name: '角色' }), /执法人员/);
    await chooseOption(page.getByRole('combobox', { name: '部门' }), /ZJJ/);
    await chooseOption(page.getByRole('combobox', { name: '执法人员' }), enforcer.name);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${origin}/`);
    await page.getByTestId('current-user').getByText(new RegExp(enforcer.name)).waitFor();
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem('hub.session')))!) as { sub: string; role: string };
    expect(session).toMatchObject({ sub: enforcer.id, role: 'ENFORCER' });
    await context.close();
  });

  it('a view a role is not for answers 403 when its address is typed, not an empty page', async () => {
    const office = await hub.token('OFFICE', 'ZWJ');
    const { data } = await hub.query('{ enforcers(filter: { departmentCode: "ZJJ", active: true }, first: 1) { nodes { id } } }', {}, office);
    const context = await newContext();
    const enforcer = await signIn(context, `role=ENFORCER&department=ZJJ&sub=${data.enforcers.nodes[0].id}`);
    for (const path of ['/intake', '/intake/new', '/credit', '/review']) {
      await enforcer.goto(`${origin}${path}`);
      await enforcer.locator('.ant-result-403').waitFor();
    }
    expect(await enforcer.getByRole('button', { name: /登记收件/ }).count()).toBe(0);
    await enforcer.getByText('两月研判仅供区领导和综合监管办使用').waitFor();
    await enforcer.goto(`${origin}/inspections`);
    await enforcer
      .getByRole('heading', { name: /双随机/ })
      .first()
      .waitFor();
    expect(await enforcer.locator('.ant-result-403').count()).toBe(0);
    await context.close();
    const center = await newContext();
    const page = await signIn(center, 'role=CENTER');
    await page.goto(`${origin}/cases`);
    await page.getByText('您的角色无权使用此页面').waitFor();
    await page.getByRole('link', { name: /返回首页/ }).click();
    await page.waitForURL(`${origin}/`);
    await page.locator('.ant-table-row').first().waitFor();
    await center.close();
  });

  it('a session the gateway no longer accepts leads back to sign-in, not to an empty page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/login?reason=required`);
    // The sign-in page clears any session when it opens: store the stale one after that.
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await page.evaluate(() => {
      const claims = btoa(JSON.stringify({ sub: 'x', role: 'LEADER', exp: Math.floor(Date.now() / 1000) + 3600 })).replace(/=+$/, '');
      localStorage.setItem(
        'hub.session',
        JSON.stringify({ token: `eyJhbGciOiJIUzI1NiJ9.${claims}.bad`, sub: 'x', name: 'x', role: 'LEADER', expiresAt: Date.now() + 3_600_000 }),
      );
    });
    await page.goto(`${origin}/`);
    await page.getByText('登录已过期，请重新登录。').waitFor();
    expect(page.url()).toMatch(/\/login\?reason=expired&next=%2F$/);
    await context.close();
  });

  it('GraphiQL renders at /graphiql from the bundle and runs a query with the signed-in token', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=LEADER');
    await page.goto(`${origin}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-query-editor').getByText('departments').waitFor();
    await page.getByRole('button', { name: /Execute query/i }).click();
    // The editor draws only the visible lines: the first department is on screen.
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 90_000 }).toContain('FGJ');
    await screenshot(page, 'graphiql');
    await context.close();
  });

  it('with the cases subgraph stopped, the overview names the missing slice and still shows the rest', async () => {
    const cases = hub.subgraphs.get('cases')!.service;
    await new Promise<void>((resolve) => cases.httpServer.close(() => resolve()));
    cases.httpServer.closeAllConnections();
    const context = await newContext();
    const page = await signIn(context, 'role=LEADER');
    const banner = page.getByTestId('missing-slice-banner').first();
    await banner.waitFor();
    expect(await banner.innerText()).toContain('投诉举报案件');
    await page.getByTestId('leader-tiles').getByText('失信联合惩戒对象').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await expectAccessible(page, 'leader overview, cases down');
    await screenshot(page, 'leader-overview-cases-down');
    await context.close();
  });

  it('no page sent a request to another host', () => {
    expect(external).toEqual([]);
  });
});

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, signDevToken, withCheckCharacter, type Role } from '@hub/kit';
import { startHub, type Hub } from './harness';
import { ARTIFACTS, choose, launchChromium, expectAccessible, originOnlyContext, signIn as signInAt, PHONE, screenshot } from './web-browser';

/**
 * The work views and the public portal in a real browser: one complaint from the public portal (on
 * a phone-sized screen) through the office's intake and routing, the department's investigation,
 * decision and feedback, the office's archiving, back to the public status lookup — every step
 * clicked in the UI by the role that takes it. axe-core on every new view; no request leaves the origin.
 */

let hub: Hub | undefined;
let browser: Browser;
let origin: string;
const external: string[] = [];
// Unique per run, so the file also runs against a hub that is already up (HUB_URL).
const RUN = String(Date.now() % 100_000).padStart(5, '0');
const PROJECT_CODE = `WEB-CASE-${RUN}`;
const PROJECT_NAME = `城南安置房建设项目${RUN}`;
const TENDERER = withCheckCharacter(`91421002MA49${RUN}`);
const TENDERER_NAME = '荆州市城南建设发展有限公司';
let enforcerName: string;

/** Today in Asia/Shanghai (the hub's calendar), whatever the machine's zone. */
const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  if (!existsSync(join(repoRoot(), 'web', 'dist', 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@hub/web', 'build'], { cwd: repoRoot(), stdio: 'inherit' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  // No demo data: the flow needs one project and one enforcer, made here through the graph.
  if (process.env.HUB_URL) origin = process.env.HUB_URL.replace(/\/$/, '');
  else {
    hub = await startHub();
    origin = new URL(hub.gateway.url).origin;
  }
  const center = await token('CENTER', 'JYZX');
  const office = await token('OFFICE', 'ZWJ');
  const entity = await query(
    `mutation($i: RegisterMarketEntityInput!) { registerMarketEntity(input: $i) { creditCode } }`,
    { i: { creditCode: TENDERER, name: TENDERER_NAME, registeredOn: '2020-01-01' } },
    center,
  );
  expect(entity.errors).toBeUndefined();
  const project = await query(
    `mutation($i: RegisterProjectInput!) { registerProject(input: $i) { id } }`,
    {
      i: {
        code: PROJECT_CODE,
        name: PROJECT_NAME,
        category: 'HOUSING',
        supervisingDepartment: 'ZJJ',
        tendererCreditCode: TENDERER,
        budget: '1200000.00',
        tenderMethod: 'OPEN',
        registeredOn: '2026-01-05',
      },
    },
    center,
  );
  expect(project.errors).toBeUndefined();
  enforcerName = `李明${RUN}`;
  const enforcer = await query(
    `mutation($i: RegisterEnforcerInput!) { registerEnforcer(input: $i) { id } }`,
    {
      i: { name: enforcerName, departmentCode: 'ZJJ', certificateNumber: `ZJJ-2026-${RUN}`, certificateValidUntil: '2030-12-31', specialties: ['HOUSING'] },
    },
    office,
  );
  expect(enforcer.errors).toBeUndefined();
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const newContext = (phone = false): Promise<BrowserContext> => originOnlyContext(browser, origin, external, phone ? PHONE : {});
const signIn = (context: BrowserContext, query: string): Promise<Page> => signInAt(context, origin, query);

function token(role: Role, department?: string): Promise<string> {
  return signDevToken({ role, department, sub: `${role.toLowerCase()}-test` });
}

async function query(text: string, variables: Record<string, unknown>, bearer: string): Promise<{ data?: any; errors?: unknown[] }> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** Opens a step the page offers, fills it with `fill`, confirms, and waits for the new status. */
async function takeStep(page: Page, step: string, status: string, fill?: (form: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<void> {
  await page.getByTestId(`offer-${step}`).click();
  const form = page.getByTestId(`step-${step}`);
  if (fill) await fill(form);
  await form.getByRole('button', { name: /^确认/ }).click();
  await page.getByTestId('case-status').filter({ hasText: status }).waitFor();
}

let receiptNumber = '';
let secret = '';
let caseId = '';

describe('a complaint from the public portal to the archive, in the browser, by three roles', { timeout: 600_000 }, () => {
  it('the public files a complaint at /public on a phone-sized screen, without signing in; a server refusal lands on its field and keeps what was typed', async () => {
    const context = await newContext(true);
    const page = await context.newPage();
    await page.goto(`${origin}/public`);
    await page.getByRole('tab', { name: '投诉举报' }).waitFor();
    await expectAccessible(page, 'public portal: submit');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const form = page.getByTestId('intake-form-COMPLAINT');
    await choose(page, /所涉项目/, PROJECT_NAME, { typed: PROJECT_CODE });
    await form.getByLabel('投诉人（姓名或单位名称）').fill('荆州市某建筑工程有限公司');
    await form.getByLabel('联系方式（电话或地址）').fill('0716-8123456');
    await form.getByLabel(/与项目的关系/).fill('投标人');
    await form.getByLabel('知道或应当知道投诉事项的日期').fill(todayShanghai());
    await form.getByLabel('事由（简要）').fill('评标委员会未按招标文件规定的标准评审');
    await form.getByLabel('事实、理由和证据').fill('评标报告第3页显示，商务分计算与招标文件第五章的评分办法不一致，附评标报告复印件。');
    // An 18-character code whose check character is wrong: caught in the browser, in Chinese, before sending.
    const badCode = `${TENDERER.slice(0, 17)}${TENDERER[17] === '0' ? '1' : '0'}`;
    const codes = page.getByRole('combobox', { name: /统一社会信用代码/ });
    await codes.fill(badCode);
    await codes.press('Enter');
    await form.locator('.ant-select-selection-item').filter({ hasText: badCode }).waitFor();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql') && /SubmitComplaint/.test(request.postData() ?? '')) sent.push(request.postData()!);
    });
    await form.getByRole('button', { name: '提交投诉' }).click();
    await form.getByText(`统一社会信用代码无效（18 位，末位为校验位）：${badCode}`).waitFor();
    expect(sent).toEqual([]);
    await form.locator('.ant-select-selection-item-remove').first().click();
    // The server stays the judge: a bad code that reaches it (slipped into the request on its way here,
    // as from a page older than the server's rules) is refused on its field, and what was typed stays.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { input?: Record<string, unknown> } } | null;
      if (body?.operationName !== 'PublicSubmitComplaint' || !body.variables?.input) return route.continue();
      body.variables.input.respondentCreditCodes = [badCode];
      return route.continue({ postData: JSON.stringify(body) });
    });
    await form.getByRole('button', { name: '提交投诉' }).click();
    await form.getByText(/is not a valid unified social credit code/).waitFor();
    await page.unroute('**/graphql');
    // A valid code of a party the trading center does not know: only the server can tell; its refusal
    // is worded in Chinese on the field, and nothing is filed.
    const unregistered = '91350100M000100Y43';
    expect((await query(`query($c: ID!) { marketEntity(creditCode: $c) { name } }`, { c: unregistered }, await token('LEADER'))).data.marketEntity).toBeNull();
    await codes.fill(unregistered);
    await codes.press('Enter');
    await form.getByRole('button', { name: '提交投诉' }).click();
    await form.getByText(`${unregistered} 不是在交易平台登记的市场主体`, { exact: false }).waitFor();
    await form.locator('.ant-select-selection-item-remove').first().click();
    expect(await form.getByLabel('事由（简要）').inputValue()).toBe('评标委员会未按招标文件规定的标准评审');
    await form.getByRole('button', { name: '提交投诉' }).click();

    const receipt = page.getByTestId('receipt');
    await receipt.getByText('请立即抄写或截图保存回执编号和查询密码').waitFor();
    receiptNumber = (await page.getByTestId('receipt-number').innerText()).trim();
    secret = (await page.getByTestId('receipt-secret').innerText()).trim();
    expect(receiptNumber).toMatch(/^TS/);
    expect(secret.length).toBeGreaterThan(8);
    await expectAccessible(page, 'public portal: receipt');
    await screenshot(page, 'public-receipt-phone');
    await context.close();
  });

  it('the office sees it in the intake queue with its countdown, accepts it and transfers (转办) it to ZJJ', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=OFFICE');
    await page.getByRole('link', { name: '一窗受理' }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: receiptNumber });
    await row.waitFor();
    await row.getByText(/剩余 \d+个工作日/).waitFor();
    await expectAccessible(page, 'intake queue');
    await screenshot(page, 'intake-queue');
    await row.getByRole('link', { name: receiptNumber }).click();
    await page.waitForURL(/\/cases\//);
    caseId = page.url().split('/cases/')[1]!;
    await page.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();
    // The trail names online intake in the page's language and writes the time as YYYY-MM-DD HH:mm, in English too.
    const trail = page.locator('.ant-card').filter({ has: page.getByText('全程留痕', { exact: true }) });
    await trail.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 公众（网上提交）$/).waitFor();
    expect(await trail.innerText()).not.toContain('Public');
    await page.evaluate(() => localStorage.setItem('hub.lang', 'en'));
    await page.reload();
    const englishTrail = page.locator('.ant-card').filter({ has: page.getByText('Trail', { exact: true }) });
    await englishTrail.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · Public \(online intake\)$/).waitFor();
    await page.evaluate(() => localStorage.setItem('hub.lang', 'zh'));
    await page.reload();
    await page.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();
    // The office is offered only the office's steps on a submitted case.
    await page.getByTestId('offer-ACCEPT').waitFor();
    expect(await page.getByTestId('offer-START_INVESTIGATION').count()).toBe(0);
    await expectAccessible(page, 'case page (office)');
    await takeStep(page, 'ACCEPT', '已受理');
    await takeStep(page, 'ROUTE', '已分办', async (form) => {
      // 转办 is the default, to the project's supervising department (ZJJ).
      await form.getByText('区住建局').waitFor();
      // A split with no departments is refused on the field; going back to a transfer starts the field
      // afresh: its default department and no error left from the split.
      await form.getByLabel('分办', { exact: true }).check();
      await form.getByRole('button', { name: /^确认/ }).click();
      await form.getByText('分办须选择两个及以上部门').waitFor();
      await form.getByLabel('转办', { exact: true }).check();
      await form.getByText('区住建局').waitFor();
      // (antd lets an error fade out: gone from the page, not only hidden)
      await form.getByText('分办须选择两个及以上部门').waitFor({ state: 'detached' });
    });
    await page.getByText('转办 · 区住建局').waitFor();
    await context.close();
  });

  it('the office records a report received by phone with its real receipt time; the form is accessible', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=OFFICE');
    await page.goto(`${origin}/intake/new`);
    await page.locator('.ant-segmented-item').filter({ hasText: '举报' }).click();
    const form = page.getByTestId('intake-form-REPORT');
    await form.getByText('电话').click();
    const yesterday = new Date(Date.now() - 86_400_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(yesterday).replace(' ', 'T');
    await form.getByLabel('实际收件时间（北京时间）').fill(local);
    await choose(page, /所涉项目/, PROJECT_NAME, { typed: PROJECT_CODE });
    await form.getByLabel('匿名举报（不留姓名和联系方式）').check();
    await form.getByLabel('事由（简要）').fill('来电反映投标人串通投标');
    await form.getByLabel('事实、理由和证据').fill('来电人称两家投标人的投标文件由同一人编制。');
    await expectAccessible(page, 'record a received matter');
    await form.getByRole('button', { name: '提交举报' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt.getByTestId('receipt-number').getByText(/^JB/).waitFor();
    const number = (await page.getByTestId('receipt-number').innerText()).trim();
    const office = await token('OFFICE', 'ZWJ');
    const { data } = await query(`{ cases(filter: { kind: REPORT }) { nodes { receiptNumber channel receivedOn anonymous } } }`, {}, office);
    expect(data.cases.nodes.find((c: { receiptNumber: string }) => c.receiptNumber === number)).toEqual({
      receiptNumber: number,
      channel: 'PHONE',
      receivedOn: local.slice(0, 10),
      anonymous: true,
    });
    await context.close();
  });

  it('the department investigates (a step someone else already took is refused as stale and offers a reload), assigns its enforcer, decides and feeds back', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=DEPT&department=ZJJ');
    await page.getByRole('link', { name: '案件办理' }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: receiptNumber });
    await row.waitFor();
    await expectAccessible(page, 'case list (department)');
    await row.getByRole('link', { name: receiptNumber }).click();
    await page.getByTestId('case-status').filter({ hasText: '已分办' }).waitFor();
    await page.getByTestId('offer-START_INVESTIGATION').waitFor();
    expect(await page.getByTestId('offer-ACCEPT').count()).toBe(0);

    // A colleague starts the investigation meanwhile (through the graph): this page is now stale.
    const zjj = await token('DEPT', 'ZJJ');
    const moved = await query(`mutation($i: StartCaseInvestigationInput!) { startInvestigation(input: $i) { status } }`, { i: { caseId } }, zjj);
    expect(moved.data?.startInvestigation.status).toBe('INVESTIGATING');
    await page.getByTestId('offer-START_INVESTIGATION').click();
    await page.getByTestId('step-START_INVESTIGATION').getByRole('button', { name: /^确认/ }).click();
    const stale = page.getByTestId('stale');
    await stale.getByText('此案件已被他人办理或更新').waitFor();
    await stale.getByRole('button', { name: '刷新案件' }).click();
    await page.getByTestId('case-status').filter({ hasText: '调查中' }).waitFor();
    await stale.waitFor({ state: 'detached' });
    expect(await page.getByTestId('offer-START_INVESTIGATION').count()).toBe(0);

    await takeStep(page, 'ASSIGN_ENFORCERS', '调查中', async () => {
      await choose(page, '执法人员', enforcerName, { multiple: true });
    });
    await page.getByText(`${enforcerName}（ZJJ）`).waitFor();
    await takeStep(page, 'DECIDE', '已作出处理决定', async (form) => {
      await form.getByText('属实', { exact: true }).click();
      await form.getByLabel('处理措施').fill('责令招标人组织原评标委员会重新评审');
    });
    await expectAccessible(page, 'case page (department)');
    await takeStep(page, 'SEND_FEEDBACK', '已反馈', async (form) => {
      await form.getByLabel('向投诉/举报人反馈的结果').fill('投诉属实，已责令重新评审。');
    });
    await page.getByText('全程留痕').waitFor();
    await screenshot(page, 'case-page-department');
    await context.close();
  });

  it('the office archives it', async () => {
    const context = await newContext();
    const page = await signIn(context, 'role=OFFICE');
    await page.goto(`${origin}/cases/${caseId}`);
    await page.getByTestId('case-status').filter({ hasText: '已反馈' }).waitFor();
    await takeStep(page, 'ARCHIVE', '已归档');
    // Archived: nothing but supervision is left, and supervision is not offered on an archived case.
    expect(await page.locator('[data-testid^="offer-"]').count()).toBe(0);
    await context.close();
  });

  it('the public status lookup on a phone shows it archived with the result; inspections and credit are searchable', async () => {
    const context = await newContext(true);
    const page = await context.newPage();
    await page.goto(`${origin}/public`);
    await page.getByRole('tab', { name: '进度查询' }).click();
    await page.getByLabel('回执编号').fill(receiptNumber);
    await page.getByLabel('查询密码').fill(secret);
    await page.getByRole('button', { name: '查询办理进度' }).click();
    await page.getByTestId('public-status-value').filter({ hasText: '已归档' }).waitFor();
    await page.getByTestId('public-status').getByText('投诉属实，已责令重新评审。').waitFor();
    await expectAccessible(page, 'public portal: status');
    await screenshot(page, 'public-status-phone');

    await page.getByLabel('查询密码').fill('wrong-secret');
    await page.getByRole('button', { name: '查询办理进度' }).click();
    await page.getByText('回执编号或查询密码不正确').waitFor();

    await page.getByRole('tab', { name: '检查结果' }).click();
    await page.getByText('暂无已公开的检查结果').waitFor();
    await expectAccessible(page, 'public portal: inspections');
    await page.getByRole('tab', { name: '信用记录' }).click();
    await page.getByLabel('按单位名称或统一社会信用代码搜索').fill(TENDERER);
    await page.getByLabel('按单位名称或统一社会信用代码搜索').press('Enter');
    await page.getByText(TENDERER_NAME).waitFor();
    await page.getByText('无已公示的信用记录').waitFor();
    await expectAccessible(page, 'public portal: credit');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('sent no request to any other host', () => {
    expect(external).toEqual([]);
  });
});

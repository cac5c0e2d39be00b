/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './harness';
import { choose, chooseOption, expectAccessible, originOnlyContext, screenshot, signIn as signInAt, startBrowserTestHub } from './web-browser';

/**
 * The inspection and credit work views in a real browser on the demo hub: the office runs a 双随机
 * draw with a member unit through the commit-reveal procedure and the draw page verifies it in the
 * browser; an assigned enforcer records the result; the office publishes it; a department notifies a
 * performance finding and the office records and publishes the credit record. Every view passes
 * axe-core (no serious or critical violation) and no request leaves the origin.
 */

let hub: Hub;
let browser: Browser;
let origin: string;
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

// One draw walked by two units, then its inspections; the steps build on each other.
describe('inspection and credit work in the browser', { timeout: 600_000 }, () => {
  let planId: string;
  let drawId: string;
  let office: Page;

  it('the office creates a plan and runs a draw with ZJJ through freeze, commits and reveals; the draw page verifies it in the browser', async () => {
    const officeContext = await newContext();
    office = await signIn(officeContext, 'role=OFFICE');
    // Opened directly: a narrow menu may fold its entries.
    await office.goto(`${origin}/inspections`);
    await office.getByRole('heading', { name: '双随机抽查' }).waitFor();
    await office.locator('.ant-table-row').first().waitFor();
    await expectAccessible(office, 'inspections: my inspections');
    await office.getByRole('tab', { name: '抽查计划' }).click();
    await office.getByRole('button', { name: '新建抽查计划' }).click();
    const planName = `浏览器抽查计划 ${Date.now()}`;
    await office.getByLabel('计划名称').fill(planName);
    await office.getByLabel(/项目登记期间起/).fill('2025-06-01');
    await office.getByLabel('项目登记期间止').fill('2025-08-31');
    await choose(office, '抽查事项', /./, { multiple: true });
    await expectAccessible(office, 'inspections: new plan');
    await office.getByRole('button', { name: '创建计划' }).click();
    await office.waitForURL(/\/inspections\/plans\//);
    planId = office.url().split('/').pop()!;
    await office.getByRole('heading', { name: planName }).waitFor();

    // 1. Freeze with the office and the housing bureau as participants.
    await choose(office, /参与单位/, '（ZJJ）', { multiple: true });
    await office.getByRole('button', { name: '冻结并公布' }).click();
    await office.locator('[data-testid="round"][data-status="COMMITTING"]').waitFor();
    await expectAccessible(office, 'plan: round committing');

    // 2. Each unit commits from its own browser: a secret made there, only its SHA-256 sent.
    await office.getByRole('button', { name: '在本机生成随机密钥' }).click();
    const officeSecret = (await office.getByTestId('draw-secret').textContent())!.trim();
    expect(officeSecret).toMatch(/^[0-9a-f]{64}$/);
    await office.getByRole('button', { name: '提交承诺' }).click();
    await office.getByText('本单位已完成本步骤，等待其他单位。').waitFor();

    const deptContext = await newContext();
    const dept = await signIn(deptContext, 'role=DEPT&department=ZJJ');
    await dept.goto(`${origin}/inspections/plans/${planId}`);
    await dept.getByRole('button', { name: '在本机生成随机密钥' }).click();
    const deptSecret = (await dept.getByTestId('draw-secret').textContent())!.trim();
    expect(deptSecret).not.toBe(officeSecret);
    await dept.getByRole('button', { name: '提交承诺' }).click();
    await dept.locator('[data-testid="round"][data-status="REVEALING"]').waitFor();
    // The office reveals first: the department's reveal waits for it.
    await dept.getByText('办公室须先揭示密钥，之后其他单位才能揭示。').waitFor();
    expect(await dept.getByRole('button', { name: '揭示密钥' }).isDisabled()).toBe(true);

    // 3. Reveals: a wrong secret is refused on the field before anything is sent; the kept one goes through.
    await office.getByRole('button', { name: /刷\s*新/ }).click();
    const secretField = office.getByLabel(/本单位提交承诺时保存的密钥/);
    await secretField.waitFor();
    expect(await secretField.inputValue()).toBe(officeSecret);
    await secretField.fill('ab'.repeat(32));
    await office.getByRole('button', { name: '揭示密钥' }).click();
    await office.getByText('该密钥的 SHA-256 与本单位的承诺不符').waitFor();
    await secretField.fill(officeSecret);
    await office.getByRole('button', { name: '揭示密钥' }).click();
    await office.getByText('本单位已完成本步骤，等待其他单位。').waitFor();

    await dept.getByRole('button', { name: /刷\s*新/ }).click();
    // A click waits until the button is enabled, i.e. until the office's reveal shows.
    await dept.getByRole('button', { name: '揭示密钥' }).click();
    await dept.locator('[data-testid="round"][data-status="REVEALED"]').waitFor();
    await deptContext.close();

    // 4. The office makes the draw; the draw page re-runs it in this browser.
    await office.getByRole('button', { name: /刷\s*新/ }).click();
    await office.getByRole('button', { name: '执行抽取' }).click();
    await office.waitForURL(/\/inspections\/draws\//);
    drawId = office.url().split('/').pop()!;
    await office.getByTestId('draw-verified').waitFor();
    expect(await office.getByTestId('draw-verification').getAttribute('data-outcome')).toBe('verified');
    for (const check of ['manifest', 'commitments', 'seed', 'result', 'inspections']) {
      expect(await office.getByTestId(`check-${check}`).getAttribute('data-ok'), check).toBe('true');
    }
    // The browser's answer agrees with the server's own re-run.
    const { data } = await hub.query('query($id: ID!) { verifyDraw(drawId: $id) { matches seed } }', { id: drawId }, await hub.token('OFFICE'));
    expect(data.verifyDraw.matches).toBe(true);
    expect(await office.getByText(data.verifyDraw.seed).count()).toBeGreaterThan(0);
    await expectAccessible(office, 'draw page');
    await screenshot(office, 'work-draw-verified');
  });

  it('an assigned enforcer records a result and a finding; the office publishes it', async () => {
    expect(drawId).toBeDefined();
    const officeToken = await hub.token('OFFICE');
    const { data } = await hub.query(
      'query($planId: ID!) { inspections(filter: { planId: $planId }, first: 1) { nodes { id inspectors { id department { code } } } } }',
      { planId },
      officeToken,
    );
    const inspection = data.inspections.nodes[0];
    const inspector = inspection.inspectors[0];

    const enforcerContext = await newContext();
    const enforcer = await signIn(enforcerContext, `role=ENFORCER&department=${inspector.department.code}&sub=${inspector.id}`);
    await enforcer.goto(`${origin}/inspections`);
    await enforcer.getByRole('tab', { name: '我的检查任务' }).waitFor();
    await enforcer.locator(`a[href="/inspections/${inspection.id}"]`).click();
    await enforcer.getByRole('heading', { name: /联合检查/ }).waitFor();
    const form = enforcer.locator('form#inspection-result');
    const outcomes = form.locator('.ant-select').filter({ has: enforcer.locator('[id$="_outcome"]') });
    const count = await outcomes.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      await chooseOption(outcomes.nth(i), '不符合');
    }
    await enforcer.getByRole('button', { name: '添加发现问题' }).click();
    await enforcer.getByLabel('问题描述').fill('招标文件设置了排斥潜在投标人的资格条件');
    // The client's check mirrors the server's: a malformed credit code is refused before sending.
    await enforcer.getByLabel('涉及主体的统一社会信用代码').fill('91421000MA4F0XXX00');
    await enforcer.keyboard.press('Enter');
    await enforcer.getByRole('button', { name: '保存检查结果' }).click();
    await enforcer.getByText(/统一社会信用代码无效/).waitFor();
    await expectAccessible(enforcer, 'inspection: record form');
    // Nothing typed is lost: the finding is still there; without the bad code it goes through.
    expect(await enforcer.getByLabel('问题描述').inputValue()).toBe('招标文件设置了排斥潜在投标人的资格条件');
    await enforcer.locator('.ant-select-selection-item-remove').last().click();
    await enforcer.getByRole('button', { name: '保存检查结果' }).click();
    try {
      await enforcer.getByTestId('inspection-status').getByText('已录入结果').waitFor();
    } catch (error) {
      await screenshot(enforcer, 'work-inspection-record-failed');
      const shown = await enforcer.locator('[data-testid="refusal"], .ant-form-item-explain-error').allTextContents();
      throw new Error(`the result was not recorded; the page shows: ${JSON.stringify(shown)} (${(error as Error).message})`);
    }
    await enforcer.getByText('招标文件设置了排斥潜在投标人的资格条件').waitFor();
    // Publishing is the office's: not offered to the enforcer.
    expect(await enforcer.getByRole('button', { name: /公开检查结果/ }).count()).toBe(0);
    await enforcerContext.close();

    await office.goto(`${origin}/inspections/${inspection.id}`);
    await office.getByRole('button', { name: /公开检查结果/ }).click();
    await office.getByTestId('inspection-status').getByText('已公开').waitFor();
    await expectAccessible(office, 'inspection page');
    await screenshot(office, 'work-inspection-published');

    // Published: the draw is now public and still verifies in the browser.
    await office.goto(`${origin}/inspections/draws/${drawId}`);
    await office.getByTestId('draw-verified').waitFor();
  });

  it('a department notifies a performance finding; the office records it as a credit record and publishes it', async () => {
    const deptToken = await hub.token('DEPT', 'ZJJ');
    const { data } = await hub.query(
      '{ projects(filter: { supervisingDepartment: "ZJJ" }, first: 1) { nodes { id code name tenderer { creditCode } } } }',
      {},
      deptToken,
    );
    const project = data.projects.nodes[0];
    const facts = `未按合同约定派驻项目经理 ${Date.now()}`;

    const deptContext = await newContext();
    const dept = await signIn(deptContext, 'role=DEPT&department=ZJJ');
    await dept.goto(`${origin}/credit`);
    await dept.getByRole('heading', { name: '信用管理' }).waitFor();
    await dept.getByRole('button', { name: '通报履约问题' }).click();
    const dialog = dept.getByRole('dialog');
    await choose(dialog, '本部门监管的项目', project.code);
    await dialog.getByLabel(/统一社会信用代码或从业人员编号/).fill(project.tenderer.creditCode);
    await dialog.getByLabel('问题事实').fill(facts);
    await choose(dialog, '建议适用条款', /./);
    await expectAccessible(dept, 'credit: notify form');
    await dialog.getByRole('button', { name: '提交通报' }).click();
    await dept
      .locator('.ant-table-row', { hasText: facts })
      .getByText(/剩余 \d+ 个工作日/)
      .waitFor();
    // Recording is the bureau's: not offered to the department.
    expect(await dept.getByRole('button', { name: '记录信用' }).count()).toBe(0);
    await expectAccessible(dept, 'credit: notifications (department)');
    await deptContext.close();

    await office.goto(`${origin}/credit`);
    const row = office.locator('.ant-table-row', { hasText: facts });
    await row.getByRole('button', { name: '记录信用' }).click();
    const recordDialog = office.getByRole('dialog');
    await recordDialog.getByRole('button', { name: '保存草稿' }).click();
    await recordDialog.waitFor({ state: 'detached' });
    await office.getByRole('tab', { name: '信用记录' }).click();
    await choose(office, '按状态筛选', '草稿');
    const draft = office.locator('.ant-table-row', { hasText: facts });
    await draft.getByRole('button', { name: /^公\s*示$/ }).click();
    // Publishing discloses the record: asked once more.
    await office.locator('.ant-popconfirm').getByRole('button', { name: '确认公示' }).click();
    await choose(office, '按状态筛选', '公示中');
    await office.locator('.ant-table-row', { hasText: facts }).getByText('公示中').waitFor();
    await expectAccessible(office, 'credit: records');
    await screenshot(office, 'work-credit-records');
    const published = await hub.query('query($f: String!) { creditRecords(filter: { subjectKey: $f, status: IN_PUBLICITY }, first: 50) { nodes { facts } } }', {
      f: project.tenderer.creditCode,
    });
    expect(published.data.creditRecords.nodes.map((n: { facts: string }) => n.facts)).toContain(facts);

    for (const tab of ['扣分标准', '失信联合惩戒名单', '代理机构信用评价']) {
      await office.getByRole('tab', { name: tab }).click();
      await office.getByRole('tabpanel', { name: tab }).locator('.ant-table').waitFor();
      await expectAccessible(office, `credit: ${tab}`);
    }
  });

  it('no page asked any other host for anything', () => {
    expect(external).toEqual([]);
  });
});

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hub/kit';
import type { Hub } from './harness';
import { choose, expectAccessible, originOnlyContext, PHONE, screenshot, signIn as signInAt, startBrowserTestHub } from './web-browser';

/**
 * The public portal and the office's views in a real browser on the demo hub: the 一窗受理 queue by
 * the nearest acceptance deadline; on a phone, a published draw verified by the public and the credit
 * search of practitioners; the credit dialogs the work-view test leaves out (a record drafted in the
 * dialog, an objection entered and decided, a rule added and changed, the joint-punishment list and the
 * agency evaluations). Every view passes axe-core and no request leaves the origin.
 */

let hub: Hub;
let browser: Browser;
let origin: string;
let officeToken: string;
const external: string[] = [];

beforeAll(async () => {
  ({ hub, origin, browser } = await startBrowserTestHub());
  officeToken = await hub.token('OFFICE', 'ZWJ');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const newContext = (options = {}): Promise<BrowserContext> => originOnlyContext(browser, origin, external, options);
const signIn = (context: BrowserContext, query: string): Promise<Page> => signInAt(context, origin, query);

async function asOffice<T = any>(source: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await hub.query(source, variables, officeToken);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

describe('the office and the public in the browser', { timeout: 600_000 }, () => {
  it('一窗受理 lists the submitted cases by the nearest acceptance deadline, as the graph orders them', async () => {
    const { cases } = await asOffice(`{ cases(filter: { status: SUBMITTED }, orderBy: ACCEPTANCE_DEADLINE, first: 20) {
      nodes { receiptNumber acceptanceDeadline { dueOn } } } }`);
    expect(cases.nodes.length, 'the demo data has submitted cases').toBeGreaterThan(0);
    const context = await newContext();
    const office = await signIn(context, 'role=OFFICE');
    await office.goto(`${origin}/intake`);
    await office.getByRole('heading', { name: /一窗受理/ }).waitFor();
    await office.locator('.ant-table-row', { hasText: cases.nodes[0].receiptNumber }).waitFor();
    const receipts = await office.locator('.ant-table-row td:first-child').allTextContents();
    expect(receipts).toEqual(cases.nodes.map((c: { receiptNumber: string }) => c.receiptNumber));
    const due = cases.nodes.map((c: { acceptanceDeadline: { dueOn: string } }) => c.acceptanceDeadline.dueOn);
    expect(due).toEqual([...due].sort());
    await expectAccessible(office, 'intake queue');
    await context.close();
  });

  it('on a phone, the public lists the published draws and verifies one in the browser, with nothing of the office staff', async () => {
    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${origin}/public?tab=draws`);
    const verify = page.getByRole('button', { name: /^验证抽取/ });
    await verify.first().waitFor();
    await expectAccessible(page, 'public: draws');
    await screenshot(page, 'public-draws');
    await verify.first().click();
    await page.waitForURL(/[?&]draw=/);
    const drawId = new URL(page.url()).searchParams.get('draw')!;
    await page.getByTestId('draw-verified').waitFor();
    expect(await page.getByTestId('draw-verification').getAttribute('data-outcome')).toBe('verified');
    for (const check of ['manifest', 'commitments', 'seed', 'result', 'inspections']) {
      expect(await page.getByTestId(`check-${check}`).getAttribute('data-ok'), check).toBe('true');
    }
    // The browser agrees with the server's own re-run, asked without a token too.
    const server = await hub.query('query($id: ID!) { verifyDraw(drawId: $id) { matches seed } }', { id: drawId });
    expect(server.data.verifyDraw.matches).toBe(true);
    expect(await page.getByText(server.data.verifyDraw.seed).count()).toBeGreaterThan(0);
    // Who in the office froze and drew is not part of the publication.
    const staff = await asOffice('query($id: ID!) { inspectionDraw(id: $id) { committedBy round { frozenBy } } }', { id: drawId });
    const text = await page.locator('body').innerText();
    for (const subject of [staff.inspectionDraw.committedBy, staff.inspectionDraw.round.frozenBy]) expect(text).not.toContain(subject);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling on a 390 px screen').toBeLessThanOrEqual(390);
    await expectAccessible(page, 'public: draw verified');
    await screenshot(page, 'public-draw-verified');
    await page.getByRole('button', { name: '返回抽取列表' }).click();
    await verify.first().waitFor();
    await context.close();
  });

  it('on a phone, every tab of the public portal is on screen in Chinese and in English, none folded into a menu', async () => {
    const context = await newContext(PHONE);
    const page = await context.newPage();
    for (const lang of ['zh', 'en']) {
      await page.goto(`${origin}/public`);
      await page.evaluate((value) => localStorage.setItem('hub.lang', value), lang);
      await page.reload();
      const tabs = page.getByRole('tab');
      await tabs.first().waitFor();
      expect(await tabs.count(), lang).toBe(5);
      for (const box of await tabs.evaluateAll((list) => list.map((tab) => tab.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.left, lang).toBeGreaterThanOrEqual(0);
        expect(box.right, lang).toBeLessThanOrEqual(390);
      }
      // antd folds the tabs that do not fit into a "…" menu; with all of them on screen it stays hidden.
      expect(await page.locator('.ant-tabs-nav-operations:not(.ant-tabs-nav-operations-hidden)').count(), lang).toBe(0);
      await screenshot(page, `public-tabs-${lang}`);
    }
    await context.close();
  });

  it('the office drafts a practitioner record in the dialog and publishes it; on a phone the public finds it by name, never an identity number', async () => {
    const { practitioners } = await asOffice('{ practitioners(first: 1) { nodes { id name } } }');
    const practitioner = practitioners.nodes[0];
    const facts = `项目经理未按投标承诺到岗履职 ${Date.now()}`;

    const officeContext = await newContext();
    const office = await signIn(officeContext, 'role=OFFICE');
    await office.goto(`${origin}/credit`);
    await office.getByRole('tab', { name: '信用记录' }).click();
    await office.getByRole('button', { name: '新建信用记录' }).click();
    const dialog = office.getByRole('dialog');
    await choose(dialog, '来源', '案件处理决定');
    await dialog.getByLabel(/来源编号/).fill(randomUUID());
    await choose(dialog, '适用条款', /./);
    await dialog.getByRole('radio', { name: '从业人员' }).check();
    await dialog.getByLabel('统一社会信用代码或从业人员编号').fill(practitioner.id);
    await dialog.getByLabel('事实').fill(facts);
    await expectAccessible(office, 'credit: new record');
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    await dialog.waitFor({ state: 'detached' });
    await choose(office, '按状态筛选', '草稿');
    await office
      .locator('.ant-table-row', { hasText: facts })
      .getByRole('button', { name: /^公\s*示$/ })
      .click();
    // Publishing is a disclosure: it is asked once more, and cancelling leaves the draft a draft.
    const confirm = office.locator('.ant-popconfirm');
    await confirm.getByText('确认公示该信用记录？').waitFor();
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    await confirm.waitFor({ state: 'hidden' });
    await office.locator('.ant-table-row', { hasText: facts }).getByText('草稿').waitFor();
    await office
      .locator('.ant-table-row', { hasText: facts })
      .getByRole('button', { name: /^公\s*示$/ })
      .click();
    await confirm.getByRole('button', { name: '确认公示' }).click();
    await choose(office, '按状态筛选', '公示中');
    await office.locator('.ant-table-row', { hasText: facts }).getByText('公示中').waitFor();
    await officeContext.close();

    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${origin}/public?tab=credit`);
    await page.locator('.ant-segmented-item', { hasText: '从业人员' }).click();
    const search = page.getByLabel('按从业人员姓名搜索');
    await search.fill(practitioner.name);
    await search.press('Enter');
    const found = page.locator('.ant-list-item', { hasText: facts });
    await found.waitFor();
    expect(await found.innerText()).toContain(practitioner.name);
    const rows: { identity_number: string }[] = await hub.subgraphs
      .get('projects')!
      .orm.em.fork()
      .getConnection()
      .execute('select identity_number from practitioner where id = ?', [practitioner.id]);
    const html = await page.content();
    expect(html).not.toContain(rows[0].identity_number);
    expect(html).not.toMatch(/\d{3}\*{13}[\dX]{2}/);
    await expectAccessible(page, 'public: practitioner credit');
    await screenshot(page, 'public-practitioner-credit');
    await context.close();
  });

  it('the office enters an objection during publicity and corrects the record', async () => {
    const { creditRules } = await asOffice('{ creditRules { code points active serious } }');
    const rule = creditRules.find((r: { active: boolean; serious: boolean; points: number }) => r.active && !r.serious && r.points >= 2);
    const { marketEntities } = await asOffice('{ marketEntities(first: 1) { nodes { creditCode } } }');
    const facts = `投标文件中业绩证明材料与实际不符 ${Date.now()}`;
    const created = await asOffice(`mutation($input: CreateCreditRecordInput!) { createCreditRecord(input: $input) { id } }`, {
      input: {
        sourceKind: 'CASE_DECISION',
        sourceRef: randomUUID(),
        ruleCode: rule.code,
        subjectType: 'MARKET_ENTITY',
        subjectKey: marketEntities.nodes[0].creditCode,
        facts,
      },
    });
    const id = created.createCreditRecord.id;
    await asOffice('mutation($id: ID!) { publishCreditRecord(id: $id) { status } }', { id });

    const context = await newContext();
    const office = await signIn(context, 'role=OFFICE');
    await office.goto(`${origin}/credit`);
    await office.getByRole('tab', { name: '信用记录' }).click();
    await choose(office, '按状态筛选', '公示中');
    await office.locator('.ant-table-row', { hasText: facts }).getByRole('button', { name: '登记异议' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('异议人').fill('湖北某建设有限公司');
    await dialog.getByLabel('异议理由').fill('业绩证明材料系合同备案原件，已补充提交');
    // Outside publicity: the form says so on the field before anything is sent.
    await dialog.getByLabel(/提出日期/).fill('2020-01-06');
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '须在公示期' }).waitFor();
    await expectAccessible(office, 'credit: objection form');
    expect(await dialog.getByLabel('异议理由').inputValue()).toBe('业绩证明材料系合同备案原件，已补充提交');
    await dialog.getByLabel(/提出日期/).fill(todayInShanghai());
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    await dialog.waitFor({ state: 'detached' });

    await choose(office, '按状态筛选', '异议中');
    await office.locator('.ant-table-row', { hasText: facts }).getByRole('button', { name: '异议处理' }).click();
    const decision = office.getByRole('dialog');
    await decision.getByText('业绩证明材料系合同备案原件').waitFor();
    await decision.getByRole('radio', { name: '更正' }).check();
    await decision.getByLabel(/更正后的扣分/).fill(String(rule.points - 1));
    await decision.getByLabel('决定理由').fill('经核实，部分业绩材料属实，减轻扣分');
    await expectAccessible(office, 'credit: objection decision');
    await decision.getByRole('button', { name: '作出决定' }).click();
    await decision.waitFor({ state: 'detached' });

    await choose(office, '按状态筛选', '已更正');
    const row = office.locator('.ant-table-row', { hasText: facts });
    await row.getByText('已更正').first().waitFor();
    expect(await row.innerText()).toContain('减轻扣分');
    const stored = await asOffice('query($id: ID!) { creditRecord(id: $id) { status points objection { outcome } } }', { id });
    expect(stored.creditRecord).toEqual({ status: 'CORRECTED', points: rule.points - 1, objection: { outcome: 'CORRECTED' } });
    await expectAccessible(office, 'credit: corrected record');
    await screenshot(office, 'work-credit-objection-decided');
    await context.close();
  });

  it('the office adds a serious rule to the catalogue and changes it; the lists show the graph’s rows', async () => {
    const code = `BT-${Date.now().toString(36).toUpperCase()}`;
    const context = await newContext();
    const office = await signIn(context, 'role=OFFICE');
    await office.goto(`${origin}/credit`);
    await office.getByRole('tab', { name: '扣分标准' }).click();
    await office.getByRole('button', { name: '新增条款' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('条款编号').fill('bad code');
    await dialog.getByLabel('失信行为').fill('伪造、变造资格证书参加投标');
    await dialog.getByLabel(/^扣分/).fill('3');
    await dialog.getByRole('switch', { name: /严重失信/ }).click();
    await dialog.getByLabel(/联合惩戒期限/).fill('6');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await dialog.getByText('2 至 32 位大写字母、数字或短横线').waitFor();
    await expectAccessible(office, 'credit: new rule');
    await dialog.getByLabel('条款编号').fill(code);
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = office.locator('.ant-table-row', { hasText: code });
    await row.getByText('是（联合惩戒 6 个月）').waitFor();

    await row.getByRole('button', { name: /^修\s*改$/ }).click();
    const change = office.getByRole('dialog');
    expect(await change.getByLabel('条款编号').isDisabled()).toBe(true);
    await change.getByLabel(/^扣分/).fill('4');
    await change.getByRole('button', { name: /^保\s*存$/ }).click();
    await change.waitFor({ state: 'detached' });
    await office.locator('.ant-table-row', { hasText: code }).locator('td', { hasText: /^4$/ }).waitFor();
    const { creditRules } = await asOffice('{ creditRules(includeInactive: true) { code points serious punishmentMonths } }');
    expect(creditRules.find((r: { code: string }) => r.code === code)).toEqual({ code, points: 4, serious: true, punishmentMonths: 6 });

    // The joint-punishment list: the graph's first page, row for row.
    const { jointPunishmentList } = await asOffice('{ jointPunishmentList(first: 20) { totalCount nodes { subjectKey } } }');
    await office.getByRole('tab', { name: '失信联合惩戒名单' }).click();
    const panel = office.getByRole('tabpanel', { name: '失信联合惩戒名单' });
    if (jointPunishmentList.totalCount > 0) await panel.locator('.ant-table-row', { hasText: jointPunishmentList.nodes[0].subjectKey }).waitFor();
    else await panel.locator('.ant-empty').waitFor();
    expect(await panel.locator('.ant-table-row').count()).toBe(jointPunishmentList.nodes.length);
    await expectAccessible(office, 'credit: joint punishment list');

    // Agency evaluations: the office computes the year's; the table then shows them, computed today.
    const year = Number(todayInShanghai().slice(0, 4));
    const { projects } = await asOffice(
      'query($from: LocalDate!, $to: LocalDate!) { projects(filter: { registeredFrom: $from, registeredTo: $to }, first: 100) { nodes { tenderAgency { name } } } }',
      { from: `${year}-01-01`, to: `${year}-12-31` },
    );
    const agencyNames = projects.nodes.flatMap((p: { tenderAgency: { name: string } | null }) => (p.tenderAgency ? [p.tenderAgency.name] : []));
    expect(agencyNames.length, 'the demo data has projects with a tender agency this year').toBeGreaterThan(0);
    await office.getByRole('tab', { name: '代理机构信用评价' }).click();
    const agencies = office.getByRole('tabpanel', { name: '代理机构信用评价' });
    await agencies.locator('.ant-table').waitFor();
    await agencies.getByRole('button', { name: '计算本年度评价' }).click();
    await agencies.locator('.ant-table-row', { hasText: todayInShanghai() }).first().waitFor();
    const { agencyEvaluations } = await asOffice(
      'query($year: Int!) { agencyEvaluations(year: $year, first: 20) { totalCount nodes { agencyName computedOn } } }',
      {
        year,
      },
    );
    expect(agencyEvaluations.totalCount).toBeGreaterThan(0);
    for (const a of agencyEvaluations.nodes) expect(a.computedOn).toBe(todayInShanghai());
    expect(await agencies.locator('.ant-table-row').count()).toBe(agencyEvaluations.nodes.length);
    await expectAccessible(office, 'credit: agency evaluations');
    await screenshot(office, 'work-credit-agencies');
    await context.close();
  });

  it('no page asked any other host for anything', () => {
    expect(external).toEqual([]);
  });
});

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './harness';
import { ARTIFACTS, expectAccessible, originOnlyContext, signIn as signInAt, startBrowserTestHub } from './web-browser';

/**
 * 两月研判 in a real browser on the demo hub: /review for a fixed period shows every line department
 * the graph lists; the exported workbook, parsed here, holds exactly the graph's figures (asked
 * directly through the gateway); the print layout leaves the menu out and fits A4; axe-core finds no
 * serious violation; no request leaves the origin.
 */
const PERIOD = { from: '2026-09-01', to: '2026-10-31' };

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

const newContext = (): Promise<BrowserContext> => originOnlyContext(browser, origin, external, { acceptDownloads: true });
const signIn = (context: BrowserContext, query: string): Promise<Page> => signInAt(context, origin, query);

interface GraphDepartment {
  code: string;
  nameZh: string;
  kind: string;
  caseStats: Record<string, number> & { byKind: { kind: string; count: number }[] };
  inspectionStats: Record<string, number>;
  creditStats: Record<string, number>;
}

/** The review's figures asked of the graph directly (not through the app's own operation document). */
async function graphFigures(period: { from: string; to: string }): Promise<GraphDepartment[]> {
  const { data, errors } = await hub.query<{ departments: GraphDepartment[] }>(
    /* GraphQL */ `
      query ($period: PeriodInput!) {
        departments {
          code
          nameZh
          kind
          caseStats(period: $period) {
            received
            accepted
            rejected
            resolvedOnTime
            resolvedLate
            overdue
            byKind {
              kind
              count
            }
          }
          inspectionStats(period: $period) {
            poolSize
            drawn
            ratio
            done
            findings
          }
          creditStats(period: $period) {
            notificationsReceived
            recordedOnTime
            recordedLate
            closedWithoutRecord
            overdue
            recordsPublished
            pointsDeducted
            entitiesRestricted
          }
        }
      }
    `,
    { period },
    await hub.token('LEADER'),
  );
  expect(errors).toBeUndefined();
  return data!.departments;
}

const kind = (d: GraphDepartment, k: string) => d.caseStats.byKind.find((x) => x.kind === k)?.count ?? 0;

/**
 * The district's case figures for the period, by the case sheet's headers, each asked of the graph on
 * its own as the list of cases it counts (each case once, whichever departments handle it).
 */
async function districtCaseFigures(period: { from: string; to: string }): Promise<Record<string, number>> {
  const figures: [header: string, filter: string][] = [
    ['本期收件', 'review: { period: $period, figure: RECEIVED }'],
    ['其中投诉', 'kind: COMPLAINT, review: { period: $period, figure: RECEIVED }'],
    ['其中举报', 'kind: REPORT, review: { period: $period, figure: RECEIVED }'],
    ['其中检查发现', 'kind: INSPECTION_FINDING, review: { period: $period, figure: RECEIVED }'],
    ['其中交办', 'kind: REFERRAL, review: { period: $period, figure: RECEIVED }'],
    ['受理', 'review: { period: $period, figure: ACCEPTED }'],
    ['不予受理', 'review: { period: $period, figure: REJECTED }'],
    ['按期办结', 'review: { period: $period, figure: RESOLVED_ON_TIME }'],
    ['超期办结', 'review: { period: $period, figure: RESOLVED_LATE }'],
    ['期末逾期', 'review: { period: $period, figure: OVERDUE }'],
  ];
  const result: Record<string, number> = {};
  for (const [header, filter] of figures) {
    const { data, errors } = await hub.query(
      `query($period: PeriodInput!) { cases(filter: { ${filter} }, first: 500) { totalCount nodes { id } } }`,
      { period },
      await hub.token('LEADER'),
    );
    expect(errors).toBeUndefined();
    // Counted once each: the list has no case twice.
    const ids = (data!.cases.nodes as { id: string }[]).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    result[header] = data!.cases.totalCount;
  }
  return result;
}

/** Each sheet's Chinese headers and where the graph keeps the figure under them. */
const SHEETS: Record<string, Record<string, (d: GraphDepartment) => number>> = {
  案件办理: {
    本期收件: (d) => d.caseStats.received,
    其中投诉: (d) => kind(d, 'COMPLAINT'),
    其中举报: (d) => kind(d, 'REPORT'),
    其中检查发现: (d) => kind(d, 'INSPECTION_FINDING'),
    其中交办: (d) => kind(d, 'REFERRAL'),
    受理: (d) => d.caseStats.accepted,
    不予受理: (d) => d.caseStats.rejected,
    按期办结: (d) => d.caseStats.resolvedOnTime,
    超期办结: (d) => d.caseStats.resolvedLate,
    期末逾期: (d) => d.caseStats.overdue,
  },
  双随机抽查覆盖: {
    抽查项目库: (d) => d.inspectionStats.poolSize,
    抽中检查: (d) => d.inspectionStats.drawn,
    覆盖率: (d) => d.inspectionStats.ratio,
    已检查: (d) => d.inspectionStats.done,
    发现问题: (d) => d.inspectionStats.findings,
  },
  信用监管: {
    履约通报: (d) => d.creditStats.notificationsReceived,
    按期记录: (d) => d.creditStats.recordedOnTime,
    超期记录: (d) => d.creditStats.recordedLate,
    不予记录: (d) => d.creditStats.closedWithoutRecord,
    期末逾期: (d) => d.creditStats.overdue,
    信用记录公示: (d) => d.creditStats.recordsPublished,
    扣分: (d) => d.creditStats.pointsDeducted,
    列入联合惩戒: (d) => d.creditStats.entitiesRestricted,
  },
};

const SECTION_TEST_IDS: Record<string, string> = { 案件办理: 'review-cases', 双随机抽查覆盖: 'review-inspections', 信用监管: 'review-credit' };

/** Every figure of every section's table on screen is the graph's (coverage as a percentage with one decimal). */
async function expectScreenFigures(page: Page, line: GraphDepartment[]): Promise<void> {
  for (const [name, figures] of Object.entries(SHEETS)) {
    const section = page.getByTestId(SECTION_TEST_IDS[name]!);
    for (const d of line) {
      const cells = await section
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: d.nameZh, exact: true }) })
        .getByRole('cell')
        .allTextContents();
      const expected = Object.entries(figures).map(([header, figure]) => (header === '覆盖率' ? `${(figure(d) * 100).toFixed(1)}%` : String(figure(d))));
      expect(cells.slice(1), `${name} ${d.nameZh}`).toEqual(expected);
    }
  }
}

/**
 * The totals row: the district's own case figures (a split case is in several departments' rows, the
 * office's own cases in none); for the other sections sums, coverage as all drawn over all pooled, no
 * total of restricted subjects (they may repeat across departments).
 */
function expectedTotal(sheet: string, header: string, line: GraphDepartment[], district: Record<string, number>): number | null {
  if (sheet === '案件办理') return district[header]!;
  if (header === '列入联合惩戒') return null;
  if (header === '覆盖率') {
    const pool = line.reduce((n, d) => n + d.inspectionStats.poolSize, 0);
    return pool === 0 ? 0 : line.reduce((n, d) => n + d.inspectionStats.drawn, 0) / pool;
  }
  return line.reduce((n, d) => n + SHEETS[sheet]![header]!(d), 0);
}

// A page load runs many operations through the whole hub; a busy machine takes its time.
describe('两月研判 the bimonthly review in a browser', { timeout: 300_000 }, () => {
  it(`/review?from=${PERIOD.from}&to=${PERIOD.to} shows every line department, exports the graph's figures, prints on A4 without the menu`, async () => {
    const departments = await graphFigures(PERIOD);
    const district = await districtCaseFigures(PERIOD);
    const line = departments.filter((d) => d.kind === 'LINE');
    expect(line.length).toBeGreaterThanOrEqual(5);
    // The demo data has work in the period, so a workbook of zeros or of the wrong period fails below.
    expect(line.reduce((n, d) => n + d.caseStats.received, 0)).toBeGreaterThan(0);

    const context = await newContext();
    const page = await signIn(context, 'role=LEADER');
    await page.goto(`${origin}/review?from=${PERIOD.from}&to=${PERIOD.to}`);
    await page.getByRole('heading', { name: /两月研判/ }).waitFor();
    await expect.poll(() => page.getByTestId('review-period').textContent()).toContain(`${PERIOD.from} 至 ${PERIOD.to}`);
    const cases = page.getByTestId('review-cases');
    for (const d of line) await cases.getByRole('cell', { name: d.nameZh, exact: true }).waitFor();
    // Only line departments: the trading center and the office are member units but supervise no projects.
    for (const d of departments.filter((x) => x.kind !== 'LINE'))
      await expect(cases.getByRole('cell', { name: d.nameZh, exact: true }).count()).resolves.toBe(0);
    await expectScreenFigures(page, line);
    // The case section's totals row is the district's figures, with the note saying so.
    const totalRow = cases.locator('.ant-table-summary tr');
    await expect
      .poll(async () => (await totalRow.getByRole('cell').allTextContents()).slice(1))
      .toEqual(Object.keys(SHEETS['案件办理']!).map((header) => String(district[header])));
    await page
      .getByTestId('review-cases-total-note')
      .getByText(/每案只计一次/)
      .waitFor();
    for (const key of ['cases', 'inspections', 'credit']) await page.getByTestId(`review-chart-${key}`).locator('canvas').waitFor();
    await expectAccessible(page, 'review');
    await page.screenshot({ path: join(ARTIFACTS, 'review.png'), fullPage: true });

    // Export: the file the browser downloads, parsed with exceljs, figure by figure against the graph.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe(`两月研判_${PERIOD.from}_${PERIOD.to}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.keys(SHEETS));
    let compared = 0;
    for (const [name, figures] of Object.entries(SHEETS)) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.getCell('A1').text, name).toContain(`${PERIOD.from} 至 ${PERIOD.to}`);
      const headers = (sheet.getRow(3).values as unknown[]).slice(1).map(String);
      // Every column is checked: a figure added to the workbook without a check here fails.
      expect(headers, name).toEqual(['部门', ...Object.keys(figures)]);
      const rows = new Map<string, unknown[]>();
      sheet.eachRow((row, number) => {
        if (number > 3)
          rows.set(
            row.getCell(1).text,
            headers.map((_, i) => row.getCell(i + 1).value),
          );
      });
      expect([...rows.keys()], name).toEqual([...line.map((d) => d.nameZh), '合计']);
      for (const d of line) {
        Object.values(figures).forEach((figure, i) => {
          expect(rows.get(d.nameZh)![i + 1], `${name} ${d.nameZh} ${headers[i + 1]}`).toBe(figure(d));
          compared++;
        });
      }
      Object.keys(figures).forEach((header, i) => {
        const total = rows.get('合计')![i + 1] ?? null;
        const expected = expectedTotal(name, header, line, district);
        if (expected == null) expect(total, `${name} 合计 ${header}`).toBeNull();
        else expect(total as number, `${name} 合计 ${header}`).toBeCloseTo(expected, 10);
      });
    }
    expect(compared).toBe(line.length * 23);

    // Print: A4's printable width (210 mm less 12 mm margins, at 96 dpi), no menu, nothing wider than the page.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: '主菜单' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: /导出 Excel/ }).isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('review-credit').isVisible()).resolves.toBe(true);
    const widest = await page.evaluate(() => {
      const parts = Array.from(document.querySelectorAll('.review-section, .review-section table, .review-chart canvas'));
      return { page: document.documentElement.scrollWidth, parts: Math.max(...parts.map((e) => e.getBoundingClientRect().right)), count: parts.length };
    });
    expect(widest.count).toBeGreaterThanOrEqual(9);
    expect(widest.page).toBeLessThanOrEqual(703);
    expect(widest.parts).toBeLessThanOrEqual(703);
    await page.screenshot({ path: join(ARTIFACTS, 'review-print.png'), fullPage: true });
    const pdf = join(ARTIFACTS, 'review.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    await context.close();
  });

  it('the office opens the review of the current two-month period with the graph’s figures; a department officer is refused', async () => {
    const office = await newContext();
    const page = await signIn(office, 'role=OFFICE');
    // No period in the address: the current two-month period.
    await page.goto(`${origin}/review`);
    await page.getByTestId('review-cases').waitFor();
    await expect.poll(() => page.getByTestId('review-period').textContent()).toMatch(/^\d{4}-\d{2}-01 至 \d{4}-\d{2}-\d{2}$/);
    // The current period has this year's demo draw and recent credit work: its figures on screen are the graph's too.
    const [from, to] = (await page.getByTestId('review-period').textContent())!.split(' 至 ') as [string, string];
    const current = (await graphFigures({ from, to })).filter((d) => d.kind === 'LINE');
    await expectScreenFigures(page, current);
    // The picker puts the period in the address (a link to the review of a period can be shared).
    await page.getByLabel('开始日期').fill(PERIOD.from);
    await page.getByLabel('结束日期').fill(PERIOD.to);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(`${origin}/review?from=${PERIOD.from}&to=${PERIOD.to}`);
    await expect.poll(() => page.getByTestId('review-period').textContent()).toBe(`${PERIOD.from} 至 ${PERIOD.to}`);
    await office.close();

    const dept = await newContext();
    const officer = await signIn(dept, 'role=DEPT&department=ZJJ');
    await expect(officer.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '两月研判' }).count()).resolves.toBe(0);
    await officer.goto(`${origin}/review`);
    await officer.getByText('两月研判仅供区领导和综合监管办使用').waitFor();
    await dept.close();
  });

  it('no request left the origin', () => {
    expect(external).toEqual([]);
  });
});

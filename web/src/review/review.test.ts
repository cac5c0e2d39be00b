import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReviewDepartmentsQuery, ReviewDistrictCasesQuery } from '../gql/review/graphql';
import { districtCaseTotals, formatFigure, recentTwoMonthPeriods, reviewPeriod, reviewSections } from './review';
import { buildReviewWorkbook, DEPARTMENT_HEADER, reviewFileName, reviewTitle, TOTAL_LABEL } from './workbook';

type Department = ReviewDepartmentsQuery['departments'][number];

function department(code: string, nameZh: string, kind: Department['kind'], n: number, answered = true): Department {
  return {
    code,
    name: code,
    nameZh,
    kind,
    caseStats: answered
      ? {
          received: 3 * n,
          accepted: 2 * n,
          rejected: n,
          resolvedOnTime: n,
          resolvedLate: 0,
          overdue: n + 1,
          byKind: [
            { kind: 'COMPLAINT', count: 2 * n },
            { kind: 'REPORT', count: n },
          ],
        }
      : null,
    inspectionStats: { poolSize: 10 * n, drawn: n, ratio: 0.1, done: n, findings: 2 },
    creditStats: answered
      ? {
          notificationsReceived: n,
          recordedOnTime: n,
          recordedLate: 0,
          closedWithoutRecord: 0,
          overdue: 1,
          recordsPublished: n,
          pointsDeducted: 5 * n,
          entitiesRestricted: 1,
        }
      : null,
  } as Department;
}

const period = { from: '2026-09-01', to: '2026-10-31' };
const departments = [
  department('FGJ', '区发改局', 'LINE', 1),
  department('JYZX', '区公共资源交易中心', 'TRADING_CENTER', 9),
  department('ZJJ', '区住建局', 'LINE', 2),
];

describe('bimonthly review sections', () => {
  it('has a row per line department in the graph’s order, the graph’s figures and kinds missing from byKind as 0', () => {
    const [cases, inspections, credit] = reviewSections(departments);
    expect(cases!.rows.map((r) => r.code)).toEqual(['FGJ', 'ZJJ']);
    expect(cases!.rows[1]!.values).toMatchObject({
      received: 6,
      'kind:COMPLAINT': 4,
      'kind:REPORT': 2,
      'kind:INSPECTION_FINDING': 0,
      'kind:REFERRAL': 0,
      overdue: 3,
    });
    expect(inspections!.rows[0]!.values).toEqual({ poolSize: 10, drawn: 1, ratio: 0.1, done: 1, findings: 2 });
    expect(credit!.rows[1]!.values.pointsDeducted).toBe(10);
  });

  it('case totals are the district’s own figures, never the rows’ sum; while unknown they are empty', () => {
    // FGJ 3 and ZJJ 6 received, but one split case is in both rows and the office handled 2 itself.
    const district = { received: 10, 'kind:COMPLAINT': 6, 'kind:REPORT': 4, 'kind:INSPECTION_FINDING': 0, 'kind:REFERRAL': 0, accepted: 9, rejected: 1 };
    const [cases] = reviewSections(departments, { ...district, resolvedOnTime: 4, resolvedLate: 1, overdue: 3 });
    expect(cases!.total).toMatchObject({ ...district, overdue: 3 });
    expect(cases!.totalNote?.zh).toContain('每案只计一次');
    const [unknown] = reviewSections(departments, null);
    expect(unknown!.total.received).toBeNull();
    expect(unknown!.total.overdue).toBeNull();
    expect(
      districtCaseTotals({
        districtCaseStats: {
          received: 10,
          accepted: 9,
          rejected: 1,
          resolvedOnTime: 4,
          resolvedLate: 1,
          overdue: 3,
          byKind: [
            { kind: 'COMPLAINT', count: 6 },
            { kind: 'REPORT', count: 4 },
          ],
        },
      } as ReviewDistrictCasesQuery),
    ).toEqual({ ...district, resolvedOnTime: 4, resolvedLate: 1, overdue: 3 });
  });

  it('inspection and credit totals sum the departments; coverage is all drawn over all pooled; restricted subjects are not summed', () => {
    const [, inspections, credit] = reviewSections(departments);
    expect(inspections!.total.ratio).toBeCloseTo(3 / 30);
    expect(credit!.total.entitiesRestricted).toBeNull();
    expect(credit!.total.recordsPublished).toBe(3);
  });

  it('leaves a slice’s figures empty when it did not answer, not zero', () => {
    const [cases, inspections, credit] = reviewSections([department('FGJ', '区发改局', 'LINE', 1, false)]);
    expect(cases!.rows[0]!.values.received).toBeNull();
    expect(cases!.total.received).toBeNull();
    expect(credit!.rows[0]!.values.overdue).toBeNull();
    expect(inspections!.rows[0]!.values.drawn).toBe(1);
    expect(formatFigure(null, {})).toBe('—');
    expect(formatFigure(0.125, { percent: true })).toBe('12.5%');
  });
});

describe('the review period from the address', () => {
  const today = '2026-11-28';
  it('takes both days when real and in order, else the current two-month period with the reason', () => {
    expect(reviewPeriod(new URLSearchParams('from=2026-09-01&to=2026-10-31'), today)).toEqual({ period });
    expect(reviewPeriod(new URLSearchParams(''), today)).toEqual({ period: { from: '2026-11-01', to: '2026-12-31' } });
    expect(reviewPeriod(new URLSearchParams('from=2026-09-01&to=2026-02-30'), today).invalid).toBe('format');
    expect(reviewPeriod(new URLSearchParams('from=2026-09-01'), today).invalid).toBe('format');
    expect(reviewPeriod(new URLSearchParams('from=2026-10-31&to=2026-09-01'), today)).toEqual({
      period: { from: '2026-11-01', to: '2026-12-31' },
      invalid: 'order',
    });
  });

  it('lists the two-month periods newest first across the year boundary', () => {
    expect(recentTwoMonthPeriods('2026-03-15', 3)).toEqual([
      { from: '2026-03-01', to: '2026-04-30' },
      { from: '2026-01-01', to: '2026-02-28' },
      { from: '2025-11-01', to: '2025-12-31' },
    ]);
  });
});

describe('the review workbook', () => {
  it('has a sheet per section with the period in the title, Chinese headers and the figures shown', async () => {
    const sections = reviewSections(departments, { received: 8 });
    const bytes = await buildReviewWorkbook(sections, period).xlsx.writeBuffer();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(bytes as ArrayBuffer);
    expect(read.worksheets.map((w) => w.name)).toEqual(['案件办理', '双随机抽查覆盖', '信用监管']);
    const sheet = read.getWorksheet('案件办理')!;
    expect(sheet.getCell('A1').text).toContain(reviewTitle(period));
    expect(sheet.getCell('A1').text).toContain('2026-09-01 至 2026-10-31');
    const header = sheet.getRow(3).values as unknown[];
    expect(header.slice(1, 4)).toEqual([DEPARTMENT_HEADER, '本期收件', '其中投诉']);
    expect(sheet.getRow(5).getCell(1).value).toBe('区住建局');
    expect(sheet.getRow(5).getCell(2).value).toBe(6);
    expect(sheet.getRow(6).getCell(1).value).toBe(TOTAL_LABEL);
    // The district's figure, with the note saying why it is not the rows' sum.
    expect(sheet.getRow(6).getCell(2).value).toBe(8);
    expect(sheet.getCell('A2').text).toContain('每案只计一次');
    const coverage = read.getWorksheet('双随机抽查覆盖')!.getRow(4).getCell(4);
    expect(coverage.value).toBe(0.1);
    expect(coverage.numFmt).toBe('0.0%');
    // A restricted-subject total does not exist: the cell stays empty rather than a misleading sum.
    const credit = read.getWorksheet('信用监管')!;
    expect(credit.getRow(6).getCell(9).value).toBeNull();
    expect(reviewFileName(period)).toBe('两月研判_2026-09-01_2026-10-31.xlsx');
  });
});

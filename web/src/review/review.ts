import type { ReviewCaseFiguresFragment, ReviewDepartmentsQuery, ReviewDistrictCasesQuery } from '../gql/review/graphql';
import { twoMonthPeriod } from '../leader/period';

/*
 * 两月研判: the sections of the bimonthly review as rows and columns, built once from the graph's
 * answer and used by both the screen (tables, charts) and the Excel workbook, so what is exported is
 * what is shown. Every figure is the owning slice's own review figure; nothing is counted here
 * except the totals rows of inspections and credit (sums of the departments' figures). The case
 * section's totals are the district's own figures (ReviewDistrictCases): a split case is in the row
 * of each of its departments and the office's own cases in none, so the rows do not add up to them.
 */

export interface Period {
  from: string;
  to: string;
}

type Department = ReviewDepartmentsQuery['departments'][number];

export type SectionKey = 'cases' | 'inspections' | 'credit';

export interface ReviewColumn {
  key: string;
  zh: string;
  en: string;
  /** A share in [0, 1], shown as a percentage. */
  percent?: boolean;
  /**
   * How the totals row gets the column's value: a sum, nothing when departments' figures do not add
   * up, coverage over the district, or the district's own figure (the case section's).
   */
  total: 'sum' | 'none' | 'coverage' | 'district';
}

export interface ReviewRow {
  code: string;
  nameZh: string;
  name: string;
  /** null: the slice did not answer for this department (shown as —, exported as an empty cell). */
  values: Record<string, number | null>;
}

export interface ReviewSection {
  key: SectionKey;
  zh: string;
  en: string;
  columns: ReviewColumn[];
  rows: ReviewRow[];
  total: Record<string, number | null>;
  /** What the totals row is, when it is not the sum of the rows above it (shown under the table and in the workbook). */
  totalNote?: { zh: string; en: string };
}

/** The district's case figures (ReviewDistrictCasesQuery) by the case section's column keys. */
export function districtCaseTotals(data: ReviewDistrictCasesQuery): Record<string, number> {
  return caseFigures(data.districtCaseStats) as Record<string, number>;
}

const CASE_TOTAL_NOTE = {
  zh: '合计为全区案件数，每案只计一次：分办案件计入各承办部门，合计中只计一次；综合监管办自办的案件计入合计。',
  en: "Totals are the district's cases, each counted once: a split case is in each of its departments' rows but once in the total; cases the office handles itself count in the total.",
};

/** The case kinds in the graph's order (CaseKind), each a column of the case section. */
const CASE_KINDS: [kind: string, zh: string, en: string][] = [
  ['COMPLAINT', '投诉', 'Complaints'],
  ['REPORT', '举报', 'Reports'],
  ['INSPECTION_FINDING', '检查发现', 'Inspection findings'],
  ['REFERRAL', '交办', 'Referrals'],
];

const CASE_COLUMNS: ReviewColumn[] = [
  { key: 'received', zh: '本期收件', en: 'Received', total: 'district' },
  ...CASE_KINDS.map(([kind, zh, en]): ReviewColumn => ({ key: `kind:${kind}`, zh: `其中${zh}`, en: `of which ${en.toLowerCase()}`, total: 'district' })),
  { key: 'accepted', zh: '受理', en: 'Accepted', total: 'district' },
  { key: 'rejected', zh: '不予受理', en: 'Refused', total: 'district' },
  { key: 'resolvedOnTime', zh: '按期办结', en: 'Resolved on time', total: 'district' },
  { key: 'resolvedLate', zh: '超期办结', en: 'Resolved late', total: 'district' },
  { key: 'overdue', zh: '期末逾期', en: "Overdue at the period's end", total: 'district' },
];

const INSPECTION_COLUMNS: ReviewColumn[] = [
  { key: 'poolSize', zh: '抽查项目库', en: 'Projects in the pool', total: 'sum' },
  { key: 'drawn', zh: '抽中检查', en: 'Inspections drawn', total: 'sum' },
  { key: 'ratio', zh: '覆盖率', en: 'Coverage', percent: true, total: 'coverage' },
  { key: 'done', zh: '已检查', en: 'Done', total: 'sum' },
  { key: 'findings', zh: '发现问题', en: 'Findings', total: 'sum' },
];

const CREDIT_COLUMNS: ReviewColumn[] = [
  { key: 'notificationsReceived', zh: '履约通报', en: 'Performance notifications', total: 'sum' },
  { key: 'recordedOnTime', zh: '按期记录', en: 'Recorded on time', total: 'sum' },
  { key: 'recordedLate', zh: '超期记录', en: 'Recorded late', total: 'sum' },
  { key: 'closedWithoutRecord', zh: '不予记录', en: 'Closed without a record', total: 'sum' },
  { key: 'overdue', zh: '期末逾期', en: "Overdue at the period's end", total: 'sum' },
  { key: 'recordsPublished', zh: '信用记录公示', en: 'Records published', total: 'sum' },
  { key: 'pointsDeducted', zh: '扣分', en: 'Points deducted', total: 'sum' },
  // A subject may be restricted on several departments' records: the departments' counts do not add up.
  { key: 'entitiesRestricted', zh: '列入联合惩戒', en: 'Subjects restricted', total: 'none' },
];

/** Case figures (a department's or the district's CaseStats) by the case section's column keys; all null without them. */
function caseFigures(s: ReviewCaseFiguresFragment | null | undefined): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const column of CASE_COLUMNS) {
    if (!s) values[column.key] = null;
    else if (column.key.startsWith('kind:')) {
      const kind = column.key.slice('kind:'.length);
      values[column.key] = s.byKind.find((k) => k.kind === kind)?.count ?? 0;
    } else values[column.key] = s[column.key as keyof Omit<typeof s, 'byKind' | '__typename'>];
  }
  return values;
}

function figures<T extends object>(stats: T | null | undefined, columns: ReviewColumn[]): Record<string, number | null> {
  return Object.fromEntries(columns.map((c) => [c.key, stats ? ((stats as Record<string, unknown>)[c.key] as number) : null]));
}

function totals(columns: ReviewColumn[], rows: ReviewRow[]): Record<string, number | null> {
  const sum = (key: string) => {
    const present = rows.map((r) => r.values[key]).filter((v): v is number => v != null);
    return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
  };
  const total: Record<string, number | null> = {};
  for (const c of columns) {
    if (c.total === 'sum') total[c.key] = sum(c.key);
    else if (c.total === 'none' || c.total === 'district') total[c.key] = null;
    else {
      // Coverage over the district: all drawn over all pooled, as the graph defines a department's ratio.
      const pool = sum('poolSize');
      const drawn = sum('drawn');
      total[c.key] = pool == null || drawn == null ? null : pool === 0 ? 0 : drawn / pool;
    }
  }
  return total;
}

function section(
  key: SectionKey,
  zh: string,
  en: string,
  columns: ReviewColumn[],
  departments: Department[],
  values: (d: Department) => Record<string, number | null>,
): ReviewSection {
  const rows = departments.map((d) => ({ code: d.code, nameZh: d.nameZh, name: d.name, values: values(d) }));
  return { key, zh, en, columns, rows, total: totals(columns, rows) };
}

/**
 * The review's three sections for the line departments (kind LINE, as the graph lists them). The case
 * section's totals are `districtCases` (districtCaseTotals), empty while they are not known: never the
 * rows' sum, which counts a split case more than once.
 */
export function reviewSections(departments: readonly Department[], districtCases?: Record<string, number> | null): ReviewSection[] {
  const line = departments.filter((d) => d.kind === 'LINE');
  const cases = section('cases', '案件办理', 'Cases', CASE_COLUMNS, line, (d) => caseFigures(d.caseStats));
  for (const c of CASE_COLUMNS) if (c.total === 'district') cases.total[c.key] = districtCases?.[c.key] ?? null;
  cases.totalNote = CASE_TOTAL_NOTE;
  return [
    cases,
    section('inspections', '双随机抽查覆盖', 'Random inspection coverage', INSPECTION_COLUMNS, line, (d) => figures(d.inspectionStats, INSPECTION_COLUMNS)),
    section('credit', '信用监管', 'Credit actions', CREDIT_COLUMNS, line, (d) => figures(d.creditStats, CREDIT_COLUMNS)),
  ];
}

/** A figure as text: — for a missing one, a share as a percentage with one decimal. */
export function formatFigure(value: number | null | undefined, column: Pick<ReviewColumn, 'percent'>): string {
  if (value == null) return '—';
  return column.percent ? `${(value * 100).toFixed(1)}%` : String(value);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(value: string | null): value is string {
  const match = value ? DAY.exec(value) : null;
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The period of `/review?from=…&to=…`: both days given, real and in order; otherwise the two-month
 * period containing today, with the reason the URL's was not used.
 */
export function reviewPeriod(search: URLSearchParams, today: string): { period: Period; invalid?: 'format' | 'order' } {
  const from = search.get('from');
  const to = search.get('to');
  if (from == null && to == null) return { period: twoMonthPeriod(today) };
  if (!isDay(from) || !isDay(to)) return { period: twoMonthPeriod(today), invalid: 'format' };
  if (to < from) return { period: twoMonthPeriod(today), invalid: 'order' };
  return { period: { from, to } };
}

/** The two-month periods (Jan–Feb, Mar–Apr, …) up to the one containing today, newest first. */
export function recentTwoMonthPeriods(today: string, count: number): Period[] {
  const periods: Period[] = [];
  let day = today;
  for (let i = 0; i < count; i++) {
    const period = twoMonthPeriod(day);
    periods.push(period);
    const [y, m] = period.from.split('-').map(Number) as [number, number];
    day = m === 1 ? `${y - 1}-11-01` : `${y}-${String(m - 2).padStart(2, '0')}-01`;
  }
  return periods;
}

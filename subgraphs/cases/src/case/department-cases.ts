import type { EntityManager } from '@mikro-orm/postgresql';
import { periodEndAsOf, toConnection, type Caller, type ConnectionShape } from '@hub/kit';
import { caseScopeSql } from './access';
import { Case } from './case.entity';
import { CaseKind, CaseStatus } from './case-states';
import { caseFigureSql, CaseReviewFigure } from './review';

/*
 * The hand-written batch statements behind Department.cases and Department.caseStats (one statement
 * per group of keys that share their arguments); ../loaders.ts wraps them in DataLoaders.
 */

/** One page of a department's cases (Department.cases); keys with the same page arguments share one SQL statement. */
export interface DepartmentCasesKey {
  code: string;
  status: CaseStatus | null;
  limit: number;
  offset: number;
}

/** One department's case statistics for one period (Department.caseStats). */
export interface CaseStatsKey {
  code: string;
  from: string;
  to: string;
}

export interface CaseStatsRow {
  received: number;
  accepted: number;
  rejected: number;
  resolvedOnTime: number;
  resolvedLate: number;
  overdue: number;
  byKind: { kind: CaseKind; count: number }[];
}

/** The columns of the statistics statement and the review figure each counts. */
const STATS_COLUMNS: [string, CaseReviewFigure][] = [
  ['received', CaseReviewFigure.RECEIVED],
  ['accepted', CaseReviewFigure.ACCEPTED],
  ['rejected', CaseReviewFigure.REJECTED],
  ['resolved_on_time', CaseReviewFigure.RESOLVED_ON_TIME],
  ['resolved_late', CaseReviewFigure.RESOLVED_LATE],
  ['overdue', CaseReviewFigure.OVERDUE],
];

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Groups keys by everything but the department code, so each group is one statement. */
function groupBy<K, G extends string>(keys: readonly K[], groupOf: (key: K) => G): Map<G, K[]> {
  const groups = new Map<G, K[]>();
  for (const key of keys) {
    const g = groupOf(key);
    groups.set(g, [...(groups.get(g) ?? []), key]);
  }
  return groups;
}

/** A page of each department's cases: one windowed statement for all departments asked with the same arguments. */
export async function departmentCasePages(em: EntityManager, user: Caller, keys: readonly DepartmentCasesKey[]): Promise<ConnectionShape<Case>[]> {
  const results = new Map<string, ConnectionShape<Case>>();
  const scopeSql = caseScopeSql(user, 'c');
  for (const group of groupBy(keys, (k) => `${k.status}|${k.limit}|${k.offset}`).values()) {
    const { status, limit, offset } = group[0];
    const codes = group.map((k) => k.code);
    const byCode = new Map<string, { rows: Case[]; total: number }>(codes.map((code) => [code, { rows: [], total: 0 }]));
    if (scopeSql) {
      const rows = await em.getConnection().execute<Record<string, unknown>[]>(
        `select * from (
           select c.*, d.code as dept_code,
                  row_number() over (partition by d.code order by c.received_at desc, c.id) as rn,
                  count(*) over (partition by d.code) as dept_total
           from case_file c cross join lateral unnest(c.responsible_departments) as d(code)
           where c.responsible_departments && array[${placeholders(codes.length)}]::text[] and d.code in (${placeholders(codes.length)})
             ${status ? 'and c.status = ?' : ''} and ${scopeSql.sql}
         ) x where x.rn > ? and x.rn <= ? order by x.dept_code, x.rn`,
        [...codes, ...codes, ...(status ? [status] : []), ...scopeSql.params, offset, offset + limit],
      );
      for (const row of rows) {
        const entry = byCode.get(row.dept_code as string)!;
        entry.total = Number(row.dept_total);
        const { dept_code: _d, rn: _r, dept_total: _t, ...columns } = row;
        entry.rows.push(em.map(Case, columns));
      }
      // A page past the end has no rows to carry the total: count those departments once more, together.
      const missing = codes.filter((code) => byCode.get(code)!.rows.length === 0);
      if (offset > 0 && missing.length) {
        const counts = await em.getConnection().execute<{ code: string; n: string }[]>(
          `select d.code, count(*) as n from case_file c cross join lateral unnest(c.responsible_departments) as d(code)
           where d.code in (${placeholders(missing.length)}) ${status ? 'and c.status = ?' : ''} and ${scopeSql.sql} group by d.code`,
          [...missing, ...(status ? [status] : []), ...scopeSql.params],
        );
        for (const row of counts) byCode.get(row.code)!.total = Number(row.n);
      }
    }
    for (const key of group) {
      const entry = byCode.get(key.code)!;
      results.set(JSON.stringify(key), toConnection(entry.rows, entry.total, { offset }));
    }
  }
  return keys.map((k) => results.get(JSON.stringify(k))!);
}

/** The aggregate of one group of rows (by kind): the figures and the kinds received. */
function statsRow(rows: Record<string, string>[]): CaseStatsRow {
  const sum = (column: string) => rows.reduce((n, r) => n + Number(r[column]), 0);
  return {
    received: sum('received'),
    accepted: sum('accepted'),
    rejected: sum('rejected'),
    resolvedOnTime: sum('resolved_on_time'),
    resolvedLate: sum('resolved_late'),
    overdue: sum('overdue'),
    byKind: Object.values(CaseKind).map((kind) => ({ kind, count: rows.filter((r) => r.kind === kind).reduce((n, r) => n + Number(r.received), 0) })),
  };
}

/** The `count(*) filter (…)` columns of every figure for a period taken as of `today`, and their parameters. */
function figureColumns(from: string, to: string, today: string): { sql: string; params: string[] } {
  // The same conditions as cases(filter: { review }): each figure is that list's totalCount.
  const end = periodEndAsOf({ from, to }, today);
  const figures = STATS_COLUMNS.map(([column, figure]) => ({ column, ...caseFigureSql(figure, { from, to }, end) }));
  return { sql: figures.map((f) => `count(*) filter (where ${f.sql}) as ${f.column}`).join(', '), params: figures.flatMap((f) => f.params) };
}

/** Case statistics per department and period: one aggregate statement per distinct period, as of `today` (Asia/Shanghai). */
export async function departmentCaseStats(em: EntityManager, today: string, keys: readonly CaseStatsKey[]): Promise<CaseStatsRow[]> {
  const results = new Map<string, CaseStatsRow>();
  for (const group of groupBy(keys, (k) => `${k.from}|${k.to}`).values()) {
    const { from, to } = group[0];
    const codes = group.map((k) => k.code);
    const columns = figureColumns(from, to, today);
    const rows = await em.getConnection().execute<Record<string, string>[]>(
      `select d.code, c.kind, ${columns.sql}
       from case_file c cross join lateral unnest(c.responsible_departments) as d(code)
       where c.responsible_departments && array[${placeholders(codes.length)}]::text[] and d.code in (${placeholders(codes.length)})
       group by d.code, c.kind`,
      [...columns.params, ...codes, ...codes],
    );
    for (const code of codes) results.set(JSON.stringify({ code, from, to }), statsRow(rows.filter((r) => r.code === code)));
  }
  return keys.map((k) => results.get(JSON.stringify({ code: k.code, from: k.from, to: k.to }))!);
}

/**
 * The district's case statistics for a period (Query.districtCaseStats), each case counted once
 * whichever departments handle it (a split case is in each of its departments' Department.caseStats),
 * the office's own cases included: one aggregate statement.
 */
export async function districtCaseStats(em: EntityManager, today: string, from: string, to: string): Promise<CaseStatsRow> {
  const columns = figureColumns(from, to, today);
  const rows = await em.getConnection().execute<Record<string, string>[]>(`select c.kind, ${columns.sql} from case_file c group by c.kind`, columns.params);
  return statsRow(rows);
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, groupLoader, keyLoader, leanFind, periodEndAsOf, shanghaiDateOf, toConnection, type Caller, type ConnectionShape, type RequestContext } from '@hub/kit';
import { caseScope, caseScopeSql } from './case/access';
import { Case, CaseEvent } from './case/case.entity';
import { CaseKind, CaseStatus } from './case/case-states';
import type { CasesEnvironment } from './case/case.service';
import { caseFigureSql, CaseReviewFigure } from './case/review';
import { RectificationProgress, RectificationTask } from './rectification/rectification.entity';

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

/** This subgraph's DataLoaders and services, new for every request: one `IN (…)` statement per batch. */
export function createLoaders(em: EntityManager, user: Caller, env: CasesEnvironment) {
  const scope = caseScope(user);
  return {
    env,
    caseById: keyLoader((ids: readonly string[]) => em.find(Case, { id: { $in: [...ids] } }), (c) => c.id, 'Case'),
    eventsByCase: groupLoader(
      (ids: readonly string[]) => leanFind(em, CaseEvent, { case: { $in: [...ids] } }, { orderBy: { sequence: 'asc' } }),
      (e) => e.case.id,
    ),
    /** A project's cases the caller may see (a project's cases are few: loaded whole), as lean read-only rows. */
    casesByProject: groupLoader(
      async (ids: readonly string[]) => (scope === null ? [] : leanFind(em, Case, { $and: [{ projectId: { $in: [...ids] } }, scope] }, { orderBy: { receivedAt: 'desc', id: 'asc' } })),
      (c) => c.projectId,
    ),
    /** Cases naming a market entity as respondent (被投诉/被举报人). */
    casesByRespondent: new DataLoader<string, Case[]>(async (codes) => {
      const rows = scope === null ? [] : await leanFind(em, Case, { $and: [{ respondentCreditCodes: { $overlap: [...codes] } }, scope] }, { orderBy: { receivedAt: 'desc', id: 'asc' } });
      return codes.map((code) => rows.filter((c) => c.respondentCreditCodes.includes(code)));
    }),
    /** A page of each department's cases: one windowed statement for all departments asked with the same arguments. */
    casesByDepartment: new DataLoader<DepartmentCasesKey, ConnectionShape<Case>, string>(
      async (keys) => {
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
      },
      { cacheKeyFn: (k) => JSON.stringify(k) },
    ),
    /** Case statistics per department and period: one aggregate statement per distinct period. */
    caseStats: new DataLoader<CaseStatsKey, CaseStatsRow, string>(
      async (keys) => {
        const today = shanghaiDateOf(env.now());
        const results = new Map<string, CaseStatsRow>();
        for (const group of groupBy(keys, (k) => `${k.from}|${k.to}`).values()) {
          const { from, to } = group[0];
          const codes = group.map((k) => k.code);
          // The same conditions as cases(filter: { review }): each figure is that list's totalCount.
          const end = periodEndAsOf({ from, to }, today);
          const figures = STATS_COLUMNS.map(([column, figure]) => ({ column, ...caseFigureSql(figure, { from, to }, end) }));
          const rows = await em.getConnection().execute<Record<string, string>[]>(
            `select d.code, c.kind, ${figures.map((f) => `count(*) filter (where ${f.sql}) as ${f.column}`).join(', ')}
             from case_file c cross join lateral unnest(c.responsible_departments) as d(code)
             where c.responsible_departments && array[${placeholders(codes.length)}]::text[] and d.code in (${placeholders(codes.length)})
             group by d.code, c.kind`,
            [...figures.flatMap((f) => f.params), ...codes, ...codes],
          );
          for (const code of codes) {
            const mine = rows.filter((r) => r.code === code);
            const sum = (column: string) => mine.reduce((n, r) => n + Number(r[column]), 0);
            results.set(JSON.stringify({ code, from, to }), {
              received: sum('received'),
              accepted: sum('accepted'),
              rejected: sum('rejected'),
              resolvedOnTime: sum('resolved_on_time'),
              resolvedLate: sum('resolved_late'),
              overdue: sum('overdue'),
              byKind: Object.values(CaseKind).map((kind) => ({ kind, count: mine.filter((r) => r.kind === kind).reduce((n, r) => n + Number(r.received), 0) })),
            });
          }
        }
        return keys.map((k) => results.get(JSON.stringify({ code: k.code, from: k.from, to: k.to }))!);
      },
      { cacheKeyFn: (k) => JSON.stringify({ code: k.code, from: k.from, to: k.to }) },
    ),
    tasksByCase: groupLoader(
      (ids: readonly string[]) => em.find(RectificationTask, { case: { $in: [...ids] } }, { orderBy: { deadline: 'asc', id: 'asc' } }),
      (t) => t.case!.id,
    ),
    progressByTask: groupLoader(
      (ids: readonly string[]) => em.find(RectificationProgress, { task: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (p) => p.task.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;

import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, groupByKeys, groupLoader, keyLoader, leanFind, type Caller, type Clock, type ConnectionShape, type RequestContext } from '@hub/kit';
import { caseScope } from './case/access';
import { Case, CaseEvent } from './case/case.entity';
import { departmentCasePages, departmentCaseStats, type CaseStatsKey, type CaseStatsRow, type DepartmentCasesKey } from './case/department-cases';
import { RectificationProgress, RectificationTask } from './rectification/rectification.entity';
import type { Services } from './services';

/** This subgraph's DataLoaders, new for every request: one `IN (…)` statement per batch. */
export function createLoaders(em: EntityManager, user: Caller, clock: Clock) {
  const scope = caseScope(user);
  const casesOfProjects = async (ids: readonly string[]) =>
    scope === null ? [] : leanFind(em, Case, { $and: [{ projectId: { $in: [...ids] } }, scope] }, { orderBy: { receivedAt: 'desc', id: 'asc' } });
  return {
    caseById: keyLoader(
      (ids: readonly string[]) => em.find(Case, { id: { $in: [...ids] } }),
      (c) => c.id,
      'Case',
    ),
    eventsByCase: groupLoader(
      (ids: readonly string[]) => leanFind(em, CaseEvent, { case: { $in: [...ids] } }, { orderBy: { sequence: 'asc' } }),
      (e) => e.case.id,
    ),
    /** A project's cases the caller may see (a project's cases are few: loaded whole), as lean read-only rows. */
    casesByProject: groupLoader(casesOfProjects, (c) => c.projectId),
    /** The same for many projects at once, without a promise per project (Project references read ahead: resolveProjects). */
    casesOfProjects: async (ids: readonly string[]) => groupByKeys(ids, await casesOfProjects(ids), (c) => c.projectId),
    /** Cases naming a market entity as respondent (被投诉/被举报人). */
    casesByRespondent: new DataLoader<string, Case[]>(async (codes) => {
      const rows =
        scope === null
          ? []
          : await leanFind(em, Case, { $and: [{ respondentCreditCodes: { $overlap: [...codes] } }, scope] }, { orderBy: { receivedAt: 'desc', id: 'asc' } });
      return codes.map((code) => rows.filter((c) => c.respondentCreditCodes.includes(code)));
    }),
    /** A page of each department's cases: one windowed statement for all departments asked with the same arguments. */
    casesByDepartment: new DataLoader<DepartmentCasesKey, ConnectionShape<Case>, string>((keys) => departmentCasePages(em, user, keys), {
      cacheKeyFn: (k) => JSON.stringify(k),
    }),
    /** Case statistics per department and period: one aggregate statement per distinct period. */
    caseStats: new DataLoader<CaseStatsKey, CaseStatsRow, string>((keys) => departmentCaseStats(em, clock.today(), keys), {
      cacheKeyFn: (k) => JSON.stringify({ code: k.code, from: k.from, to: k.to }),
    }),
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
export type Context = RequestContext<Loaders, Services>;

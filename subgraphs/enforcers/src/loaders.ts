import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, groupLoader, keyLoader, type RequestContext } from '@hub/kit';
import { ConflictOfInterest, Enforcer, Recusal, TrainingRecord } from './enforcer/enforcer.entity';
import { DrawCommitment, DrawRound } from './inspection/draw-round.entity';
import { Inspection, InspectionDraw, InspectionFinding, InspectionItem, InspectionPlan, InspectionStatus } from './inspection/inspection.entity';
import type { InspectionStats } from './inspection/inspection.types';
import type { Services } from './services';
import { isUuid } from './validation';

/** Key of the statistics loader: one department over one period. */
export const statsKey = (code: string, from: string, to: string) => `${from}|${to}|${code}`;

/**
 * Inspection coverage per department and period, for every key of a batch with three statements per
 * distinct period (the bimonthly review asks all departments for the same period). The period's draws
 * are the draws in force (not superseded) made in the period (drawnOn), whatever period their plan
 * covers: a review answers for what was drawn in it.
 * - poolSize: projects of the department in the pool each of those draws used, summed over the draws;
 * - drawn: those draws' inspections of the department's projects — what
 *   `inspections(filter: { departmentCode, drawnFrom, drawnTo })` lists;
 * - done / findings: of those, the ones with results recorded or published, and their findings.
 */
async function loadStats(em: EntityManager, keys: readonly string[]): Promise<InspectionStats[]> {
  const byPeriod = new Map<string, string[]>();
  for (const key of keys) {
    const [from, to, code] = key.split('|');
    const period = `${from}|${to}`;
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), code]);
  }
  const results = new Map<string, InspectionStats>();
  for (const [period, codes] of byPeriod) {
    const [from, to] = period.split('|');
    const draws = await em.find(InspectionDraw, { supersededAt: null, drawnOn: { $gte: from, $lte: to } }, { fields: ['id', 'pool'] });
    const inspections = draws.length
      ? await em.find(
          Inspection,
          { draw: { $in: draws.map((d) => d.id) }, supervisingDepartmentCode: { $in: codes } },
          { fields: ['id', 'status', 'supervisingDepartmentCode', 'projectId'] },
        )
      : [];
    const findings = inspections.length
      ? await em.find(InspectionFinding, { inspection: { $in: inspections.map((i) => i.id) } }, { fields: ['id', 'inspection'] })
      : [];
    for (const code of codes) {
      let poolSize = 0;
      for (const draw of draws) poolSize += draw.pool.filter((p) => p.supervisingDepartmentCode === code).length;
      const mine = inspections.filter((i) => i.supervisingDepartmentCode === code);
      const ids = new Set(mine.map((i) => i.id));
      results.set(statsKey(code, from, to), {
        departmentCode: code,
        poolSize,
        drawn: mine.length,
        ratio: poolSize ? mine.length / poolSize : 0,
        done: mine.filter((i) => i.status === InspectionStatus.RECORDED || i.status === InspectionStatus.PUBLISHED).length,
        findings: findings.filter((f) => ids.has(f.inspection.id)).length,
      });
    }
  }
  return keys.map((key) => results.get(key)!);
}

/** This subgraph's DataLoaders, new for every request (services and the other slices are `context.services`). */
export function createLoaders(em: EntityManager) {
  return {
    // Keys come from other slices too (federation references): a malformed id is simply not found.
    enforcerById: keyLoader(
      (ids: readonly string[]) => em.find(Enforcer, { id: { $in: ids.filter(isUuid) } }),
      (e) => e.id,
      'Enforcer',
    ),
    enforcersByDepartment: groupLoader(
      (codes: readonly string[]) => em.find(Enforcer, { departmentCode: { $in: [...codes] } }, { orderBy: { name: 'asc', id: 'asc' } }),
      (e) => e.departmentCode,
    ),
    trainingByEnforcer: groupLoader(
      (ids: readonly string[]) => em.find(TrainingRecord, { enforcer: { $in: [...ids] } }, { orderBy: { completedOn: 'asc', id: 'asc' } }),
      (t) => t.enforcer.id,
    ),
    conflictsByEnforcer: groupLoader(
      (ids: readonly string[]) => em.find(ConflictOfInterest, { enforcer: { $in: [...ids] } }, { orderBy: { recordedOn: 'asc', id: 'asc' } }),
      (c) => c.enforcer.id,
    ),
    recusalsByEnforcer: groupLoader(
      (ids: readonly string[]) => em.find(Recusal, { enforcer: { $in: [...ids] } }, { orderBy: { recordedOn: 'asc', id: 'asc' } }),
      (r) => r.enforcer.id,
    ),
    /** A project's inspections across plans (cancelled ones included; readers filter by access). */
    inspectionsByProject: groupLoader(
      (ids: readonly string[]) => em.find(Inspection, { projectId: { $in: [...ids] } }, { orderBy: { projectRegisteredOn: 'asc', id: 'asc' } }),
      (i) => i.projectId,
    ),
    findingsByInspection: groupLoader(
      (ids: readonly string[]) => em.find(InspectionFinding, { inspection: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (f) => f.inspection.id,
    ),
    inspectionsByDraw: groupLoader(
      (ids: readonly string[]) => em.find(Inspection, { draw: { $in: [...ids] } }, { orderBy: { projectCode: 'asc', id: 'asc' } }),
      (i) => i.draw.id,
    ),
    drawsByPlan: groupLoader(
      (ids: readonly string[]) => em.find(InspectionDraw, { plan: { $in: [...ids] } }, { orderBy: { committedAt: 'desc', id: 'asc' } }),
      (d) => d.plan.id,
    ),
    roundsByPlan: groupLoader(
      (ids: readonly string[]) => em.find(DrawRound, { plan: { $in: [...ids] } }, { orderBy: { number: 'desc' } }),
      (r) => r.plan.id,
    ),
    roundById: keyLoader(
      (ids: readonly string[]) => em.find(DrawRound, { id: { $in: [...ids] } }),
      (r) => r.id,
      'DrawRound',
    ),
    commitmentsByRound: groupLoader(
      (ids: readonly string[]) => em.find(DrawCommitment, { round: { $in: [...ids] } }, { orderBy: { unitCode: 'asc' } }),
      (c) => c.round.id,
    ),
    planById: keyLoader(
      (ids: readonly string[]) => em.find(InspectionPlan, { id: { $in: [...ids] } }),
      (p) => p.id,
      'InspectionPlan',
    ),
    drawById: keyLoader(
      (ids: readonly string[]) => em.find(InspectionDraw, { id: { $in: [...ids] } }),
      (d) => d.id,
      'InspectionDraw',
    ),
    itemsByPlan: new DataLoader<string, InspectionItem[]>(async (ids) => {
      const plans = await em.find(InspectionPlan, { id: { $in: [...ids] } }, { populate: ['items'] });
      const byId = new Map(plans.map((p) => [p.id, p.items.getItems().sort((a, b) => a.code.localeCompare(b.code))]));
      return ids.map((id) => byId.get(id) ?? []);
    }),
    inspectionStats: new DataLoader<string, InspectionStats>((keys) => loadStats(em, keys)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, Services>;

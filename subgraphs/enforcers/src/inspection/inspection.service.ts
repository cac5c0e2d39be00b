import { randomBytes } from 'node:crypto';
import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  keysetConnection,
  keysetWhere,
  NotFoundError,
  requirePeriod,
  todayInShanghai,
  type Caller,
  type ConnectionShape,
  type KeysetOrder,
  type PageWindow,
  requireCreditCode,
} from '@hub/kit';
import { canReadInspection, canWorkOnInspection, seesEverything } from '../access';
import { DrawFailure, isValidSeed, recomputeDraw, runDraw, sameResult, type DrawResult, type PoolProject, type RosterEntry } from '../draw/draw';
import { ConflictOfInterest, Enforcer, Recusal } from '../enforcer/enforcer.entity';
import type { Ports } from '../ports';
import { requireText, requireUuid } from '../validation';
import { Inspection, InspectionDraw, InspectionFinding, InspectionItem, InspectionPlan, InspectionStatus } from './inspection.entity';
import type { CreateInspectionItemInput, CreateInspectionPlanInput, DrawVerification, InspectionFilter, InspectionResultInput } from './inspection.types';

/** Inspection lists: by the project's registration day, newest first, then by id. */
const INSPECTION_ORDER: KeysetOrder = [
  ['projectRegisteredOn', 'desc'],
  ['id', 'asc'],
];

/** 双随机一公开 floor: at least 5% of the period's projects (DOMAIN.md). */
export const MIN_SAMPLING_BASIS_POINTS = 500;
export const MIN_INSPECTORS_PER_PROJECT = 2;
const MAX_INSPECTORS_PER_PROJECT = 10;

/** The roster snapshot a draw stores: every enforcer with what the draw needs (eligibility is decided by the draw itself, so it can be re-run). */
export async function buildRoster(em: EntityManager, poolProjectIds: string[]): Promise<RosterEntry[]> {
  const enforcers = await em.find(Enforcer, {}, { orderBy: { id: 'asc' } });
  const conflicts = await em.find(ConflictOfInterest, {}, { fields: ['enforcer', 'creditCode'] });
  const recusals = poolProjectIds.length ? await em.find(Recusal, { projectId: { $in: poolProjectIds } }, { fields: ['enforcer', 'projectId'] }) : [];
  return enforcers.map((e) => ({
    id: e.id,
    departmentCode: e.departmentCode,
    specialties: [...e.specialties].sort(),
    active: e.active,
    certificateValidUntil: e.certificateValidUntil,
    conflictCreditCodes: conflicts.filter((c) => c.enforcer.id === e.id).map((c) => c.creditCode).sort(),
    recusedProjectIds: recusals.filter((r) => r.enforcer.id === e.id).map((r) => r.projectId).sort(),
  }));
}

/**
 * Runs the draw and stores it with its inspections, inside the caller's transaction. Used by the
 * drawInspections/redraw mutations and by the demo seed.
 */
export async function commitDraw(
  em: EntityManager,
  args: { plan: InspectionPlan; seed: string; drawnOn: string; pool: PoolProject[]; committedBy: string; supersedes?: InspectionDraw; redrawReason?: string; committedAt?: Date },
): Promise<InspectionDraw> {
  const pool = [...args.pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const roster = await buildRoster(em, pool.map((p) => p.id));
  let result: DrawResult;
  try {
    result = runDraw({
      seed: args.seed,
      drawnOn: args.drawnOn,
      pool,
      roster,
      ratioBasisPoints: args.plan.samplingRatioBasisPoints,
      inspectorsPerProject: args.plan.inspectorsPerProject,
    });
  } catch (error) {
    if (error instanceof DrawFailure) throw new ConflictError(`The draw cannot be made: ${error.message}`, { currentState: 'DRAW_IMPOSSIBLE', ...error.details });
    throw error;
  }
  const draw = em.create(InspectionDraw, {
    plan: args.plan,
    seed: args.seed,
    algorithmVersion: result.algorithmVersion,
    drawnOn: args.drawnOn,
    samplingRatioBasisPoints: args.plan.samplingRatioBasisPoints,
    inspectorsPerProject: args.plan.inspectorsPerProject,
    pool,
    roster,
    result,
    committedBy: args.committedBy,
    committedAt: args.committedAt ?? new Date(),
    supersedes: args.supersedes ?? null,
    redrawReason: args.redrawReason ?? null,
  });
  const byId = new Map(pool.map((p) => [p.id, p]));
  for (const drawn of result.projects) {
    const project = byId.get(drawn.projectId)!;
    em.create(Inspection, {
      draw,
      plan: args.plan,
      projectId: project.id,
      projectCode: project.code,
      supervisingDepartmentCode: project.supervisingDepartmentCode,
      projectRegisteredOn: project.registeredOn,
      inspectorIds: drawn.inspectorIds,
    });
  }
  return draw;
}

/** Inspection items, plans, draws and inspections (双随机一公开), run by the office. */
export class InspectionService {
  constructor(private readonly em: EntityManager, private readonly user: Caller, private readonly ports?: Ports) {}

  async createItem(input: CreateInspectionItemInput): Promise<InspectionItem> {
    const code = requireText(input.code, 'code', 40);
    if (input.stages.length === 0) throw new InputError('stages must name at least one project stage', { field: 'stages', rule: 'at least one' });
    return this.em.transactional(async (em) => {
      if (await em.findOne(InspectionItem, { code })) throw new InputError(`Inspection item ${code} already exists`, { field: 'code', rule: 'unique' });
      return em.create(InspectionItem, { code, title: requireText(input.title, 'title', 200), legalBasis: requireText(input.legalBasis, 'legalBasis', 2000), stages: input.stages });
    });
  }

  async createPlan(input: CreateInspectionPlanInput): Promise<InspectionPlan> {
    requirePeriod({ from: input.periodFrom, to: input.periodTo }, 'period');
    if (!(Number.isFinite(input.samplingRatio) && input.samplingRatio >= 0.05 && input.samplingRatio <= 1)) {
      throw new InputError(`samplingRatio must be between 0.05 (5%) and 1, got ${input.samplingRatio}`, { field: 'samplingRatio', rule: 'at least 5% (双随机一公开)' });
    }
    const basisPoints = Math.round(input.samplingRatio * 10_000);
    if (!(Number.isInteger(input.inspectorsPerProject) && input.inspectorsPerProject >= MIN_INSPECTORS_PER_PROJECT && input.inspectorsPerProject <= MAX_INSPECTORS_PER_PROJECT)) {
      throw new InputError(`inspectorsPerProject must be between ${MIN_INSPECTORS_PER_PROJECT} and ${MAX_INSPECTORS_PER_PROJECT}, got ${input.inspectorsPerProject}`, {
        field: 'inspectorsPerProject',
        rule: `at least ${MIN_INSPECTORS_PER_PROJECT} inspectors per project`,
      });
    }
    const codes = [...new Set(input.itemCodes)];
    if (codes.length === 0) throw new InputError('itemCodes must name at least one inspection item', { field: 'itemCodes', rule: 'at least one' });
    return this.em.transactional(async (em) => {
      const items = await em.find(InspectionItem, { code: { $in: codes } });
      const missing = codes.filter((c) => !items.some((i) => i.code === c));
      if (missing.length) throw new InputError(`Unknown inspection item(s): ${missing.join(', ')}`, { field: 'itemCodes', rule: 'known items', missing });
      const plan = em.create(InspectionPlan, {
        name: requireText(input.name, 'name', 200),
        year: Number(input.periodFrom.slice(0, 4)),
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        samplingRatioBasisPoints: basisPoints,
        inspectorsPerProject: input.inspectorsPerProject,
        createdBy: this.user.sub,
      });
      plan.items.set(items);
      return plan;
    });
  }

  private requireSeed(seed: string | null | undefined): string {
    if (seed === null || seed === undefined) return randomBytes(32).toString('hex');
    if (!isValidSeed(seed)) throw new InputError('seed must be 16 to 128 lower-case hex digits (an even number)', { field: 'seed', rule: 'hex seed' });
    return seed;
  }

  private async poolOf(plan: InspectionPlan): Promise<PoolProject[]> {
    if (!this.ports) throw new Error('InspectionService needs ports to read the project pool');
    return this.ports.projectPool(this.user).projectsRegisteredIn(plan.periodFrom, plan.periodTo);
  }

  private async loadPlan(em: EntityManager, planId: string, lock = false): Promise<InspectionPlan> {
    const plan = await em.findOne(InspectionPlan, { id: requireUuid(planId, 'planId') }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    if (!plan) throw new NotFoundError('InspectionPlan', planId);
    return plan;
  }

  /** The first draw of a plan. A plan with a committed draw is only ever redrawn through `redraw`, with a reason. */
  async draw(planId: string, seedArg?: string | null): Promise<InspectionDraw> {
    const seed = this.requireSeed(seedArg);
    // The pool is read from the projects slice before the transaction: no network call holds a lock.
    const pool = await this.poolOf(await this.loadPlan(this.em.fork(), planId));
    return this.em.transactional(async (em) => {
      const plan = await this.loadPlan(em, planId, true);
      const current = await em.findOne(InspectionDraw, { plan, supersededAt: null });
      if (current) {
        throw new ConflictError(`Plan ${plan.name} already has a committed draw (${current.id}); a new one needs redraw with a reason`, {
          currentState: 'DRAWN',
          currentDrawId: current.id,
          allowed: ['redraw', 'verifyDraw'],
        });
      }
      return commitDraw(em, { plan, seed, drawnOn: todayInShanghai(), pool, committedBy: this.user.sub });
    });
  }

  /** A new recorded draw superseding the current one, with the reason; refused once results are recorded. */
  async redraw(planId: string, reasonArg: string, seedArg?: string | null): Promise<InspectionDraw> {
    const reason = requireText(reasonArg, 'reason', 2000);
    const seed = this.requireSeed(seedArg);
    const pool = await this.poolOf(await this.loadPlan(this.em.fork(), planId));
    return this.em.transactional(async (em) => {
      const plan = await this.loadPlan(em, planId, true);
      const current = await em.findOne(InspectionDraw, { plan, supersededAt: null });
      if (!current) throw new ConflictError(`Plan ${plan.name} has no committed draw to redo`, { currentState: 'NOT_DRAWN', allowed: ['drawInspections'] });
      const inspections = await em.find(Inspection, { draw: current });
      const started = inspections.filter((i) => i.status !== InspectionStatus.ASSIGNED);
      if (started.length) {
        throw new ConflictError(`The current draw cannot be redone: ${started.length} of its inspections already have results`, {
          currentState: 'RESULTS_RECORDED',
          inspectionIds: started.map((i) => i.id),
          allowed: [],
        });
      }
      current.supersededAt = new Date();
      for (const inspection of inspections) inspection.status = InspectionStatus.CANCELLED;
      return commitDraw(em, { plan, seed, drawnOn: todayInShanghai(), pool, committedBy: this.user.sub, supersedes: current, redrawReason: reason });
    });
  }

  /** Re-runs a stored draw from its seed, pool and roster snapshot and compares with what is stored. */
  async verify(drawId: string): Promise<DrawVerification> {
    const draw = await this.em.findOne(InspectionDraw, { id: requireUuid(drawId, 'drawId') });
    if (!draw) throw new NotFoundError('InspectionDraw', drawId);
    if (this.user.role === 'PUBLIC' && !draw.publishedAt) throw new ForbiddenError('This draw is not published yet: sign in to verify it');
    const inspections = await this.em.find(Inspection, { draw }, { fields: ['projectId', 'inspectorIds'] });
    let recomputed: DrawResult | null = null;
    let problem: string | null = null;
    try {
      recomputed = recomputeDraw(draw.algorithmVersion, {
        seed: draw.seed,
        drawnOn: draw.drawnOn,
        pool: draw.pool,
        roster: draw.roster,
        ratioBasisPoints: draw.samplingRatioBasisPoints,
        inspectorsPerProject: draw.inspectorsPerProject,
      });
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const resultMatches = recomputed !== null && sameResult(recomputed, draw.result);
    const stored = new Map(inspections.map((i) => [i.projectId, i.inspectorIds.join(',')]));
    const inspectionsMatch =
      recomputed !== null && stored.size === recomputed.projects.length && recomputed.projects.every((p) => stored.get(p.projectId) === p.inspectorIds.join(','));
    return {
      drawId: draw.id,
      matches: resultMatches && inspectionsMatch,
      resultMatches,
      inspectionsMatch,
      algorithmVersion: draw.algorithmVersion,
      seed: draw.seed,
      poolSize: draw.pool.length,
      poolProjectIds: draw.pool.map((p) => p.id),
      recomputed,
      stored: draw.result,
      problem,
    };
  }

  /** Inspections the caller may see, filtered and paged. */
  /** A page of the inspections the caller may see, by keyset (stable while draws add inspections). */
  async list(filter: InspectionFilter, window: PageWindow): Promise<ConnectionShape<Inspection>> {
    const where: FilterQuery<Inspection>[] = [];
    if (filter.planId) where.push({ plan: requireUuid(filter.planId, 'filter.planId') });
    if (filter.status) where.push({ status: filter.status });
    if (filter.departmentCode) where.push({ supervisingDepartmentCode: filter.departmentCode });
    const qb = this.em.createQueryBuilder(Inspection, 'i');
    if (!seesEverything(this.user)) {
      where.push({ status: { $ne: InspectionStatus.CANCELLED } });
      if (this.user.role === 'DEPT') where.push({ $or: [{ supervisingDepartmentCode: this.user.department! }, { status: InspectionStatus.PUBLISHED }] });
      else if (this.user.role === 'ENFORCER') qb.andWhere('(i.inspector_ids @> ?::jsonb or i.status = ?)', [JSON.stringify([this.user.sub]), InspectionStatus.PUBLISHED]);
      else where.push({ status: InspectionStatus.PUBLISHED });
    }
    if (filter.inspectorId) qb.andWhere('i.inspector_ids @> ?::jsonb', [JSON.stringify([requireUuid(filter.inspectorId, 'filter.inspectorId')])]);
    if (where.length) qb.andWhere({ $and: where });
    const count = qb.clone().getCount();
    if (window.keyset) qb.andWhere(keysetWhere(INSPECTION_ORDER, window.keyset));
    qb.orderBy(Object.fromEntries(INSPECTION_ORDER)).limit(window.limit + 1);
    if (window.offset) qb.offset(window.offset);
    const [rows, total] = await Promise.all([qb.getResultList(), count]);
    return keysetConnection(rows, total, window, INSPECTION_ORDER);
  }

  async get(id: string): Promise<Inspection | null> {
    const inspection = await this.em.findOne(Inspection, { id: requireUuid(id, 'id') });
    if (inspection && !canReadInspection(this.user, inspection)) throw new ForbiddenError('This inspection is not published: it is shown to the office, the leaders, its inspectors and the supervising department');
    return inspection;
  }

  private async lockInspection(em: EntityManager, id: string): Promise<Inspection> {
    const inspection = await em.findOne(Inspection, { id: requireUuid(id, 'inspectionId') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!inspection) throw new NotFoundError('Inspection', id);
    return inspection;
  }

  /** Records checklist results (every item of the plan once) and new findings: an assigned inspector or the office. */
  async recordResult(input: InspectionResultInput): Promise<Inspection> {
    return this.em.transactional(async (em) => {
      const inspection = await this.lockInspection(em, input.inspectionId);
      if (!canWorkOnInspection(this.user, inspection)) throw new ForbiddenError('Only the office or an inspector assigned to this inspection records its results');
      if (inspection.status !== InspectionStatus.ASSIGNED && inspection.status !== InspectionStatus.RECORDED) {
        throw new ConflictError(`Inspection is ${inspection.status}: results can no longer be changed`, { currentState: inspection.status, allowed: [] });
      }
      const draw = await em.findOneOrFail(InspectionDraw, { id: inspection.draw.id });
      if (input.inspectedOn < draw.drawnOn || input.inspectedOn > todayInShanghai()) {
        throw new InputError(`inspectedOn must be between the draw date ${draw.drawnOn} and today`, { field: 'inspectedOn', rule: 'between draw and today' });
      }
      const plan = await em.findOneOrFail(InspectionPlan, { id: inspection.plan.id }, { populate: ['items'] });
      const planCodes = plan.items.getItems().map((i) => i.code).sort();
      const given = input.checklist.map((c) => c.itemCode);
      const unknown = given.filter((c) => !planCodes.includes(c));
      const missing = planCodes.filter((c) => !given.includes(c));
      if (unknown.length || missing.length || new Set(given).size !== given.length) {
        throw new InputError(`checklist must give each item of the plan once (plan items: ${planCodes.join(', ')})`, { field: 'checklist', rule: 'each plan item once', unknown, missing });
      }
      for (const [index, finding] of input.findings.entries()) {
        if (finding.itemCode && !planCodes.includes(finding.itemCode)) {
          throw new InputError(`findings[${index}].itemCode ${finding.itemCode} is not an item of the plan`, { field: `findings[${index}].itemCode`, rule: 'plan item' });
        }
        finding.respondentCreditCodes.forEach((code, j) => requireCreditCode(code, `findings[${index}].respondentCreditCodes[${j}]`));
        em.create(InspectionFinding, {
          inspection,
          itemCode: finding.itemCode ?? null,
          description: requireText(finding.description, `findings[${index}].description`, 4000),
          severity: finding.severity,
          respondentCreditCodes: [...new Set(finding.respondentCreditCodes)],
        });
      }
      inspection.checklist = input.checklist.map((c) => ({ itemCode: c.itemCode, outcome: c.outcome, note: c.note?.trim() || null }));
      inspection.inspectedOn = input.inspectedOn;
      inspection.summary = input.summary?.trim() || null;
      inspection.status = InspectionStatus.RECORDED;
      inspection.recordedBy = this.user.sub;
      inspection.recordedAt = new Date();
      return inspection;
    });
  }

  /** Publishes recorded results (一公开); the draw becomes public with its first published inspection. */
  async publish(id: string): Promise<Inspection> {
    return this.em.transactional(async (em) => {
      const inspection = await this.lockInspection(em, id);
      if (inspection.status !== InspectionStatus.RECORDED) {
        throw new ConflictError(`Inspection is ${inspection.status}; only RECORDED results are published`, { currentState: inspection.status, allowed: inspection.status === InspectionStatus.ASSIGNED ? ['recordInspectionResult'] : [] });
      }
      inspection.status = InspectionStatus.PUBLISHED;
      inspection.publishedAt = new Date();
      const draw = await em.findOneOrFail(InspectionDraw, { id: inspection.draw.id });
      draw.publishedAt ??= inspection.publishedAt;
      return inspection;
    });
  }

  /**
   * Opens a case for a finding in the cases slice (it cannot read this database): the request carries
   * what the case needs. The outcome is stored on the finding — the case id, or the error so it can be
   * retried (the cases side is idempotent on the finding id, so a retry never opens a second case).
   */
  async openCase(findingId: string): Promise<InspectionFinding> {
    const finding = await this.em.findOne(InspectionFinding, { id: requireUuid(findingId, 'findingId') }, { populate: ['inspection'] });
    if (!finding) throw new NotFoundError('InspectionFinding', findingId);
    const inspection = finding.inspection;
    if (!canWorkOnInspection(this.user, inspection)) throw new ForbiddenError('Only the office or an inspector assigned to this inspection opens a case from its findings');
    if (inspection.status === InspectionStatus.CANCELLED) throw new ConflictError('The inspection was cancelled by a redraw', { currentState: inspection.status, allowed: [] });
    if (finding.caseId) return finding;
    if (!this.ports) throw new Error('InspectionService needs ports to open a case');
    let outcome: { caseId: string } | { error: string };
    try {
      outcome = await this.ports.caseOpener(this.user).openCase({
        findingId: finding.id,
        projectId: inspection.projectId,
        // 谁主管，谁监管: the case goes to the project's supervising department.
        departmentCode: inspection.supervisingDepartmentCode,
        summary: `检查发现 (${finding.severity}) on project ${inspection.projectCode}: ${finding.description}`.slice(0, 1000),
        respondentCreditCodes: finding.respondentCreditCodes,
      });
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    return this.em.transactional(async (em) => {
      const row = await em.findOneOrFail(InspectionFinding, { id: finding.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if ('caseId' in outcome) {
        row.caseId = outcome.caseId;
        row.caseOpenedAt = new Date();
        row.caseOpeningError = null;
      } else {
        row.caseOpeningError = outcome.error.slice(0, 2000);
      }
      return row;
    });
  }
}

import {
  DriverException,
  LockMode,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
  type EntityManager,
  type FilterQuery,
} from '@mikro-orm/postgresql';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  keysetConnection,
  keysetPage,
  keysetWhere,
  memberUnits,
  NotFoundError,
  requirePeriod,
  systemClock,
  todayInShanghai,
  toConnection,
  type Caller,
  type Clock,
  type ConnectionShape,
  type KeysetOrder,
  type PageWindow,
  requireCreditCode,
  requireRegisteredMarketEntities,
} from '@hub/kit';
import { canReadInspection, canWorkOnInspection, seesEverything } from '../access';
import { commitmentOf, deriveSeed, isValidSecret, manifestHash, runDrawV2, type DrawManifest, type DrawV2Result } from '../draw/algorithm';
import { recomputeDraw, type DrawResult, type PoolProject, type RosterEntry } from '../draw/draw';
import type { Ports } from '../ports';
import { requireText, requireUuid } from '../validation';
import { DrawCommitment, DrawRound, DrawRoundStatus, OPEN_ROUND_STATUSES } from './draw-round.entity';
import { freezeRound, isParticipantUnit, makeDraw, OFFICE_UNIT, recordCommitment, recordReveal, unitOf, WITNESS_UNIT } from './draw-procedure';
import { Inspection, InspectionDraw, InspectionFinding, InspectionItem, InspectionPlan, InspectionStatus } from './inspection.entity';
import type {
  CreateInspectionItemInput,
  CreateInspectionPlanInput,
  DrawVerification,
  FreezeDrawInput,
  InspectionFilter,
  InspectionResultInput,
} from './inspection.types';

/** Inspection lists: by the project's registration day, newest first, then by id. */
const INSPECTION_ORDER: KeysetOrder = [
  ['projectRegisteredOn', 'desc'],
  ['id', 'asc'],
];

/** 双随机一公开 floor: at least 5% of the period's projects (docs/domain.md). */
export const MIN_SAMPLING_BASIS_POINTS = 500;
export const MIN_INSPECTORS_PER_PROJECT = 2;
const MAX_INSPECTORS_PER_PROJECT = 10;
/** How long a round may wait for its reveals at most. */
const MAX_REVEAL_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Results compared as JSON in a fixed key order (stored JSONB does not keep key order). */
function canonicalResult(r: DrawResult | DrawV2Result) {
  return {
    algorithmVersion: r.algorithmVersion,
    poolSize: r.poolSize,
    drawnCount: r.drawnCount,
    projects: r.projects.map((p) => ({ projectId: p.projectId, inspectorIds: [...p.inspectorIds] })),
  };
}

/** Inspection items, plans, draws and inspections (双随机一公开), run by the office. */
/** Published draws' order: latest published first, the id breaking ties. */
const PUBLISHED_DRAW_ORDER: KeysetOrder = [
  ['publishedAt', 'desc'],
  ['id', 'asc'],
];

export class InspectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly ports?: Ports,
    /** The clock of the draw procedure (freeze date, reveal deadline) and of "today": the slice's clock. */
    private readonly clock: Clock = systemClock,
  ) {}

  /** The inspection-item list (抽查事项清单), by code. */
  items(): Promise<InspectionItem[]> {
    return this.em.find(InspectionItem, {}, { orderBy: { code: 'asc' } });
  }

  /** A page of plans, newest period first; optionally one year's. */
  async plans(year: number | null, window: PageWindow) {
    const [rows, total] = await this.em.findAndCount(InspectionPlan, year ? { year } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { periodFrom: 'desc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  /** A plan by id; null when none has it. */
  plan(id: string): Promise<InspectionPlan | null> {
    return this.em.findOne(InspectionPlan, { id: requireUuid(id, 'id') });
  }

  /** A draw: signed-in callers see every draw, the public only published ones (null otherwise, as for a missing one). */
  async getDraw(id: string): Promise<InspectionDraw | null> {
    const draw = await this.em.findOne(InspectionDraw, { id: requireUuid(id, 'id') });
    if (draw && this.user.role === 'PUBLIC' && !draw.publishedAt) return null;
    return draw;
  }

  /** Published draws (一公开), the latest published first; a keyset, so a page does not shift when a draw is published meanwhile. */
  publishedDraws(window: PageWindow) {
    return keysetPage(this.em, InspectionDraw, { publishedAt: { $ne: null } }, window, PUBLISHED_DRAW_ORDER);
  }

  /** A page of published results (一公开), newest first; optionally one department's projects. */
  async published(departmentCode: string | null, window: PageWindow) {
    const [rows, total] = await this.em.findAndCount(
      Inspection,
      { status: InspectionStatus.PUBLISHED, ...(departmentCode ? { supervisingDepartmentCode: departmentCode } : {}) },
      { limit: window.limit, offset: window.offset, orderBy: { publishedAt: 'desc', id: 'asc' } },
    );
    return toConnection(rows, total, window);
  }

  async createItem(input: CreateInspectionItemInput): Promise<InspectionItem> {
    const code = requireText(input.code, 'code', 40);
    if (input.stages.length === 0) throw new InputError('stages must name at least one project stage', { field: 'stages', rule: 'at least one' });
    return this.em.transactional(async (em) => {
      if (await em.findOne(InspectionItem, { code })) throw new InputError(`Inspection item ${code} already exists`, { field: 'code', rule: 'unique' });
      return em.create(InspectionItem, {
        code,
        title: requireText(input.title, 'title', 200),
        legalBasis: requireText(input.legalBasis, 'legalBasis', 2000),
        stages: input.stages,
      });
    });
  }

  async createPlan(input: CreateInspectionPlanInput): Promise<InspectionPlan> {
    requirePeriod({ from: input.periodFrom, to: input.periodTo }, 'period', { from: 'periodFrom', to: 'periodTo' });
    if (!(Number.isFinite(input.samplingRatio) && input.samplingRatio >= 0.05 && input.samplingRatio <= 1)) {
      throw new InputError(`samplingRatio must be between 0.05 (5%) and 1, got ${input.samplingRatio}`, {
        field: 'samplingRatio',
        rule: 'at least 5% (双随机一公开)',
      });
    }
    const basisPoints = Math.round(input.samplingRatio * 10_000);
    if (!(
      Number.isInteger(input.inspectorsPerProject) &&
      input.inspectorsPerProject >= MIN_INSPECTORS_PER_PROJECT &&
      input.inspectorsPerProject <= MAX_INSPECTORS_PER_PROJECT
    )) {
      throw new InputError(
        `inspectorsPerProject must be between ${MIN_INSPECTORS_PER_PROJECT} and ${MAX_INSPECTORS_PER_PROJECT}, got ${input.inspectorsPerProject}`,
        {
          field: 'inspectorsPerProject',
          rule: `at least ${MIN_INSPECTORS_PER_PROJECT} inspectors per project`,
        },
      );
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

  private now(): Date {
    return this.clock.now();
  }

  private async poolOf(plan: InspectionPlan): Promise<PoolProject[]> {
    if (!this.ports) throw new Error('InspectionService needs ports to read the project pool');
    return this.ports.projectPool(this.user).projectsRegisteredIn(plan.periodFrom, plan.periodTo);
  }

  private async loadPlan(em: EntityManager, planId: string, lock = false): Promise<InspectionPlan> {
    // NOWAIT: a second concurrent attempt on the same plan gets CONFLICT at once instead of queueing behind the first.
    const plan = await em.findOne(InspectionPlan, { id: requireUuid(planId, 'planId') }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE_OR_FAIL } : {});
    if (!plan) throw new NotFoundError('InspectionPlan', planId, 'planId');
    return plan;
  }

  /** Locks the round (waiting: two units committing at the same moment both get through, one after the other). */
  private async loadRound(em: EntityManager, roundId: string): Promise<DrawRound> {
    const round = await em.findOne(DrawRound, { id: requireUuid(roundId, 'roundId') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!round) throw new NotFoundError('DrawRound', roundId, 'roundId');
    return round;
  }

  /** The caller's unit, which must be a participant of the round. */
  private participantUnit(round: DrawRound): string {
    const unit = unitOf(this.user);
    if (!unit || !round.participants.includes(unit)) {
      throw new ForbiddenError(
        `Only the participating units (${round.participants.join(', ')}) commit and reveal in round ${round.number}; you act for ${unit ?? 'no unit'}`,
      );
    }
    return unit;
  }

  /**
   * Freezes and publishes a round (the first draw, or a redraw with its reason): pool, pseudonymous
   * roster snapshot, exclusions, parameters and participants, hashed. Participants: at least two
   * member units (the office ZWJ, line departments, the leading group as witness LEADING_GROUP).
   */
  async freeze(input: FreezeDrawInput): Promise<DrawRound> {
    const units = [...new Set(input.participantUnits.map((u) => u.trim()))].sort();
    const memberUnitList = await memberUnits();
    const unknown = units.filter((u) => !isParticipantUnit(u, memberUnitList));
    if (unknown.length) {
      throw new InputError(
        `participantUnits must be member units (${OFFICE_UNIT}, ${memberUnitList.describeLine()}, ${WITNESS_UNIT}); unknown: ${unknown.join(', ')}`,
        { field: 'participantUnits', rule: 'member units', unknown },
      );
    }
    if (units.length < 2) {
      throw new InputError('participantUnits must name at least two different member units: one unit alone could choose the seed', {
        field: 'participantUnits',
        rule: 'at least two units',
      });
    }
    const now = this.now();
    const deadline = input.revealDeadline instanceof Date ? input.revealDeadline : new Date(input.revealDeadline);
    if (!(deadline.getTime() > now.getTime() && deadline.getTime() <= now.getTime() + MAX_REVEAL_WINDOW_MS)) {
      throw new InputError('revealDeadline must be in the future and at most 30 days ahead', { field: 'revealDeadline', rule: 'future, within 30 days' });
    }
    const reason = input.redrawReason === null || input.redrawReason === undefined ? null : requireText(input.redrawReason, 'redrawReason', 2000);
    // The pool is read from the projects slice before the transaction: no network call holds a lock.
    const pool = await this.poolOf(await this.loadPlan(this.em.fork(), input.planId));
    return this.raceSafe(() =>
      this.em.transactional(async (em) => {
        const plan = await this.loadPlan(em, input.planId, true);
        const open = await em.findOne(DrawRound, { plan, status: { $in: OPEN_ROUND_STATUSES } });
        if (open) {
          throw new ConflictError(`Plan ${plan.name} already has round ${open.number} in progress (${open.status})`, {
            currentState: open.status,
            roundId: open.id,
            allowed: open.status === DrawRoundStatus.REVEALED ? ['drawInspections'] : ['commitDrawSecret', 'revealDrawSecret', 'abandonDrawRound'],
          });
        }
        const current = await em.findOne(InspectionDraw, { plan, supersededAt: null });
        if (current && !reason) {
          throw new ConflictError(`Plan ${plan.name} already has a draw in force (${current.id}); a new one is a redraw and needs redrawReason`, {
            currentState: 'DRAWN',
            currentDrawId: current.id,
            allowed: ['freezeDraw with redrawReason', 'verifyDraw'],
          });
        }
        if (!current && reason)
          throw new ConflictError(`Plan ${plan.name} has no draw to redo`, { currentState: 'NOT_DRAWN', allowed: ['freezeDraw without redrawReason'] });
        if (current) await this.refuseRedrawWithResults(em, current);
        const number = ((await em.find(DrawRound, { plan }, { orderBy: { number: 'desc' }, limit: 1 }))[0]?.number ?? 0) + 1;
        return freezeRound(em, {
          plan,
          number,
          pool,
          participants: units,
          drawnOn: todayInShanghai(now),
          revealDeadline: deadline,
          frozenBy: this.user.sub,
          frozenAt: now,
          redrawReason: reason,
        });
      }),
    );
  }

  private async refuseRedrawWithResults(em: EntityManager, current: InspectionDraw): Promise<Inspection[]> {
    const inspections = await em.find(Inspection, { draw: current });
    const started = inspections.filter((i) => i.status !== InspectionStatus.ASSIGNED);
    if (started.length) {
      throw new ConflictError(`The draw in force cannot be redone: ${started.length} of its inspections already have results`, {
        currentState: 'RESULTS_RECORDED',
        inspectionIds: started.map((i) => i.id),
        allowed: [],
      });
    }
    return inspections;
  }

  /** A participant's commitment: SHA-256 of its 32-byte secret. Commitments close when every participant has committed. */
  async commit(roundId: string, commitmentArg: string): Promise<DrawRound> {
    const commitment = commitmentArg.trim();
    if (!/^[0-9a-f]{64}$/.test(commitment))
      throw new InputError('commitment must be the SHA-256 of the secret: 64 lower-case hex digits', { field: 'commitment', rule: 'SHA-256 hex' });
    return this.raceSafe(() =>
      this.em.transactional(async (em) => {
        const round = await this.loadRound(em, roundId);
        const unit = this.participantUnit(round);
        if (round.status !== DrawRoundStatus.COMMITTING) {
          throw new ConflictError(`Round ${round.number} is ${round.status}: commitments are closed`, {
            currentState: round.status,
            allowed: round.status === DrawRoundStatus.REVEALING ? ['revealDrawSecret'] : [],
          });
        }
        if (await em.findOne(DrawCommitment, { round, unitCode: unit })) {
          throw new ConflictError(`${unit} has already committed in round ${round.number}: a commitment cannot be changed`, {
            currentState: 'COMMITTED',
            allowed: ['revealDrawSecret once commitments close'],
          });
        }
        if (await em.findOne(DrawCommitment, { commitment })) {
          throw new InputError('This commitment was already used: draw a fresh secret for every round (a revealed secret is public)', {
            field: 'commitment',
            rule: 'single-use secret',
          });
        }
        await recordCommitment(em, { round, unitCode: unit, commitment, by: this.user.sub, at: this.now() });
        return round;
      }),
    );
  }

  /**
   * A participant's secret, checked against its commitment, before the deadline. The office reveals
   * first, so it is never the last revealer (the one who could compute the seed before deciding to
   * reveal). The last reveal fixes the seed.
   */
  async reveal(roundId: string, secretArg: string): Promise<DrawRound> {
    const secret = secretArg.trim();
    if (!isValidSecret(secret)) throw new InputError('secret must be 32 bytes as 64 lower-case hex digits', { field: 'secret', rule: '32-byte hex' });
    return this.raceSafe(() =>
      this.em.transactional(async (em) => {
        const round = await this.loadRound(em, roundId);
        const unit = this.participantUnit(round);
        const commitments = await em.find(DrawCommitment, { round });
        if (round.status === DrawRoundStatus.COMMITTING) {
          const waiting = round.participants.filter((u) => !commitments.some((c) => c.unitCode === u));
          throw new ConflictError(`Commitments of round ${round.number} are not closed: waiting for ${waiting.join(', ')}`, {
            currentState: round.status,
            waitingFor: waiting,
            allowed: ['commitDrawSecret'],
          });
        }
        if (round.status !== DrawRoundStatus.REVEALING)
          throw new ConflictError(`Round ${round.number} is ${round.status}: nothing more to reveal`, { currentState: round.status, allowed: [] });
        if (this.now().getTime() > round.revealDeadline.getTime()) {
          throw new ConflictError(
            `The reveal deadline of round ${round.number} has passed: the round can only be abandoned and run again with fresh commitments`,
            {
              currentState: 'DEADLINE_PASSED',
              allowed: ['abandonDrawRound'],
            },
          );
        }
        const own = commitments.find((c) => c.unitCode === unit)!;
        if (own.secret) throw new ConflictError(`${unit} has already revealed in round ${round.number}`, { currentState: 'REVEALED', allowed: [] });
        const office = commitments.find((c) => c.unitCode === OFFICE_UNIT);
        if (unit !== OFFICE_UNIT && office && !office.secret) {
          throw new ConflictError(`The office (${OFFICE_UNIT}) reveals first in round ${round.number}, so it is never the last to reveal`, {
            currentState: round.status,
            waitingFor: [OFFICE_UNIT],
            allowed: [],
          });
        }
        if (commitmentOf(secret) !== own.commitment) {
          throw new InputError(`SHA-256 of the secret does not equal ${unit}'s commitment in round ${round.number}`, {
            field: 'secret',
            rule: 'SHA-256(secret) = commitment',
          });
        }
        await recordReveal(em, { round, commitment: own, secret, by: this.user.sub, at: this.now() });
        return round;
      }),
    );
  }

  /** The draw of the plan's REVEALED round; for a redraw it supersedes the draw in force. One draw per round and one in force per plan (database-enforced). */
  async draw(planId: string): Promise<InspectionDraw> {
    return this.raceSafe(() =>
      this.em.transactional(async (em) => {
        const plan = await this.loadPlan(em, planId, true);
        const round = await em.findOne(DrawRound, { plan, status: { $in: OPEN_ROUND_STATUSES } });
        if (!round) {
          const current = await em.findOne(InspectionDraw, { plan, supersededAt: null });
          throw new ConflictError(
            current
              ? `Plan ${plan.name} is drawn (${current.id}) and no redraw round is in progress`
              : `Plan ${plan.name} has no round in progress: freeze one first`,
            { currentState: current ? 'DRAWN' : 'NOT_FROZEN', allowed: ['freezeDraw'] },
          );
        }
        if (round.status !== DrawRoundStatus.REVEALED) {
          const commitments = await em.find(DrawCommitment, { round });
          const waiting = round.participants.filter(
            (u) => !commitments.some((c) => c.unitCode === u && (round.status === DrawRoundStatus.COMMITTING || c.secret)),
          );
          throw new ConflictError(`Round ${round.number} is ${round.status}: the seed is not fixed yet (waiting for ${waiting.join(', ')})`, {
            currentState: round.status,
            roundId: round.id,
            waitingFor: waiting,
            allowed: [round.status === DrawRoundStatus.COMMITTING ? 'commitDrawSecret' : 'revealDrawSecret'],
          });
        }
        const current = await em.findOne(InspectionDraw, { plan, supersededAt: null });
        const now = this.now();
        if (current) {
          const inspections = await this.refuseRedrawWithResults(em, current);
          current.supersededAt = now;
          for (const inspection of inspections) inspection.status = InspectionStatus.CANCELLED;
          // The superseded row is written before the new one, or the one-in-force index would see two.
          await em.flush();
        }
        return makeDraw(em, { round, by: this.user.sub, at: now, supersedes: current });
      }),
    );
  }

  /**
   * Ends a round without a draw, recorded with the units that had not committed or revealed. Before
   * any reveal nobody can know the seed, so the office may abandon at any time; once a secret is
   * revealed only after the deadline (a unit withholding its reveal cannot be waited for forever, and
   * the next round needs fresh commitments); a REVEALED round (seed fixed) only when its redraw can no
   * longer be made because results were recorded meanwhile.
   */
  async abandon(roundId: string, reasonArg: string): Promise<DrawRound> {
    const reason = requireText(reasonArg, 'reason', 2000);
    return this.raceSafe(() =>
      this.em.transactional(async (em) => {
        const round = await this.loadRound(em, roundId);
        if (!OPEN_ROUND_STATUSES.includes(round.status))
          throw new ConflictError(`Round ${round.number} is ${round.status}`, { currentState: round.status, allowed: [] });
        const commitments = await em.find(DrawCommitment, { round });
        const now = this.now();
        if (round.status === DrawRoundStatus.REVEALING && commitments.some((c) => c.secret) && now.getTime() <= round.revealDeadline.getTime()) {
          throw new ConflictError(
            `Secrets of round ${round.number} are being revealed: it can be abandoned only after the deadline ${round.revealDeadline.toISOString()}`,
            {
              currentState: round.status,
              allowed: ['revealDrawSecret'],
            },
          );
        }
        if (round.status === DrawRoundStatus.REVEALED) {
          const current = round.redrawReason ? await em.findOne(InspectionDraw, { plan: round.plan, supersededAt: null }) : null;
          const started = current ? await em.count(Inspection, { draw: current, status: { $ne: InspectionStatus.ASSIGNED } }) : 0;
          if (started === 0)
            throw new ConflictError(`Every secret of round ${round.number} is revealed: the seed is fixed and the draw must be made`, {
              currentState: round.status,
              allowed: ['drawInspections'],
            });
        }
        round.status = DrawRoundStatus.ABANDONED;
        round.abandonedAt = now;
        round.abandonedBy = this.user.sub;
        round.abandonReason = reason;
        round.defaultingUnits = round.participants.filter((u) => !commitments.some((c) => c.unitCode === u && c.secret));
        return round;
      }),
    );
  }

  /** Maps the database's refusals of a concurrent attempt (row lock taken, unique index) to CONFLICT. */
  private async raceSafe<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (
        error instanceof UniqueConstraintViolationException ||
        (error instanceof DriverException && error.code === '55P03') ||
        error instanceof LockWaitTimeoutException
      ) {
        throw new ConflictError('Another request is changing this draw right now; read the plan again', { currentState: 'CONCURRENT_CHANGE', allowed: [] });
      }
      throw error;
    }
  }

  /**
   * Re-runs a stored draw from public data and checks each link: the manifest hashes to the published
   * hash, every reveal matches its commitment, the seed is derived from them, the result follows from
   * manifest and seed, and the stored inspections are that result. A legacy draw-v1 draw (seed given
   * by the office) can be re-run but its seed is not verifiable: seedMatches is false.
   */
  async verify(drawId: string): Promise<DrawVerification> {
    const draw = await this.em.findOne(InspectionDraw, { id: requireUuid(drawId, 'drawId') }, { populate: ['round'] });
    if (!draw) throw new NotFoundError('InspectionDraw', drawId, 'drawId');
    if (this.user.role === 'PUBLIC' && !draw.publishedAt) throw new ForbiddenError('This draw is not published yet: sign in to verify it');
    const inspections = await this.em.find(Inspection, { draw }, { fields: ['projectId', 'inspectorIds'] });
    const round = draw.round ?? null;
    let recomputed: DrawResult | DrawV2Result | null = null;
    const problems: string[] = [];
    let manifestMatches = false;
    let commitmentsMatch = false;
    let seedMatches = false;
    let toEnforcer = (id: string) => id;
    if (round) {
      manifestMatches = manifestHash(round.manifest) === round.manifestHash;
      if (!manifestMatches) problems.push('The manifest does not hash to the published manifest hash');
      const commitments = await this.em.find(DrawCommitment, { round });
      commitmentsMatch =
        round.participants.length >= 2 &&
        round.participants.every((u) => {
          const c = commitments.find((x) => x.unitCode === u);
          return !!c?.secret && isValidSecret(c.secret) && commitmentOf(c.secret) === c.commitment;
        });
      if (!commitmentsMatch) problems.push('A participant’s reveal is missing or does not match its commitment');
      if (commitmentsMatch)
        seedMatches =
          deriveSeed(
            round.manifestHash,
            commitments.map((c) => ({ unitCode: c.unitCode, secret: c.secret! })),
          ) === draw.seed;
      if (!seedMatches) problems.push('The seed is not the one derived from the manifest hash and the reveals');
      toEnforcer = (pseudonym) => round.pseudonyms[pseudonym] ?? `unknown pseudonym ${pseudonym}`;
      try {
        recomputed = runDrawV2(JSON.parse(round.manifest) as DrawManifest, draw.seed);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    } else {
      problems.push('Legacy draw-v1 draw: its seed was given by the office, so the re-run proves consistency, not randomness');
      try {
        recomputed = recomputeDraw(draw.algorithmVersion, {
          seed: draw.seed,
          drawnOn: draw.drawnOn,
          pool: draw.pool,
          roster: draw.roster as RosterEntry[],
          ratioBasisPoints: draw.samplingRatioBasisPoints,
          inspectorsPerProject: draw.inspectorsPerProject,
        });
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    const resultMatches = recomputed !== null && JSON.stringify(canonicalResult(recomputed)) === JSON.stringify(canonicalResult(draw.result));
    const stored = new Map(inspections.map((i) => [i.projectId, i.inspectorIds.join(',')]));
    const inspectionsMatch =
      recomputed !== null &&
      stored.size === recomputed.projects.length &&
      recomputed.projects.every((p) => stored.get(p.projectId) === p.inspectorIds.map(toEnforcer).join(','));
    return {
      drawId: draw.id,
      matches: resultMatches && inspectionsMatch && manifestMatches && commitmentsMatch && seedMatches,
      resultMatches,
      inspectionsMatch,
      manifestMatches,
      commitmentsMatch,
      seedMatches,
      algorithmVersion: draw.algorithmVersion,
      seed: draw.seed,
      manifestHash: round?.manifestHash ?? null,
      poolSize: draw.pool.length,
      poolProjectIds: draw.pool.map((p) => p.id),
      recomputed,
      stored: draw.result,
      problem: problems.length ? problems.join('; ') : null,
    };
  }

  /** Inspections the caller may see, filtered and paged. */
  /** A page of the inspections the caller may see, by keyset (stable while draws add inspections). */
  async list(filter: InspectionFilter, window: PageWindow): Promise<ConnectionShape<Inspection>> {
    const where: FilterQuery<Inspection>[] = [];
    if (filter.planId) where.push({ plan: requireUuid(filter.planId, 'filter.planId') });
    if (filter.status) where.push({ status: filter.status });
    if (filter.departmentCode) where.push({ supervisingDepartmentCode: filter.departmentCode });
    if (filter.drawnFrom || filter.drawnTo) {
      if (!filter.drawnFrom || !filter.drawnTo)
        throw new InputError('filter.drawnFrom and filter.drawnTo go together', {
          field: filter.drawnFrom ? 'filter.drawnTo' : 'filter.drawnFrom',
          rule: 'both ends of the period',
        });
      requirePeriod({ from: filter.drawnFrom, to: filter.drawnTo }, 'filter', { from: 'filter.drawnFrom', to: 'filter.drawnTo' });
      const draws = await this.em.find(InspectionDraw, { drawnOn: { $gte: filter.drawnFrom, $lte: filter.drawnTo }, supersededAt: null }, { fields: ['id'] });
      where.push({ draw: { $in: draws.map((d) => d.id) } });
    }
    const qb = this.em.createQueryBuilder(Inspection, 'i');
    if (!seesEverything(this.user)) {
      where.push({ status: { $ne: InspectionStatus.CANCELLED } });
      if (this.user.role === 'DEPT') where.push({ $or: [{ supervisingDepartmentCode: this.user.department! }, { status: InspectionStatus.PUBLISHED }] });
      else if (this.user.role === 'ENFORCER')
        qb.andWhere('(i.inspector_ids @> ?::jsonb or i.status = ?)', [JSON.stringify([this.user.sub]), InspectionStatus.PUBLISHED]);
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
    if (inspection && !canReadInspection(this.user, inspection))
      throw new ForbiddenError('This inspection is not published: it is shown to the office, the leaders, its inspectors and the supervising department');
    return inspection;
  }

  private async lockInspection(em: EntityManager, id: string): Promise<Inspection> {
    const inspection = await em.findOne(Inspection, { id: requireUuid(id, 'inspectionId') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!inspection) throw new NotFoundError('Inspection', id, 'inspectionId');
    return inspection;
  }

  /**
   * The findings' respondents must be valid credit codes of market entities the trading center knows
   * (one request for all of them): a case opened from a finding links them to their bids and credit.
   */
  private async requireRegisteredRespondents(findings: InspectionResultInput['findings']): Promise<void> {
    const codes = findings.map((finding, i) =>
      finding.respondentCreditCodes.map((code, j) => requireCreditCode(code, `findings[${i}].respondentCreditCodes[${j}]`)),
    );
    const all = [...new Set(codes.flat())];
    if (all.length === 0) return;
    if (!this.ports) throw new Error('InspectionService needs ports to check market entities');
    const registered = await this.ports.registeredMarketEntities(all);
    codes.forEach((list, i) => requireRegisteredMarketEntities(registered, list, `findings[${i}].respondentCreditCodes`));
  }

  /** Records checklist results (every item of the plan once) and new findings: an assigned inspector or the office. */
  async recordResult(input: InspectionResultInput): Promise<Inspection> {
    return this.em.transactional(async (em) => {
      const inspection = await this.lockInspection(em, input.inspectionId);
      if (!canWorkOnInspection(this.user, inspection))
        throw new ForbiddenError('Only the office or an inspector assigned to this inspection records its results');
      if (inspection.status !== InspectionStatus.ASSIGNED && inspection.status !== InspectionStatus.RECORDED) {
        throw new ConflictError(`Inspection is ${inspection.status}: results can no longer be changed`, { currentState: inspection.status, allowed: [] });
      }
      const draw = await em.findOneOrFail(InspectionDraw, { id: inspection.draw.id });
      if (input.inspectedOn < draw.drawnOn || input.inspectedOn > this.clock.today()) {
        throw new InputError(`inspectedOn must be between the draw date ${draw.drawnOn} and today`, { field: 'inspectedOn', rule: 'between draw and today' });
      }
      const plan = await em.findOneOrFail(InspectionPlan, { id: inspection.plan.id }, { populate: ['items'] });
      const planCodes = plan.items
        .getItems()
        .map((i) => i.code)
        .sort();
      const given = input.checklist.map((c) => c.itemCode);
      const unknown = given.filter((c) => !planCodes.includes(c));
      const missing = planCodes.filter((c) => !given.includes(c));
      if (unknown.length || missing.length || new Set(given).size !== given.length) {
        throw new InputError(`checklist must give each item of the plan once (plan items: ${planCodes.join(', ')})`, {
          field: 'checklist',
          rule: 'each plan item once',
          unknown,
          missing,
        });
      }
      await this.requireRegisteredRespondents(input.findings);
      for (const [index, finding] of input.findings.entries()) {
        if (finding.itemCode && !planCodes.includes(finding.itemCode)) {
          throw new InputError(`findings[${index}].itemCode ${finding.itemCode} is not an item of the plan`, {
            field: `findings[${index}].itemCode`,
            rule: 'plan item',
          });
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
        throw new ConflictError(`Inspection is ${inspection.status}; only RECORDED results are published`, {
          currentState: inspection.status,
          allowed: inspection.status === InspectionStatus.ASSIGNED ? ['recordInspectionResult'] : [],
        });
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
    if (!finding) throw new NotFoundError('InspectionFinding', findingId, 'findingId');
    const inspection = finding.inspection;
    if (!canWorkOnInspection(this.user, inspection))
      throw new ForbiddenError('Only the office or an inspector assigned to this inspection opens a case from its findings');
    if (inspection.status === InspectionStatus.CANCELLED)
      throw new ConflictError('The inspection was cancelled by a redraw', { currentState: inspection.status, allowed: [] });
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

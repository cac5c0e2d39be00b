import { createHmac, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, type Caller, type MemberUnits } from '@hub/kit';
import {
  ascending,
  canonicalManifest,
  checkFeasible,
  commitmentOf,
  deriveSeed,
  DRAW_V2,
  DrawImpossible,
  manifestHash,
  runDrawV2,
  type DrawManifest,
  type ManifestExclusion,
  type ManifestInspector,
} from '../draw/algorithm';
import type { PoolProject, RosterEntry } from '../draw/draw';
import { ConflictOfInterest, Enforcer, Recusal } from '../enforcer/enforcer.entity';
import { DrawCommitment, DrawRound, DrawRoundStatus } from './draw-round.entity';
import { Inspection, InspectionDraw, InspectionPlan } from './inspection.entity';

/**
 * The commit-reveal draw procedure (docs/draw.md), as functions over an entity manager inside the
 * caller's transaction: the mutations and the demo seed both run it, so the demo draws are made the
 * way real ones are.
 */

/** The leading group office (ZWJ): it runs the procedure and may be one participant, never two. */
export const OFFICE_UNIT = 'ZWJ';
/** A leader of the leading group (领导小组) committing as witness. */
export const WITNESS_UNIT = 'LEADING_GROUP';

/** The unit a caller commits and reveals for: the office for ZWJ, a department officer for its department, a leader as witness. */
export function unitOf(caller: Caller): string | null {
  if (caller.role === 'OFFICE') return OFFICE_UNIT;
  // A line department (the token check makes sure of that); it acts only if it is among the round's
  // participants, which freeze checked against the member units. Never the office's or the witness's seat.
  if (caller.role === 'DEPT' && caller.department && caller.department !== OFFICE_UNIT && caller.department !== WITNESS_UNIT) return caller.department;
  if (caller.role === 'LEADER') return WITNESS_UNIT;
  return null;
}

export function isParticipantUnit(code: string, units: MemberUnits): boolean {
  return code === OFFICE_UNIT || code === WITNESS_UNIT || units.isLine(code);
}

/** The roster with what the freeze needs: every enforcer, its conflicts of interest and its recusals from pool projects. */
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
    conflictCreditCodes: conflicts
      .filter((c) => c.enforcer.id === e.id)
      .map((c) => c.creditCode)
      .sort(),
    recusedProjectIds: recusals
      .filter((r) => r.enforcer.id === e.id)
      .map((r) => r.projectId)
      .sort(),
  }));
}

/** A pseudonym per enforcer and round: HMAC-SHA256 under a one-off key that is never stored, first 16 hex digits. */
function pseudonymsFor(enforcerIds: string[], key: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of enforcerIds) out.set(id, createHmac('sha256', key).update(id).digest('hex').slice(0, 16));
  if (new Set(out.values()).size !== out.size) throw new Error('Pseudonym collision: freeze again');
  return out;
}

export interface FreezeArgs {
  plan: InspectionPlan;
  number: number;
  pool: PoolProject[];
  participants: string[];
  drawnOn: string;
  revealDeadline: Date;
  frozenBy: string;
  frozenAt: Date;
  redrawReason?: string | null;
  /** Fixed only by the demo seed (reproducible demo data); otherwise 32 random bytes. */
  pseudonymKey?: Buffer;
}

/**
 * Freezes a round: the pool, the roster snapshot of the enforcers eligible on the draw date (active,
 * certificate valid) under pseudonyms, each pool project's exclusions (conflict of interest with a
 * party, recusal), the parameters and the participants, hashed. Refuses a manifest whose draw could
 * fail, so a fixed seed always gives a draw.
 */
export async function freezeRound(em: EntityManager, args: FreezeArgs): Promise<DrawRound> {
  const pool = [...args.pool].sort((a, b) => ascending(a.id, b.id));
  const roster = (
    await buildRoster(
      em,
      pool.map((p) => p.id),
    )
  ).filter((e) => e.active && e.certificateValidUntil >= args.drawnOn);
  const pseudonyms = pseudonymsFor(
    roster.map((e) => e.id),
    args.pseudonymKey ?? randomBytes(32),
  );
  const inspectors: ManifestInspector[] = roster.map((e) => ({
    pseudonym: pseudonyms.get(e.id)!,
    departmentCode: e.departmentCode,
    specialties: e.specialties,
  }));
  const exclusions: ManifestExclusion[] = pool.map((project) => {
    const parties = new Set(project.partyCreditCodes);
    const excluded = roster.filter((e) => e.conflictCreditCodes.some((c) => parties.has(c)) || e.recusedProjectIds.includes(project.id));
    return { projectId: project.id, pseudonyms: excluded.map((e) => pseudonyms.get(e.id)!) };
  });
  const manifest: DrawManifest = {
    algorithm: DRAW_V2,
    planId: args.plan.id,
    round: args.number,
    drawnOn: args.drawnOn,
    ratioBasisPoints: args.plan.samplingRatioBasisPoints,
    inspectorsPerProject: args.plan.inspectorsPerProject,
    participants: args.participants,
    pool: pool.map((p) => ({ id: p.id, code: p.code, category: p.category, departmentCode: p.supervisingDepartmentCode, registeredOn: p.registeredOn })),
    roster: inspectors,
    exclusions,
  };
  try {
    checkFeasible(manifest);
  } catch (error) {
    if (error instanceof DrawImpossible)
      throw new ConflictError(`The draw cannot be made: ${error.message}`, { currentState: 'DRAW_IMPOSSIBLE', ...error.details });
    throw error;
  }
  const text = canonicalManifest(manifest);
  return em.create(DrawRound, {
    plan: args.plan,
    number: args.number,
    redrawReason: args.redrawReason ?? null,
    participants: [...args.participants].sort(ascending),
    drawnOn: args.drawnOn,
    manifest: text,
    manifestHash: manifestHash(text),
    pool,
    pseudonyms: Object.fromEntries([...pseudonyms].map(([id, pseudonym]) => [pseudonym, id])),
    frozenAt: args.frozenAt,
    frozenBy: args.frozenBy,
    revealDeadline: args.revealDeadline,
  });
}

/** Records a commitment; closes commitments (→ REVEALING) when the last participant has committed. */
export async function recordCommitment(
  em: EntityManager,
  args: { round: DrawRound; unitCode: string; commitment: string; by: string; at: Date },
): Promise<DrawCommitment> {
  // Counted before the new row exists, so an automatic flush cannot count it twice.
  const before = await em.count(DrawCommitment, { round: args.round });
  const row = em.create(DrawCommitment, {
    round: args.round,
    unitCode: args.unitCode,
    commitment: args.commitment,
    committedBy: args.by,
    committedAt: args.at,
  });
  if (before + 1 === args.round.participants.length) args.round.status = DrawRoundStatus.REVEALING;
  return row;
}

/** Records a checked reveal; when it is the last one, fixes the seed (→ REVEALED). */
export async function recordReveal(
  em: EntityManager,
  args: { round: DrawRound; commitment: DrawCommitment; secret: string; by: string; at: Date },
): Promise<void> {
  if (commitmentOf(args.secret) !== args.commitment.commitment) throw new Error('The secret does not match the commitment');
  args.commitment.secret = args.secret;
  args.commitment.revealedBy = args.by;
  args.commitment.revealedAt = args.at;
  const all = await em.find(DrawCommitment, { round: args.round });
  if (all.every((c) => c.secret)) {
    args.round.seed = deriveSeed(
      args.round.manifestHash,
      all.map((c) => ({ unitCode: c.unitCode, secret: c.secret! })),
    );
    args.round.status = DrawRoundStatus.REVEALED;
  }
}

/**
 * Makes the draw of a REVEALED round: runs draw-v2 on the frozen manifest and the seed, stores the
 * draw (superseding `supersedes` for a redraw) and one inspection per drawn project with its
 * inspectors (enforcer ids from the private pseudonym table, pseudonyms kept alongside).
 */
export function makeDraw(em: EntityManager, args: { round: DrawRound; by: string; at: Date; supersedes?: InspectionDraw | null }): InspectionDraw {
  const manifest = JSON.parse(args.round.manifest) as DrawManifest;
  const result = runDrawV2(manifest, args.round.seed!);
  const draw = em.create(InspectionDraw, {
    plan: args.round.plan,
    round: args.round,
    seed: args.round.seed!,
    algorithmVersion: result.algorithmVersion,
    drawnOn: args.round.drawnOn,
    samplingRatioBasisPoints: manifest.ratioBasisPoints,
    inspectorsPerProject: manifest.inspectorsPerProject,
    pool: args.round.pool,
    roster: manifest.roster,
    result,
    committedBy: args.by,
    committedAt: args.at,
    supersedes: args.supersedes ?? null,
    redrawReason: args.round.redrawReason ?? null,
  });
  const byId = new Map(args.round.pool.map((p) => [p.id, p]));
  for (const drawn of result.projects) {
    const project = byId.get(drawn.projectId)!;
    em.create(Inspection, {
      draw,
      plan: args.round.plan,
      projectId: project.id,
      projectCode: project.code,
      supervisingDepartmentCode: project.supervisingDepartmentCode,
      projectRegisteredOn: project.registeredOn,
      inspectorIds: drawn.inspectorIds.map((pseudonym) => args.round.pseudonyms[pseudonym]),
      inspectorPseudonyms: drawn.inspectorIds,
    });
  }
  args.round.status = DrawRoundStatus.DRAWN;
  return draw;
}

import { createHash } from 'node:crypto';

/**
 * The "双随机" draw as a pure, versioned function: the same inputs always give the same result, so
 * anyone holding the stored seed, pool and roster snapshot can re-run it and check that the
 * committed draw was random and not hand-picked.
 *
 * Version `draw-v1`:
 * - Randomness: SHA-256 in counter mode. Block n is SHA-256(seedBytes ‖ "draw-v1" ‖ uint32be(n)); each
 *   block yields eight big-endian 32-bit words, consumed in order. An integer in [0, m) is drawn by
 *   rejection sampling (words ≥ floor(2³²/m)·m are skipped), so there is no modulo bias.
 * - Projects: count = max(1, ceil(pool size × ratio)), ratio in basis points (integer arithmetic, no
 *   float rounding). A partial Fisher–Yates shuffle of the pool (sorted by project id) picks them; the
 *   result lists them in draw order.
 * - Inspectors, per drawn project in draw order: eligible = roster entries that are active, whose
 *   certificate is valid on the draw date (validUntil ≥ drawnOn), with no conflict of interest on any
 *   party of the project (tenderer, agency, bidders) and no recusal for the project. The first
 *   inspector is drawn uniformly among eligible enforcers with a specialty matching the project's
 *   category (among all eligible when none matches); each further one uniformly among eligible
 *   enforcers of a department not yet on the team (among all remaining eligible when every remaining
 *   department is already on it). Fewer eligible enforcers than required fails the draw, naming the project.
 */
export const DRAW_ALGORITHM_VERSION = 'draw-v1';

/** A project of the pool as the draw sees it (from the projects slice at draw time). */
export interface PoolProject {
  id: string;
  code: string;
  category: string;
  supervisingDepartmentCode: string;
  registeredOn: string;
  /** Credit codes of the tenderer, the agency and every bidder. */
  partyCreditCodes: string[];
}

/** An enforcer of the roster as the draw sees it (snapshot taken at draw time). */
export interface RosterEntry {
  id: string;
  departmentCode: string;
  specialties: string[];
  active: boolean;
  certificateValidUntil: string;
  /** Credit codes of market entities the enforcer has a recorded conflict of interest with. */
  conflictCreditCodes: string[];
  /** Projects the enforcer is recused from. */
  recusedProjectIds: string[];
}

export interface DrawInput {
  /** Hex string (even length, at least 16 hex digits). */
  seed: string;
  /** The draw date (certificate validity is checked on it). */
  drawnOn: string;
  pool: PoolProject[];
  roster: RosterEntry[];
  /** Sampling ratio in basis points (500 = 5%). */
  ratioBasisPoints: number;
  inspectorsPerProject: number;
}

export interface DrawnProject {
  projectId: string;
  inspectorIds: string[];
}

export interface DrawResult {
  algorithmVersion: string;
  poolSize: number;
  drawnCount: number;
  projects: DrawnProject[];
}

/** A draw that cannot be made as asked (empty pool, too few eligible inspectors); the message names the cause. */
export class DrawFailure extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

const HEX_SEED = /^(?:[0-9a-f]{2}){8,64}$/;

export function isValidSeed(seed: string): boolean {
  return HEX_SEED.test(seed);
}

/** Deterministic random integers from a hex seed (SHA-256 counter mode, see the module comment). */
export class SeededRandom {
  private readonly seed: Buffer;
  private counter = 0;
  private words: number[] = [];

  constructor(
    seedHex: string,
    private readonly domain = DRAW_ALGORITHM_VERSION,
  ) {
    if (!isValidSeed(seedHex)) throw new Error(`Seed must be 16 to 128 lower-case hex digits, got "${seedHex}"`);
    this.seed = Buffer.from(seedHex, 'hex');
  }

  private nextWord(): number {
    if (this.words.length === 0) {
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(this.counter);
      this.counter += 1;
      const block = createHash('sha256').update(this.seed).update(this.domain).update(counter).digest();
      for (let i = 0; i < 32; i += 4) this.words.push(block.readUInt32BE(i));
    }
    return this.words.shift()!;
  }

  /** A uniform integer in [0, m). */
  int(m: number): number {
    if (!Number.isInteger(m) || m < 1) throw new Error(`Range must be a positive integer, got ${m}`);
    const limit = Math.floor(0x1_0000_0000 / m) * m;
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % m;
    }
  }
}

/** max(1, ceil(poolSize × ratio)) with the ratio in basis points. */
export function sampleCount(poolSize: number, ratioBasisPoints: number): number {
  return Math.max(1, Math.ceil((poolSize * ratioBasisPoints) / 10_000));
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Runs the draw. Throws DrawFailure when it cannot be made. Inputs are not mutated. */
export function runDraw(input: DrawInput): DrawResult {
  const pool = [...input.pool].sort(byId);
  const roster = [...input.roster].sort(byId);
  if (pool.length === 0) throw new DrawFailure('The project pool of the period is empty: there is nothing to draw', { poolSize: 0 });
  if (input.inspectorsPerProject < 1) throw new DrawFailure('inspectorsPerProject must be at least 1', { inspectorsPerProject: input.inspectorsPerProject });
  const random = new SeededRandom(input.seed);
  const count = Math.min(pool.length, sampleCount(pool.length, input.ratioBasisPoints));

  const order = pool.map((p) => p);
  for (let i = 0; i < count; i += 1) {
    const j = i + random.int(order.length - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const drawn = order.slice(0, count);

  const projects = drawn.map((project) => {
    const parties = new Set(project.partyCreditCodes);
    const eligible = roster.filter(
      (e) =>
        e.active &&
        e.certificateValidUntil >= input.drawnOn &&
        !e.conflictCreditCodes.some((code) => parties.has(code)) &&
        !e.recusedProjectIds.includes(project.id),
    );
    if (eligible.length < input.inspectorsPerProject) {
      throw new DrawFailure(
        `Project ${project.code} (${project.id}) has only ${eligible.length} eligible inspector(s) (active, certificate valid on ${input.drawnOn}, no conflict of interest or recusal); ${input.inspectorsPerProject} are required`,
        { projectId: project.id, projectCode: project.code, eligible: eligible.length, required: input.inspectorsPerProject },
      );
    }
    const team: RosterEntry[] = [];
    const pickFrom = (candidates: RosterEntry[]) => {
      const chosen = candidates[random.int(candidates.length)];
      team.push(chosen);
    };
    const specialists = eligible.filter((e) => e.specialties.includes(project.category));
    pickFrom(specialists.length > 0 ? specialists : eligible);
    while (team.length < input.inspectorsPerProject) {
      const remaining = eligible.filter((e) => !team.includes(e));
      const departments = new Set(team.map((e) => e.departmentCode));
      const otherDepartments = remaining.filter((e) => !departments.has(e.departmentCode));
      pickFrom(otherDepartments.length > 0 ? otherDepartments : remaining);
    }
    return { projectId: project.id, inspectorIds: team.map((e) => e.id) };
  });

  return { algorithmVersion: DRAW_ALGORITHM_VERSION, poolSize: pool.length, drawnCount: count, projects };
}

/** Re-runs a stored draw; refuses inputs stored by another algorithm version instead of guessing. */
export function recomputeDraw(algorithmVersion: string, input: DrawInput): DrawResult {
  if (algorithmVersion !== DRAW_ALGORITHM_VERSION) {
    throw new DrawFailure(`Draw algorithm ${algorithmVersion} is not known to this service (it runs ${DRAW_ALGORITHM_VERSION})`, { algorithmVersion });
  }
  return runDraw(input);
}

/** True when two results are the same draw (same projects in the same order, same teams). */
export function sameResult(a: DrawResult, b: DrawResult): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(r: DrawResult) {
  return {
    algorithmVersion: r.algorithmVersion,
    poolSize: r.poolSize,
    drawnCount: r.drawnCount,
    projects: r.projects.map((p) => ({ projectId: p.projectId, inspectorIds: [...p.inspectorIds] })),
  };
}

import { bytesToHex, concatBytes, hexToBytes, sha256, sha256Hex, utf8 } from './sha256';

/**
 * The "双随机" draw, version `draw-v2`, as a pure, dependency-free module: it imports nothing but
 * ./sha256 (plain TypeScript), so the same code re-runs a published draw in a browser. docs/draw.md
 * specifies every step (byte order, counters, rejection sampling, orders) for re-implementers;
 * algorithm.test.ts checks the worked example of that document.
 *
 * Inputs are public: the frozen manifest (pool, pseudonymous roster snapshot, exclusions, parameters)
 * and the seed, which is derived from the manifest hash and the secrets the participating units
 * revealed (commit-reveal, see deriveSeed). Nobody chooses the seed, so nobody chooses the result.
 */
export const DRAW_V2 = 'draw-v2';

/** 双随机一公开 floors: at least 5% of the pool (500 basis points) and at least two inspectors per project. */
export const MIN_RATIO_BASIS_POINTS = 500;
export const MIN_INSPECTORS = 2;

/** A project of the frozen pool (public data of the projects slice). */
export interface ManifestProject {
  id: string;
  code: string;
  category: string;
  departmentCode: string;
  registeredOn: string;
}

/** An eligible inspector of the frozen roster snapshot: a per-draw pseudonym, never a name or certificate number. */
export interface ManifestInspector {
  pseudonym: string;
  departmentCode: string;
  specialties: string[];
}

/** Inspectors who may not inspect a project (conflict of interest with a party, or recusal); reasons are not published. */
export interface ManifestExclusion {
  projectId: string;
  pseudonyms: string[];
}

/** What is frozen and published (with its SHA-256) before any unit commits. */
export interface DrawManifest {
  algorithm: string;
  planId: string;
  round: number;
  drawnOn: string;
  ratioBasisPoints: number;
  inspectorsPerProject: number;
  participants: string[];
  pool: ManifestProject[];
  roster: ManifestInspector[];
  exclusions: ManifestExclusion[];
}

export interface DrawnTeam {
  projectId: string;
  /** Pseudonyms of the roster snapshot, in draw order. */
  inspectorIds: string[];
}

export interface DrawV2Result {
  algorithmVersion: string;
  poolSize: number;
  drawnCount: number;
  projects: DrawnTeam[];
}

/** A draw that cannot be made from the manifest; the message names the cause. */
export class DrawImpossible extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Plain code-unit order (ids, codes and pseudonyms are ASCII): the same in every JavaScript engine and in `sort` on bytes. */
export const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The manifest as the exact JSON text that is hashed: keys in the order of DrawManifest (and of each
 * entry type), no whitespace, arrays sorted (pool by id, roster by pseudonym, specialties and
 * participants and excluded pseudonyms ascending, exclusions by project id, empty exclusions dropped).
 */
export function canonicalManifest(m: DrawManifest): string {
  const sorted = (values: string[]) => [...values].sort(ascending);
  return JSON.stringify({
    algorithm: m.algorithm,
    planId: m.planId,
    round: m.round,
    drawnOn: m.drawnOn,
    ratioBasisPoints: m.ratioBasisPoints,
    inspectorsPerProject: m.inspectorsPerProject,
    participants: sorted(m.participants),
    pool: [...m.pool]
      .sort((a, b) => ascending(a.id, b.id))
      .map((p) => ({ id: p.id, code: p.code, category: p.category, departmentCode: p.departmentCode, registeredOn: p.registeredOn })),
    roster: [...m.roster]
      .sort((a, b) => ascending(a.pseudonym, b.pseudonym))
      .map((e) => ({ pseudonym: e.pseudonym, departmentCode: e.departmentCode, specialties: sorted(e.specialties) })),
    exclusions: m.exclusions
      .filter((x) => x.pseudonyms.length > 0)
      .sort((a, b) => ascending(a.projectId, b.projectId))
      .map((x) => ({ projectId: x.projectId, pseudonyms: sorted(x.pseudonyms) })),
  });
}

/** SHA-256 (lower-case hex) of the canonical manifest's UTF-8 bytes. */
export function manifestHash(canonicalJson: string): string {
  return sha256Hex(utf8(canonicalJson));
}

const SECRET = /^[0-9a-f]{64}$/;

/** A unit's secret: exactly 32 bytes, written as 64 lower-case hex digits. */
export function isValidSecret(secret: string): boolean {
  return SECRET.test(secret);
}

/** A commitment: SHA-256 of the secret's 32 bytes (not of its hex text), lower-case hex. */
export function commitmentOf(secretHex: string): string {
  if (!isValidSecret(secretHex)) throw new Error('A secret is 64 lower-case hex digits (32 bytes)');
  return sha256Hex(hexToBytes(secretHex));
}

/**
 * The seed: SHA-256(manifest hash as 32 bytes ‖ secret₁ ‖ … ‖ secretₙ), the secrets (32 bytes each)
 * in ascending order of their unit code, whatever order they were revealed in.
 */
export function deriveSeed(manifestHashHex: string, reveals: { unitCode: string; secret: string }[]): string {
  const ordered = [...reveals].sort((a, b) => ascending(a.unitCode, b.unitCode));
  for (const r of ordered) if (!isValidSecret(r.secret)) throw new Error(`The secret of ${r.unitCode} is not 64 lower-case hex digits`);
  return bytesToHex(sha256(concatBytes(hexToBytes(manifestHashHex), ...ordered.map((r) => hexToBytes(r.secret)))));
}

/**
 * Random integers from the seed: block n (n = 0, 1, …) is SHA-256(seed bytes ‖ UTF-8 "draw-v2" ‖ n as
 * a 4-byte big-endian integer); each block gives eight 32-bit big-endian words, used in order. An
 * integer in [0, m) is the first word w < floor(2³² / m) · m, taken mod m (rejection sampling: no
 * modulo bias); rejected words are consumed.
 */
export class DrawRandom {
  private readonly seed: Uint8Array;
  private readonly domain = utf8(DRAW_V2);
  private counter = 0;
  private words: number[] = [];

  constructor(seedHex: string) {
    this.seed = hexToBytes(seedHex);
    if (this.seed.length !== 32) throw new Error('A draw-v2 seed is 32 bytes (64 hex digits)');
  }

  nextWord(): number {
    if (this.words.length === 0) {
      const counter = new Uint8Array(4);
      new DataView(counter.buffer).setUint32(0, this.counter);
      this.counter += 1;
      const block = sha256(concatBytes(this.seed, this.domain, counter));
      const view = new DataView(block.buffer);
      for (let i = 0; i < 32; i += 4) this.words.push(view.getUint32(i));
    }
    return this.words.shift()!;
  }

  /** A uniform integer in [0, m). */
  int(m: number): number {
    if (!Number.isInteger(m) || m < 1 || m > 0x1_0000_0000) throw new Error(`Range must be a positive integer, got ${m}`);
    const limit = Math.floor(0x1_0000_0000 / m) * m;
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % m;
    }
  }
}

/** Projects drawn: max(1, ceil(poolSize × ratio / 10000)) in integer arithmetic, at most the pool. */
export function projectCount(poolSize: number, ratioBasisPoints: number): number {
  return Math.min(poolSize, Math.max(1, Math.floor((poolSize * ratioBasisPoints + 9_999) / 10_000)));
}

/** Eligible inspectors of a project: the roster (by pseudonym) minus the project's exclusions. */
function eligibleFor(roster: ManifestInspector[], excluded: Set<string> | undefined): ManifestInspector[] {
  return excluded ? roster.filter((e) => !excluded.has(e.pseudonym)) : roster;
}

/** Refuses a manifest whose draw could fail (too few eligible inspectors for some pool project): checked when freezing, before any seed exists. */
export function checkFeasible(m: DrawManifest): void {
  if (m.pool.length === 0) throw new DrawImpossible('The project pool of the period is empty: there is nothing to draw', { poolSize: 0 });
  if (!(Number.isInteger(m.ratioBasisPoints) && m.ratioBasisPoints >= MIN_RATIO_BASIS_POINTS && m.ratioBasisPoints <= 10_000)) {
    throw new DrawImpossible(`ratioBasisPoints must be between ${MIN_RATIO_BASIS_POINTS} and 10000, got ${m.ratioBasisPoints}`, {
      ratioBasisPoints: m.ratioBasisPoints,
    });
  }
  if (!(Number.isInteger(m.inspectorsPerProject) && m.inspectorsPerProject >= MIN_INSPECTORS)) {
    throw new DrawImpossible(`inspectorsPerProject must be at least ${MIN_INSPECTORS}, got ${m.inspectorsPerProject}`, {
      inspectorsPerProject: m.inspectorsPerProject,
    });
  }
  const exclusions = new Map(m.exclusions.map((x) => [x.projectId, new Set(x.pseudonyms)]));
  for (const project of [...m.pool].sort((a, b) => ascending(a.id, b.id))) {
    const eligible = eligibleFor(m.roster, exclusions.get(project.id)).length;
    if (eligible < m.inspectorsPerProject) {
      throw new DrawImpossible(
        `Project ${project.code} (${project.id}) has only ${eligible} eligible inspector(s) (active, certified on ${m.drawnOn}, no conflict of interest or recusal); ${m.inspectorsPerProject} are required`,
        { projectId: project.id, projectCode: project.code, eligible, required: m.inspectorsPerProject },
      );
    }
  }
}

/**
 * Runs draw-v2 on a manifest with a seed. Projects: a partial Fisher–Yates shuffle of the pool sorted
 * by id (step i swaps position i with i + int(n − i)); the first `projectCount` positions are the
 * drawn projects, in draw order. Inspectors, per drawn project in draw order, from the roster sorted by
 * pseudonym minus the project's exclusions: the first uniformly among those with a specialty equal to
 * the project's category (among all eligible when none has it); each next one uniformly among the
 * eligible not yet on the team whose department is not yet on the team (among all eligible not yet on
 * the team when every remaining one shares a department with the team).
 */
export function runDrawV2(m: DrawManifest, seedHex: string): DrawV2Result {
  if (m.algorithm !== DRAW_V2) throw new DrawImpossible(`The manifest is for ${m.algorithm}, this is ${DRAW_V2}`, { algorithm: m.algorithm });
  checkFeasible(m);
  const random = new DrawRandom(seedHex);
  const pool = [...m.pool].sort((a, b) => ascending(a.id, b.id));
  const roster = [...m.roster].sort((a, b) => ascending(a.pseudonym, b.pseudonym));
  const exclusions = new Map(m.exclusions.map((x) => [x.projectId, new Set(x.pseudonyms)]));
  const count = projectCount(pool.length, m.ratioBasisPoints);
  const order = [...pool];
  for (let i = 0; i < count; i += 1) {
    const j = i + random.int(order.length - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const projects = order.slice(0, count).map((project) => {
    const eligible = eligibleFor(roster, exclusions.get(project.id));
    const team: ManifestInspector[] = [];
    const pick = (candidates: ManifestInspector[]) => team.push(candidates[random.int(candidates.length)]);
    const specialists = eligible.filter((e) => e.specialties.includes(project.category));
    pick(specialists.length > 0 ? specialists : eligible);
    while (team.length < m.inspectorsPerProject) {
      const remaining = eligible.filter((e) => !team.includes(e));
      const departments = new Set(team.map((e) => e.departmentCode));
      const others = remaining.filter((e) => !departments.has(e.departmentCode));
      pick(others.length > 0 ? others : remaining);
    }
    return { projectId: project.id, inspectorIds: team.map((e) => e.pseudonym) };
  });
  return { algorithmVersion: DRAW_V2, poolSize: pool.length, drawnCount: count, projects };
}

import { commitmentOf, deriveSeed, isValidSecret, manifestHash, runDrawV2, type DrawManifest, type DrawV2Result } from '@hub/draw/algorithm';

/**
 * Verifying a draw in the browser: the same five checks as the server's `verifyDraw`, computed here
 * from the published data alone with the very algorithm the enforcers slice runs (imported, not
 * copied), so a user need not trust the hub's own answer that a draw was random.
 */
export interface PublishedDraw {
  seed: string;
  algorithmVersion: string;
  result: { algorithmVersion: string; poolSize: number; drawnCount: number; projects: { projectId: string; inspectorIds: string[] }[] };
  round: {
    manifest: string;
    manifestHash: string;
    participants: string[];
    commitments: { unitCode: string; commitment: string; secret?: string | null }[];
  } | null;
  /** The draw's inspections the caller may see, with the pseudonyms of their team. */
  inspections: { projectId: string; inspectorPseudonyms?: string[] | null }[];
}

export type CheckName = 'manifest' | 'commitments' | 'seed' | 'result' | 'inspections';

export interface DrawCheck {
  name: CheckName;
  ok: boolean;
  /** What did not match, in plain words (empty when ok). */
  problems: string[];
}

/** One drawn project, as published and as re-run here. */
export interface ProjectComparison {
  position: number;
  publishedProjectId?: string;
  recomputedProjectId?: string;
  publishedInspectors: string[];
  recomputedInspectors: string[];
  matches: boolean;
}

export interface BrowserVerification {
  /** `legacy`: a draw-v1 draw (seed given by the office, no round): its randomness cannot be shown. */
  outcome: 'verified' | 'mismatch' | 'legacy';
  checks: DrawCheck[];
  recomputedSeed?: string;
  recomputed?: DrawV2Result;
  projects: ProjectComparison[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function verifyPublishedDraw(draw: PublishedDraw): BrowserVerification {
  const round = draw.round;
  if (!round) return { outcome: 'legacy', checks: [], projects: [] };
  const checks: DrawCheck[] = [];

  // 1. The manifest text as published hashes to the hash published before any commitment.
  const computedHash = manifestHash(round.manifest);
  checks.push({
    name: 'manifest',
    ok: computedHash === round.manifestHash,
    problems: computedHash === round.manifestHash ? [] : [`SHA-256(manifest) = ${computedHash} ≠ ${round.manifestHash}`],
  });

  // 2. Every participant revealed a secret whose SHA-256 is its commitment; at least two units.
  const commitmentProblems: string[] = [];
  if (new Set(round.participants).size < 2) commitmentProblems.push('fewer than two participating units');
  for (const unit of round.participants) {
    const c = round.commitments.find((x) => x.unitCode === unit);
    if (!c) commitmentProblems.push(`${unit}: no commitment`);
    else if (!c.secret) commitmentProblems.push(`${unit}: secret not revealed`);
    else if (!isValidSecret(c.secret)) commitmentProblems.push(`${unit}: the secret is not 64 hex digits`);
    else if (commitmentOf(c.secret) !== c.commitment) commitmentProblems.push(`${unit}: SHA-256(secret) ≠ commitment`);
  }
  for (const c of round.commitments) if (!round.participants.includes(c.unitCode)) commitmentProblems.push(`${c.unitCode}: not a participant`);
  checks.push({ name: 'commitments', ok: commitmentProblems.length === 0, problems: commitmentProblems });

  // 3. The seed is SHA-256(manifest hash ‖ secrets in unit-code order).
  let recomputedSeed: string | undefined;
  const revealed = round.commitments.filter((c) => c.secret && isValidSecret(c.secret)).map((c) => ({ unitCode: c.unitCode, secret: c.secret! }));
  try {
    recomputedSeed = deriveSeed(round.manifestHash, revealed);
  } catch (e) {
    checks.push({ name: 'seed', ok: false, problems: [(e as Error).message] });
  }
  if (recomputedSeed !== undefined) {
    const ok = recomputedSeed === draw.seed && commitmentProblems.length === 0;
    checks.push({ name: 'seed', ok, problems: ok ? [] : [`recomputed seed ${recomputedSeed} ≠ published ${draw.seed}`] });
  }

  // 4. The algorithm re-run on the manifest and the published seed gives the published result.
  let recomputed: DrawV2Result | undefined;
  let manifest: DrawManifest | undefined;
  try {
    manifest = JSON.parse(round.manifest) as DrawManifest;
    recomputed = runDrawV2(manifest, draw.seed);
  } catch (e) {
    checks.push({ name: 'result', ok: false, problems: [`the algorithm could not re-run the draw: ${(e as Error).message}`] });
  }
  const projects: ProjectComparison[] = [];
  if (recomputed) {
    const length = Math.max(recomputed.projects.length, draw.result.projects.length);
    for (let position = 0; position < length; position += 1) {
      const published = draw.result.projects[position];
      const mine = recomputed.projects[position];
      const publishedInspectors = published?.inspectorIds ?? [];
      const recomputedInspectors = mine?.inspectorIds ?? [];
      projects.push({
        position: position + 1,
        publishedProjectId: published?.projectId,
        recomputedProjectId: mine?.projectId,
        publishedInspectors,
        recomputedInspectors,
        matches: !!published && !!mine && published.projectId === mine.projectId && sameList(publishedInspectors, recomputedInspectors),
      });
    }
    const problems = projects
      .filter((p) => !p.matches)
      .map(
        (p) =>
          `#${p.position}: published ${p.publishedProjectId ?? '—'} [${p.publishedInspectors.join(', ')}], recomputed ${p.recomputedProjectId ?? '—'} [${p.recomputedInspectors.join(', ')}]`,
      );
    if (recomputed.poolSize !== draw.result.poolSize) problems.push(`pool size: published ${draw.result.poolSize}, manifest ${recomputed.poolSize}`);
    if (recomputed.drawnCount !== draw.result.drawnCount)
      problems.push(`projects drawn: published ${draw.result.drawnCount}, recomputed ${recomputed.drawnCount}`);
    checks.push({ name: 'result', ok: problems.length === 0, problems });
  }

  // 5. Each inspection's team (pseudonyms) is the team the draw picked for its project.
  const inspectionProblems: string[] = [];
  for (const inspection of draw.inspections) {
    if (!inspection.inspectorPseudonyms) continue;
    const team = draw.result.projects.find((p) => p.projectId === inspection.projectId);
    if (!team) inspectionProblems.push(`project ${inspection.projectId} was inspected but not drawn`);
    else if (!sameList(team.inspectorIds, inspection.inspectorPseudonyms)) {
      inspectionProblems.push(
        `project ${inspection.projectId}: inspected by [${inspection.inspectorPseudonyms.join(', ')}], drawn [${team.inspectorIds.join(', ')}]`,
      );
    }
  }
  checks.push({ name: 'inspections', ok: inspectionProblems.length === 0, problems: inspectionProblems });

  return { outcome: checks.every((c) => c.ok) ? 'verified' : 'mismatch', checks, recomputedSeed, recomputed, projects };
}

/** A fresh 32-byte secret from the browser's cryptographic generator, as 64 lower-case hex digits. */
export function freshSecret(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return Array.from(random(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export { commitmentOf, isValidSecret };

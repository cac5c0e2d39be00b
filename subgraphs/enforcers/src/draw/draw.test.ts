import { describe, expect, it } from 'vitest';
import { DrawFailure, runDraw, sameResult, sampleCount, SeededRandom, type DrawInput, type PoolProject, type RosterEntry } from './draw';

const CATEGORIES = ['HOUSING', 'MUNICIPAL', 'TRANSPORT', 'WATER', 'AGRICULTURE'];
const DEPARTMENTS = ['ZJJ', 'FGJ', 'JTJ', 'SLJ', 'NYJ'];
const uuid = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`.slice(0, 36);
const seedOf = (i: number) => i.toString(16).padStart(16, '0');

function pool(size: number): PoolProject[] {
  return Array.from({ length: size }, (_, i) => ({
    id: uuid('aaaa', i),
    code: `P-${i}`,
    category: CATEGORIES[i % 5],
    supervisingDepartmentCode: DEPARTMENTS[i % 5],
    registeredOn: '2025-03-01',
    partyCreditCodes: [`T${i}`, `B${i}`, 'COMMON-AGENCY'],
  }));
}

function roster(size: number, overrides: (i: number) => Partial<RosterEntry> = () => ({})): RosterEntry[] {
  return Array.from({ length: size }, (_, i) => ({
    id: uuid('eeee', i),
    departmentCode: DEPARTMENTS[i % 5],
    specialties: [CATEGORIES[i % 5]],
    active: true,
    certificateValidUntil: '2030-01-01',
    conflictCreditCodes: [],
    recusedProjectIds: [],
    ...overrides(i),
  }));
}

const base = (over: Partial<DrawInput> = {}): DrawInput => ({
  seed: 'a1b2c3d4e5f60718',
  drawnOn: '2025-12-01',
  pool: pool(40),
  roster: roster(20),
  ratioBasisPoints: 500,
  inspectorsPerProject: 2,
  ...over,
});

describe('draw-v1', () => {
  it('draws max(1, ceil(ratio × pool)) distinct projects and the required inspectors from different departments', () => {
    expect(sampleCount(40, 500)).toBe(2);
    expect(sampleCount(41, 500)).toBe(3);
    expect(sampleCount(3, 500)).toBe(1);
    expect(sampleCount(100, 700)).toBe(7); // 7% of 100 is 7, not 8 (no float rounding)
    const result = runDraw(base({ pool: pool(41), ratioBasisPoints: 500, inspectorsPerProject: 3 }));
    expect(result.drawnCount).toBe(3);
    expect(new Set(result.projects.map((p) => p.projectId)).size).toBe(3);
    const rosterById = new Map(roster(20).map((e) => [e.id, e]));
    for (const p of result.projects) {
      expect(p.inspectorIds).toHaveLength(3);
      expect(new Set(p.inspectorIds).size).toBe(3);
      expect(new Set(p.inspectorIds.map((id) => rosterById.get(id)!.departmentCode)).size).toBe(3);
      const project = pool(41).find((x) => x.id === p.projectId)!;
      expect(rosterById.get(p.inspectorIds[0])!.specialties).toContain(project.category);
    }
    expect(runDraw(base({ pool: pool(2), ratioBasisPoints: 500 })).drawnCount).toBe(1);
  });

  it('never draws inactive, expired, conflicted or recused enforcers', () => {
    const onlyPool = pool(1);
    const target = onlyPool[0];
    const r = roster(8, (i) =>
      i === 0
        ? { active: false }
        : i === 1
          ? { certificateValidUntil: '2025-11-30' }
          : i === 2
            ? { conflictCreditCodes: ['COMMON-AGENCY'] }
            : i === 3
              ? { recusedProjectIds: [target.id] }
              : i === 4
                ? { certificateValidUntil: '2025-12-01' } // valid through the draw date itself
                : {},
    );
    const excluded = new Set([r[0].id, r[1].id, r[2].id, r[3].id]);
    const seen = new Set<string>();
    for (let s = 0; s < 200; s += 1) {
      const result = runDraw(base({ seed: seedOf(s), pool: onlyPool, roster: r, inspectorsPerProject: 2 }));
      for (const id of result.projects[0].inspectorIds) seen.add(id);
    }
    for (const id of excluded) expect(seen.has(id)).toBe(false);
    expect(seen).toEqual(new Set([r[4].id, r[5].id, r[6].id, r[7].id]));
  });

  it('fails naming the project when too few inspectors are eligible, and refuses an empty pool', () => {
    const onlyPool = pool(1);
    const r = roster(3, (i) => (i < 2 ? { conflictCreditCodes: [`T0`] } : {}));
    expect(() => runDraw(base({ pool: onlyPool, roster: r }))).toThrowError(/Project P-0 .* has only 1 eligible inspector/);
    try {
      runDraw(base({ pool: onlyPool, roster: r }));
    } catch (error) {
      expect(error).toBeInstanceOf(DrawFailure);
      expect((error as DrawFailure).details).toMatchObject({ projectCode: 'P-0', eligible: 1, required: 2 });
    }
    expect(() => runDraw(base({ pool: [] }))).toThrowError(/pool .* is empty/);
  });

  it('gives the same result for the same seed whatever the input order, and different results for different seeds', () => {
    const a = runDraw(base());
    const b = runDraw(base({ pool: [...pool(40)].reverse(), roster: [...roster(20)].reverse() }));
    expect(sameResult(a, b)).toBe(true);
    const results = new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(runDraw(base({ seed: seedOf(s) })).projects)));
    expect(results.size).toBeGreaterThan(15);
    expect(() => new SeededRandom('not-hex')).toThrowError(/Seed must be/);
  });

  it('selects every project of a 40-project pool with about the expected frequency over 2,000 seeds', () => {
    const runs = 2000;
    const counts = new Map<string, number>();
    const input = base({ ratioBasisPoints: 1000 }); // 4 of 40 per draw: expected frequency 0.1
    for (let s = 0; s < runs; s += 1) {
      for (const p of runDraw({ ...input, seed: seedOf(s + 1) }).projects) counts.set(p.projectId, (counts.get(p.projectId) ?? 0) + 1);
    }
    expect(counts.size).toBe(40);
    // Binomial(2000, 0.1): sd ≈ 13.4; ±4.5 sd keeps the test stable while catching a biased draw.
    for (const n of counts.values()) expect(Math.abs(n / runs - 0.1)).toBeLessThan(0.03);
  });

  it('draws integers without modulo bias', () => {
    const random = new SeededRandom('00112233445566778899');
    const buckets = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) buckets[random.int(3)] += 1;
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(400);
  });
});

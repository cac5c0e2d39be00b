import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalManifest,
  checkFeasible,
  commitmentOf,
  deriveSeed,
  DrawImpossible,
  DrawRandom,
  manifestHash,
  projectCount,
  runDrawV2,
  type DrawManifest,
} from './algorithm';
import { sha256Hex } from './sha256';

const pid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/** The worked example of docs/draw.md, field for field. */
const EXAMPLE: DrawManifest = {
  algorithm: 'draw-v2',
  planId: '11111111-1111-4111-8111-111111111111',
  round: 1,
  drawnOn: '2026-03-02',
  ratioBasisPoints: 2500,
  inspectorsPerProject: 2,
  participants: ['ZWJ', 'ZJJ'],
  pool: [
    { id: pid(1), code: 'P1', category: 'HOUSING', departmentCode: 'ZJJ', registeredOn: '2026-01-05' },
    { id: pid(2), code: 'P2', category: 'TRANSPORT', departmentCode: 'JTJ', registeredOn: '2026-01-12' },
    { id: pid(3), code: 'P3', category: 'WATER', departmentCode: 'SLJ', registeredOn: '2026-01-20' },
    { id: pid(4), code: 'P4', category: 'HOUSING', departmentCode: 'ZJJ', registeredOn: '2026-02-03' },
    { id: pid(5), code: 'P5', category: 'MUNICIPAL', departmentCode: 'FGJ', registeredOn: '2026-02-10' },
    { id: pid(6), code: 'P6', category: 'AGRICULTURE', departmentCode: 'NYJ', registeredOn: '2026-02-24' },
  ],
  roster: [
    { pseudonym: 'a1', departmentCode: 'ZJJ', specialties: ['HOUSING'] },
    { pseudonym: 'b2', departmentCode: 'ZJJ', specialties: ['HOUSING', 'MUNICIPAL'] },
    { pseudonym: 'c3', departmentCode: 'JTJ', specialties: ['TRANSPORT'] },
    { pseudonym: 'd4', departmentCode: 'SLJ', specialties: ['WATER'] },
    { pseudonym: 'e5', departmentCode: 'FGJ', specialties: ['MUNICIPAL'] },
    { pseudonym: 'f6', departmentCode: 'NYJ', specialties: ['AGRICULTURE'] },
  ],
  exclusions: [{ projectId: pid(4), pseudonyms: ['a1'] }],
};
const SECRETS = { ZWJ: '01'.repeat(32), ZJJ: '03'.repeat(32) };

describe('browser-safe module', () => {
  it('algorithm.ts imports only ./sha256, and sha256.ts imports nothing (no node: modules, no packages)', () => {
    const imports = (file: string) => [...readFileSync(join(__dirname, file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports('algorithm.ts')).toEqual(['./sha256']);
    expect(imports('sha256.ts')).toEqual([]);
  });
});

describe('SHA-256 (pure TypeScript)', () => {
  it('equals node:crypto on the standard vectors and on random inputs of every padding length', () => {
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let length = 0; length < 200; length += 1) {
      const bytes = randomBytes(length);
      expect(sha256Hex(new Uint8Array(bytes)), `length ${length}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('draw-v2: the worked example of docs/draw.md', () => {
  it('gives the documented manifest hash, commitments, seed, first block and result', () => {
    const text = canonicalManifest(EXAMPLE);
    expect(
      text.startsWith(
        '{"algorithm":"draw-v2","planId":"11111111-1111-4111-8111-111111111111","round":1,"drawnOn":"2026-03-02","ratioBasisPoints":2500,"inspectorsPerProject":2,"participants":["ZJJ","ZWJ"],"pool":[{"id":"00000000-0000-4000-8000-000000000001","code":"P1"',
      ),
    ).toBe(true);
    const hash = manifestHash(text);
    expect(hash).toBe('77024042ff29b99fcef93d711bec1e24f514e30278312c988fa366f324d24a0a');
    expect(commitmentOf(SECRETS.ZWJ)).toBe('72cd6e8422c407fb6d098690f1130b7ded7ec2f7f5e1d30bd9d521f015363793');
    expect(commitmentOf(SECRETS.ZJJ)).toBe('648aa5c579fb30f38af744d97d6ec840c7a91277a499a0d780f3e7314eca090b');
    // Reveal order does not matter: secrets enter in unit-code order (ZJJ before ZWJ).
    const seed = deriveSeed(hash, [
      { unitCode: 'ZWJ', secret: SECRETS.ZWJ },
      { unitCode: 'ZJJ', secret: SECRETS.ZJJ },
    ]);
    expect(seed).toBe('01f02796f37a7657fb22ec703a9e9ebe3e62789ea46cbfa9ceda893fcab1f74e');
    expect(
      deriveSeed(hash, [
        { unitCode: 'ZJJ', secret: SECRETS.ZJJ },
        { unitCode: 'ZWJ', secret: SECRETS.ZWJ },
      ]),
    ).toBe(seed);
    const random = new DrawRandom(seed);
    expect(Array.from({ length: 8 }, () => random.nextWord())).toEqual([
      0x47598e61, 0x02a8832a, 0xe897af52, 0x24f9eaca, 0x152e85ad, 0xa1648d9c, 0xd5236f8e, 0xb80bc14a,
    ]);
    expect(projectCount(6, 2500)).toBe(2);
    expect(runDrawV2(EXAMPLE, seed)).toEqual({
      algorithmVersion: 'draw-v2',
      poolSize: 6,
      drawnCount: 2,
      projects: [
        { projectId: pid(4), inspectorIds: ['b2', 'e5'] },
        { projectId: pid(5), inspectorIds: ['e5', 'd4'] },
      ],
    });
  });

  it('hashes the same manifest whatever order its arrays were given in', () => {
    const shuffled: DrawManifest = {
      ...EXAMPLE,
      participants: ['ZJJ', 'ZWJ'],
      pool: [...EXAMPLE.pool].reverse(),
      roster: [...EXAMPLE.roster].reverse().map((e) => ({ ...e, specialties: [...e.specialties].reverse() })),
      exclusions: [...EXAMPLE.exclusions, { projectId: pid(1), pseudonyms: [] }],
    };
    expect(manifestHash(canonicalManifest(shuffled))).toBe(manifestHash(canonicalManifest(EXAMPLE)));
    expect(manifestHash(canonicalManifest({ ...EXAMPLE, round: 2 }))).not.toBe(manifestHash(canonicalManifest(EXAMPLE)));
  });
});

describe('draw-v2 rules', () => {
  it('counts max(1, ceil(pool × ratio)) in integer arithmetic', () => {
    expect(projectCount(40, 500)).toBe(2);
    expect(projectCount(41, 500)).toBe(3);
    expect(projectCount(3, 500)).toBe(1);
    expect(projectCount(100, 700)).toBe(7);
    expect(projectCount(5, 10_000)).toBe(5);
  });

  it('refuses a manifest below the floors (5%, two inspectors) or with a project short of eligible inspectors, naming it', () => {
    expect(() => checkFeasible({ ...EXAMPLE, ratioBasisPoints: 499 })).toThrow(DrawImpossible);
    expect(() => checkFeasible({ ...EXAMPLE, inspectorsPerProject: 1 })).toThrow(/at least 2/);
    expect(() => checkFeasible({ ...EXAMPLE, pool: [] })).toThrow(/empty/);
    const short = { ...EXAMPLE, exclusions: [{ projectId: pid(2), pseudonyms: ['a1', 'b2', 'c3', 'd4', 'e5'] }] };
    expect(() => checkFeasible(short)).toThrow(/P2/);
    expect(() => runDrawV2(short, '00'.repeat(32))).toThrow(DrawImpossible);
  });

  it('never draws an excluded inspector, and takes the team from different departments', () => {
    for (let s = 0; s < 300; s += 1) {
      const seed = createHash('sha256').update(`s${s}`).digest('hex');
      for (const team of runDrawV2(EXAMPLE, seed).projects) {
        if (team.projectId === pid(4)) expect(team.inspectorIds).not.toContain('a1');
        const departments = team.inspectorIds.map((p) => EXAMPLE.roster.find((e) => e.pseudonym === p)!.departmentCode);
        expect(new Set(departments).size).toBe(2);
      }
    }
  });

  it('rejection sampling: a word at or above floor(2³²/m)·m is skipped, not folded (no modulo bias)', () => {
    const m = 0xc000_0000; // limit = 0xc0000000: a quarter of all words is rejected
    let rejected = 0;
    for (let s = 0; s < 64; s += 1) {
      const seed = createHash('sha256').update(`r${s}`).digest('hex');
      const words = new DrawRandom(seed);
      const expected = (() => {
        for (;;) {
          const w = words.nextWord();
          if (w < m) return w;
          rejected += 1;
        }
      })();
      expect(new DrawRandom(seed).int(m)).toBe(expected);
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('draws every pool project about equally often over 3,000 seeds', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 3000; s += 1) {
      for (const p of runDrawV2(EXAMPLE, createHash('sha256').update(`u${s}`).digest('hex')).projects)
        counts.set(p.projectId, (counts.get(p.projectId) ?? 0) + 1);
    }
    // 6,000 picks over 6 projects: 1,000 each expected, σ ≈ 30.
    for (const p of EXAMPLE.pool) expect(Math.abs((counts.get(p.id) ?? 0) - 1000)).toBeLessThan(150);
  });

  it('a secret is 32 bytes of hex, and the commitment hashes its bytes, not its text', () => {
    expect(() => commitmentOf('abc')).toThrow();
    expect(commitmentOf(SECRETS.ZWJ)).toBe(createHash('sha256').update(Buffer.from(SECRETS.ZWJ, 'hex')).digest('hex'));
  });
});

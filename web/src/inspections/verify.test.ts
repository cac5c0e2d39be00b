import { canonicalManifest, type DrawManifest } from '@hub/draw/algorithm';
import { describe, expect, it } from 'vitest';
import { freshSecret, verifyPublishedDraw, type PublishedDraw } from './verify';

const pid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/** The worked example of docs/draw.md (its numbers are checked there against the server's module). */
const MANIFEST: DrawManifest = {
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

/** The example as the graph publishes it: manifest text, hash, commitments with secrets, seed, result, inspections. */
function published(): PublishedDraw {
  return {
    seed: '01f02796f37a7657fb22ec703a9e9ebe3e62789ea46cbfa9ceda893fcab1f74e',
    algorithmVersion: 'draw-v2',
    result: {
      algorithmVersion: 'draw-v2',
      poolSize: 6,
      drawnCount: 2,
      projects: [
        { projectId: pid(4), inspectorIds: ['b2', 'e5'] },
        { projectId: pid(5), inspectorIds: ['e5', 'd4'] },
      ],
    },
    round: {
      manifest: canonicalManifest(MANIFEST),
      manifestHash: '77024042ff29b99fcef93d711bec1e24f514e30278312c988fa366f324d24a0a',
      participants: ['ZJJ', 'ZWJ'],
      commitments: [
        { unitCode: 'ZJJ', commitment: '648aa5c579fb30f38af744d97d6ec840c7a91277a499a0d780f3e7314eca090b', secret: '03'.repeat(32) },
        { unitCode: 'ZWJ', commitment: '72cd6e8422c407fb6d098690f1130b7ded7ec2f7f5e1d30bd9d521f015363793', secret: '01'.repeat(32) },
      ],
    },
    inspections: [
      { projectId: pid(4), inspectorPseudonyms: ['b2', 'e5'] },
      { projectId: pid(5), inspectorPseudonyms: ['e5', 'd4'] },
    ],
  };
}

const failed = (draw: PublishedDraw) =>
  verifyPublishedDraw(draw)
    .checks.filter((c) => !c.ok)
    .map((c) => c.name);

describe('verifying a published draw in the browser', () => {
  it('verifies the worked example of docs/draw.md: every check holds, every project matches', () => {
    const v = verifyPublishedDraw(published());
    expect(v.outcome).toBe('verified');
    expect(v.checks.map((c) => [c.name, c.ok])).toEqual([
      ['manifest', true],
      ['commitments', true],
      ['seed', true],
      ['result', true],
      ['inspections', true],
    ]);
    expect(v.recomputedSeed).toBe(published().seed);
    expect(v.projects.map((p) => [p.recomputedProjectId, p.recomputedInspectors, p.matches])).toEqual([
      [pid(4), ['b2', 'e5'], true],
      [pid(5), ['e5', 'd4'], true],
    ]);
  });

  it('a tampered result (a hand-picked inspector) is a mismatch on that project only', () => {
    const draw = published();
    draw.result.projects[1] = { projectId: pid(5), inspectorIds: ['e5', 'f6'] };
    draw.inspections[1] = { projectId: pid(5), inspectorPseudonyms: ['e5', 'f6'] };
    const v = verifyPublishedDraw(draw);
    expect(v.outcome).toBe('mismatch');
    expect(failed(draw)).toEqual(['result']);
    expect(v.projects.map((p) => p.matches)).toEqual([true, false]);
    expect(v.projects[1]).toMatchObject({ publishedInspectors: ['e5', 'f6'], recomputedInspectors: ['e5', 'd4'] });
  });

  it('a hand-picked project is a mismatch', () => {
    const draw = published();
    draw.result.projects[0] = { projectId: pid(1), inspectorIds: ['b2', 'e5'] };
    expect(failed(draw)).toEqual(['result', 'inspections']);
    expect(verifyPublishedDraw(draw).projects[0]).toMatchObject({ publishedProjectId: pid(1), recomputedProjectId: pid(4), matches: false });
  });

  it('a manifest changed after its hash was published fails the manifest check (and the draw re-run from it no longer matches)', () => {
    const draw = published();
    draw.round!.manifest = canonicalManifest({ ...MANIFEST, exclusions: [] });
    const v = verifyPublishedDraw(draw);
    expect(v.outcome).toBe('mismatch');
    expect(v.checks.find((c) => c.name === 'manifest')?.ok).toBe(false);
  });

  it('a secret that is not the committed one fails commitments and seed', () => {
    const draw = published();
    draw.round!.commitments[1]!.secret = '02'.repeat(32);
    expect(failed(draw)).toEqual(['commitments', 'seed']);
  });

  it('a seed other than the one the reveals give fails the seed check and the re-run', () => {
    const draw = published();
    draw.seed = 'ff'.repeat(32);
    expect(failed(draw)).toEqual(expect.arrayContaining(['seed', 'result']));
  });

  it('an unrevealed secret or a single participant is not a verified draw', () => {
    const draw = published();
    draw.round!.commitments[0]!.secret = null;
    expect(failed(draw)).toContain('commitments');
    const alone = published();
    alone.round!.participants = ['ZWJ'];
    alone.round!.commitments = alone.round!.commitments.filter((c) => c.unitCode === 'ZWJ');
    expect(verifyPublishedDraw(alone).outcome).toBe('mismatch');
  });

  it('an inspection whose team is not the drawn team fails the inspections check', () => {
    const draw = published();
    draw.inspections[0] = { projectId: pid(4), inspectorPseudonyms: ['b2', 'c3'] };
    expect(failed(draw)).toEqual(['inspections']);
  });

  it('a legacy draw without a round is reported as such, never as verified', () => {
    expect(verifyPublishedDraw({ ...published(), round: null }).outcome).toBe('legacy');
  });

  it('a fresh secret is 32 random bytes as 64 lower-case hex digits', () => {
    expect(freshSecret(() => new Uint8Array(32).fill(0xab))).toBe('ab'.repeat(32));
    expect(freshSecret()).toMatch(/^[0-9a-f]{64}$/);
    expect(freshSecret()).not.toBe(freshSecret());
  });
});

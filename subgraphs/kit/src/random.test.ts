import { expect, it } from 'vitest';
import { seededRandom } from './random';

it('gives the same sequence for a seed on every machine (the demo data depends on it), in [0, 1)', () => {
  const random = seededRandom(20230701);
  expect([random(), random(), random()]).toEqual([0.1197255861479789, 0.7016077747102827, 0.6550718382932246]);
  const other = seededRandom(7);
  for (let i = 0; i < 1000; i += 1) {
    const value = other();
    expect(value >= 0 && value < 1).toBe(true);
  }
  expect(seededRandom(7)()).not.toBe(seededRandom(8)());
});

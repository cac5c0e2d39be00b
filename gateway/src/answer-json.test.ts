import { describe, expect, it } from 'vitest';
import { asciiJson } from '@hub/kit';
import { answerJson, escapeBeyondAscii } from './answer-json';

/** Nothing above U+007E (control characters are escaped by JSON itself). */
const ASCII_ONLY = /^[^\u007f-\uffff]*$/;

/** An answer as @apollo/gateway shapes it: objects without a prototype. */
function shaped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shaped);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) out[key] = shaped(item);
  return out;
}

describe("the gateway's answers as ASCII-only JSON", () => {
  const row = (i: number) => ({
    code: `SS2026-NYJ-${String(i).padStart(4, '0')}`,
    stage: 'BIDS_OPENED',
    bids: [
      { amount: '23374294.74', bidder: { name: '湖北众邦建设监理有限公司' }, bidderCreditAtBid: { grade: 'A', score: 100 }, bidderRestricted: false },
      { amount: '1.5', bidder: { name: 'Wuhan 建设 Co., "Ltd." \\ 😀' }, bidderCreditAtBid: null, bidderRestricted: true },
    ],
    cases: [],
  });

  it('writes the same text as the kit’s asciiJson, ASCII only, for a page of rows with Chinese names', () => {
    const answer = shaped({ data: { projects: { totalCount: 1000, nodes: Array.from({ length: 100 }, (_, i) => row(i)) } } });
    const json = answerJson(answer);
    expect(json).toBe(asciiJson(answer));
    expect(json).toMatch(ASCII_ONLY);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(answer)));
  });

  it('keeps JSON.stringify’s rules at the levels it walks and in the rows', () => {
    const values: unknown[] = [
      { data: null, errors: [{ message: '项目不存在', path: ['project'], extensions: { code: 'NOT_FOUND' } }] },
      { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('s'), NaN, -0, Infinity], e: {}, f: [] },
      {
        at: new Date(0),
        nested: [[1, '二'], { deep: ['\u007f', '\u0000\u001f', '\ud800'] }],
        boxed: [new String('三'), new Number(4)],
        key: { 'ключ "q"': 1 },
      },
      [],
      'plain',
      '名',
      42,
      null,
      { toJSON: () => ({ replaced: '替换' }) },
      { member: { toJSON: () => undefined }, kept: 1 },
    ];
    for (const value of values) {
      const json = answerJson(value);
      expect(json).toBe(asciiJson(value));
      expect(json).toMatch(ASCII_ONLY);
    }
    expect(answerJson(undefined)).toBeUndefined();
    expect(() => answerJson({ big: [1n] })).toThrow(TypeError);
  });

  it('escapes every code unit above U+007E, surrogates one by one', () => {
    expect(escapeBeyondAscii('{"n":"é😀\u007f~"}')).toBe('{"n":"\\u00e9\\ud83d\\ude00\\u007f~"}');
  });
});

import { describe, expect, it } from 'vitest';
import { answerJson, asciiJson, escapeBeyondAscii, estimatedJsonLength, SMALL_ANSWER_CHARS } from './ascii-json';

describe('asciiJson', () => {
  const samples: unknown[] = [
    { data: { projects: { totalCount: 3, nodes: [{ code: 'XJ-1', name: '乌鲁木齐建设工程有限公司', amount: 1234.5, awarded: true, none: null }] } } },
    { text: 'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f é 😀 lone \ud800 end' },
    [1, 'two', null, undefined, () => 3, { nested: [[], {}] }, -0, NaN, Infinity, 1e21],
    { skipped: undefined, fn: () => 1, kept: 'yes', date: new Date(Date.UTC(2026, 10, 28)), boxed: new String('盒'), n: new Number(4) },
    Object.assign(Object.create(null) as object, { fromNullPrototype: '无原型' }),
    'top-level 字符串',
    { gone: { toJSON: () => undefined }, keyed: { toJSON: (key: string) => `key ${key}` }, after: 1 },
    Array.from({ length: 3000 }, (_, i) => ({ i, name: `第${i}号` })),
    42,
    null,
  ];

  it.each(samples.map((s, i) => [i, s]))('reads back as JSON.stringify does (sample %i)', (_, sample) => {
    const text = asciiJson(sample);
    expect(text).not.toMatch(/[\u007f-\uffff]/);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(sample)));
  });

  it('writes an answer without non-ASCII characters exactly as JSON.stringify does', () => {
    const answer = { data: { a: [{ b: 'plain', c: 1 }], d: 'x"y' }, errors: [{ message: 'm', extensions: { code: 'BAD_USER_INPUT' } }] };
    expect(asciiJson(answer)).toBe(JSON.stringify(answer));
  });

  it('escapes every character above U+007E as \\uXXXX', () => {
    expect(asciiJson({ name: '乌é\u007f' })).toBe('{"name":"\\u4e4c\\u00e9\\u007f"}');
  });

  it('throws on a BigInt, as JSON.stringify does', () => {
    expect(() => asciiJson({ n: 1n })).toThrow(TypeError);
  });
});

/** The expected text: JSON.stringify's, each code unit above U+007E written as `\\uXXXX`. */
function reference(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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

describe('asciiJson on answers as @apollo/gateway shapes them', () => {
  const row = (i: number) => ({
    code: `SS2026-NYJ-${String(i).padStart(4, '0')}`,
    stage: 'BIDS_OPENED',
    bids: [
      { amount: '23374294.74', bidder: { name: '湖北众邦建设监理有限公司' }, bidderCreditAtBid: { grade: 'A', score: 100 }, bidderRestricted: false },
      { amount: '1.5', bidder: { name: 'Wuhan 建设 Co., "Ltd." \\ 😀' }, bidderCreditAtBid: null, bidderRestricted: true },
    ],
    cases: [],
  });

  it('writes JSON.stringify’s text with its non-ASCII characters escaped, for a page of rows with Chinese names', () => {
    const answer = shaped({ data: { projects: { totalCount: 1000, nodes: Array.from({ length: 100 }, (_, i) => row(i)) } } });
    const json = asciiJson(answer);
    expect(json).toBe(reference(answer));
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
      const json = asciiJson(value);
      expect(json).toBe(reference(value));
      expect(json).toMatch(ASCII_ONLY);
    }
    expect(asciiJson(undefined)).toBeUndefined();
    expect(() => asciiJson({ big: [1n] })).toThrow(TypeError);
  });

  it('escapes every code unit above U+007E, surrogates one by one', () => {
    expect(escapeBeyondAscii('{"n":"é😀\u007f~"}')).toBe('{"n":"\\u00e9\\ud83d\\ude00\\u007f~"}');
  });

  it('escapes texts of any size and mix, one after the other, as the reference does', () => {
    // Runs at the start, the end, side by side and alone; a text larger than the reused buffer; small ones after it.
    const texts = [
      '名',
      'a名',
      '名a',
      '名字和名',
      '名'.repeat(20_000),
      'x'.repeat(70_000) + '名'.repeat(180_000) + 'y',
      '{"a":"b"}',
      `"${'ab名'.repeat(5)}"`,
      '',
    ];
    const escaped = (text: string) => text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const text of texts) expect(escapeBeyondAscii(text)).toBe(escaped(text));
  });
});

describe('answerJson', () => {
  const page = (rows: number) => ({
    data: { projects: { totalCount: rows, nodes: Array.from({ length: rows }, (_, i) => ({ code: `P-${i}`, name: `第${i}号工程` })) } },
  });

  it('writes a small answer as JSON.stringify does, characters beyond ASCII as they are', () => {
    const answer = page(20);
    expect(answerJson(answer)).toBe(JSON.stringify(answer));
  });

  it('writes a large answer as ASCII (asciiJson), reading back the same', () => {
    const answer = page(3_000);
    expect(estimatedJsonLength(answer, 0)).toBeGreaterThan(SMALL_ANSWER_CHARS);
    const text = answerJson(answer);
    expect(text).not.toMatch(/[\u007f-\uffff]/);
    expect(JSON.parse(text)).toEqual(answer);
  });

  it('estimates lengths close to the real ones, lists from three of their elements', () => {
    for (const answer of [page(0), page(1), page(50), page(700), { a: null, b: 'x', c: [1, 2, 3], d: { toJSON: () => 'day' } }]) {
      const real = JSON.stringify(answer).length;
      expect(Math.abs(estimatedJsonLength(answer, 0) - real)).toBeLessThanOrEqual(real * 0.05 + 20);
    }
  });
});

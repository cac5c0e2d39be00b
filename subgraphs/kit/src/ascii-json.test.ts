import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json';

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

import { describe, expect, it } from 'vitest';
import { AnswerBytes } from './answer-bytes';

const answer = {
  data: {
    projects: {
      totalCount: 2,
      nodes: [
        { code: 'P-1', bids: [{ amount: 12.5, bidder: { name: '杭州市建工集团有限公司' } }], note: null, skipped: undefined },
        { code: 'P-2 "quoted" \\ 😀', bids: [], when: new Date(Date.UTC(2026, 10, 28)) },
      ],
    },
  },
  errors: [{ message: '项目 P-3 不存在', path: ['projects', 'nodes', 2], extensions: { code: 'NOT_FOUND' } }],
};

describe('AnswerBytes', () => {
  it('writes the same JSON as JSON.stringify, as UTF-8 bytes', () => {
    const answers = new AnswerBytes();
    const bytes = answers.encode(answers.stringify(answer));
    expect(bytes.toString('utf8')).toBe(JSON.stringify(answer));
    expect(answers.waiting).toBe(0);
  });

  it('hands over the bytes of the very string it serialised, once, and encodes any other string as UTF-8', () => {
    const answers = new AnswerBytes();
    const first = answers.stringify({ data: { name: '甲' } });
    const second = answers.stringify({ data: { name: '乙' } });
    expect(answers.waiting).toBe(2);
    expect(answers.encode(second).toString('utf8')).toBe('{"data":{"name":"乙"}}');
    expect(answers.encode(first).toString('utf8')).toBe('{"data":{"name":"甲"}}');
    expect(answers.waiting).toBe(0);
    const other = JSON.stringify({ errors: [{ message: '请求无效' }] });
    expect(answers.encode(other).toString('utf8')).toBe(other);
  });

  it('keeps what JSON.stringify leaves out or turns into null', () => {
    const answers = new AnswerBytes();
    const value = { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: { toJSON: () => undefined } };
    expect(answers.encode(answers.stringify(value)).toString('utf8')).toBe(JSON.stringify(value));
    expect(answers.stringify(undefined)).toBeUndefined();
  });
});

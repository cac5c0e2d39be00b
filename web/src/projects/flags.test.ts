import { describe, expect, it } from 'vitest';
import { IntervalRule } from '../../../subgraphs/projects/src/project/stages';
import { INTERVAL_RULE_LABELS } from '../i18n/labels';
import { flagSentence, type FlagLike } from './flags';

const flag = (over: Partial<FlagLike>): FlagLike => ({
  rule: 'DOCUMENTS_TO_DEADLINE_MIN_20_DAYS',
  required: 20,
  actual: 19,
  unit: 'days',
  message: 'Only 19 days from issuing the tender documents (2026-03-02) to the bid deadline (2026-03-21); at least 20 are required: …',
  tenderRound: 1,
  raisedOn: '2026-03-02',
  periodEndsOn: '2026-03-23',
  provisional: false,
  ...over,
});

describe('flagSentence', () => {
  it('says a short period in the reader’s language from the rule and its numbers, each date once, not the server’s English', () => {
    expect(flagSentence(flag({}), 'zh')).toBe('2026-03-02：招标文件发出至投标截止不足 20 日（实际 19 日），法定期限 2026-03-23 届满');
    expect(flagSentence(flag({}), 'en')).toBe(
      '2026-03-02 — From the tender documents to the bid deadline: 19 days, at least 20 days required; the statutory period ends 2026-03-23',
    );
  });

  it('says what the law then requires, the tender round after the first, and a provisional end', () => {
    const bids = flag({ rule: 'MIN_3_BIDS', required: 3, actual: 1, unit: 'bids', tenderRound: 2, periodEndsOn: null });
    expect(flagSentence(bids, 'zh')).toBe('2026-03-02：投标截止时的投标人不足 3 个（实际 1 个），不得开标，应当重新招标，第2轮招标');
    expect(flagSentence(bids, 'en')).toBe(
      '2026-03-02 — Bids at the deadline: 1 bid, at least 3 bids required; no opening, the project must be re-tendered; tender round 2',
    );
    const clarification = flag({ rule: 'CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE', required: 15, actual: 1, provisional: true });
    expect(flagSentence(clarification, 'zh')).toBe(
      '2026-03-02：澄清或修改发出至投标截止不足 15 日（实际 1 日），应顺延投标截止时间，法定期限 2026-03-23 届满，暂定（该年度法定节假日尚未公布）',
    );
    expect(flagSentence(clarification, 'en')).toContain(': 1 day, at least 15 days required; the bid deadline must move;');
  });

  it('says why a period with as many plain days as required is still short: its last day moved past a rest day, the end date once', () => {
    const moved = flag({ actual: 21, periodEndsOn: '2026-08-24' });
    expect(flagSentence(moved, 'zh')).toBe(
      '2026-03-02：招标文件发出至投标截止实际 21 日，但 20 日期限的最后一日为法定休息日，顺延至 2026-08-24 届满，期限未满',
    );
    expect(flagSentence(moved, 'en')).toBe(
      '2026-03-02 — From the tender documents to the bid deadline: 21 days, but the period of 20 days ends on a statutory rest day and so runs to 2026-08-24',
    );
    const clarification = flag({ rule: 'CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE', required: 15, actual: 15, periodEndsOn: '2026-06-22' });
    expect(flagSentence(clarification, 'zh')).toBe(
      '2026-03-02：澄清或修改发出至投标截止实际 15 日，但 15 日期限的最后一日为法定休息日，顺延至 2026-06-22 届满，期限未满，应顺延投标截止时间',
    );
  });

  it('says a late contract is over the maximum', () => {
    const contract = flag({ rule: 'CONTRACT_WITHIN_30_DAYS_OF_AWARD', required: 30, actual: 35, periodEndsOn: '2026-05-06' });
    expect(flagSentence(contract, 'zh')).toBe('2026-03-02：中标通知书发出至订立合同超过 30 日（实际 35 日），法定期限 2026-05-06 届满');
    expect(flagSentence(contract, 'en')).toBe(
      '2026-03-02 — From the award notice to the contract: 35 days, at most 30 days allowed; the statutory period ends 2026-05-06',
    );
  });

  it('names every rule the projects slice checks', () => {
    for (const rule of Object.values(IntervalRule)) {
      expect(INTERVAL_RULE_LABELS[rule], rule).toBeDefined();
      expect(flagSentence(flag({ rule }), 'zh'), rule).not.toContain('Only');
    }
  });

  it('shows the server’s message for a rule the app does not know (a newer server)', () => {
    const newer = flag({ rule: 'SOME_NEWER_RULE', message: 'Something the app has no words for' });
    expect(flagSentence(newer, 'zh')).toBe('2026-03-02：Something the app has no words for');
    expect(flagSentence(newer, 'en')).toBe('2026-03-02 — Something the app has no words for');
  });
});

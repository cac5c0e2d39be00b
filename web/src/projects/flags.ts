import { INTERVAL_RULE_LABELS, INTERVAL_UNIT_LABELS, label } from '../i18n/labels';
import type { Lang } from '../i18n/locale';

/** A statutory interval flag of a project (ProjectFlag), as much of it as the sentence needs. */
export interface FlagLike {
  rule: string;
  required: number;
  actual: number;
  unit: string;
  /** The server's own sentence (English): shown only for a rule this app does not know yet. */
  message: string;
  tenderRound: number;
  raisedOn: string;
  periodEndsOn?: string | null;
  provisional: boolean;
}

/**
 * How each rule (subgraphs/projects/src/project/stages.ts) reads: a minimum the record fell short
 * of, or a maximum it went over, and what the law then requires (Chinese, English).
 */
const RULES: Record<string, { bound: 'minimum' | 'maximum'; then?: [zh: string, en: string] }> = {
  DOCUMENTS_TO_DEADLINE_MIN_20_DAYS: { bound: 'minimum' },
  CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE: { bound: 'minimum', then: ['应顺延投标截止时间', 'the bid deadline must move'] },
  MIN_3_BIDS: { bound: 'minimum', then: ['不得开标，应当重新招标', 'no opening, the project must be re-tendered'] },
  CANDIDATE_PUBLICITY_MIN_3_DAYS: { bound: 'minimum' },
  CONTRACT_WITHIN_30_DAYS_OF_AWARD: { bound: 'maximum' },
};

/** "19 days", "1 day", "2 bids": English counts; Chinese is "19 日", "2 个". */
function count(n: number, unit: string, lang: Lang): string {
  const word = label(INTERVAL_UNIT_LABELS, unit, lang);
  return lang === 'en' && n === 1 && word.endsWith('s') ? `${n} ${word.slice(0, -1)}` : `${n} ${word}`;
}

/**
 * A flag in one sentence of the reader's language, from its rule code and numbers (the server's
 * message is English and repeats the dates): the day it was raised, what the rule requires and what
 * the record shows, the tender round after the first, the day the statutory period ends, and
 * whether that end is provisional. A rule the app does not know (a newer server) shows the server's message.
 */
export function flagSentence(flag: FlagLike, lang: Lang): string {
  const rule = RULES[flag.rule];
  const zh = lang === 'zh';
  if (!rule || !INTERVAL_RULE_LABELS[flag.rule]) return `${flag.raisedOn}${zh ? '：' : ' — '}${flag.message}`;
  const what = label(INTERVAL_RULE_LABELS, flag.rule, lang);
  const required = count(flag.required, flag.unit, lang);
  const actual = count(flag.actual, flag.unit, lang);
  // A minimum period whose last day fell on a statutory rest day runs to the next working day: the
  // record can then be short of it with as many plain days as required, or more (stages.ts).
  const moved = rule.bound === 'minimum' && flag.actual >= flag.required && !!flag.periodEndsOn;
  let main: string;
  if (moved)
    main = zh
      ? `${what}实际 ${actual}，但 ${required}期限的最后一日为法定休息日，顺延至 ${flag.periodEndsOn} 届满，期限未满`
      : `${what}: ${actual}, but the period of ${required} ends on a statutory rest day and so runs to ${flag.periodEndsOn}`;
  else
    main = zh
      ? `${what}${rule.bound === 'minimum' ? '不足' : '超过'} ${required}（实际 ${actual}）`
      : `${what}: ${actual}, ${rule.bound === 'minimum' ? `at least ${required} required` : `at most ${required} allowed`}`;
  const more: string[] = [];
  if (rule.then) more.push(rule.then[zh ? 0 : 1]);
  if (flag.tenderRound > 1) more.push(zh ? `第${flag.tenderRound}轮招标` : `tender round ${flag.tenderRound}`);
  if (flag.periodEndsOn && !moved) more.push(zh ? `法定期限 ${flag.periodEndsOn} 届满` : `the statutory period ends ${flag.periodEndsOn}`);
  if (flag.provisional) more.push(zh ? '暂定（该年度法定节假日尚未公布）' : "provisional (that year's official calendar is not out yet)");
  return zh
    ? `${flag.raisedOn}：${main}${more.length > 0 ? `，${more.join('，')}` : ''}`
    : `${flag.raisedOn} — ${main}${more.length > 0 ? `; ${more.join('; ')}` : ''}`;
}

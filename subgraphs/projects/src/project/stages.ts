import { daysBetween, ProjectStage } from '@hub/kit';

/**
 * Stages of a tender project (the kit holds the one list, which other slices name too).
 * Clarifications are records made while the tender is announced; a failed opening (fewer than 3
 * bids) sends the project back to REGISTERED for a new tender round.
 */
export { ProjectStage };

export const STAGE_ORDER: readonly ProjectStage[] = Object.values(ProjectStage);

/** Kinds of dated stage records; CLARIFICATION and FAILED_OPENING do not advance the stage. */
export enum StageRecordKind {
  ANNOUNCEMENT = 'ANNOUNCEMENT',
  CLARIFICATION = 'CLARIFICATION',
  BID_OPENING = 'BID_OPENING',
  FAILED_OPENING = 'FAILED_OPENING',
  EVALUATION_REPORT = 'EVALUATION_REPORT',
  CANDIDATE_PUBLICITY = 'CANDIDATE_PUBLICITY',
  AWARD_NOTICE = 'AWARD_NOTICE',
  CONTRACT_FILING = 'CONTRACT_FILING',
  PERFORMANCE_START = 'PERFORMANCE_START',
  COMPLETION = 'COMPLETION',
}

/** The statutory intervals the platform checks; a breach is recorded as a flag, never silently accepted. */
export enum IntervalRule {
  /** 招标文件发出之日起至投标截止之日止，最短不得少于二十日 */
  DOCUMENTS_TO_DEADLINE_MIN_20_DAYS = 'DOCUMENTS_TO_DEADLINE_MIN_20_DAYS',
  /** 澄清或者修改在投标截止时间至少十五日前，不足的应当顺延截止时间 */
  CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE = 'CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE',
  /** 投标人少于三个的，不得开标，应当重新招标 */
  MIN_3_BIDS = 'MIN_3_BIDS',
  /** 中标候选人公示期不得少于三日 */
  CANDIDATE_PUBLICITY_MIN_3_DAYS = 'CANDIDATE_PUBLICITY_MIN_3_DAYS',
  /** 自中标通知书发出之日起三十日内订立书面合同 */
  CONTRACT_WITHIN_30_DAYS_OF_AWARD = 'CONTRACT_WITHIN_30_DAYS_OF_AWARD',
}

/** A breach found by a check: the rule and the numbers behind it. */
export interface IntervalBreach {
  rule: IntervalRule;
  required: number;
  actual: number;
  unit: 'days' | 'bids';
  message: string;
}

/** The stage a step needs and the stage it leads to. */
export const TRANSITIONS = {
  announceTender: { from: ProjectStage.REGISTERED, to: ProjectStage.ANNOUNCED },
  recordClarification: { from: ProjectStage.ANNOUNCED, to: ProjectStage.ANNOUNCED },
  recordBid: { from: ProjectStage.ANNOUNCED, to: ProjectStage.ANNOUNCED },
  openBids: { from: ProjectStage.ANNOUNCED, to: ProjectStage.BIDS_OPENED },
  recordEvaluation: { from: ProjectStage.BIDS_OPENED, to: ProjectStage.EVALUATED },
  publishCandidates: { from: ProjectStage.EVALUATED, to: ProjectStage.CANDIDATES_PUBLICISED },
  awardProject: { from: ProjectStage.CANDIDATES_PUBLICISED, to: ProjectStage.AWARDED },
  fileContract: { from: ProjectStage.AWARDED, to: ProjectStage.CONTRACT_FILED },
  startPerformance: { from: ProjectStage.CONTRACT_FILED, to: ProjectStage.IN_PERFORMANCE },
  completeProject: { from: ProjectStage.IN_PERFORMANCE, to: ProjectStage.COMPLETED },
} as const;

export type StageStep = keyof typeof TRANSITIONS;

/** Which steps are possible at a stage (for error messages and the graph). */
export function stepsAllowedAt(stage: ProjectStage): StageStep[] {
  return (Object.keys(TRANSITIONS) as StageStep[]).filter((step) => TRANSITIONS[step].from === stage);
}

export function checkDocumentsToDeadline(announcedOn: string, bidDeadline: string): IntervalBreach | null {
  const actual = daysBetween(announcedOn, bidDeadline);
  return actual >= 20
    ? null
    : {
        rule: IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS,
        required: 20,
        actual,
        unit: 'days',
        message: `Only ${actual} days from issuing the tender documents (${announcedOn}) to the bid deadline (${bidDeadline}); at least 20 are required`,
      };
}

export function checkClarification(issuedOn: string, bidDeadline: string): IntervalBreach | null {
  const actual = daysBetween(issuedOn, bidDeadline);
  return actual >= 15
    ? null
    : {
        rule: IntervalRule.CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE,
        required: 15,
        actual,
        unit: 'days',
        message: `Clarification issued ${actual} days before the bid deadline (${bidDeadline}); at least 15 are required, otherwise the deadline must move`,
      };
}

export function checkBidCount(bidCount: number): IntervalBreach | null {
  return bidCount >= 3
    ? null
    : {
        rule: IntervalRule.MIN_3_BIDS,
        required: 3,
        actual: bidCount,
        unit: 'bids',
        message: `Only ${bidCount} bid(s) at the deadline; at least 3 are required: no opening, the project must be re-tendered`,
      };
}

/** Publicity days counted inclusively: 1 to 3 March is 3 days. */
export function checkCandidatePublicity(startsOn: string, endsOn: string): IntervalBreach | null {
  const actual = daysBetween(startsOn, endsOn) + 1;
  return actual >= 3
    ? null
    : {
        rule: IntervalRule.CANDIDATE_PUBLICITY_MIN_3_DAYS,
        required: 3,
        actual,
        unit: 'days',
        message: `Candidate publicity lasted ${actual} day(s) (${startsOn} to ${endsOn}); at least 3 are required`,
      };
}

export function checkContractSigning(awardNoticeOn: string, signedOn: string): IntervalBreach | null {
  const actual = daysBetween(awardNoticeOn, signedOn);
  return actual <= 30
    ? null
    : {
        rule: IntervalRule.CONTRACT_WITHIN_30_DAYS_OF_AWARD,
        required: 30,
        actual,
        unit: 'days',
        message: `Contract signed ${actual} days after the award notice (${awardNoticeOn}); it must be within 30 days`,
      };
}

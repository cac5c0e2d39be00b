import { describe, expect, it } from 'vitest';
import {
  checkBidCount,
  checkCandidatePublicity,
  checkClarification,
  checkContractSigning,
  checkDocumentsToDeadline,
  IntervalRule,
  ProjectStage,
  stepsAllowedAt,
} from './stages';

describe('stage order', () => {
  it('allows only the next statutory step', () => {
    expect(stepsAllowedAt(ProjectStage.REGISTERED)).toEqual(['announceTender']);
    expect(stepsAllowedAt(ProjectStage.ANNOUNCED)).toEqual(['recordClarification', 'recordBid', 'openBids']);
    expect(stepsAllowedAt(ProjectStage.AWARDED)).toEqual(['fileContract']);
    expect(stepsAllowedAt(ProjectStage.COMPLETED)).toEqual([]);
  });
});

describe('statutory intervals', () => {
  it('documents issued to bid deadline: at least 20 days', () => {
    expect(checkDocumentsToDeadline('2024-03-01', '2024-03-21')).toBeNull();
    expect(checkDocumentsToDeadline('2024-03-01', '2024-03-20')).toMatchObject({
      rule: IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS,
      required: 20,
      actual: 19,
    });
  });

  it('clarification at least 15 days before the deadline', () => {
    expect(checkClarification('2024-03-06', '2024-03-21')).toBeNull();
    expect(checkClarification('2024-03-07', '2024-03-21')).toMatchObject({ required: 15, actual: 14 });
  });

  it('fewer than 3 bids means no opening', () => {
    expect(checkBidCount(3)).toBeNull();
    expect(checkBidCount(2)).toMatchObject({ rule: IntervalRule.MIN_3_BIDS, actual: 2, unit: 'bids' });
  });

  it('candidate publicity at least 3 days, counted inclusively', () => {
    expect(checkCandidatePublicity('2024-03-01', '2024-03-03')).toBeNull();
    expect(checkCandidatePublicity('2024-03-01', '2024-03-02')).toMatchObject({ actual: 2 });
  });

  it('contract within 30 days of the award notice, across a month end', () => {
    expect(checkContractSigning('2024-01-31', '2024-03-01')).toBeNull();
    expect(checkContractSigning('2024-01-31', '2024-03-02')).toMatchObject({ actual: 31, required: 30 });
  });
});

import { describe, expect, it } from 'vitest';
import { allowedTransitions, CASE_TRANSITIONS, CaseStatus, CaseTransition, nextStatus } from './case-states';

describe('case state machine', () => {
  it('walks the statutory path submitted → accepted → routed → investigating → decided → feedback sent → archived', () => {
    const path: [CaseTransition, CaseStatus][] = [
      [CaseTransition.ACCEPT, CaseStatus.ACCEPTED],
      [CaseTransition.ROUTE, CaseStatus.ROUTED],
      [CaseTransition.START_INVESTIGATION, CaseStatus.INVESTIGATING],
      [CaseTransition.DECIDE, CaseStatus.DECIDED],
      [CaseTransition.SEND_FEEDBACK, CaseStatus.FEEDBACK_SENT],
      [CaseTransition.ARCHIVE, CaseStatus.ARCHIVED],
    ];
    let status = CaseStatus.SUBMITTED;
    for (const [transition, expected] of path) {
      status = nextStatus(status, transition as keyof typeof CASE_TRANSITIONS);
      expect(status).toBe(expected);
    }
  });

  it('lets a refused case be archived, and nothing else but a supervision note', () => {
    expect(nextStatus(CaseStatus.SUBMITTED, CaseTransition.REJECT)).toBe(CaseStatus.REJECTED);
    expect(allowedTransitions(CaseStatus.REJECTED).sort()).toEqual([CaseTransition.ARCHIVE, CaseTransition.SUPERVISE].sort());
  });

  it('keeps the status on supervision notes (督办) and enforcer assignments', () => {
    expect(nextStatus(CaseStatus.INVESTIGATING, CaseTransition.SUPERVISE)).toBe(CaseStatus.INVESTIGATING);
    expect(nextStatus(CaseStatus.SUBMITTED, CaseTransition.SUPERVISE)).toBe(CaseStatus.SUBMITTED);
    expect(nextStatus(CaseStatus.ROUTED, CaseTransition.ASSIGN_ENFORCERS)).toBe(CaseStatus.ROUTED);
  });

  it('refuses an illegal transition with a CONFLICT carrying the current status and the allowed ones', () => {
    try {
      nextStatus(CaseStatus.SUBMITTED, CaseTransition.DECIDE);
      expect.unreachable('DECIDE from SUBMITTED must be refused');
    } catch (error) {
      const extensions = (error as { extensions: Record<string, unknown> }).extensions;
      expect(extensions.code).toBe('CONFLICT');
      expect(extensions.currentStatus).toBe('SUBMITTED');
      expect((extensions.allowedTransitions as string[]).sort()).toEqual(['ACCEPT', 'REJECT', 'SUPERVISE']);
    }
  });

  it('allows nothing after archiving (the file is closed)', () => {
    expect(allowedTransitions(CaseStatus.ARCHIVED)).toEqual([]);
    expect(() => nextStatus(CaseStatus.ARCHIVED, CaseTransition.SUPERVISE)).toThrow(/cannot take transition SUPERVISE/);
  });

  it('gives every status but ARCHIVED a way forward and routes only from ACCEPTED', () => {
    for (const status of Object.values(CaseStatus)) {
      if (status !== CaseStatus.ARCHIVED) expect(allowedTransitions(status).length, status).toBeGreaterThan(0);
    }
    const routable = Object.values(CaseStatus).filter((s) => allowedTransitions(s).includes(CaseTransition.ROUTE));
    expect(routable).toEqual([CaseStatus.ACCEPTED]);
  });
});

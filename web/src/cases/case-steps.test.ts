import { describe, expect, it } from 'vitest';
import { countdown, isHandler, offeredSteps, type CaseForSteps } from './case-steps';

const routedTo = (status: string[], codes: string[], routingMode: string | null = 'TRANSFERRED'): CaseForSteps => ({
  allowedTransitions: status,
  routingMode,
  handlingDepartments: codes.map((code) => ({ code })),
});

describe('offeredSteps', () => {
  it('offers the office accept, reject and supervise on a submitted case, and nothing to a department', () => {
    const c = routedTo(['ACCEPT', 'REJECT', 'SUPERVISE'], []);
    expect(offeredSteps(c, { role: 'OFFICE' })).toEqual(['ACCEPT', 'REJECT', 'SUPERVISE']);
    expect(offeredSteps(c, { role: 'DEPT', department: 'ZJJ' })).toEqual([]);
    expect(offeredSteps(c, { role: 'LEADER' })).toEqual(['SUPERVISE']);
  });

  it('offers the investigation to the handling department only, not to the office for a transferred case', () => {
    const c = routedTo(['START_INVESTIGATION', 'ASSIGN_ENFORCERS', 'SUPERVISE'], ['ZJJ']);
    expect(offeredSteps(c, { role: 'DEPT', department: 'ZJJ' })).toEqual(['START_INVESTIGATION', 'ASSIGN_ENFORCERS']);
    expect(offeredSteps(c, { role: 'DEPT', department: 'JTJ' })).toEqual([]);
    expect(offeredSteps(c, { role: 'OFFICE' })).toEqual(['ASSIGN_ENFORCERS', 'SUPERVISE']);
  });

  it('makes the office the handler of a self-handled (自办) case', () => {
    const c = routedTo(['DECIDE', 'ASSIGN_ENFORCERS', 'SUPERVISE'], ['ZWJ'], 'SELF_HANDLED');
    expect(isHandler(c, { role: 'OFFICE' })).toBe(true);
    expect(offeredSteps(c, { role: 'OFFICE' })).toEqual(['ASSIGN_ENFORCERS', 'DECIDE', 'SUPERVISE']);
  });

  it('never offers a step the state machine does not allow, whoever asks', () => {
    const archived = routedTo([], ['ZJJ']);
    for (const role of ['OFFICE', 'LEADER', 'DEPT', 'ENFORCER', 'CENTER']) expect(offeredSteps(archived, { role, department: 'ZJJ' })).toEqual([]);
    const feedbackSent = routedTo(['ARCHIVE', 'SUPERVISE'], ['ZJJ']);
    expect(offeredSteps(feedbackSent, { role: 'DEPT', department: 'ZJJ' })).toEqual([]);
    expect(offeredSteps(feedbackSent, { role: 'OFFICE' })).toEqual(['ARCHIVE', 'SUPERVISE']);
  });
});

describe('countdown', () => {
  it('counts working days left for a complaint and flags the last day as urgent', () => {
    expect(countdown({ dueOn: '2026-12-01', daysLeft: 2, unit: 'WORKING_DAYS', overdue: false })).toEqual({
      state: 'left',
      days: 2,
      working: true,
      urgent: false,
      provisional: false,
    });
    expect(countdown({ dueOn: '2026-12-01', daysLeft: 1, unit: 'CALENDAR_DAYS', overdue: false, provisional: true })).toMatchObject({
      state: 'left',
      urgent: true,
      working: false,
      provisional: true,
    });
  });

  it('says by how many days a pending deadline is overdue', () => {
    expect(countdown({ dueOn: '2026-11-20', daysLeft: -3, unit: 'WORKING_DAYS', overdue: true })).toEqual({
      state: 'overdue',
      days: 3,
      dueOn: '2026-11-20',
      working: true,
      provisional: false,
    });
  });

  it("takes the server's overdue over the day count: due on a Friday, overdue on the Sunday after with 0 working days past", () => {
    expect(countdown({ dueOn: '2026-11-27', daysLeft: 0, unit: 'WORKING_DAYS', overdue: true })).toEqual({
      state: 'overdue',
      days: 0,
      dueOn: '2026-11-27',
      working: true,
      provisional: false,
    });
  });

  it('shows a met deadline as met, whatever days were left', () => {
    expect(countdown({ dueOn: '2026-11-20', daysLeft: null, unit: 'WORKING_DAYS', overdue: false, metOn: '2026-11-19' })).toEqual({
      state: 'met',
      metOn: '2026-11-19',
      late: false,
    });
    expect(countdown(null)).toEqual({ state: 'none' });
  });
});

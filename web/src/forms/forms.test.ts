import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { complaintWindowProblem, daysBetween, shanghaiInstant, todayInShanghai } from './rules';
import { formFieldOf, newIdempotencyKey, refusalForFields } from './server-refusal';

const graphqlError = (errors: { message: string; extensions?: Record<string, unknown> }[]) => new CombinedGraphQLErrors({ errors } as never);

describe('refusalForFields', () => {
  it('puts a refusal on the field the server names and the rest above the form', () => {
    const error = graphqlError([
      {
        message: 'summary is 201 characters long; at most 200 are allowed',
        extensions: { code: 'BAD_USER_INPUT', field: 'summary', rule: 'max 200 characters' },
      },
      { message: 'respondentCreditCodes[0] is not valid', extensions: { code: 'BAD_USER_INPUT', field: 'respondentCreditCodes[0]' } },
      { message: 'projectId is not a project', extensions: { code: 'BAD_USER_INPUT', field: 'projectId' } },
    ]);
    const refusal = refusalForFields(error, ['summary', 'respondentCreditCodes']);
    expect(refusal.fields).toEqual({
      summary: ['summary is 201 characters long; at most 200 are allowed'],
      respondentCreditCodes: ['respondentCreditCodes[0] is not valid'],
    });
    expect(refusal.general).toEqual(['projectId is not a project']);
    expect(refusal.stale).toBe(false);
  });

  it("words a rule the page cannot check in the form's language, with the refused value, and leaves the rest as the server wrote it", () => {
    const error = graphqlError([
      {
        message: 'respondentCreditCodes[1] "91350100M000100Y43" is not a market entity registered with the trading center; …',
        extensions: { code: 'BAD_USER_INPUT', field: 'respondentCreditCodes[1]', rule: 'registered market entity', value: '91350100M000100Y43' },
      },
      { message: 'summary is required', extensions: { code: 'BAD_USER_INPUT', field: 'summary', rule: 'required' } },
    ]);
    const refusal = refusalForFields(error, ['summary', 'respondentCreditCodes'], ({ rule, value }) =>
      rule === 'registered market entity' ? `${value} 未在交易平台登记` : undefined,
    );
    expect(refusal.fields).toEqual({ respondentCreditCodes: ['91350100M000100Y43 未在交易平台登记'], summary: ['summary is required'] });
  });

  it('calls a CONFLICT on a case step stale, but not a reused idempotency key', () => {
    expect(
      refusalForFields(graphqlError([{ message: 'Case TS1 changed since version 2 (now 3)', extensions: { code: 'CONFLICT', currentVersion: 3 } }]), []).stale,
    ).toBe(true);
    expect(
      refusalForFields(graphqlError([{ message: 'idempotencyKey "x" was already used', extensions: { code: 'CONFLICT', field: 'idempotencyKey' } }]), []).stale,
    ).toBe(false);
  });

  it('treats an answer that never came as a transport failure (safe to retry with the same key)', () => {
    expect(refusalForFields(new TypeError('Failed to fetch'), ['summary'])).toMatchObject({ transport: true, general: ['Failed to fetch'] });
  });

  it('names the form field from a nested path', () => {
    expect(formFieldOf('input.details')).toBe('details');
    expect(formFieldOf('knewOn')).toBe('knewOn');
  });
});

describe('newIdempotencyKey', () => {
  it('is a version 4 UUID (the server requires at least 8 characters)', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});

describe('the complaint window', () => {
  it('accepts up to 10 days between knowing and receipt, as the server does', () => {
    expect(daysBetween('2026-11-18', '2026-11-28')).toBe(10);
    expect(complaintWindowProblem('2026-11-18', '2026-11-28', '2026-11-28')).toBeNull();
    expect(complaintWindowProblem('2026-11-17', '2026-11-28', '2026-11-28')).toBe('too-late');
    expect(complaintWindowProblem('2026-11-29', '2026-11-28', '2026-11-28')).toBe('future');
    expect(complaintWindowProblem('2026-11-27', '2026-11-26', '2026-11-28')).toBe('after-receipt');
  });

  it('reads the receipt time typed at the window as Beijing time, whatever the browser zone', () => {
    expect(shanghaiInstant('2026-11-27T09:30')).toBe('2026-11-27T01:30:00.000Z');
    expect(shanghaiInstant('2026-11-27T07:05:30')).toBe('2026-11-26T23:05:30.000Z');
  });

  it('takes today in Asia/Shanghai, not in the browser zone', () => {
    expect(todayInShanghai(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});

import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { fieldPath, refusalOf } from './refusal';

describe('a refused submit, sorted for the form', () => {
  it('turns the server field names into form paths', () => {
    expect(fieldPath('samplingRatio')).toEqual(['samplingRatio']);
    expect(fieldPath('findings[0].description')).toEqual(['findings', 0, 'description']);
    expect(fieldPath('findings[2].respondentCreditCodes[1]')).toEqual(['findings', 2, 'respondentCreditCodes', 1]);
  });

  it('puts a BAD_USER_INPUT naming a field on that field, and the rest (a conflict) in general', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        {
          message: 'samplingRatio must be between 0.05 (5%) and 1, got 0.01',
          extensions: { code: 'BAD_USER_INPUT', field: 'samplingRatio', rule: 'at least 5% (双随机一公开)' },
        },
        { message: 'Inspection is PUBLISHED: results can no longer be changed', extensions: { code: 'CONFLICT', currentState: 'PUBLISHED' } },
      ],
    });
    const refusal = refusalOf(error);
    expect(refusal.fields).toEqual([
      { path: ['samplingRatio'], message: 'samplingRatio must be between 0.05 (5%) and 1, got 0.01', rule: 'at least 5% (双随机一公开)' },
    ]);
    expect(refusal.general).toEqual(['Inspection is PUBLISHED: results can no longer be changed']);
    expect(refusal.conflict).toBe(true);
    expect(refusalOf(new Error('Failed to fetch')).general).toEqual(['Failed to fetch']);
  });
});

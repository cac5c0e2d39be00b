import { describe, expect, it } from 'vitest';
import { maskIdentityNumber } from './mask';

describe('maskIdentityNumber', () => {
  it('keeps only the first 3 and last 2 characters', () => {
    expect(maskIdentityNumber('42100219800101123X')).toBe('421*************3X');
  });
  it('never reveals short values', () => {
    expect(maskIdentityNumber('12345')).toBe('*****');
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../subgraphs/kit/src/auth';
import { registrationAuthorityOf } from '../../../subgraphs/kit/src/credit-code';
import { label, REGISTRATION_AUTHORITY_LABELS, ROLE_LABELS } from './labels';

describe('ROLE_LABELS', () => {
  it('names every role a trail or write log can show, including the hub’s own jobs', () => {
    for (const role of [...ROLES, 'SYSTEM']) {
      expect(ROLE_LABELS[role], role).toBeDefined();
      expect(label(ROLE_LABELS, role, 'zh')).not.toBe(role);
      expect(label(ROLE_LABELS, role, 'en')).not.toBe(role);
    }
    expect(label(ROLE_LABELS, 'SYSTEM', 'zh')).toBe('系统自动作业');
  });
});

describe('REGISTRATION_AUTHORITY_LABELS', () => {
  it('names every registration authority a credit code’s first character gives, in both languages', () => {
    for (const first of ['1', '5', '9', 'Y', 'A']) {
      const authority = registrationAuthorityOf(`${first}1421000MA4F0XXX0R`);
      expect(REGISTRATION_AUTHORITY_LABELS[authority], authority).toBeDefined();
    }
    expect(label(REGISTRATION_AUTHORITY_LABELS, 'MARKET_REGULATION', 'zh')).toBe('市场监督管理部门');
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../subgraphs/kit/src/auth';
import { label, ROLE_LABELS } from './labels';

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

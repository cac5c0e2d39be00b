import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../subgraphs/kit/src/auth';
import { registrationAuthorityOf } from '../../../subgraphs/kit/src/credit-code';
import { actorLabel, label, REGISTRATION_AUTHORITY_LABELS, ROLE_LABELS } from './labels';

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

describe('actorLabel', () => {
  it('names online intake in the reader’s language, not the server’s English name with the role again', () => {
    const intake = { actorName: 'Public (online intake)', actorRole: 'PUBLIC', actorDepartment: null };
    expect(actorLabel(intake, 'zh')).toBe('公众（网上提交）');
    expect(actorLabel(intake, 'en')).toBe('Public (online intake)');
  });

  it('gives a named actor’s role and department in the reader’s language', () => {
    const officer = { actorName: '王敏', actorRole: 'DEPT', actorDepartment: 'ZJJ' };
    expect(actorLabel(officer, 'zh')).toBe('王敏（行业主管部门 · ZJJ）');
    expect(actorLabel(officer, 'en')).toBe('王敏 (Line department · ZJJ)');
    expect(actorLabel({ actorName: 'clerk' }, 'zh')).toBe('clerk');
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

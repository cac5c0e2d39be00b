import type { Role } from '../auth/session';

/** Labels of the inspection slice's enums (Chinese, English). */
type Labels = Record<string, [zh: string, en: string]>;

export const ROUND_STATUS_LABELS: Labels = {
  COMMITTING: ['提交承诺中', 'Committing'],
  REVEALING: ['揭示密钥中', 'Revealing'],
  REVEALED: ['密钥已全部揭示', 'All revealed'],
  DRAWN: ['已抽取', 'Drawn'],
  ABANDONED: ['已放弃', 'Abandoned'],
};

export const OUTCOME_LABELS: Labels = {
  COMPLIANT: ['符合', 'Compliant'],
  NON_COMPLIANT: ['不符合', 'Non-compliant'],
  NOT_APPLICABLE: ['不适用', 'Not applicable'],
};

export const SEVERITY_LABELS: Labels = {
  MINOR: ['一般', 'Minor'],
  MAJOR: ['较重', 'Major'],
  SERIOUS: ['严重', 'Serious'],
};

export const UNIT_LABELS: Labels = {
  ZWJ: ['区政务服务和大数据管理局（领导小组办公室）', 'Supervision office (ZWJ)'],
  LEADING_GROUP: ['领导小组（见证）', 'Leading group (witness)'],
};

/** The member unit a signed-in user commits and reveals for (docs/draw.md: the role decides the unit). */
export function unitOf(session: { role: Role; department?: string }): string | undefined {
  if (session.role === 'OFFICE') return 'ZWJ';
  if (session.role === 'LEADER') return 'LEADING_GROUP';
  if (session.role === 'DEPT') return session.department;
  return undefined;
}

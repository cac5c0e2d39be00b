import type { Role } from '../auth/session';
import type { CheckName } from './verify';

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

/** The five checks of a draw's verification in the browser, as the signed-in draw page and the public portal name them. */
export const CHECK_LABELS: Record<CheckName, [string, string]> = {
  manifest: ['清单哈希：SHA-256(公布的清单) = 冻结时公布的哈希', 'Manifest: SHA-256(published manifest) = the hash published at the freeze'],
  commitments: [
    '承诺：每个单位揭示的密钥的 SHA-256 = 其承诺（至少两个单位）',
    "Commitments: each unit's revealed secret hashes to its commitment (at least two units)",
  ],
  seed: ['种子：SHA-256(清单哈希 ‖ 各单位密钥) = 公布的种子', 'Seed: SHA-256(manifest hash ‖ the secrets) = the published seed'],
  result: ['结果：在本浏览器重新运行 draw-v2 = 公布的项目和检查人员', 'Result: draw-v2 re-run in this browser = the published projects and inspectors'],
  inspections: ['检查组：每项检查的人员（化名）= 抽中的检查组', "Teams: each inspection's inspectors (pseudonyms) = the drawn team"],
};

import type { Lang } from './locale';

/** Labels of the graph's enums, Chinese and English. */
type Labels = Record<string, [zh: string, en: string]>;

export const ROLE_LABELS: Labels = {
  LEADER: ['区领导', 'District leader'],
  OFFICE: ['综合监管办', 'Supervision office'],
  CENTER: ['公共资源交易中心', 'Trading center'],
  DEPT: ['行业主管部门', 'Line department'],
  ENFORCER: ['执法人员', 'Enforcer'],
  PUBLIC: ['公众', 'Public'],
  // The hub's own jobs (e.g. re-checking dates once a year's official calendar is published) write under this role.
  SYSTEM: ['系统自动作业', 'System job'],
};

/**
 * Who took a step, for a trail: the name with the role (and department) in the reader's language.
 * Online intake has no name of its own (the server writes "Public (online intake)"): its role says it.
 */
export function actorLabel(actor: { actorName: string; actorRole?: string | null; actorDepartment?: string | null }, lang: Lang): string {
  if (actor.actorRole === 'PUBLIC') return lang === 'zh' ? '公众（网上提交）' : 'Public (online intake)';
  const role = [label(ROLE_LABELS, actor.actorRole, lang), actor.actorDepartment].filter(Boolean).join(' · ');
  if (!role) return actor.actorName;
  return lang === 'zh' ? `${actor.actorName}（${role}）` : `${actor.actorName} (${role})`;
}

export const STAGE_LABELS: Labels = {
  REGISTERED: ['已登记', 'Registered'],
  ANNOUNCED: ['已发布招标文件', 'Announced'],
  BIDS_OPENED: ['已开标', 'Bids opened'],
  EVALUATED: ['已评标', 'Evaluated'],
  CANDIDATES_PUBLICISED: ['候选人公示', 'Candidates publicised'],
  AWARDED: ['已发中标通知书', 'Awarded'],
  CONTRACT_FILED: ['合同已备案', 'Contract filed'],
  IN_PERFORMANCE: ['履约中', 'In performance'],
  COMPLETED: ['已完工', 'Completed'],
};

export const CASE_STATUS_LABELS: Labels = {
  SUBMITTED: ['已提交', 'Submitted'],
  ACCEPTED: ['已受理', 'Accepted'],
  REJECTED: ['不予受理', 'Refused'],
  ROUTED: ['已分办', 'Routed'],
  INVESTIGATING: ['调查中', 'Investigating'],
  DECIDED: ['已作出处理决定', 'Decided'],
  FEEDBACK_SENT: ['已反馈', 'Feedback sent'],
  ARCHIVED: ['已归档', 'Archived'],
};

export const CASE_KIND_LABELS: Labels = {
  COMPLAINT: ['投诉', 'Complaint'],
  REPORT: ['举报', 'Report'],
  INSPECTION_FINDING: ['检查发现', 'Inspection finding'],
  REFERRAL: ['交办', 'Referral'],
};

export const INSPECTION_STATUS_LABELS: Labels = {
  ASSIGNED: ['已派出', 'Assigned'],
  RECORDED: ['已录入结果', 'Recorded'],
  PUBLISHED: ['已公开', 'Published'],
  CANCELLED: ['已取消', 'Cancelled'],
};

export const CREDIT_STATUS_LABELS: Labels = {
  DRAFT: ['草稿', 'Draft'],
  IN_PUBLICITY: ['公示中', 'In publicity'],
  OBJECTION_RAISED: ['异议中', 'Objection raised'],
  CORRECTED: ['已更正', 'Corrected'],
  UPHELD: ['异议维持', 'Upheld'],
  EFFECTIVE: ['生效', 'Effective'],
  EXPIRED: ['已失效', 'Expired'],
};

export const STAGE_RECORD_LABELS: Labels = {
  ANNOUNCEMENT: ['发布招标文件', 'Announcement'],
  CLARIFICATION: ['澄清修改', 'Clarification'],
  BID_OPENING: ['开标', 'Bid opening'],
  FAILED_OPENING: ['流标', 'Failed opening'],
  EVALUATION_REPORT: ['评标报告', 'Evaluation report'],
  CANDIDATE_PUBLICITY: ['中标候选人公示', 'Candidate publicity'],
  AWARD_NOTICE: ['中标通知书', 'Award notice'],
  CONTRACT_FILING: ['合同备案', 'Contract filing'],
  PERFORMANCE_START: ['开始履约', 'Performance start'],
  COMPLETION: ['完工', 'Completion'],
};

/** What each statutory interval rule (IntervalRule) of a project flag measures; the flag's sentence is built in projects/flags.ts. */
export const INTERVAL_RULE_LABELS: Labels = {
  DOCUMENTS_TO_DEADLINE_MIN_20_DAYS: ['招标文件发出至投标截止', 'From the tender documents to the bid deadline'],
  CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE: ['澄清或修改发出至投标截止', 'From the clarification to the bid deadline'],
  MIN_3_BIDS: ['投标截止时的投标人', 'Bids at the deadline'],
  CANDIDATE_PUBLICITY_MIN_3_DAYS: ['中标候选人公示期', 'Candidate publicity'],
  CONTRACT_WITHIN_30_DAYS_OF_AWARD: ['中标通知书发出至订立合同', 'From the award notice to the contract'],
};

/** Units of a project flag's `required` and `actual` (plain calendar days, or a count of bids). */
export const INTERVAL_UNIT_LABELS: Labels = {
  days: ['日', 'days'],
  bids: ['个', 'bids'],
};

/** Registration authorities (登记管理部门) named by a unified social credit code's first character (GB 32100-2015). */
export const REGISTRATION_AUTHORITY_LABELS: Labels = {
  ORGAN_ESTABLISHMENT: ['机构编制部门', 'Institutional establishment authority'],
  CIVIL_AFFAIRS: ['民政部门', 'Civil affairs authority'],
  MARKET_REGULATION: ['市场监督管理部门', 'Market regulation authority'],
  OTHER: ['其他登记管理部门', 'Other registration authority'],
};

export const SLICE_LABELS: Labels = {
  projects: ['项目与交易', 'projects and trading'],
  cases: ['投诉举报案件', 'cases'],
  enforcers: ['执法人员与检查', 'enforcers and inspections'],
  credit: ['信用评价', 'credit'],
  audit: ['审计', 'audit'],
};

export function label(labels: Labels, value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const entry = labels[value];
  return entry ? entry[lang === 'zh' ? 0 : 1] : value;
}

export const PRACTITIONER_ROLE_LABELS: Labels = {
  PROJECT_MANAGER: ['项目经理', 'Project manager'],
  AGENCY_STAFF: ['招标代理从业人员', 'Tender agency staff'],
  EVALUATION_EXPERT: ['评标专家', 'Evaluation expert'],
};

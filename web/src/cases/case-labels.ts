/** Labels of the cases slice's enums the work views need (Chinese, English); the shared ones are in i18n/labels. */
type Labels = Record<string, [zh: string, en: string]>;

export const CHANNEL_LABELS: Labels = {
  ONLINE: ['网上提交', 'Online'],
  WINDOW: ['308窗口', 'Window 308'],
  LETTER: ['信函', 'Letter'],
  PHONE: ['电话', 'Phone'],
  EMAIL: ['电子邮件', 'E-mail'],
  INSPECTION: ['检查发现', 'Inspection'],
  REFERRAL: ['上级交办', 'Referral'],
};

export const ROUTING_LABELS: Labels = {
  SELF_HANDLED: ['自办', 'Self-handled (自办)'],
  SPLIT: ['分办', 'Split (分办)'],
  TRANSFERRED: ['转办', 'Transferred (转办)'],
};

/** The statutory grounds for not accepting a complaint (national rules), plus OTHER with a reason. */
export const REFUSAL_GROUND_LABELS: Labels = {
  NOT_INTERESTED_PARTY: ['投诉人不是所投诉招标投标活动的参与者或者与招标投标活动没有利害关系', 'Not an interested party'],
  NO_FACTS_OR_EVIDENCE: ['投诉事项不具体，且未提供有效线索，难以查证', 'No specific facts or evidence'],
  NO_REAL_NAME_OR_SIGNATURE: ['投诉书未署具投诉人真实姓名、签字和有效联系方式', 'No real name, signature or contact'],
  OUT_OF_TIME: ['超过投诉时效', 'Out of time'],
  ALREADY_DECIDED: ['已经作出处理决定，且投诉人没有提出新的证据', 'Already decided, no new evidence'],
  IN_RECONSIDERATION_OR_LITIGATION: ['投诉事项已进入行政复议或者行政诉讼程序', 'In reconsideration or litigation'],
  OTHER: ['其他（须说明理由）', 'Other (give the reason)'],
};

export const TRANSITION_LABELS: Labels = {
  SUBMIT: ['登记', 'Received'],
  ACCEPT: ['受理', 'Accept'],
  REJECT: ['不予受理', 'Refuse'],
  ROUTE: ['分办', 'Route'],
  START_INVESTIGATION: ['开始调查', 'Start investigation'],
  ASSIGN_ENFORCERS: ['指派执法人员', 'Assign enforcers'],
  DECIDE: ['作出处理决定', 'Decide'],
  SEND_FEEDBACK: ['反馈结果', 'Send feedback'],
  ARCHIVE: ['归档', 'Archive'],
  SUPERVISE: ['督办', 'Supervise'],
};

export const SPECIALTY_LABELS: Labels = {
  HOUSING: ['房屋建筑', 'Housing'],
  MUNICIPAL: ['市政', 'Municipal'],
  TRANSPORT: ['交通', 'Transport'],
  WATER: ['水利', 'Water'],
  AGRICULTURE: ['农业农村', 'Agriculture'],
};

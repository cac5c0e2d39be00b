import { ConflictError } from '@hub/kit';
import { registerEnumType } from 'type-graphql';

/** What a case is (docs/domain.md "Cases"). */
export enum CaseKind {
  /** 投诉: from a bidder or another interested party, identified, within 10 days of knowing. */
  COMPLAINT = 'COMPLAINT',
  /** 举报: from anyone, may be anonymous; the reporter's identity is for the office only. */
  REPORT = 'REPORT',
  /** 检查发现: a problem found in an inspection (opened by the enforcers slice or the office). */
  INSPECTION_FINDING = 'INSPECTION_FINDING',
  /** 交办件: a matter assigned by a superior authority. */
  REFERRAL = 'REFERRAL',
}

/** Where a case stands in its life cycle. */
export enum CaseStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  ROUTED = 'ROUTED',
  INVESTIGATING = 'INVESTIGATING',
  DECIDED = 'DECIDED',
  FEEDBACK_SENT = 'FEEDBACK_SENT',
  ARCHIVED = 'ARCHIVED',
}

/** Every event of the trail (全程留痕). Status-preserving events (SUPERVISE, ASSIGN_ENFORCERS) are transitions too. */
export enum CaseTransition {
  SUBMIT = 'SUBMIT',
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  ROUTE = 'ROUTE',
  START_INVESTIGATION = 'START_INVESTIGATION',
  ASSIGN_ENFORCERS = 'ASSIGN_ENFORCERS',
  DECIDE = 'DECIDE',
  SEND_FEEDBACK = 'SEND_FEEDBACK',
  ARCHIVE = 'ARCHIVE',
  /** 督办: a supervision note by the office (or a leader); never changes the status. */
  SUPERVISE = 'SUPERVISE',
}

/** Statutory grounds for refusing a complaint (national rules), or OTHER with a stated reason. */
export enum CaseRefusalGround {
  NOT_INTERESTED_PARTY = 'NOT_INTERESTED_PARTY',
  NO_FACTS_OR_EVIDENCE = 'NO_FACTS_OR_EVIDENCE',
  NO_REAL_NAME_OR_SIGNATURE = 'NO_REAL_NAME_OR_SIGNATURE',
  OUT_OF_TIME = 'OUT_OF_TIME',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  IN_RECONSIDERATION_OR_LITIGATION = 'IN_RECONSIDERATION_OR_LITIGATION',
  OTHER = 'OTHER',
}

/** How an accepted case is handed on. */
export enum CaseRoutingMode {
  /** 自办: the office handles it itself. */
  SELF_HANDLED = 'SELF_HANDLED',
  /** 分办: split among several departments. */
  SPLIT = 'SPLIT',
  /** 转办: transferred to the competent department. */
  TRANSFERRED = 'TRANSFERRED',
}

registerEnumType(CaseKind, {
  name: 'CaseKind',
  description: 'COMPLAINT 投诉, REPORT 举报, INSPECTION_FINDING 检查发现, REFERRAL 交办件.',
  valuesConfig: {
    COMPLAINT: { description: 'Complaint (投诉): from a bidder or another interested party, identified, within 10 days of knowing.' },
    REPORT: { description: "Report (举报): from anyone, may be anonymous; the reporter's identity is for the office only." },
    INSPECTION_FINDING: { description: 'Inspection finding (检查发现): a problem found in an inspection, accepted at once.' },
    REFERRAL: { description: 'Referral (交办件): a matter assigned by a superior authority, accepted at once.' },
  },
});
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'Life-cycle state of a case.',
  valuesConfig: {
    SUBMITTED: { description: 'Received; the acceptance decision is pending.' },
    ACCEPTED: { description: 'Accepted (受理); waiting for routing.' },
    REJECTED: { description: 'Refused (不予受理) with a ground.' },
    ROUTED: { description: 'Handed on: self-handled, split or transferred.' },
    INVESTIGATING: { description: 'Under investigation (调查核实).' },
    DECIDED: { description: 'Decided (处理决定).' },
    FEEDBACK_SENT: { description: 'Result fed back to the submitter (反馈).' },
    ARCHIVED: { description: 'Archived (归档); final.' },
  },
});
registerEnumType(CaseTransition, {
  name: 'CaseTransition',
  description: 'A step of the case trail (全程留痕); SUPERVISE (督办) and ASSIGN_ENFORCERS keep the status.',
  valuesConfig: {
    SUBMIT: { description: 'Intake of the case.' },
    ACCEPT: { description: 'Acceptance (受理) by the office.' },
    REJECT: { description: 'Refusal (不予受理) by the office.' },
    ROUTE: { description: 'Routing (自办/分办/转办) by the office.' },
    START_INVESTIGATION: { description: 'Start of the investigation by the handler.' },
    ASSIGN_ENFORCERS: { description: 'Enforcers added; the status stays.' },
    DECIDE: { description: 'Decision by the handling department.' },
    SEND_FEEDBACK: { description: 'Result fed back to the submitter.' },
    ARCHIVE: { description: 'Archiving by the office.' },
    SUPERVISE: { description: 'Supervision note (督办) by the office or a leader; the status stays.' },
  },
});
registerEnumType(CaseRefusalGround, {
  name: 'CaseRefusalGround',
  description: 'Why a case was not accepted (不予受理): a statutory ground, or OTHER with a reason.',
  valuesConfig: {
    NOT_INTERESTED_PARTY: { description: 'The complainant is not an interested party (非利害关系人).' },
    NO_FACTS_OR_EVIDENCE: { description: 'No concrete request, facts or evidence (无具体请求、事实依据).' },
    NO_REAL_NAME_OR_SIGNATURE: { description: 'No real name, signature or seal (未署真实姓名、签字或盖章).' },
    OUT_OF_TIME: { description: 'Filed after the 10-day complaint window (超过投诉时效).' },
    ALREADY_DECIDED: { description: 'Already handled and decided, with no new facts (已处理且无新证据).' },
    IN_RECONSIDERATION_OR_LITIGATION: { description: 'Already in administrative reconsideration or litigation (已进入复议或诉讼).' },
    OTHER: { description: 'Another ground, stated in the reason.' },
  },
});
registerEnumType(CaseRoutingMode, {
  name: 'CaseRoutingMode',
  description: 'SELF_HANDLED 自办, SPLIT 分办, TRANSFERRED 转办.',
  valuesConfig: {
    SELF_HANDLED: { description: 'Handled by the office itself (自办).' },
    SPLIT: { description: 'Split among two or more departments (分办).' },
    TRANSFERRED: { description: "Transferred to the competent department (转办), by default the project's supervising department." },
  },
});

/**
 * Who may take a transition: the office (领导小组办公室), a leader, or the case's handler — a DEPT
 * officer of a handling department, or the office itself for a self-handled (自办) case.
 */
export type TransitionActor = 'OFFICE' | 'LEADER' | 'HANDLER';

export interface TransitionRule {
  from: readonly CaseStatus[];
  /** null: the transition keeps the status (an event on the trail only). */
  to: CaseStatus | null;
  actors: readonly TransitionActor[];
}

const OPEN: readonly CaseStatus[] = [
  CaseStatus.SUBMITTED,
  CaseStatus.ACCEPTED,
  CaseStatus.ROUTED,
  CaseStatus.INVESTIGATING,
  CaseStatus.DECIDED,
  CaseStatus.FEEDBACK_SENT,
];

/**
 * The state machine, as data: the one place that says which step may follow which, and who takes it.
 * SUBMIT is the intake event (no previous status).
 */
export const CASE_TRANSITIONS: Readonly<Record<Exclude<CaseTransition, CaseTransition.SUBMIT>, TransitionRule>> = {
  ACCEPT: { from: [CaseStatus.SUBMITTED], to: CaseStatus.ACCEPTED, actors: ['OFFICE'] },
  REJECT: { from: [CaseStatus.SUBMITTED], to: CaseStatus.REJECTED, actors: ['OFFICE'] },
  ROUTE: { from: [CaseStatus.ACCEPTED], to: CaseStatus.ROUTED, actors: ['OFFICE'] },
  START_INVESTIGATION: { from: [CaseStatus.ROUTED], to: CaseStatus.INVESTIGATING, actors: ['HANDLER'] },
  ASSIGN_ENFORCERS: { from: [CaseStatus.ROUTED, CaseStatus.INVESTIGATING], to: null, actors: ['OFFICE', 'HANDLER'] },
  DECIDE: { from: [CaseStatus.INVESTIGATING], to: CaseStatus.DECIDED, actors: ['HANDLER'] },
  SEND_FEEDBACK: { from: [CaseStatus.DECIDED], to: CaseStatus.FEEDBACK_SENT, actors: ['HANDLER'] },
  ARCHIVE: { from: [CaseStatus.FEEDBACK_SENT, CaseStatus.REJECTED], to: CaseStatus.ARCHIVED, actors: ['OFFICE'] },
  SUPERVISE: { from: [...OPEN, CaseStatus.REJECTED], to: null, actors: ['OFFICE', 'LEADER'] },
};

export type StepTransition = keyof typeof CASE_TRANSITIONS;

/** The transitions possible from a status (for conflict errors and the graph's `Case.allowedTransitions`). */
export function allowedTransitions(status: CaseStatus): CaseTransition[] {
  return (Object.keys(CASE_TRANSITIONS) as StepTransition[]).filter((t) => CASE_TRANSITIONS[t].from.includes(status)) as CaseTransition[];
}

/**
 * The status after `transition` from `status`, or a ConflictError carrying the current status and the
 * allowed transitions when the step is illegal there.
 */
export function nextStatus(status: CaseStatus, transition: StepTransition): CaseStatus {
  const rule = CASE_TRANSITIONS[transition];
  if (!rule.from.includes(status)) {
    throw new ConflictError(`A case in status ${status} cannot take transition ${transition}`, {
      currentStatus: status,
      transition,
      allowedTransitions: allowedTransitions(status),
    });
  }
  return rule.to ?? status;
}

/** Statuses in which the case still waits for its acceptance decision or its resolution. */
export const PENDING_ACCEPTANCE: readonly CaseStatus[] = [CaseStatus.SUBMITTED];
export const PENDING_RESOLUTION: readonly CaseStatus[] = [CaseStatus.ACCEPTED, CaseStatus.ROUTED, CaseStatus.INVESTIGATING];

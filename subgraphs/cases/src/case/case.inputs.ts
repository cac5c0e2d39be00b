import { LocalDateScalar, InputRule, LongText } from '@hub/kit';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IntakeChannel } from './case.entity';
import { CaseKind, CaseRefusalGround, CaseRoutingMode, CaseStatus } from './case-states';
import { CaseReviewInput } from './review';

@InputType({ description: 'A complaint (投诉) from an identified bidder or interested party, within 10 days of knowing.' })
export class SubmitComplaintInput {
  @Field({ description: 'Client-chosen key: a retry with the same key returns the same receipt and creates nothing.' })
  @InputRule({ maxLength: 100 })
  idempotencyKey: string;
  @Field(() => ID, { description: 'UUID of the tender project the complaint is about; must exist in the projects slice.' }) projectId: string;
  @Field({ description: 'Complainant (投诉人): person or company name.' }) complainantName: string;
  @Field({ description: 'Phone or address for the reply.' }) complainantContact: string;
  @Field({ description: 'Relation to the project, e.g. "bidder", "potential bidder".' }) relationToProject: string;
  @Field(() => LocalDateScalar, { description: 'When the complainant knew or should have known of the matter (10-day window).' }) knewOn: string;
  @Field({ description: 'Subject line (案由), 1 to 200 characters, free of personal data: it is shown in every view of the case.' })
  @InputRule({ maxLength: 200 })
  summary: string;
  @Field({ description: 'Facts, grounds and evidence.' }) @LongText() details: string;
  @Field(() => [String], { nullable: true, description: 'Credit codes of the parties complained about.' }) respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A report (举报); the reporter may stay anonymous.' })
export class SubmitReportInput {
  @Field({ description: 'Client-chosen key, 1 to 100 characters: a retry with the same key returns the same receipt and creates nothing.' })
  @InputRule({ maxLength: 100 })
  idempotencyKey: string;
  @Field(() => ID, { description: 'UUID of the tender project the report is about; must exist in the projects slice.' }) projectId: string;
  @Field(() => String, { nullable: true, description: 'Reporter name; omit to report anonymously.' }) reporterName?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone or address for the reply; read by the office only. Omit to stay unreachable.' }) reporterContact?:
    string | null;
  @Field({ description: 'Subject line (案由), 1 to 200 characters, free of personal data: it is shown in every view of the case.' })
  @InputRule({ maxLength: 200 })
  summary: string;
  @Field({ description: 'Facts, grounds and evidence, 1 to 4000 characters; shown in the full view only.' }) @LongText() details: string;
  @Field(() => [String], {
    nullable: true,
    description: 'Unified social credit codes (统一社会信用代码, 18 characters each) of the parties reported; shown in the full view only.',
  })
  respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A complaint the office received at the window, by letter, phone, e-mail or online, entered with the actual receipt time.' })
export class RecordReceivedComplaintInput extends SubmitComplaintInput {
  @Field({
    description: 'When the office received it (not in the future, not before knewOn); the 10-day window is judged and the deadlines run from this day.',
  })
  receivedAt: Date;
  @Field(() => IntakeChannel, { description: 'Where the office received the complaint: window 308, letter, phone, e-mail or online.' }) channel: IntakeChannel;
}

@InputType({ description: 'A report the office received at the window, by letter, phone, e-mail or online, entered with the actual receipt time.' })
export class RecordReceivedReportInput extends SubmitReportInput {
  @Field({ description: 'When the office received it (not in the future); the deadlines run from this day.' }) receivedAt: Date;
  @Field(() => IntakeChannel, { description: 'Where the office received the report: window 308, letter, phone, e-mail or online.' }) channel: IntakeChannel;
}

@InputType({ description: 'A problem found in an inspection, reported by the enforcers slice or the office.' })
export class OpenCaseFromInspectionFindingInput {
  @Field(() => ID, { description: 'The finding in the enforcers slice; the same finding always gives the same case.' }) findingId: string;
  @Field(() => ID, { description: 'UUID of the inspected tender project.' }) projectId: string;
  @Field({ description: "The project's supervising department code." }) departmentCode: string;
  @Field({ description: "What was found, 1 to 1000 characters; becomes the case's subject and details." }) @LongText(1000) summary: string;
  @Field(() => [String], { nullable: true, description: 'Unified social credit codes (18 characters each) of the parties the finding is against.' })
  respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A matter assigned by a superior (交办件), recorded by the office.' })
export class RecordReferralInput {
  @Field({ description: 'Client-chosen key, 1 to 100 characters: a retry with the same key returns the same case and creates nothing.' })
  @InputRule({ maxLength: 100 })
  idempotencyKey: string;
  @Field(() => ID, { description: 'UUID of the tender project the matter is about.' }) projectId: string;
  @Field({ description: 'The assigning authority.' }) referringAuthority: string;
  @Field({ description: 'Its document number (交办文号).' }) @InputRule({ maxLength: 100 }) referenceNumber: string;
  @Field({ description: 'Subject line (案由), 1 to 200 characters, free of personal data.' }) @InputRule({ maxLength: 200 }) summary: string;
  @Field({ description: 'The matter as assigned, 1 to 4000 characters; shown in the full view only.' }) @LongText() details: string;
  @Field(() => LocalDateScalar, { nullable: true, description: "The superior's deadline, if it set one (else 30 days)." }) dueOn?: string | null;
  @Field(() => [String], { nullable: true, description: 'Unified social credit codes (18 characters each) of the parties concerned.' }) respondentCreditCodes?:
    string[] | null;
}

@InputType({ description: 'A step on a case; expectedVersion refuses acting on a stale view.' })
export class CaseStepInput {
  @Field(() => ID, { description: 'UUID of the case.' }) caseId: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The case version the caller saw (Case.version); a different current version refuses the step with CONFLICT. Null skips the check.',
  })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'Comment recorded on the trail event, up to 4000 characters; shown in the full view only.' })
  @LongText()
  comment?: string | null;
}

@InputType({ description: 'Refusal of a submitted case (不予受理): the statutory ground, and a reason for OTHER. OFFICE only.' })
export class RejectCaseInput extends CaseStepInput {
  @Field(() => CaseRefusalGround, { description: 'The statutory refusal ground, or OTHER with a reason.' }) ground: CaseRefusalGround;
  @Field(() => String, { nullable: true, description: 'Required for ground OTHER.' }) @LongText() reason?: string | null;
}

@InputType({ description: 'Routing of an accepted case: self-handled (自办), split (分办) or transferred (转办). OFFICE only.' })
export class RouteCaseInput extends CaseStepInput {
  @Field(() => CaseRoutingMode, { description: 'SELF_HANDLED (自办), SPLIT (分办) or TRANSFERRED (转办).' }) mode: CaseRoutingMode;
  @Field(() => [String], {
    nullable: true,
    description: "TRANSFERRED: one department (default: the project's supervising department); SPLIT: two or more; SELF_HANDLED: none.",
  })
  departmentCodes?: string[] | null;
}

@InputType({ description: 'Start of the investigation (调查核实) by the handling department, or by the office for a self-handled case.' })
export class StartCaseInvestigationInput extends CaseStepInput {
  @Field(() => [ID], { nullable: true, description: 'Enforcers to assign (ids in the enforcer roster).' }) enforcerIds?: string[] | null;
}

@InputType({ description: "Enforcers to add to a case. The office may assign anyone; a DEPT handler only its own department's enforcers." })
export class AssignCaseEnforcersInput extends CaseStepInput {
  @Field(() => [ID], { description: 'Enforcers to add to the case.' }) enforcerIds: string[];
}

@InputType({ description: 'The decision (处理决定) of the handling (competent) department: substantiated or not, action, penalty.' })
export class DecideCaseInput extends CaseStepInput {
  @Field({ description: 'Substantiated (属实) or not.' }) substantiated: boolean;
  @Field({ description: 'Action taken (处理措施).' }) @LongText() actionTaken: string;
  @Field(() => String, { nullable: true, description: 'Penalty imposed by the competent department (行政处罚), if any.' }) @LongText() penalty?: string | null;
}

@InputType({ description: 'The result as fed back to the submitter (反馈), by the handling department or the office.' })
export class SendCaseFeedbackInput extends CaseStepInput {
  @Field({ description: 'The result as told to the submitter.' }) @LongText() feedback: string;
}

@InputType({ description: 'A supervision note (督办) on a case by the office or a leader; the status does not change.' })
export class SuperviseCaseInput {
  @Field(() => ID, { description: 'UUID of the case.' }) caseId: string;
  @Field({ description: 'Supervision instruction (督办意见).' }) @LongText() note: string;
}

/** How `cases` sorts; each order is a keyset, so paging stays stable while cases arrive. */
export enum CaseOrder {
  RECEIVED_NEWEST_FIRST = 'RECEIVED_NEWEST_FIRST',
  ACCEPTANCE_DEADLINE = 'ACCEPTANCE_DEADLINE',
}

registerEnumType(CaseOrder, {
  name: 'CaseOrder',
  description: 'Order of a case list.',
  valuesConfig: {
    RECEIVED_NEWEST_FIRST: { description: 'Newest received first (the default).' },
    ACCEPTANCE_DEADLINE: {
      description: "Nearest acceptance deadline first, so overdue cases lead (一窗受理's queue); then the earliest received.",
    },
  },
});

@InputType({ description: 'Filter for case lists; all given conditions must hold.' })
export class CaseFilter {
  @Field(() => CaseKind, { nullable: true, description: 'Only cases of this kind.' }) kind?: CaseKind | null;
  @Field(() => CaseStatus, { nullable: true, description: 'Only cases in this status.' }) status?: CaseStatus | null;
  @Field(() => String, { nullable: true, description: 'A responsible department code.' }) department?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only cases about this project (UUID).' }) projectId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Received on or after this day, YYYY-MM-DD (Asia/Shanghai).' }) receivedFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Received on or before this day, YYYY-MM-DD (Asia/Shanghai).' }) receivedTo?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only cases whose pending deadline has passed.' }) overdue?: boolean | null;
  @Field(() => CaseReviewInput, { nullable: true, description: 'The cases one figure of Department.caseStats counts for a period (combine with department).' })
  review?: CaseReviewInput | null;
}

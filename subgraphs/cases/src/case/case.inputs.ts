import { LocalDateScalar, InputRule, LongText } from '@hub/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IntakeChannel } from './case.entity';
import { CaseKind, CaseRefusalGround, CaseRoutingMode, CaseStatus } from './case-states';
import { CaseReviewInput } from './review';

@InputType({ description: 'A complaint (投诉) from an identified bidder or interested party, within 10 days of knowing.' })
export class SubmitComplaintInput {
  @Field({ description: 'Client-chosen key: a retry with the same key returns the same receipt and creates nothing.' }) @InputRule({ maxLength: 100 }) idempotencyKey: string;
  @Field(() => ID) projectId: string;
  @Field({ description: 'Complainant (投诉人): person or company name.' }) complainantName: string;
  @Field({ description: 'Phone or address for the reply.' }) complainantContact: string;
  @Field({ description: 'Relation to the project, e.g. "bidder", "potential bidder".' }) relationToProject: string;
  @Field(() => LocalDateScalar, { description: 'When the complainant knew or should have known of the matter (10-day window).' }) knewOn: string;
  @Field() @InputRule({ maxLength: 200 }) summary: string;
  @Field({ description: 'Facts, grounds and evidence.' }) @LongText() details: string;
  @Field(() => [String], { nullable: true, description: 'Credit codes of the parties complained about.' }) respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A report (举报); the reporter may stay anonymous.' })
export class SubmitReportInput {
  @Field() @InputRule({ maxLength: 100 }) idempotencyKey: string;
  @Field(() => ID) projectId: string;
  @Field(() => String, { nullable: true, description: 'Reporter name; omit to report anonymously.' }) reporterName?: string | null;
  @Field(() => String, { nullable: true }) reporterContact?: string | null;
  @Field() @InputRule({ maxLength: 200 }) summary: string;
  @Field() @LongText() details: string;
  @Field(() => [String], { nullable: true }) respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A complaint the office received at the window, by letter, phone, e-mail or online, entered with the actual receipt time.' })
export class RecordReceivedComplaintInput extends SubmitComplaintInput {
  @Field({ description: 'When the office received it (not in the future, not before knewOn); the 10-day window is judged and the deadlines run from this day.' }) receivedAt: Date;
  @Field(() => IntakeChannel) channel: IntakeChannel;
}

@InputType({ description: 'A report the office received at the window, by letter, phone, e-mail or online, entered with the actual receipt time.' })
export class RecordReceivedReportInput extends SubmitReportInput {
  @Field({ description: 'When the office received it (not in the future); the deadlines run from this day.' }) receivedAt: Date;
  @Field(() => IntakeChannel) channel: IntakeChannel;
}

@InputType({ description: 'A problem found in an inspection, reported by the enforcers slice or the office.' })
export class OpenCaseFromInspectionFindingInput {
  @Field(() => ID, { description: 'The finding in the enforcers slice; the same finding always gives the same case.' }) findingId: string;
  @Field(() => ID) projectId: string;
  @Field({ description: "The project's supervising department code." }) departmentCode: string;
  @Field() @LongText(1000) summary: string;
  @Field(() => [String], { nullable: true }) respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A matter assigned by a superior (交办件), recorded by the office.' })
export class RecordReferralInput {
  @Field() @InputRule({ maxLength: 100 }) idempotencyKey: string;
  @Field(() => ID) projectId: string;
  @Field({ description: 'The assigning authority.' }) referringAuthority: string;
  @Field({ description: 'Its document number (交办文号).' }) @InputRule({ maxLength: 100 }) referenceNumber: string;
  @Field() @InputRule({ maxLength: 200 }) summary: string;
  @Field() @LongText() details: string;
  @Field(() => LocalDateScalar, { nullable: true, description: "The superior's deadline, if it set one (else 30 days)." }) dueOn?: string | null;
  @Field(() => [String], { nullable: true }) respondentCreditCodes?: string[] | null;
}

@InputType({ description: 'A step on a case; expectedVersion refuses acting on a stale view.' })
export class CaseStepInput {
  @Field(() => ID) caseId: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @LongText() comment?: string | null;
}

@InputType()
export class RejectCaseInput extends CaseStepInput {
  @Field(() => CaseRefusalGround) ground: CaseRefusalGround;
  @Field(() => String, { nullable: true, description: 'Required for ground OTHER.' }) @LongText() reason?: string | null;
}

@InputType()
export class RouteCaseInput extends CaseStepInput {
  @Field(() => CaseRoutingMode) mode: CaseRoutingMode;
  @Field(() => [String], { nullable: true, description: "TRANSFERRED: one department (default: the project's supervising department); SPLIT: two or more; SELF_HANDLED: none." })
  departmentCodes?: string[] | null;
}

@InputType()
export class StartCaseInvestigationInput extends CaseStepInput {
  @Field(() => [ID], { nullable: true, description: 'Enforcers to assign (ids in the enforcer roster).' }) enforcerIds?: string[] | null;
}

@InputType()
export class AssignCaseEnforcersInput extends CaseStepInput {
  @Field(() => [ID], { description: 'Enforcers to add to the case.' }) enforcerIds: string[];
}

@InputType()
export class DecideCaseInput extends CaseStepInput {
  @Field({ description: 'Substantiated (属实) or not.' }) substantiated: boolean;
  @Field({ description: 'Action taken (处理措施).' }) @LongText() actionTaken: string;
  @Field(() => String, { nullable: true, description: 'Penalty imposed by the competent department (行政处罚), if any.' }) @LongText() penalty?: string | null;
}

@InputType()
export class SendCaseFeedbackInput extends CaseStepInput {
  @Field({ description: 'The result as told to the submitter.' }) @LongText() feedback: string;
}

@InputType()
export class SuperviseCaseInput {
  @Field(() => ID) caseId: string;
  @Field({ description: 'Supervision instruction (督办意见).' }) @LongText() note: string;
}

@InputType({ description: 'Filter for case lists; all given conditions must hold.' })
export class CaseFilter {
  @Field(() => CaseKind, { nullable: true }) kind?: CaseKind | null;
  @Field(() => CaseStatus, { nullable: true }) status?: CaseStatus | null;
  @Field(() => String, { nullable: true, description: 'A responsible department code.' }) department?: string | null;
  @Field(() => ID, { nullable: true }) projectId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) receivedFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) receivedTo?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only cases whose pending deadline has passed.' }) overdue?: boolean | null;
  @Field(() => CaseReviewInput, { nullable: true, description: 'The cases one figure of Department.caseStats counts for a period (combine with department).' })
  review?: CaseReviewInput | null;
}

import { InputRule, LocalDateScalar, LongText, PastDate, PeriodInput } from '@hub/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CreditRecordStatus, CreditSourceKind, CreditSubjectType, ObjectionOutcome } from './credit-types';

@InputType({ description: 'A new credit record (draft). From a notification, subject, project and department come from it.' })
export class CreateCreditRecordInput {
  @Field(() => CreditSourceKind, { description: 'What the record is based on: a performance notification, a case decision or an inspection finding.' })
  sourceKind: CreditSourceKind;
  @Field(() => ID, { description: 'Id of the notification, case or inspection finding.' }) sourceRef: string;
  @Field({ description: 'Code of an active rule of the credit rule catalogue; it sets the points.' }) ruleCode: string;
  @Field(() => CreditSubjectType, { nullable: true, description: 'Required unless the source is a notification.' }) subjectType?: CreditSubjectType | null;
  @Field(() => String, { nullable: true, description: 'Required unless the source is a notification.' }) subjectKey?: string | null;
  @Field(() => ID, { nullable: true, description: 'UUID of the project concerned; taken from the notification when the source is one.' }) projectId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Line department whose finding it is (case decisions, inspections).' }) departmentCode?: string | null;
  @Field(() => String, { nullable: true, description: "Default: the notification's facts." }) @LongText() facts?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today.' }) @PastDate() createdOn?: string | null;
}

@InputType({ description: 'An objection (异议) the subject raised during publicity, entered by the bureau on its behalf.' })
export class CreditObjectionInput {
  @Field(() => ID, { description: 'UUID of the credit record objected to; it must be in publicity.' }) recordId: string;
  @Field({ description: 'Who objected (the subject or its representative).' }) raisedBy: string;
  @Field({ description: 'The grounds of the objection, 1 to 4000 characters; read by the bureau and leaders.' }) @LongText() grounds: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today; must fall within publicity.' }) @PastDate() raisedOn?: string | null;
}

@InputType({ description: "The bureau's decision on an objection: CORRECTED (rule or points change) or UPHELD." })
export class CreditObjectionDecisionInput {
  @Field(() => ID, { description: 'UUID of the credit record.' }) recordId: string;
  @Field(() => ObjectionOutcome, { description: 'CORRECTED (更正: rule or points change) or UPHELD (维持).' }) outcome: ObjectionOutcome;
  @Field({ description: 'The reasons of the decision, 1 to 4000 characters; read by the bureau and leaders.' }) @LongText() note: string;
  @Field(() => String, { nullable: true, description: 'CORRECTED: the rule that applies instead.' }) correctedRuleCode?: string | null;
  @Field(() => Int, { nullable: true, description: "CORRECTED: the points instead (default: the rule's points)." })
  @InputRule({ min: 0, max: 100 })
  correctedPoints?: number | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today.' }) @PastDate() decidedOn?: string | null;
}

@InputType({ description: 'A rule of the catalogue, created or changed (existing records keep their points).' })
export class CreditRuleInput {
  @Field({ description: 'Stable rule code, 1 to 255 characters; an existing code updates that rule.' }) code: string;
  @Field({ description: 'The violation the rule covers, 1 to 255 characters. Public.' }) description: string;
  @Field(() => Int, { description: 'Points deducted per record, 0 to 100.' }) @InputRule({ min: 0, max: 100 }) points: number;
  @Field({ description: 'Whether a record under the rule is a serious violation that puts the subject on the joint punishment list (失信联合惩戒).' })
  serious: boolean;
  @Field(() => Int, { nullable: true, description: 'Required for serious rules: months on the joint punishment list.' })
  @InputRule({ min: 0, max: 120 })
  punishmentMonths?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether new records may use the rule; default true.' }) active?: boolean;
}

@InputType({ description: 'Filter for credit records; all given conditions must hold.' })
export class CreditRecordFilter {
  @Field(() => CreditSubjectType, { nullable: true, description: 'Only records about market entities or only about practitioners.' })
  subjectType?: CreditSubjectType | null;
  @Field(() => String, { nullable: true, description: 'Only records about this subject: an 18-character credit code or a practitioner UUID.' }) subjectKey?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Only records about this project (UUID).' }) projectId?: string | null;
  @Field(() => CreditSourceKind, { nullable: true, description: 'Only records from this kind of source.' }) sourceKind?: CreditSourceKind | null;
  @Field(() => String, { nullable: true, description: 'Only records under this catalogue rule.' }) ruleCode?: string | null;
  @Field(() => String, { nullable: true, description: "Only records of this department's findings (code such as ZJJ)." }) departmentCode?: string | null;
  @Field(() => CreditRecordStatus, { nullable: true, description: 'Status as of today.' }) status?: CreditRecordStatus | null;
  @Field(() => PeriodInput, {
    nullable: true,
    description: 'Publicity (公示) started in the period: the records Department.creditStats counts as recordsPublished.',
  })
  publishedIn?: PeriodInput | null;
  @Field(() => PeriodInput, {
    nullable: true,
    description: 'Took effect in the period: the records whose points Department.creditStats sums as pointsDeducted.',
  })
  effectiveIn?: PeriodInput | null;
}

import { InputRule, LocalDateScalar, LongText, PastDate, PeriodInput } from '@hub/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CreditRecordStatus, CreditSourceKind, CreditSubjectType, ObjectionOutcome } from './credit-types';

@InputType({ description: 'A new credit record (draft). From a notification, subject, project and department come from it.' })
export class CreateCreditRecordInput {
  @Field(() => CreditSourceKind) sourceKind: CreditSourceKind;
  @Field(() => ID, { description: 'Id of the notification, case or inspection finding.' }) sourceRef: string;
  @Field() ruleCode: string;
  @Field(() => CreditSubjectType, { nullable: true, description: 'Required unless the source is a notification.' }) subjectType?: CreditSubjectType | null;
  @Field(() => String, { nullable: true, description: 'Required unless the source is a notification.' }) subjectKey?: string | null;
  @Field(() => ID, { nullable: true }) projectId?: string | null;
  @Field(() => String, { nullable: true, description: 'Line department whose finding it is (case decisions, inspections).' }) departmentCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Default: the notification\'s facts.' }) @LongText() facts?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today.' }) @PastDate() createdOn?: string | null;
}

@InputType({ description: 'An objection (异议) the subject raised during publicity, entered by the bureau on its behalf.' })
export class CreditObjectionInput {
  @Field(() => ID) recordId: string;
  @Field({ description: 'Who objected (the subject or its representative).' }) raisedBy: string;
  @Field() @LongText() grounds: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today; must fall within publicity.' }) @PastDate() raisedOn?: string | null;
}

@InputType({ description: 'The bureau\'s decision on an objection: CORRECTED (rule or points change) or UPHELD.' })
export class CreditObjectionDecisionInput {
  @Field(() => ID) recordId: string;
  @Field(() => ObjectionOutcome) outcome: ObjectionOutcome;
  @Field() @LongText() note: string;
  @Field(() => String, { nullable: true, description: 'CORRECTED: the rule that applies instead.' }) correctedRuleCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'CORRECTED: the points instead (default: the rule\'s points).' }) @InputRule({ min: 0, max: 100 }) correctedPoints?: number | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today.' }) @PastDate() decidedOn?: string | null;
}

@InputType({ description: 'A rule of the catalogue, created or changed (existing records keep their points).' })
export class CreditRuleInput {
  @Field() code: string;
  @Field() description: string;
  @Field(() => Int) @InputRule({ min: 0, max: 100 }) points: number;
  @Field() serious: boolean;
  @Field(() => Int, { nullable: true, description: 'Required for serious rules: months on the joint punishment list.' }) @InputRule({ min: 0, max: 120 }) punishmentMonths?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) active?: boolean;
}

@InputType({ description: 'Filter for credit records; all given conditions must hold.' })
export class CreditRecordFilter {
  @Field(() => CreditSubjectType, { nullable: true }) subjectType?: CreditSubjectType | null;
  @Field(() => String, { nullable: true }) subjectKey?: string | null;
  @Field(() => ID, { nullable: true }) projectId?: string | null;
  @Field(() => CreditSourceKind, { nullable: true }) sourceKind?: CreditSourceKind | null;
  @Field(() => String, { nullable: true }) ruleCode?: string | null;
  @Field(() => String, { nullable: true }) departmentCode?: string | null;
  @Field(() => CreditRecordStatus, { nullable: true, description: 'Status as of today.' }) status?: CreditRecordStatus | null;
  @Field(() => PeriodInput, { nullable: true, description: 'Publicity (公示) started in the period: the records Department.creditStats counts as recordsPublished.' })
  publishedIn?: PeriodInput | null;
  @Field(() => PeriodInput, { nullable: true, description: 'Took effect in the period: the records whose points Department.creditStats sums as pointsDeducted.' })
  effectiveIn?: PeriodInput | null;
}

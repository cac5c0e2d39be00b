import { LocalDateScalar, LongText, PastDate } from '@hub/kit';
import { Field, ID, InputType } from 'type-graphql';
import { CreditSubjectType } from '../record/credit-types';
import { NotificationReviewInput } from './review';

@InputType({ description: 'A performance (履约) finding a line department notifies to the bureau in writing.' })
export class PerformanceNotificationInput {
  @Field(() => ID, { description: 'A project the notifying department supervises.' }) projectId: string;
  @Field(() => CreditSubjectType, { description: 'Market entity or practitioner.' }) subjectType: CreditSubjectType;
  @Field({ description: 'Credit code (market entity) or practitioner id.' }) subjectKey: string;
  @Field({ description: 'The findings as notified, 1 to 4000 characters.' }) @LongText() facts: string;
  @Field(() => String, { nullable: true, description: 'Rule of the catalogue the department thinks applies.' }) suggestedRuleCode?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the written notification; default today.' }) @PastDate() notifiedOn?: string | null;
}

@InputType({ description: 'Filter for performance notifications; all given conditions must hold.' })
export class PerformanceNotificationFilter {
  @Field(() => String, { nullable: true, description: 'Only notifications of this department (code such as ZJJ).' }) departmentCode?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only notifications about this project (UUID).' }) projectId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: recorded; false: not yet recorded.' }) recorded?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only notifications not recorded and past their due date.' }) overdue?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: awaiting the bureau (neither recorded nor closed without a record); false: recorded or closed.',
  })
  pending?: boolean | null;
  @Field(() => NotificationReviewInput, { nullable: true, description: 'The notifications one figure of Department.creditStats counts for a period.' })
  review?: NotificationReviewInput | null;
}

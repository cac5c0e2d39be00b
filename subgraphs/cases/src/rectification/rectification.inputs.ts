import { InputRule, LocalDateScalar, LongText } from '@hub/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RectificationSource } from './rectification.entity';

@InputType({ description: 'A rectification requirement (整改要求) from an inspection, audit, inspection tour or case decision.' })
export class CreateRectificationTaskInput {
  @Field(() => RectificationSource, { description: 'Where the rectification requirement came from.' }) source: RectificationSource;
  @Field({ description: 'Reference of the source (inspection record, audit report, tour notice, case receipt), 1 to 100 characters.' })
  @InputRule({ maxLength: 100 })
  sourceReference: string;
  @Field(() => ID, { nullable: true, description: 'UUID of the case that ordered the task, if any.' }) caseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'UUID of the project concerned, if any.' }) projectId?: string | null;
  @Field({ description: 'The problem to rectify, 1 to 4000 characters; shown in the full view only.' }) @LongText() problem: string;
  @Field({ description: 'Rectification measures (整改措施), 1 to 4000 characters; shown in the full view only.' }) @LongText() measures: string;
  @Field({ description: 'Code of the member unit responsible (e.g. ZJJ).' }) responsibleDepartmentCode: string;
  @Field(() => LocalDateScalar, { description: 'Rectification deadline (整改期限), YYYY-MM-DD (Asia/Shanghai).' }) deadline: string;
}

@InputType({ description: 'A progress note on a rectification task, by the office or the responsible department.' })
export class RectificationProgressInput {
  @Field(() => ID, { description: 'UUID of the task.' }) taskId: string;
  @Field({ description: 'What was done, 1 to 4000 characters; shown in the full view only.' }) @LongText() note: string;
}

@InputType({ description: 'Completion of a rectification task (整改完成), by the office or the responsible department.' })
export class CompleteRectificationInput {
  @Field(() => ID, { description: 'UUID of the task.' }) taskId: string;
  @Field({ description: 'How the rectification was completed (整改情况), 1 to 4000 characters.' }) @LongText() completionNote: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The task version the caller saw (RectificationTask.version); a different current version refuses with CONFLICT. Null skips the check.',
  })
  expectedVersion?: number | null;
}

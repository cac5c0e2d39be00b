import { LocalDateScalar, InputRule, LongText, PastDate } from '@hub/kit';
import { Field, Float, ID, InputType } from 'type-graphql';
import { EnforcerSpecialty } from './enforcer.entity';

@InputType()
export class RegisterEnforcerInput {
  @Field() name: string;
  @Field({ description: 'A line department\'s code (the `departments` query lists them, kind LINE) or ZWJ.' }) departmentCode: string;
  @Field() @InputRule({ maxLength: 40 }) certificateNumber: string;
  @Field(() => LocalDateScalar) certificateValidUntil: string;
  @Field(() => [EnforcerSpecialty]) specialties: EnforcerSpecialty[];
}

@InputType({ description: 'Changes to a roster entry; omitted fields stay as they are.' })
export class UpdateEnforcerInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) @InputRule({ maxLength: 40 }) certificateNumber?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) certificateValidUntil?: string | null;
  @Field(() => [EnforcerSpecialty], { nullable: true }) specialties?: EnforcerSpecialty[] | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@InputType()
export class TrainingInput {
  @Field(() => ID) enforcerId: string;
  @Field() course: string;
  @Field(() => LocalDateScalar) @PastDate() completedOn: string;
  @Field(() => Float) @InputRule({ min: 0, max: 1000 }) hours: number;
}

@InputType()
export class ConflictOfInterestInput {
  @Field(() => ID) enforcerId: string;
  @Field() creditCode: string;
  @Field() @LongText() reason: string;
}

@InputType()
export class RecusalInput {
  @Field(() => ID) enforcerId: string;
  @Field(() => ID) projectId: string;
  @Field() @LongText() reason: string;
}

@InputType()
export class EnforcerFilter {
  @Field(() => String, { nullable: true }) departmentCode?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => EnforcerSpecialty, { nullable: true }) specialty?: EnforcerSpecialty | null;
  @Field(() => String, { nullable: true, description: 'Text in the name or certificate number.' }) text?: string | null;
}

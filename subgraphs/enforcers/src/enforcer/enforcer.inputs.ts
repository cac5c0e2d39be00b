import { LocalDateScalar, InputRule, LongText, PastDate } from '@hub/kit';
import { Field, Float, ID, InputType } from 'type-graphql';
import { EnforcerSpecialty } from './enforcer.entity';

@InputType({ description: 'A certified enforcer to add to the roster (执法人员名录库). OFFICE only.' })
export class RegisterEnforcerInput {
  @Field({ description: 'Full name, 1 to 255 characters.' }) name: string;
  @Field({ description: "A line department's code (the `departments` query lists them, kind LINE) or ZWJ." }) departmentCode: string;
  @Field({ description: 'Enforcement certificate number (执法证号), 1 to 40 characters.' }) @InputRule({ maxLength: 40 }) certificateNumber: string;
  @Field(() => LocalDateScalar, { description: 'Last day the certificate is valid, YYYY-MM-DD (Asia/Shanghai); the enforcer is drawn only while it is valid.' })
  certificateValidUntil: string;
  @Field(() => [EnforcerSpecialty], { description: 'Project categories the enforcer is qualified for.' }) specialties: EnforcerSpecialty[];
}

@InputType({ description: 'Changes to a roster entry; omitted fields stay as they are.' })
export class UpdateEnforcerInput {
  @Field(() => ID, { description: 'UUID of the roster entry.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New certificate number, 1 to 40 characters.' }) @InputRule({ maxLength: 40 }) certificateNumber?:
    string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'New last day of validity, YYYY-MM-DD (Asia/Shanghai).' }) certificateValidUntil?: string | null;
  @Field(() => [EnforcerSpecialty], { nullable: true, description: 'The new full list of specialties.' }) specialties?: EnforcerSpecialty[] | null;
  @Field(() => Boolean, { nullable: true, description: 'False takes the enforcer off duty (never drawn); true puts them back.' }) active?: boolean | null;
}

@InputType({ description: 'A completed training course (大培训). OFFICE only.' })
export class TrainingInput {
  @Field(() => ID, { description: 'UUID of the roster entry.' }) enforcerId: string;
  @Field({ description: 'Name of the course, 1 to 255 characters.' }) course: string;
  @Field(() => LocalDateScalar, { description: 'Day the course was completed, YYYY-MM-DD (Asia/Shanghai); today or earlier.' }) @PastDate() completedOn: string;
  @Field(() => Float, { description: 'Length in hours (学时), 0 to 1000.' }) @InputRule({ min: 0, max: 1000 }) hours: number;
}

@InputType({ description: 'A conflict of interest (利害关系) between an enforcer and a market entity. OFFICE only.' })
export class ConflictOfInterestInput {
  @Field(() => ID, { description: 'UUID of the roster entry.' }) enforcerId: string;
  @Field({ description: 'Unified social credit code (统一社会信用代码, 18 characters) of the market entity.' }) creditCode: string;
  @Field({ description: 'The relation, 1 to 4000 characters; never published.' }) @LongText() reason: string;
}

@InputType({ description: 'A recusal (回避) from one project, by the office or declared by the enforcer.' })
export class RecusalInput {
  @Field(() => ID, { description: 'UUID of the roster entry (an enforcer may name only themself).' }) enforcerId: string;
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field({ description: 'Why, 1 to 4000 characters; never published.' }) @LongText() reason: string;
}

@InputType({ description: 'Filter for the roster; all given conditions must hold.' })
export class EnforcerFilter {
  @Field(() => String, { nullable: true, description: 'Only enforcers of this department (code such as ZJJ).' }) departmentCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only enforcers on duty (true) or off duty (false).' }) active?: boolean | null;
  @Field(() => EnforcerSpecialty, { nullable: true, description: 'Only enforcers qualified for this project category.' }) specialty?: EnforcerSpecialty | null;
  @Field(() => String, { nullable: true, description: 'Text in the name or certificate number.' }) text?: string | null;
}

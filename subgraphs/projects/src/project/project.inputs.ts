import { DecimalScalar, LocalDateScalar, InputRule, PastDate } from '@hub/kit';
import { Field, ID, InputType } from 'type-graphql';
import { ProjectCategory, TenderMethod } from './project.entity';
import { IntervalRule, ProjectStage } from './stages';

@InputType({ description: 'Filter for project lists; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => String, { nullable: true, description: 'Supervising department code.' }) supervisingDepartment?: string;
  @Field(() => ProjectCategory, { nullable: true }) category?: ProjectCategory;
  @Field(() => ProjectStage, { nullable: true }) stage?: ProjectStage;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Registered on or after.' }) registeredFrom?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Registered on or before.' }) registeredTo?: string;
  @Field(() => String, { nullable: true, description: 'Text contained in the name or the code.' }) text?: string;
  @Field(() => String, { nullable: true, description: 'Credit code of the tenderer, agency or a bidder.' }) party?: string;
  @Field(() => IntervalRule, { nullable: true, description: 'Only projects flagged for this rule.' }) flaggedFor?: IntervalRule;
  @Field(() => Boolean, { nullable: true, description: 'Only projects with at least one interval flag.' }) flagged?: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only projects with at least one open case (not rejected or archived) the caller may see; asked of the cases slice before paging.',
  })
  hasOpenCases?: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only projects with a bidder graded C or D at the bid (bidderCreditAtBid); asked of the credit slice before paging.',
  })
  hasBidderGradedCOrD?: boolean;
  /** Not in the schema: the projects the other slices' conditions left (see cross-slice-filter.ts). */
  ids?: string[];
}

@InputType()
export class RegisterProjectInput {
  @Field() @InputRule({ maxLength: 40 }) code: string;
  @Field() name: string;
  @Field(() => ProjectCategory) category: ProjectCategory;
  @Field({ description: 'One of the five line departments.' }) supervisingDepartment: string;
  @Field() tendererCreditCode: string;
  @Field(() => String, { nullable: true }) tenderAgencyCreditCode?: string | null;
  @Field(() => DecimalScalar) budget: string;
  @Field(() => TenderMethod) tenderMethod: TenderMethod;
  @Field(() => LocalDateScalar) @PastDate() registeredOn: string;
}

@InputType()
export class RegisterMarketEntityInput {
  @Field() creditCode: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) legalRepresentative?: string | null;
  @Field(() => LocalDateScalar) @PastDate() registeredOn: string;
}

@InputType()
export class AnnounceTenderInput {
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar, { description: 'Tender announcement and documents issued.' }) @PastDate() announcedOn: string;
  @Field(() => LocalDateScalar) bidDeadline: string;
  @Field() documentRef: string;
}

@InputType()
export class ClarificationInput {
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar) @PastDate() issuedOn: string;
  @Field() documentRef: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The moved bid deadline, when the clarification moves it.' })
  newBidDeadline?: string | null;
}

@InputType()
export class BidInput {
  @Field(() => ID) projectId: string;
  @Field() bidderCreditCode: string;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => LocalDateScalar) @PastDate() submittedOn: string;
}

@InputType({ description: 'A dated stage step with its document.' })
export class StageStepInput {
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar) @PastDate() occurredOn: string;
  @Field() documentRef: string;
}

@InputType()
export class CandidatePublicityInput {
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar) @PastDate() startsOn: string;
  @Field(() => LocalDateScalar) endsOn: string;
  @Field() documentRef: string;
}

@InputType()
export class AwardInput {
  @Field(() => ID) projectId: string;
  @Field(() => ID) winningBidId: string;
  @Field(() => LocalDateScalar, { description: 'Award notice issued (中标通知书).' }) @PastDate() noticeIssuedOn: string;
  @Field() documentRef: string;
}

@InputType()
export class ContractFilingInput {
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar) @PastDate() signedOn: string;
  @Field(() => LocalDateScalar) @PastDate() filedOn: string;
  @Field(() => DecimalScalar) contractAmount: string;
  @Field() documentRef: string;
}

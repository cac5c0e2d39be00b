import { DecimalScalar, LocalDateScalar, InputRule, PastDate } from '@hub/kit';
import { Field, ID, InputType } from 'type-graphql';
import { ProjectCategory, TenderMethod } from './project.entity';
import { IntervalRule, ProjectStage } from './stages';

@InputType({ description: 'Filter for project lists; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => String, { nullable: true, description: 'Supervising department code.' }) supervisingDepartment?: string;
  @Field(() => ProjectCategory, { nullable: true, description: 'Only projects of this construction category.' }) category?: ProjectCategory;
  @Field(() => ProjectStage, { nullable: true, description: 'Only projects currently at this stage.' }) stage?: ProjectStage;
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

@InputType({ description: 'A tender project entering the trading platform. Written by the trading center (CENTER, JYZX) only.' })
export class RegisterProjectInput {
  @Field({ description: 'Platform project code (项目编号), 1 to 40 characters, unique.' }) @InputRule({ maxLength: 40 }) code: string;
  @Field({ description: 'Project name (项目名称), 1 to 255 characters.' }) name: string;
  @Field(() => ProjectCategory, { description: 'Construction category (工程类别): housing, municipal, transport, water or agriculture.' })
  category: ProjectCategory;
  @Field({ description: 'One of the five line departments.' }) supervisingDepartment: string;
  @Field({
    description:
      'Unified social credit code (统一社会信用代码) of the tenderer (招标人): 18 characters with a valid check character, registered as a market entity.',
  })
  tendererCreditCode: string;
  @Field(() => String, {
    nullable: true,
    description: 'Unified social credit code of the tender agency (招标代理机构), 18 characters; null when the tenderer runs the tender itself.',
  })
  tenderAgencyCreditCode?: string | null;
  @Field(() => DecimalScalar, { description: 'Budget in yuan (元), exact decimal with at most 2 decimal places, e.g. "1250000.00".' }) budget: string;
  @Field(() => TenderMethod, { description: 'Open (公开招标) or invited (邀请招标) tender.' }) tenderMethod: TenderMethod;
  @Field(() => LocalDateScalar, { description: 'Day the project was registered on the platform, YYYY-MM-DD (Asia/Shanghai); today or earlier.' })
  @PastDate()
  registeredOn: string;
}

@InputType({ description: 'A market entity (市场主体) registering on the platform. CENTER only.' })
export class RegisterMarketEntityInput {
  @Field({ description: 'Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, upper case, with a valid check character.' })
  creditCode: string;
  @Field({ description: 'Registered name of the entity, 1 to 255 characters.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Legal representative (法定代表人), 1 to 255 characters; null when not given.' }) legalRepresentative?:
    string | null;
  @Field(() => LocalDateScalar, { description: 'Day of registration on the platform, YYYY-MM-DD (Asia/Shanghai); today or earlier.' })
  @PastDate()
  registeredOn: string;
}

@InputType({ description: 'Tender announcement and documents issued (招标公告/招标文件发布). CENTER only.' })
export class AnnounceTenderInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field(() => LocalDateScalar, { description: 'Tender announcement and documents issued.' }) @PastDate() announcedOn: string;
  @Field(() => LocalDateScalar, {
    description:
      'Bid deadline (投标截止) of this round, YYYY-MM-DD (Asia/Shanghai); fewer than 20 days after the documents are issued raises a DOCUMENTS_TO_DEADLINE_MIN_20_DAYS flag.',
  })
  bidDeadline: string;
  @Field({ description: 'Reference of the announcement document (公告编号), 1 to 255 characters.' }) documentRef: string;
}

@InputType({ description: 'A clarification or amendment of the tender documents (答疑澄清). CENTER only.' })
export class ClarificationInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field(() => LocalDateScalar, {
    description:
      'Day the clarification was issued, YYYY-MM-DD (Asia/Shanghai); fewer than 15 days before the bid deadline raises a flag unless the deadline moves.',
  })
  @PastDate()
  issuedOn: string;
  @Field({ description: 'Reference of the clarification document, 1 to 255 characters.' }) documentRef: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The moved bid deadline, when the clarification moves it.' })
  newBidDeadline?: string | null;
}

@InputType({ description: 'A bid (投标) received before the deadline in the current round. CENTER only.' })
export class BidInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field({ description: 'Unified social credit code (统一社会信用代码) of the bidder, 18 characters, registered as a market entity.' })
  bidderCreditCode: string;
  @Field(() => DecimalScalar, { description: 'Bid price in yuan (元), exact decimal with at most 2 decimal places.' }) amount: string;
  @Field(() => LocalDateScalar, { description: 'Day the bid was submitted, YYYY-MM-DD (Asia/Shanghai); today or earlier, not after the bid deadline.' })
  @PastDate()
  submittedOn: string;
}

@InputType({ description: 'A dated stage step with its document.' })
export class StageStepInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field(() => LocalDateScalar, { description: 'Day the step happened, YYYY-MM-DD (Asia/Shanghai); today or earlier, not before the previous stage.' })
  @PastDate()
  occurredOn: string;
  @Field({ description: "Reference of the step's document (e.g. the evaluation report number), 1 to 255 characters." }) documentRef: string;
}

@InputType({ description: 'Publicity of the winning candidates (评标结果公示). CENTER only.' })
export class CandidatePublicityInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field(() => LocalDateScalar, { description: 'First day of the publicity, YYYY-MM-DD (Asia/Shanghai); today or earlier.' }) @PastDate() startsOn: string;
  @Field(() => LocalDateScalar, {
    description: 'Last day of the publicity, YYYY-MM-DD (Asia/Shanghai); fewer than 3 days of publicity raises a CANDIDATE_PUBLICITY_MIN_3_DAYS flag.',
  })
  endsOn: string;
  @Field({ description: 'Reference of the publicity notice, 1 to 255 characters.' }) documentRef: string;
}

@InputType({ description: 'Award publicity and award notice (中标结果公示/中标通知书). CENTER only.' })
export class AwardInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field(() => ID, { description: 'UUID of the winning bid (中标); must be a bid of the current round.' }) winningBidId: string;
  @Field(() => LocalDateScalar, { description: 'Award notice issued (中标通知书).' }) @PastDate() noticeIssuedOn: string;
  @Field({ description: 'Reference of the award notice (中标通知书编号), 1 to 255 characters.' }) documentRef: string;
}

@InputType({ description: 'Contract signed and filed (合同备案). CENTER only.' })
export class ContractFilingInput {
  @Field(() => ID, { description: 'UUID of the project.' }) projectId: string;
  @Field(() => LocalDateScalar, {
    description:
      'Day the contract was signed, YYYY-MM-DD (Asia/Shanghai); more than 30 days after the award notice raises a CONTRACT_WITHIN_30_DAYS_OF_AWARD flag.',
  })
  @PastDate()
  signedOn: string;
  @Field(() => LocalDateScalar, { description: 'Day the contract was filed with the platform, YYYY-MM-DD (Asia/Shanghai); today or earlier.' })
  @PastDate()
  filedOn: string;
  @Field(() => DecimalScalar, { description: 'Contract amount in yuan (元), exact decimal with at most 2 decimal places.' }) contractAmount: string;
  @Field({ description: 'Reference of the contract filing (备案编号), 1 to 255 characters.' }) documentRef: string;
}

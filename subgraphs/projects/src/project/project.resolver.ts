import { Connection, isIncludedRow, PageArgs, pageWindow } from '@hub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Department } from '../department/department.entity';
import { MARKET_ENTITY_FIELDS, PROJECT_FIELDS, type Context } from '../loaders';
import { MarketEntity } from '../market-entity/market-entity.entity';
import { Bid, Project, ProjectFlag, StageRecord } from './project.entity';
import {
  AnnounceTenderInput,
  AwardInput,
  BidInput,
  CandidatePublicityInput,
  ClarificationInput,
  ContractFilingInput,
  ProjectFilter,
  RegisterProjectInput,
  StageStepInput,
} from './project.inputs';
import { requireUuid, type ProjectListRead } from './project.service';
import { IntervalRule, stepsAllowedAt } from './stages';
import { Allowed } from '../access-policy';

export const ProjectConnection = Connection(Project, 'Project');

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'A project by id; null when none has it. Public (公开), no login needed.' })
  project(@Arg('id', () => ID, { description: 'UUID of the project.' }) id: string, @Ctx() { em }: Context): Promise<Project | null> {
    return em.findOne(Project, { id: requireUuid(id, 'id') });
  }

  @Query(() => Project, { nullable: true, description: 'A project by its platform code (项目编号); null when none has it. Public, no login needed.' })
  projectByCode(@Arg('code', { description: 'Platform project code, exact match.' }) code: string, @Ctx() { em }: Context): Promise<Project | null> {
    return em.findOne(Project, { code });
  }

  @Query(() => ProjectConnection, { description: 'Projects, newest registration first, filtered and paged.' })
  projects(
    @Args() page: PageArgs,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet; null lists all.' }) filter: ProjectFilter | null,
    @Ctx() { services, loaders, em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // The page and the reads below it (bids, bidders, stage records) select only the columns of the fields asked for.
    const columns = loaders.selection.use(info).of(em.getMetadata().get(Project.name), 'Project', PROJECT_FIELDS);
    // A page that shows its tenderers reads them in its own statement (one statement and a loader call per row fewer).
    const read: ProjectListRead = columns?.includes('tenderer')
      ? {
          columns,
          including: 'tenderer',
          includingColumns: loaders.selection.of(em.getMetadata().get(MarketEntity.name), 'MarketEntity', MARKET_ENTITY_FIELDS),
        }
      : { columns };
    return services.projects.search(filter ?? undefined, pageWindow(page), read);
  }

  @Allowed('query.flaggedProjects')
  @Query(() => ProjectConnection, { description: 'Projects with at least one statutory interval flag (optionally for one rule).' })
  async flaggedProjects(
    @Args() page: PageArgs,
    @Arg('rule', () => IntervalRule, { nullable: true, description: 'Only projects flagged for this rule; null means any rule.' }) rule: IntervalRule | null,
    @Arg('supervisingDepartment', () => String, {
      nullable: true,
      description: 'Only projects of this supervising department (code such as ZJJ); null means every department.',
    })
    supervisingDepartment: string | null,
    @Ctx() { services }: Context,
  ) {
    const filter = rule ? { flaggedFor: rule } : { flagged: true };
    return services.projects.list({ ...filter, supervisingDepartment: supervisingDepartment ?? undefined }, pageWindow(page));
  }

  @FieldResolver(() => Department, { description: 'Supervising department (行业主管部门).' })
  supervisingDepartment(@Root() project: Project, @Ctx() { loaders }: Context): Promise<Department> {
    return loaders.departmentByCode.load(project.supervisingDepartment.code);
  }

  @FieldResolver(() => MarketEntity, { description: 'Tenderer (招标人).' })
  tenderer(@Root() project: Project, @Ctx() { loaders }: Context): MarketEntity | Promise<MarketEntity> {
    return isIncludedRow(project.tenderer) ? project.tenderer : loaders.marketEntityByCode.load(project.tenderer.creditCode);
  }

  @FieldResolver(() => MarketEntity, { nullable: true, description: 'Tender agency (招标代理机构).' })
  tenderAgency(@Root() project: Project, @Ctx() { loaders }: Context): Promise<MarketEntity> | null {
    return project.tenderAgency ? loaders.marketEntityByCode.load(project.tenderAgency.creditCode) : null;
  }

  @FieldResolver(() => [Bid], { description: 'Bids, all rounds unless one is given.' })
  bids(
    @Root() project: Project,
    @Arg('tenderRound', () => Int, { nullable: true, description: 'Only bids of this tender round (1, 2, …); null returns every round.' })
    tenderRound: number | null,
    @Ctx() { loaders }: Context,
  ): Promise<Bid[]> {
    // Not async: without a round, the loader's own promise (one wrapper less per project of a page).
    const bids = loaders.bidsByProject.load(project.id);
    return tenderRound ? bids.then((all) => all.filter((b) => b.tenderRound === tenderRound)) : bids;
  }

  @FieldResolver(() => [StageRecord], { description: 'Dated stage records in order (全程留痕).' })
  stageRecords(@Root() project: Project, @Ctx() { loaders }: Context): Promise<StageRecord[]> {
    return loaders.stageRecordsByProject.load(project.id);
  }

  @Allowed('Project.flags')
  @FieldResolver(() => [ProjectFlag], { description: 'Statutory interval breaches recorded by the platform.' })
  flags(@Root() project: Project, @Ctx() { loaders }: Context): Promise<ProjectFlag[]> {
    return loaders.flagsByProject.load(project.id);
  }

  @FieldResolver(() => [String], { description: 'Steps the trading center may record next.' })
  nextSteps(@Root() project: Project): string[] {
    return stepsAllowedAt(project.stage);
  }

  @Allowed('mutation.registerProject')
  @Mutation(() => Project, { description: 'Registers a tender project on the platform.' })
  registerProject(@Arg('input', { description: 'The project to register.' }) input: RegisterProjectInput, @Ctx() { services }: Context) {
    return services.projects.registerProject(input);
  }

  @Allowed('mutation.announceTender')
  @Mutation(() => Project, { description: 'Tender announcement and documents issued (招标公告/招标文件发布).' })
  announceTender(@Arg('input', { description: 'The announcement to record.' }) input: AnnounceTenderInput, @Ctx() { services }: Context) {
    return services.projects.announceTender(input);
  }

  @Allowed('mutation.recordClarification')
  @Mutation(() => Project, { description: 'Clarification or amendment of the tender documents (答疑澄清).' })
  recordClarification(@Arg('input', { description: 'The clarification to record.' }) input: ClarificationInput, @Ctx() { services }: Context) {
    return services.projects.recordClarification(input);
  }

  @Allowed('mutation.recordBid')
  @Mutation(() => Bid, { description: 'A bid received before the deadline.' })
  recordBid(@Arg('input', { description: 'The bid to record.' }) input: BidInput, @Ctx() { services }: Context) {
    return services.projects.recordBid(input);
  }

  @Allowed('mutation.openBids')
  @Mutation(() => Project, { description: 'Bid opening (开标); fewer than 3 bids records a failed opening and a new round.' })
  openBids(@Arg('input', { description: 'The opening: project, day and opening record reference.' }) input: StageStepInput, @Ctx() { services }: Context) {
    return services.projects.openBids(input);
  }

  @Allowed('mutation.recordEvaluation')
  @Mutation(() => Project, { description: 'Evaluation and its report (评标/评标报告).' })
  recordEvaluation(@Arg('input', { description: 'The evaluation: project, day and report reference.' }) input: StageStepInput, @Ctx() { services }: Context) {
    return services.projects.recordEvaluation(input);
  }

  @Allowed('mutation.publishCandidates')
  @Mutation(() => Project, { description: 'Candidate publicity (评标结果公示).' })
  publishCandidates(@Arg('input', { description: 'The candidate publicity to record.' }) input: CandidatePublicityInput, @Ctx() { services }: Context) {
    return services.projects.publishCandidates(input);
  }

  @Allowed('mutation.awardProject')
  @Mutation(() => Project, { description: 'Award publicity and award notice (中标结果公示/中标通知书).' })
  awardProject(@Arg('input', { description: 'The award to record.' }) input: AwardInput, @Ctx() { services }: Context) {
    return services.projects.awardProject(input);
  }

  @Allowed('mutation.fileContract')
  @Mutation(() => Project, { description: 'Contract signed and filed (合同备案).' })
  fileContract(@Arg('input', { description: 'The contract filing to record.' }) input: ContractFilingInput, @Ctx() { services }: Context) {
    return services.projects.fileContract(input);
  }

  @Allowed('mutation.startPerformance')
  @Mutation(() => Project, { description: 'Performance started (履约).' })
  startPerformance(
    @Arg('input', { description: 'The start of performance: project, day and document reference.' }) input: StageStepInput,
    @Ctx() { services }: Context,
  ) {
    return services.projects.startPerformance(input);
  }

  @Allowed('mutation.completeProject')
  @Mutation(() => Project, { description: 'Project completed.' })
  completeProject(
    @Arg('input', { description: 'The completion: project, day and acceptance document reference.' }) input: StageStepInput,
    @Ctx() { services }: Context,
  ) {
    return services.projects.completeProject(input);
  }
}

@Resolver(() => Bid)
export class BidResolver {
  @FieldResolver(() => MarketEntity, { description: 'The market entity (市场主体) that submitted the bid. Public.' })
  bidder(@Root() bid: Bid, @Ctx() { loaders }: Context): MarketEntity | Promise<MarketEntity> {
    // A bid read with its bidder (bidsByProject) answers with that row: no loader call and no promise per bid of a page.
    return isIncludedRow(bid.bidder) ? bid.bidder : loaders.marketEntityByCode.load(bid.bidder.creditCode);
  }

  @FieldResolver(() => Project, { description: 'The project the bid was submitted to.' })
  project(@Root() bid: Bid, @Ctx() { loaders }: Context): Promise<Project> {
    return loaders.projectById.load(bid.project.id);
  }
}

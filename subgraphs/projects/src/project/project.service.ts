import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  ConflictError,
  InputError,
  keysetPage,
  NotFoundError,
  type Caller,
  type ConnectionShape,
  type KeysetOrder,
  type PageWindow,
  creditCodeProblem,
  currentCalendar,
  refuseDuplicate,
  requireText as requireTextRule,
  requireUuid,
} from '@hub/kit';
import { needsOtherSlices, resolveCrossSliceFilter, type SliceGraph } from './cross-slice-filter';
import { Department } from '../department/department.entity';
import { memberUnitsIn } from '../department/member-units';
import { MarketEntity } from '../market-entity/market-entity.entity';
import type {
  AnnounceTenderInput,
  AwardInput,
  BidInput,
  CandidatePublicityInput,
  ClarificationInput,
  ContractFilingInput,
  ProjectFilter,
  RegisterMarketEntityInput,
  RegisterProjectInput,
  StageStepInput,
} from './project.inputs';
import { Bid, Project, ProjectFlag, StageRecord } from './project.entity';
import { IntervalCheck } from './interval-check.entity';
import {
  checkBidCount,
  checkPeriod,
  IntervalRule,
  ProjectStage,
  StageRecordKind,
  stepsAllowedAt,
  TRANSITIONS,
  type IntervalBreach,
  type PeriodRule,
  type StageStep,
} from './stages';

export { requireUuid };

export function requireCreditCode(value: string, field: string): string {
  const problem = creditCodeProblem(value);
  if (problem) throw new InputError(`${field} "${value}" is not a valid unified social credit code: ${problem}`, { field, rule: 'GB 32100-2015' });
  return value;
}

/** The kit's text rule; the text is stored as sent, never trimmed. */
function requireText(value: string, field: string, max = 200): string {
  return requireTextRule(value, field, max);
}

function requirePositive(value: string, field: string): string {
  if (Number(value) <= 0) throw new InputError(`${field} must be greater than zero, got ${value}`, { field, rule: 'positive amount' });
  return value;
}

/** How a project list reads its rows (kit leanFind's options): the selected columns, the tenderers with them. */
export interface ProjectListRead {
  columns?: readonly string[];
  including?: 'tenderer';
  includingColumns?: readonly string[];
}

/** Project lists: newest registration first, then by code (unique). */
export const PROJECT_ORDER: KeysetOrder = [
  ['registeredOn', 'desc'],
  ['code', 'asc'],
];

/** Builds the WHERE of a project list from a filter. */
export function projectWhere(filter: ProjectFilter = {}): FilterQuery<Project> {
  const where: Record<string, unknown>[] = [];
  if (filter.supervisingDepartment) where.push({ supervisingDepartment: filter.supervisingDepartment });
  if (filter.category) where.push({ category: filter.category });
  if (filter.stage) where.push({ stage: filter.stage });
  if (filter.registeredFrom) where.push({ registeredOn: { $gte: filter.registeredFrom } });
  if (filter.registeredTo) where.push({ registeredOn: { $lte: filter.registeredTo } });
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push({ $or: [{ name: { $ilike: like } }, { code: { $ilike: like } }] });
  }
  if (filter.party) {
    where.push({ $or: [{ tenderer: filter.party }, { tenderAgency: filter.party }, { bidRows: { $some: { bidder: filter.party } } }] });
  }
  if (filter.flaggedFor) where.push({ flagRows: { $some: { rule: filter.flaggedFor } } });
  if (filter.flagged === true) where.push({ flagRows: { $some: {} } });
  if (filter.flagged === false) where.push({ flagRows: { $none: {} } });
  if (filter.ids) where.push({ id: { $in: filter.ids } });
  return (where.length ? { $and: where } : {}) as FilterQuery<Project>;
}

/**
 * The trading center's writes on projects. Every step runs in one transaction holding the
 * project's row lock, so two concurrent steps cannot both pass the stage check, and a failed
 * step leaves nothing behind.
 */
export class ProjectService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    /** Where the list's conditions owned by other slices are asked (cross-slice-filter.ts), as the caller; needed by `search` only. */
    private readonly otherSlices?: SliceGraph,
  ) {}

  /**
   * A page of projects, newest registration first, by keyset (stable while projects are registered).
   * `read`: only these columns (kit SelectedColumns; every column when undefined), and the tenderers read
   * in the same statement when the page shows them.
   */
  list(filter: ProjectFilter | undefined, window: PageWindow, read: ProjectListRead = {}): Promise<ConnectionShape<Project>> {
    return keysetPage(this.em, Project, projectWhere(filter), window, PROJECT_ORDER, { lean: true, ...read });
  }

  /** The `projects` list: like `list`, with the conditions other slices answer (open cases, low grades) resolved first. */
  async search(filter: ProjectFilter | undefined, window: PageWindow, read?: ProjectListRead): Promise<ConnectionShape<Project>> {
    if (!filter || !needsOtherSlices(filter)) return this.list(filter, window, read);
    if (!this.otherSlices) throw new Error('ProjectService.search asks other slices: construct it with their clients');
    return this.list(await resolveCrossSliceFilter(this.em, filter, this.otherSlices), window, read);
  }

  async registerMarketEntity(input: RegisterMarketEntityInput): Promise<MarketEntity> {
    const creditCode = requireCreditCode(input.creditCode, 'creditCode');
    const duplicate = () => new InputError(`A market entity with credit code ${creditCode} is already registered`, { field: 'creditCode', rule: 'unique' });
    if (await this.em.findOne(MarketEntity, { creditCode })) throw duplicate();
    const entity = this.em.create(MarketEntity, {
      creditCode,
      name: requireText(input.name, 'name'),
      legalRepresentative: input.legalRepresentative ?? null,
      registeredOn: input.registeredOn,
    });
    await refuseDuplicate(() => this.em.flush(), duplicate);
    return entity;
  }

  async registerProject(input: RegisterProjectInput): Promise<Project> {
    const code = requireText(input.code, 'code', 40);
    (await memberUnitsIn(this.em)).requireLine('supervisingDepartment', input.supervisingDepartment);
    requireCreditCode(input.tendererCreditCode, 'tendererCreditCode');
    if (input.tenderAgencyCreditCode) requireCreditCode(input.tenderAgencyCreditCode, 'tenderAgencyCreditCode');
    requirePositive(input.budget, 'budget');
    const duplicate = () => new InputError(`Project code ${code} is already registered`, { field: 'code', rule: 'unique' });
    return refuseDuplicate(
      () =>
        this.em.transactional(async (em) => {
          if (await em.findOne(Project, { code })) throw duplicate();
          const tenderer = await em.findOne(MarketEntity, { creditCode: input.tendererCreditCode });
          if (!tenderer)
            throw new InputError(`Tenderer ${input.tendererCreditCode} is not a registered market entity`, {
              field: 'tendererCreditCode',
              rule: 'registered market entity',
            });
          let tenderAgency: MarketEntity | null = null;
          if (input.tenderAgencyCreditCode) {
            tenderAgency = await em.findOne(MarketEntity, { creditCode: input.tenderAgencyCreditCode });
            if (!tenderAgency)
              throw new InputError(`Tender agency ${input.tenderAgencyCreditCode} is not a registered market entity`, {
                field: 'tenderAgencyCreditCode',
                rule: 'registered market entity',
              });
          }
          const project = em.create(Project, {
            code,
            name: requireText(input.name, 'name'),
            category: input.category,
            supervisingDepartment: em.getReference(Department, input.supervisingDepartment),
            tenderer,
            tenderAgency,
            budget: input.budget,
            tenderMethod: input.tenderMethod,
            registeredOn: input.registeredOn,
            lastStageOn: input.registeredOn,
          });
          return project;
        }),
      duplicate,
    );
  }

  /** Runs one stage step under the project's row lock after checking the stage order and the date order. */
  private async step(
    step: StageStep,
    projectId: string,
    occurredOn: string,
    apply: (em: EntityManager, project: Project) => Promise<ProjectStage | void>,
  ): Promise<Project> {
    requireUuid(projectId, 'projectId');
    return this.em.transactional(async (em) => {
      const project = await em.findOne(Project, { id: projectId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!project) throw new NotFoundError('Project', projectId, 'projectId');
      const { from } = TRANSITIONS[step];
      if (project.stage !== from) {
        throw new ConflictError(`Project ${project.code} is at stage ${project.stage}; ${step} needs stage ${from}`, {
          currentStage: project.stage,
          allowedSteps: stepsAllowedAt(project.stage),
        });
      }
      const advances = TRANSITIONS[step].to !== from;
      if (advances && project.lastStageOn && occurredOn < project.lastStageOn) {
        throw new InputError(`Date ${occurredOn} is before the project's previous stage record (${project.lastStageOn})`, {
          field: 'occurredOn',
          rule: 'stages in date order',
        });
      }
      // A step may divert the project (a failed opening goes back to REGISTERED for a new round).
      project.stage = (await apply(em, project)) ?? TRANSITIONS[step].to;
      if (advances) project.lastStageOn = occurredOn;
      return project;
    });
  }

  private record(em: EntityManager, project: Project, kind: StageRecordKind, occurredOn: string, documentRef: string, extra: Partial<StageRecord> = {}): void {
    em.create(StageRecord, {
      project,
      kind,
      tenderRound: project.tenderRound,
      occurredOn,
      documentRef: requireText(documentRef, 'documentRef'),
      recordedBy: this.user.sub,
      ...extra,
    });
  }

  private flag(em: EntityManager, project: Project, breach: IntervalBreach | null, raisedOn: string): void {
    if (!breach) return;
    em.create(ProjectFlag, { project, tenderRound: project.tenderRound, raisedOn, ...breach });
  }

  /**
   * Checks a statutory period on the calendar in force, flags a breach, and keeps the check with its
   * two dates (IntervalCheck), so the calendar firm-up can run it again if the end day was provisional.
   */
  private checkPeriod(em: EntityManager, project: Project, rule: PeriodRule, startsOn: string, comparedOn: string, raisedOn: string): void {
    const { periodEndsOn, provisional, breach } = checkPeriod(currentCalendar(), rule, startsOn, comparedOn);
    const flag = breach ? em.create(ProjectFlag, { project, tenderRound: project.tenderRound, raisedOn, ...breach }) : null;
    em.create(IntervalCheck, { project, tenderRound: project.tenderRound, rule, startsOn, comparedOn, periodEndsOn, provisional, flag, checkedOn: raisedOn });
  }

  announceTender(input: AnnounceTenderInput): Promise<Project> {
    return this.step('announceTender', input.projectId, input.announcedOn, async (em, project) => {
      if (input.bidDeadline <= input.announcedOn) {
        throw new InputError('bidDeadline must be after announcedOn', { field: 'bidDeadline', rule: 'after announcement' });
      }
      project.announcedOn = input.announcedOn;
      project.bidDeadline = input.bidDeadline;
      this.record(em, project, StageRecordKind.ANNOUNCEMENT, input.announcedOn, input.documentRef, { bidDeadline: input.bidDeadline });
      this.checkPeriod(em, project, IntervalRule.DOCUMENTS_TO_DEADLINE_MIN_20_DAYS, input.announcedOn, input.bidDeadline, input.announcedOn);
    });
  }

  recordClarification(input: ClarificationInput): Promise<Project> {
    return this.step('recordClarification', input.projectId, input.issuedOn, async (em, project) => {
      const deadline = input.newBidDeadline ?? project.bidDeadline!;
      if (input.issuedOn < project.announcedOn!) {
        throw new InputError(`issuedOn ${input.issuedOn} is before the announcement (${project.announcedOn})`, {
          field: 'issuedOn',
          rule: 'after announcement',
        });
      }
      if (input.issuedOn > project.bidDeadline!) {
        throw new InputError(`issuedOn ${input.issuedOn} is after the bid deadline ${project.bidDeadline}`, { field: 'issuedOn', rule: 'before bid deadline' });
      }
      if (input.newBidDeadline && input.newBidDeadline < project.bidDeadline!) {
        throw new InputError(`newBidDeadline may only move the deadline later than ${project.bidDeadline}`, {
          field: 'newBidDeadline',
          rule: 'deadline moves later',
        });
      }
      project.bidDeadline = deadline;
      this.record(em, project, StageRecordKind.CLARIFICATION, input.issuedOn, input.documentRef, { bidDeadline: deadline });
      this.checkPeriod(em, project, IntervalRule.CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE, input.issuedOn, deadline, input.issuedOn);
    });
  }

  async recordBid(input: BidInput): Promise<Bid> {
    requireCreditCode(input.bidderCreditCode, 'bidderCreditCode');
    requirePositive(input.amount, 'amount');
    let bid!: Bid;
    await this.step('recordBid', input.projectId, input.submittedOn, async (em, project) => {
      if (input.submittedOn < project.announcedOn!) {
        throw new InputError(`Bid submitted on ${input.submittedOn}, before the tender was announced (${project.announcedOn})`, {
          field: 'submittedOn',
          rule: 'after announcement',
        });
      }
      if (input.submittedOn > project.bidDeadline!) {
        throw new InputError(`Bid submitted on ${input.submittedOn}, after the deadline ${project.bidDeadline}: late bids are refused`, {
          field: 'submittedOn',
          rule: 'by bid deadline',
        });
      }
      const bidder = await em.findOne(MarketEntity, { creditCode: input.bidderCreditCode });
      if (!bidder)
        throw new InputError(`Bidder ${input.bidderCreditCode} is not a registered market entity`, {
          field: 'bidderCreditCode',
          rule: 'registered market entity',
        });
      if (await em.findOne(Bid, { project, tenderRound: project.tenderRound, bidder })) {
        throw new InputError(`${bidder.name} has already bid in round ${project.tenderRound}`, {
          field: 'bidderCreditCode',
          rule: 'one bid per bidder per round',
        });
      }
      bid = em.create(Bid, { project, bidder, tenderRound: project.tenderRound, amount: input.amount, submittedOn: input.submittedOn });
    });
    return bid;
  }

  openBids(input: StageStepInput): Promise<Project> {
    return this.step('openBids', input.projectId, input.occurredOn, async (em, project) => {
      if (input.occurredOn < project.bidDeadline!) {
        throw new InputError(`Bids cannot be opened before the deadline ${project.bidDeadline}`, { field: 'occurredOn', rule: 'opening at the deadline' });
      }
      const bidCount = await em.count(Bid, { project, tenderRound: project.tenderRound });
      const breach = checkBidCount(bidCount);
      if (breach) {
        // 投标人少于三个的，不得开标: record the failed opening and start a new tender round.
        this.record(em, project, StageRecordKind.FAILED_OPENING, input.occurredOn, input.documentRef, { bidCount });
        this.flag(em, project, breach, input.occurredOn);
        project.tenderRound += 1;
        project.announcedOn = null;
        project.bidDeadline = null;
        return ProjectStage.REGISTERED;
      }
      this.record(em, project, StageRecordKind.BID_OPENING, input.occurredOn, input.documentRef, { bidCount });
    });
  }

  recordEvaluation(input: StageStepInput): Promise<Project> {
    return this.step('recordEvaluation', input.projectId, input.occurredOn, async (em, project) => {
      this.record(em, project, StageRecordKind.EVALUATION_REPORT, input.occurredOn, input.documentRef);
    });
  }

  publishCandidates(input: CandidatePublicityInput): Promise<Project> {
    return this.step('publishCandidates', input.projectId, input.startsOn, async (em, project) => {
      if (input.endsOn < input.startsOn) throw new InputError('endsOn must not be before startsOn', { field: 'endsOn', rule: 'period order' });
      project.publicityEndsOn = input.endsOn;
      this.record(em, project, StageRecordKind.CANDIDATE_PUBLICITY, input.startsOn, input.documentRef, { publicityEndsOn: input.endsOn });
      this.checkPeriod(em, project, IntervalRule.CANDIDATE_PUBLICITY_MIN_3_DAYS, input.startsOn, input.endsOn, input.endsOn);
    });
  }

  awardProject(input: AwardInput): Promise<Project> {
    requireUuid(input.winningBidId, 'winningBidId');
    return this.step('awardProject', input.projectId, input.noticeIssuedOn, async (em, project) => {
      if (project.publicityEndsOn && input.noticeIssuedOn <= project.publicityEndsOn) {
        throw new InputError(`The award notice cannot be issued before candidate publicity ends (${project.publicityEndsOn})`, {
          field: 'noticeIssuedOn',
          rule: 'after candidate publicity',
        });
      }
      const bid = await em.findOne(Bid, { id: input.winningBidId, project, tenderRound: project.tenderRound });
      if (!bid)
        throw new InputError(`Bid ${input.winningBidId} is not a bid of this project's current round`, { field: 'winningBidId', rule: 'bid of this round' });
      bid.awarded = true;
      project.awardNoticeOn = input.noticeIssuedOn;
      this.record(em, project, StageRecordKind.AWARD_NOTICE, input.noticeIssuedOn, input.documentRef);
    });
  }

  fileContract(input: ContractFilingInput): Promise<Project> {
    requirePositive(input.contractAmount, 'contractAmount');
    return this.step('fileContract', input.projectId, input.filedOn, async (em, project) => {
      if (input.signedOn < project.awardNoticeOn!)
        throw new InputError('signedOn must not be before the award notice', { field: 'signedOn', rule: 'after award notice' });
      if (input.filedOn < input.signedOn) throw new InputError('filedOn must not be before signedOn', { field: 'filedOn', rule: 'after signing' });
      project.contractSignedOn = input.signedOn;
      project.contractAmount = input.contractAmount;
      this.record(em, project, StageRecordKind.CONTRACT_FILING, input.filedOn, input.documentRef);
      this.checkPeriod(em, project, IntervalRule.CONTRACT_WITHIN_30_DAYS_OF_AWARD, project.awardNoticeOn!, input.signedOn, input.signedOn);
    });
  }

  startPerformance(input: StageStepInput): Promise<Project> {
    return this.step('startPerformance', input.projectId, input.occurredOn, async (em, project) => {
      this.record(em, project, StageRecordKind.PERFORMANCE_START, input.occurredOn, input.documentRef);
    });
  }

  completeProject(input: StageStepInput): Promise<Project> {
    return this.step('completeProject', input.projectId, input.occurredOn, async (em, project) => {
      this.record(em, project, StageRecordKind.COMPLETION, input.occurredOn, input.documentRef);
    });
  }
}

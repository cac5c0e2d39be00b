import {
  Connection,
  ConflictError,
  daysBetween,
  ForbiddenError,
  InputError,
  memberUnits,
  LocalDateScalar,
  NotFoundError,
  PageArgs,
  pageWindow,
  shanghaiDateOf,
  toConnection,
  type Caller,
  InputRule,
  LongText,
} from '@hub/kit';
import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity';
import { CaseView } from '../case/case.types';
import { requireText, requireUuid, type CasesEnvironment } from '../case/case.service';
import { DepartmentRef, ProjectRef } from '../federation/refs';
import type { Context } from '../loaders';
import { rectificationVisibility } from '../visibility';
import { RectificationProgress, RectificationSource, RectificationStatus, RectificationTask } from './rectification.entity';
import { Allowed } from '../access-policy';

export const RectificationTaskConnection = Connection(RectificationTask, 'RectificationTask');

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

/** Writes on rectification tasks: the office creates them; the office or the responsible department reports progress and completion. */
export class RectificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly env: CasesEnvironment,
  ) {}

  private today(): string {
    return shanghaiDateOf(this.env.now());
  }

  async create(input: CreateRectificationTaskInput): Promise<RectificationTask> {
    const code = input.responsibleDepartmentCode;
    (await memberUnits()).requireKnown('responsibleDepartmentCode', code);
    if (input.deadline < this.today()) throw new InputError(`deadline ${input.deadline} is in the past`, { field: 'deadline', rule: 'not in the past' });
    const caseId = input.caseId ? requireUuid(input.caseId, 'caseId') : null;
    let projectId = input.projectId ? requireUuid(input.projectId, 'projectId') : null;
    // The project is the projects slice's: checked there before anything is written.
    if (projectId && !(await this.env.projects.find([projectId])).has(projectId)) {
      throw new InputError(`projectId ${projectId} is not a project on the trading platform`, { field: 'projectId', rule: 'known project' });
    }
    return this.em.fork().transactional(async (em) => {
      let linked: Case | null = null;
      if (caseId) {
        linked = await em.findOne(Case, { id: caseId });
        if (!linked) throw new InputError(`caseId ${caseId} is not a case`, { field: 'caseId', rule: 'existing case' });
        projectId ??= linked.projectId;
      }
      return em.create(RectificationTask, {
        source: input.source,
        sourceReference: requireText(input.sourceReference, 'sourceReference', 100),
        case: linked,
        projectId,
        problem: requireText(input.problem, 'problem'),
        measures: requireText(input.measures, 'measures'),
        responsibleDepartmentCode: code,
        deadline: input.deadline,
        createdBy: this.user.sub,
      });
    });
  }

  private async locked(em: EntityManager, taskId: string): Promise<RectificationTask> {
    const task = await em.findOne(RectificationTask, { id: requireUuid(taskId, 'taskId') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!task) throw new NotFoundError('RectificationTask', taskId);
    const mine = this.user.role === 'OFFICE' || (this.user.role === 'DEPT' && this.user.department === task.responsibleDepartmentCode);
    if (!mine) throw new ForbiddenError(`Rectification task ${task.id} is reported on by the office or ${task.responsibleDepartmentCode}`);
    if (task.status === RectificationStatus.COMPLETED) {
      throw new ConflictError(`Rectification task ${task.id} is already completed`, { currentStatus: task.status, allowedTransitions: [] });
    }
    return task;
  }

  reportProgress(input: RectificationProgressInput): Promise<RectificationTask> {
    const note = requireText(input.note, 'note');
    return this.em.fork().transactional(async (em) => {
      const task = await this.locked(em, input.taskId);
      em.create(RectificationProgress, {
        task,
        reportedOn: this.today(),
        note,
        actorName: this.user.name,
        actorDepartment: this.user.department ?? null,
        at: this.env.now(),
      });
      return task;
    });
  }

  complete(input: CompleteRectificationInput): Promise<RectificationTask> {
    const completionNote = requireText(input.completionNote, 'completionNote');
    return this.em.fork().transactional(async (em) => {
      const task = await this.locked(em, input.taskId);
      if (input.expectedVersion != null && input.expectedVersion !== task.version) {
        throw new ConflictError(`Rectification task changed since version ${input.expectedVersion}`, {
          currentStatus: task.status,
          currentVersion: task.version,
        });
      }
      task.status = RectificationStatus.COMPLETED;
      task.completedOn = this.today();
      task.completionNote = completionNote;
      return task;
    });
  }
}

@Resolver(() => RectificationTask)
export class RectificationResolver {
  @Allowed('query.rectificationTasks')
  @Query(() => RectificationTaskConnection, { description: 'Rectification tasks (整改), nearest deadline first.' })
  async rectificationTasks(
    @Args() page: PageArgs,
    @Arg('department', () => String, {
      nullable: true,
      description: 'Only tasks of this responsible department (code such as ZJJ); null lists every department.',
    })
    department: string | null,
    @Arg('status', () => RectificationStatus, { nullable: true, description: 'Only tasks in this status; null lists all.' }) status: RectificationStatus | null,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false, description: 'When true, only open tasks past their deadline (Asia/Shanghai); default false.' })
    overdueOnly: boolean,
    @Ctx() { em, clock }: Context,
  ) {
    const window = pageWindow(page);
    const where: FilterQuery<RectificationTask> = {};
    if (department) where.responsibleDepartmentCode = department;
    if (status) where.status = status;
    if (overdueOnly) Object.assign(where, { status: RectificationStatus.OPEN, deadline: { $lt: clock.today() } });
    const [rows, total] = await em.findAndCount(RectificationTask, where, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { deadline: 'asc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  @FieldResolver(() => DepartmentRef, { description: 'The member unit responsible for the rectification.' })
  responsibleDepartment(@Root() task: RectificationTask): DepartmentRef {
    return { code: task.responsibleDepartmentCode };
  }

  @FieldResolver(() => ProjectRef, { nullable: true, description: 'The project concerned; null when the task is not about one project.' })
  project(@Root() task: RectificationTask): ProjectRef | null {
    return task.projectId ? { id: task.projectId } : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The case that ordered it, if any.' })
  caseId(@Root() task: RectificationTask): string | null {
    return task.case?.id ?? null;
  }

  @FieldResolver({ description: 'Open and past its deadline.' })
  overdue(@Root() task: RectificationTask, @Ctx() { clock }: Context): boolean {
    return task.status === RectificationStatus.OPEN && clock.today() > task.deadline;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Calendar days to the deadline while open (negative when overdue).' })
  daysLeft(@Root() task: RectificationTask, @Ctx() { clock }: Context): number | null {
    return task.status === RectificationStatus.OPEN ? daysBetween(clock.today(), task.deadline) : null;
  }

  @FieldResolver(() => CaseView, {
    description: 'FULL for the office, the leaders and the responsible department; SUMMARY (no problem, measures or notes) for other departments.',
  })
  view(@Root() task: RectificationTask, @Ctx() ctx: Context): CaseView {
    return rectificationVisibility.view(ctx, task) === 'FULL' ? CaseView.FULL : CaseView.SUMMARY;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The problem to rectify; null in the SUMMARY view.' })
  problem(@Root() task: RectificationTask): string | null {
    return task.problem;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Rectification measures (整改措施); null in the SUMMARY view.' })
  measures(@Root() task: RectificationTask): string | null {
    return task.measures;
  }

  @FieldResolver(() => String, { nullable: true, description: 'How the rectification was completed (整改情况); null in the SUMMARY view.' })
  completionNote(@Root() task: RectificationTask): string | null {
    return task.completionNote ?? null;
  }

  @FieldResolver(() => [RectificationProgress], { nullable: true, description: 'Progress notes, oldest first; null in the SUMMARY view.' })
  progress(@Root() task: RectificationTask, @Ctx() { loaders }: Context): Promise<RectificationProgress[]> {
    return loaders.progressByTask.load(task.id);
  }

  @Allowed('mutation.createRectificationTask')
  @Mutation(() => RectificationTask, { description: 'Create a rectification task (整改任务).' })
  createRectificationTask(
    @Arg('input', { description: 'The task to create.' }) input: CreateRectificationTaskInput,
    @Ctx() ctx: Context,
  ): Promise<RectificationTask> {
    return new RectificationService(ctx.em, ctx.user, ctx.loaders.env).create(input);
  }

  @Allowed('mutation.reportRectificationProgress')
  @Mutation(() => RectificationTask, { description: 'Report progress on a rectification task (office or the responsible department).' })
  reportRectificationProgress(
    @Arg('input', { description: 'The progress note.' }) input: RectificationProgressInput,
    @Ctx() ctx: Context,
  ): Promise<RectificationTask> {
    return new RectificationService(ctx.em, ctx.user, ctx.loaders.env).reportProgress(input);
  }

  @Allowed('mutation.completeRectificationTask')
  @Mutation(() => RectificationTask, { description: 'Complete a rectification task (整改完成).' })
  completeRectificationTask(
    @Arg('input', { description: 'The completion.' }) input: CompleteRectificationInput,
    @Ctx() ctx: Context,
  ): Promise<RectificationTask> {
    return new RectificationService(ctx.em, ctx.user, ctx.loaders.env).complete(input);
  }
}

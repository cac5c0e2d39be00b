import { Connection, daysBetween, PageArgs, pageWindow } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CaseView } from '../case/case.types';
import { DepartmentRef, ProjectRef } from '../federation/refs';
import type { Context } from '../loaders';
import { rectificationVisibility } from '../visibility';
import { RectificationProgress, RectificationStatus, RectificationTask } from './rectification.entity';
import { CompleteRectificationInput, CreateRectificationTaskInput, RectificationProgressInput } from './rectification.inputs';
import { Allowed } from '../access-policy';

export const RectificationTaskConnection = Connection(RectificationTask, 'RectificationTask');

@Resolver(() => RectificationTask)
export class RectificationResolver {
  @Allowed('query.rectificationTasks')
  @Query(() => RectificationTaskConnection, { description: 'Rectification tasks (整改), nearest deadline first.' })
  rectificationTasks(
    @Args() page: PageArgs,
    @Arg('department', () => String, {
      nullable: true,
      description: 'Only tasks of this responsible department (code such as ZJJ); null lists every department.',
    })
    department: string | null,
    @Arg('status', () => RectificationStatus, { nullable: true, description: 'Only tasks in this status; null lists all.' }) status: RectificationStatus | null,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false, description: 'When true, only open tasks past their deadline (Asia/Shanghai); default false.' })
    overdueOnly: boolean,
    @Ctx() { services }: Context,
  ) {
    return services.rectification.list({ department, status, overdueOnly }, pageWindow(page));
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
    return ctx.services.rectification.create(input);
  }

  @Allowed('mutation.reportRectificationProgress')
  @Mutation(() => RectificationTask, { description: 'Report progress on a rectification task (office or the responsible department).' })
  reportRectificationProgress(
    @Arg('input', { description: 'The progress note.' }) input: RectificationProgressInput,
    @Ctx() ctx: Context,
  ): Promise<RectificationTask> {
    return ctx.services.rectification.reportProgress(input);
  }

  @Allowed('mutation.completeRectificationTask')
  @Mutation(() => RectificationTask, { description: 'Complete a rectification task (整改完成).' })
  completeRectificationTask(
    @Arg('input', { description: 'The completion.' }) input: CompleteRectificationInput,
    @Ctx() ctx: Context,
  ): Promise<RectificationTask> {
    return ctx.services.rectification.complete(input);
  }
}

import { ConflictError, ForbiddenError, InputError, memberUnits, NotFoundError, toConnection, type Caller, type PageWindow } from '@hub/kit';
import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Case } from '../case/case.entity';
import { requireText, requireUuid, type CasesEnvironment } from '../case/case.service';
import { RectificationProgress, RectificationStatus, RectificationTask } from './rectification.entity';
import type { CompleteRectificationInput, CreateRectificationTaskInput, RectificationProgressInput } from './rectification.inputs';

/**
 * Rectification tasks: the list, and the writes (the office creates them; the office or the
 * responsible department reports progress and completion). Validation, the project check in the
 * projects slice and the transactions live here; the resolver only maps GraphQL to these calls.
 */
export class RectificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly env: CasesEnvironment,
  ) {}

  /** A page of tasks, nearest deadline first; `overdueOnly` keeps the open ones past their deadline (Asia/Shanghai). */
  async list(filter: { department: string | null; status: RectificationStatus | null; overdueOnly: boolean }, window: PageWindow) {
    const where: FilterQuery<RectificationTask> = {};
    if (filter.department) where.responsibleDepartmentCode = filter.department;
    if (filter.status) where.status = filter.status;
    if (filter.overdueOnly) Object.assign(where, { status: RectificationStatus.OPEN, deadline: { $lt: this.env.clock.today() } });
    const [rows, total] = await this.em.findAndCount(RectificationTask, where, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { deadline: 'asc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  async create(input: CreateRectificationTaskInput): Promise<RectificationTask> {
    const code = input.responsibleDepartmentCode;
    (await memberUnits()).requireKnown('responsibleDepartmentCode', code);
    if (input.deadline < this.env.clock.today())
      throw new InputError(`deadline ${input.deadline} is in the past`, { field: 'deadline', rule: 'not in the past' });
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
    if (!task) throw new NotFoundError('RectificationTask', taskId, 'taskId');
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
        reportedOn: this.env.clock.today(),
        note,
        actorName: this.user.name,
        actorDepartment: this.user.department ?? null,
        at: this.env.clock.now(),
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
      task.completedOn = this.env.clock.today();
      task.completionNote = completionNote;
      return task;
    });
  }
}

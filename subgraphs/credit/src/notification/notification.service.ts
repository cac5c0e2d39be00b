import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  actDateOrToday,
  ConflictError,
  currentCalendar,
  ForbiddenError,
  OWN_DEPARTMENT_RULE,
  InputError,
  LONG_TEXT,
  NotFoundError,
  periodEndAsOf,
  requirePeriod,
  requireText,
  requireUuid,
  todayInShanghai,
  type Caller,
} from '@hub/kit';
import type { Directories } from '../directories';
import { creditPolicy } from '../policy/policy';
import { requireSubject } from '../record/credit-record.service';
import { CreditRule } from '../rule/credit-rule.entity';
import { PerformanceNotification } from './notification.entity';
import type { PerformanceNotificationFilter, PerformanceNotificationInput } from './notification.inputs';
import { notificationFigureSql } from './review';

/** The recording deadline: 7 working days after the notification (the day itself not counted), per the official calendar. */
export function recordingDeadline(notifiedOn: string): { date: string; provisional: boolean } {
  return currentCalendar().addWorkingDays(notifiedOn, creditPolicy().recordingWorkingDays);
}

/** Performance notifications: written by line departments for projects they supervise, read by them, the office and leaders. */
export class NotificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly directories: Directories,
    /** Today in Asia/Shanghai (replaceable: tests and the demo data run at fixed dates). */
    private readonly today: () => string = () => todayInShanghai(),
  ) {}

  async notify(input: PerformanceNotificationInput): Promise<PerformanceNotification> {
    const projectId = requireUuid(input.projectId, 'projectId');
    const subjectKey = requireSubject(input.subjectType, input.subjectKey, 'subjectKey');
    const facts = requireText(input.facts, 'facts', LONG_TEXT);
    const notifiedOn = actDateOrToday(input.notifiedOn, 'notifiedOn', this.today());
    // 谁主管，谁监管: only the project's supervising department reports on its performance.
    const project = (await this.directories.projects.projects([projectId])).get(projectId);
    if (!project) throw new NotFoundError('Project', projectId, 'projectId');
    if (project.supervisingDepartment !== this.user.department) {
      throw new ForbiddenError(
        `projectId: project ${projectId} is supervised by ${project.supervisingDepartment}; ${this.user.department ?? 'this caller'} may not notify findings about it`,
        { field: 'projectId', rule: OWN_DEPARTMENT_RULE },
      );
    }
    return this.em.transactional(async (em) => {
      if (input.suggestedRuleCode && !(await em.findOne(CreditRule, { code: input.suggestedRuleCode }))) {
        throw new InputError(`suggestedRuleCode ${input.suggestedRuleCode} is not in the credit rule catalogue`, {
          field: 'suggestedRuleCode',
          rule: 'catalogue rule',
        });
      }
      const due = recordingDeadline(notifiedOn);
      const notification = em.create(PerformanceNotification, {
        departmentCode: project.supervisingDepartment,
        projectId,
        subjectType: input.subjectType,
        subjectKey,
        facts,
        suggestedRuleCode: input.suggestedRuleCode ?? null,
        notifiedOn,
        recordingDueOn: due.date,
        dueProvisional: due.provisional,
        filedBy: this.user.sub,
      });
      await em.flush();
      return notification;
    });
  }

  /** The bureau closes a notification whose findings warrant no deduction: it stops counting as overdue. */
  async close(id: string, note: string, on?: string | null): Promise<PerformanceNotification> {
    requireUuid(id, 'id');
    const closedOn = actDateOrToday(on, 'closedOn', this.today());
    const closingNote = requireText(note, 'note', LONG_TEXT);
    return this.em.transactional(async (em) => {
      const notification = await em.findOne(PerformanceNotification, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!notification) throw new NotFoundError('PerformanceNotification', id, 'id');
      if (notification.recordedOn || notification.closedOn) {
        throw new ConflictError(`Notification ${id} is already ${notification.recordedOn ? 'recorded' : 'closed'}`, {
          currentState: notification.recordedOn ? 'RECORDED' : 'CLOSED',
          allowedTransitions: [],
        });
      }
      if (closedOn < notification.notifiedOn) {
        throw new InputError(`closedOn (${closedOn}) is before the notification (${notification.notifiedOn})`, { field: 'closedOn', rule: 'after notifiedOn' });
      }
      notification.closedOn = closedOn;
      notification.closingNote = closingNote;
      await em.flush();
      return notification;
    });
  }

  /** A DEPT caller sees its own department's notifications only; OFFICE and LEADER see all. */
  private scope(): FilterQuery<PerformanceNotification> {
    return this.user.role === 'DEPT' ? { departmentCode: this.user.department ?? '' } : {};
  }

  async get(id: string): Promise<PerformanceNotification | null> {
    return this.em.findOne(PerformanceNotification, { $and: [{ id: requireUuid(id, 'id') }, this.scope()] });
  }

  async list(filter: PerformanceNotificationFilter | undefined, window: { limit: number; offset: number }) {
    const conditions: FilterQuery<PerformanceNotification>[] = [this.scope()];
    if (filter?.departmentCode) conditions.push({ departmentCode: filter.departmentCode });
    if (filter?.projectId) conditions.push({ projectId: requireUuid(filter.projectId, 'filter.projectId') });
    if (filter?.recorded === true) conditions.push({ recordedOn: { $ne: null } });
    if (filter?.recorded === false) conditions.push({ recordedOn: null });
    if (filter?.pending === true) conditions.push({ recordedOn: null, closedOn: null });
    if (filter?.pending === false) conditions.push({ $or: [{ recordedOn: { $ne: null } }, { closedOn: { $ne: null } }] });
    if (filter?.overdue === true) conditions.push({ recordedOn: null, closedOn: null, recordingDueOn: { $lt: this.today() } });
    if (filter?.overdue === false) {
      conditions.push({ $or: [{ recordedOn: { $ne: null } }, { closedOn: { $ne: null } }, { recordingDueOn: { $gte: this.today() } }] });
    }
    if (filter?.review) {
      const period = requirePeriod(filter.review.period, 'filter.review.period');
      const { sql, params } = notificationFigureSql(filter.review.figure, period, periodEndAsOf(period, this.today()));
      const ids = await this.em.getConnection().execute<{ id: string }[]>(`select id from performance_notification where ${sql}`, params);
      conditions.push({ id: { $in: ids.map((row) => row.id) } });
    }
    return this.em.findAndCount(
      PerformanceNotification,
      { $and: conditions },
      {
        limit: window.limit,
        offset: window.offset,
        orderBy: { notifiedOn: 'desc', id: 'asc' },
      },
    );
  }
}

import {
  currentCalendar,
  ForbiddenError,
  InputError,
  keysetPage,
  NotFoundError,
  pageWindow,
  periodEndAsOf,
  requirePeriod,
  requireUuid,
  type Caller,
  type Clock,
  type KeysetOrder,
  type PageArgs,
} from '@hub/kit';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { caseAccess, caseScope } from './access';
import { Case } from './case.entity';
import { CaseOrder, type CaseFilter } from './case.inputs';
import { caseFigureSql } from './review';
import { verifySecret } from './receipt';

/** Case lists page by keyset (stable while cases arrive): newest first, and soonest due first. */
const CASE_ORDER: KeysetOrder = [
  ['receivedAt', 'desc'],
  ['id', 'asc'],
];
/** The intake queue: the acceptance due date is set at intake and never null, so it can lead the keyset. */
const ACCEPTANCE_ORDER: KeysetOrder = [
  ['acceptanceDueOn', 'asc'],
  ['receivedAt', 'asc'],
  ['id', 'asc'],
];
const LIST_ORDERS: Record<CaseOrder, KeysetOrder> = {
  [CaseOrder.RECEIVED_NEWEST_FIRST]: CASE_ORDER,
  [CaseOrder.ACCEPTANCE_DEADLINE]: ACCEPTANCE_ORDER,
};
const DUE_ORDER: KeysetOrder = [
  ['nextDueOn', 'asc'],
  ['receivedAt', 'asc'],
  ['id', 'asc'],
];

/** The case reads behind the root fields: row scope, filters, validation of the arguments, paging. */
export class CaseQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return this.clock.today();
  }

  private scopeOrForbidden(): FilterQuery<Case> {
    const scope = caseScope(this.user);
    if (scope === null) throw new ForbiddenError(`Role ${this.user.role} reads no cases`);
    return scope;
  }

  /** One case, or null; FORBIDDEN when the caller may not see it at all. */
  async byId(id: string): Promise<Case | null> {
    const found = await this.em.findOne(Case, { id: requireUuid(id, 'id') });
    if (!found) return null;
    if (caseAccess(this.user, found) === 'NONE') throw new ForbiddenError(`Case ${id} is not visible to role ${this.user.role}`);
    return found;
  }

  async list(page: PageArgs, filter: CaseFilter | null, order: CaseOrder = CaseOrder.RECEIVED_NEWEST_FIRST) {
    const window = pageWindow(page);
    const today = this.today();
    const where: FilterQuery<Case>[] = [this.scopeOrForbidden()];
    if (filter?.kind) where.push({ kind: filter.kind });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.department) where.push({ responsibleDepartments: { $contains: [filter.department] } });
    if (filter?.projectId) where.push({ projectId: requireUuid(filter.projectId, 'filter.projectId') });
    if (filter?.receivedFrom) where.push({ receivedOn: { $gte: filter.receivedFrom } });
    if (filter?.receivedTo) where.push({ receivedOn: { $lte: filter.receivedTo } });
    if (filter?.overdue === true) where.push({ nextDueOn: { $lt: today } });
    if (filter?.overdue === false) where.push({ $or: [{ nextDueOn: null }, { nextDueOn: { $gte: today } }] });
    if (filter?.review) {
      const period = requirePeriod(filter.review.period, 'filter.review.period');
      const { sql, params } = caseFigureSql(filter.review.figure, period, periodEndAsOf(period, today));
      const ids = await this.em.getConnection().execute<{ id: string }[]>(`select c.id from case_file c where ${sql}`, params);
      where.push({ id: { $in: ids.map((row) => row.id) } });
    }
    return keysetPage(this.em, Case, { $and: where }, window, LIST_ORDERS[order]);
  }

  /**
   * Open cases of a department due within `withinDays` calendar days, and the overdue ones unless
   * `includeOverdue` is false (a dashboard that lists those apart); a DEPT officer defaults to its own department.
   */
  async dueSoon(page: PageArgs, department: string | null, withinDays: number, includeOverdue = true) {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 60)
      throw new InputError('withinDays must be 0 to 60', { field: 'withinDays', rule: '0..60' });
    const window = pageWindow(page);
    const code = department ?? (this.user.role === 'DEPT' ? this.user.department : undefined);
    const limit = currentCalendar().addCalendarDays(this.today(), withinDays).date;
    // Overdue is a pending deadline before today (as the `overdue` filter of `list` counts it).
    const due = includeOverdue ? { $ne: null, $lte: limit } : { $gte: this.today(), $lte: limit };
    const where: FilterQuery<Case> = { nextDueOn: due, ...(code ? { responsibleDepartments: { $contains: [code] } } : {}) };
    // nextDueOn is never null here (the filter), so it can lead the keyset.
    return keysetPage(this.em, Case, where, window, DUE_ORDER);
  }

  /** For the submitter: the case behind a receipt number and secret; the same NOT_FOUND for an unknown number and a wrong secret (the pair is the credential). */
  async byReceipt(receiptNumber: string, secret: string): Promise<Case> {
    const c = await this.em.findOne(Case, { receiptNumber: receiptNumber.trim().toUpperCase() });
    if (!c || !verifySecret(secret, c.secretHash)) throw new NotFoundError('Case receipt', receiptNumber);
    return c;
  }
}

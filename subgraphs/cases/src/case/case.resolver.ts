import {
  Connection,
  currentCalendar,
  entitiesSelect,
  firmUpCalendarDates,
  LocalDateScalar,
  PageArgs,
  pageWindow,
  PeriodInput,
  type BatchReferenceResolver,
} from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DepartmentRef, EnforcerRef, MarketEntityRef, ProjectRef } from '../federation/refs';
import type { Context } from '../loaders';
import { RectificationTask } from '../rectification/rectification.entity';
import { caseVisibility } from '../visibility';
import { canSeeContact, canSeeSubmitter } from './access';
import { Case, CaseEvent } from './case.entity';
import {
  AssignCaseEnforcersInput,
  CaseFilter,
  CaseOrder,
  CaseStepInput,
  DecideCaseInput,
  OpenCaseFromInspectionFindingInput,
  RecordReceivedComplaintInput,
  RecordReceivedReportInput,
  RecordReferralInput,
  RejectCaseInput,
  RouteCaseInput,
  SendCaseFeedbackInput,
  StartCaseInvestigationInput,
  SubmitComplaintInput,
  SubmitReportInput,
  SuperviseCaseInput,
} from './case.inputs';
import type { IntakeResult } from './case.service';
import { CaseDeadline, CaseReceipt, CaseReceiptStatus, CaseStats, CaseView } from './case.types';
import { allowedTransitions, CaseStatus, CaseTransition, PENDING_ACCEPTANCE, PENDING_RESOLUTION } from './case-states';
import { acceptanceDue, CASE_DEADLINE_RULES, deadlineState, resolutionDue } from './deadlines';
import { caseDeadlineDates } from './firm-up';
import { Allowed } from '../access-policy';

export const CaseConnection = Connection(Case, 'Case');

/** Acceptance deadline, recomputed on the calendar in force (so a newly published year firms up provisional dates). */
export function acceptanceDeadline(c: Case, today: string): CaseDeadline {
  const calendar = currentCalendar();
  return deadlineState(calendar, acceptanceDue(calendar, c.kind, c.receivedOn), CASE_DEADLINE_RULES[c.kind].unit, c.acceptedOn ?? c.rejectedOn ?? null, today);
}

/** Resolution deadline: none until accepted, none for a refused case. */
export function resolutionDeadline(c: Case, today: string): CaseDeadline | null {
  if (!c.acceptedOn) return null;
  const calendar = currentCalendar();
  return deadlineState(calendar, resolutionDue(calendar, c.kind, c.acceptedOn, c.referralDueOn), CASE_DEADLINE_RULES[c.kind].unit, c.decidedOn ?? null, today);
}

const service = (ctx: Context) => ctx.services.cases;
const queries = (ctx: Context) => ctx.services.queries;
const today = (ctx: Context) => ctx.clock.today();
// Fields a summary does not show are hidden by the declaration in ../visibility.ts, not here.
const full = (ctx: Context, c: Case) => caseVisibility.view(ctx, c) === 'FULL';

function receipt(result: IntakeResult, on: string): CaseReceipt {
  return {
    receiptNumber: result.case.receiptNumber,
    secret: result.secret,
    status: result.case.status,
    receivedOn: result.case.receivedOn,
    acceptanceDeadline: acceptanceDeadline(result.case, on),
    duplicate: result.duplicate,
  };
}

@Resolver(() => Case)
export class CaseResolver {
  @Allowed('query.case')
  @Query(() => Case, { nullable: true, description: 'A case by id; FORBIDDEN for an enforcer not assigned to it.' })
  case(@Arg('id', () => ID, { description: 'UUID of the case.' }) id: string, @Ctx() ctx: Context): Promise<Case | null> {
    return queries(ctx).byId(id);
  }

  @Allowed('query.cases')
  @Query(() => CaseConnection, {
    description:
      "Cases, newest first unless `orderBy` says otherwise; a DEPT officer gets summaries of other departments' cases, an enforcer only the cases assigned to them.",
  })
  cases(
    @Args() page: PageArgs,
    @Arg('filter', () => CaseFilter, { nullable: true, description: 'Conditions the cases must meet; null lists every case the caller may see.' })
    filter: CaseFilter | null,
    @Arg('orderBy', () => CaseOrder, {
      defaultValue: CaseOrder.RECEIVED_NEWEST_FIRST,
      description: "The list's order; a cursor is only valid with the order that issued it.",
    })
    orderBy: CaseOrder,
    @Ctx() ctx: Context,
  ) {
    return queries(ctx).list(page, filter, orderBy);
  }

  @Allowed('query.casesDueSoon')
  @Query(() => CaseConnection, {
    description:
      'Open cases of a department whose pending deadline (acceptance, then resolution) is past (unless `includeOverdue` is false) or within `withinDays` calendar days, soonest first. A DEPT officer defaults to its own department.',
  })
  async casesDueSoon(
    @Args() page: PageArgs,
    @Arg('department', () => String, {
      nullable: true,
      description: "Department code (e.g. ZJJ); null means the caller's own department for a DEPT officer, every department for the office and leaders.",
    })
    department: string | null,
    @Arg('withinDays', () => Int, { defaultValue: 3, description: 'Calendar days ahead to look, 0 to 60; default 3.' }) withinDays: number,
    @Arg('includeOverdue', () => Boolean, {
      defaultValue: true,
      description: 'Whether cases already past their pending deadline are listed too (first, as the most pressing); false for only those still due.',
    })
    includeOverdue: boolean,
    @Ctx() ctx: Context,
  ) {
    return queries(ctx).dueSoon(page, department, withinDays, includeOverdue);
  }

  @Allowed('query.districtCaseStats')
  @Query(() => CaseStats, {
    description:
      "The district's case figures for a period as they stood at its end, each case counted once whichever departments handle it (a split case is in each of its departments' Department.caseStats), the office's own cases included; each equals cases(filter: { review: { period, figure } }).totalCount.",
  })
  districtCaseStats(
    @Arg('period', () => PeriodInput, { description: 'The review period; from and to inclusive, YYYY-MM-DD (Asia/Shanghai).' }) period: PeriodInput,
    @Ctx() { services }: Context,
  ) {
    return services.caseStats.ofDistrict(period);
  }

  @Query(() => CaseReceiptStatus, { description: 'For the submitter: the status of a case by receipt number and secret (public; a wrong pair is NOT_FOUND).' })
  async caseStatusByReceipt(
    @Arg('receiptNumber', { description: 'Receipt number (受理回执编号) from the submission.' }) receiptNumber: string,
    @Arg('secret', { description: 'The one-time secret returned with the receipt.' }) secret: string,
    @Ctx() ctx: Context,
  ): Promise<CaseReceiptStatus> {
    const c = await queries(ctx).byReceipt(receiptNumber, secret);
    const on = today(ctx);
    return {
      receiptNumber: c.receiptNumber,
      kind: c.kind,
      status: c.status,
      receivedOn: c.receivedOn,
      acceptanceDeadline: acceptanceDeadline(c, on),
      resolutionDeadline: resolutionDeadline(c, on),
      acceptedOn: c.acceptedOn ?? null,
      rejectedOn: c.rejectedOn ?? null,
      refusalGround: c.refusalGround ?? null,
      refusalReason: c.refusalReason ?? null,
      feedback: c.feedback ?? null,
      feedbackOn: c.feedbackOn ?? null,
    };
  }

  @FieldResolver(() => CaseView, { description: 'Which view the caller got.' })
  view(@Root() c: Case, @Ctx() ctx: Context): CaseView {
    return full(ctx, c) ? CaseView.FULL : CaseView.SUMMARY;
  }

  @FieldResolver(() => ProjectRef, { description: 'The tender project the case is about (owned by the projects slice).' })
  project(@Root() c: Case): ProjectRef {
    return { id: c.projectId };
  }

  @FieldResolver(() => DepartmentRef, { description: "The project's supervising department (行业主管部门) at intake." })
  supervisingDepartment(@Root() c: Case): DepartmentRef {
    return { code: c.supervisingDepartmentCode };
  }

  @FieldResolver(() => [DepartmentRef], { description: 'Departments handling the case once routed (ZWJ for 自办).' })
  handlingDepartments(@Root() c: Case): DepartmentRef[] {
    return c.handlingDepartments.map((code) => ({ code }));
  }

  @FieldResolver(() => [MarketEntityRef], { nullable: true, description: 'Respondents (被投诉/被举报人); null in the summary view.' })
  respondents(@Root() c: Case): MarketEntityRef[] {
    return c.respondentCreditCodes.map((creditCode) => ({ creditCode }));
  }

  @FieldResolver(() => [EnforcerRef], { description: 'Enforcers assigned to the case (resolved by the enforcers slice); empty in the summary view.' })
  assignedEnforcers(@Root() c: Case): EnforcerRef[] {
    return c.assignedEnforcerIds.map((id) => ({ id }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Facts, grounds and evidence; null in the summary view.' })
  details(@Root() c: Case): string {
    return c.details;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Complainant, reporter, referring authority or inspector. A reporter's identity is for the office only.",
  })
  submitterName(@Root() c: Case, @Ctx() { user }: Context): string | null {
    return canSeeSubmitter(user, c) ? (c.submitterName ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Relation to the project (complaints) or the referring role.' })
  submitterRelation(@Root() c: Case, @Ctx() { user }: Context): string | null {
    return canSeeSubmitter(user, c) ? (c.submitterRelation ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Submitter's contact: the office, and for a complaint the handling department." })
  submitterContact(@Root() c: Case, @Ctx() { user }: Context): string | null {
    return canSeeContact(user, c) ? (c.submitterContact ?? null) : null;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'When the complainant knew of the matter (10-day window).' })
  knewOn(@Root() c: Case): string | null {
    return c.knewOn ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Stated refusal reason; null in the summary view.' })
  refusalReason(@Root() c: Case): string | null {
    return c.refusalReason ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Action taken (处理措施); null in the summary view.' })
  actionTaken(@Root() c: Case): string | null {
    return c.actionTaken ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Penalty by the competent department (行政处罚); null in the summary view.' })
  penalty(@Root() c: Case): string | null {
    return c.penalty ?? null;
  }

  @FieldResolver(() => DepartmentRef, { nullable: true, description: 'The department that decided (处罚权属不变).' })
  decidedByDepartment(@Root() c: Case): DepartmentRef | null {
    return c.decidedByDepartment ? { code: c.decidedByDepartment } : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The result fed back to the submitter; null in the summary view.' })
  feedback(@Root() c: Case): string | null {
    return c.feedback ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The superior's document number (交办件)." })
  referralReference(@Root() c: Case): string | null {
    return c.referralReference ?? null;
  }

  @FieldResolver(() => CaseDeadline, { description: 'Decide whether to accept: complaint 2 working days, report 5 days from receipt.' })
  acceptanceDeadline(@Root() c: Case, @Ctx() ctx: Context): CaseDeadline {
    return acceptanceDeadline(c, today(ctx));
  }

  @FieldResolver(() => CaseDeadline, {
    nullable: true,
    description: 'Resolve after acceptance: complaint 15 working days, report 30 days; null until accepted.',
  })
  resolutionDeadline(@Root() c: Case, @Ctx() ctx: Context): CaseDeadline | null {
    return resolutionDeadline(c, today(ctx));
  }

  @FieldResolver({ description: 'The pending deadline (acceptance or resolution) has passed.' })
  overdue(@Root() c: Case, @Ctx() ctx: Context): boolean {
    const on = today(ctx);
    if (PENDING_ACCEPTANCE.includes(c.status)) return acceptanceDeadline(c, on).overdue;
    if (PENDING_RESOLUTION.includes(c.status)) return resolutionDeadline(c, on)?.overdue ?? false;
    return false;
  }

  @FieldResolver(() => [CaseTransition], { description: 'Transitions the state machine allows next (who may take them is checked on the mutation).' })
  allowedTransitions(@Root() c: Case): CaseTransition[] {
    return allowedTransitions(c.status);
  }

  @FieldResolver(() => [CaseEvent], { description: 'The trail (全程留痕), oldest first; comments and enforcer ids are null in the summary view.' })
  async events(@Root() c: Case, @Ctx() ctx: Context): Promise<CaseEvent[]> {
    const events = await ctx.loaders.eventsByCase.load(c.id);
    return full(ctx, c) ? events : events.map((e) => ({ ...e, comment: null, enforcerIds: null }) as CaseEvent);
  }

  @FieldResolver(() => [RectificationTask], { description: 'Rectification tasks (整改) ordered by this case; empty in the summary view.' })
  async rectificationTasks(@Root() c: Case, @Ctx() { loaders }: Context): Promise<RectificationTask[]> {
    return loaders.tasksByCase.load(c.id);
  }

  @Mutation(() => CaseReceipt, {
    description: 'Submit a complaint (投诉) online or at the window: identified, within 10 days of knowing. Idempotent on idempotencyKey.',
  })
  async submitComplaint(@Arg('input', { description: 'The complaint.' }) input: SubmitComplaintInput, @Ctx() ctx: Context): Promise<CaseReceipt> {
    return receipt(await service(ctx).submitComplaint(input), today(ctx));
  }

  @Mutation(() => CaseReceipt, { description: 'Submit a report (举报), anonymously if wished. Idempotent on idempotencyKey.' })
  async submitReport(@Arg('input', { description: 'The report.' }) input: SubmitReportInput, @Ctx() ctx: Context): Promise<CaseReceipt> {
    return receipt(await service(ctx).submitReport(input), today(ctx));
  }

  @Allowed('mutation.recordReceivedComplaint')
  @Mutation(() => CaseReceipt, {
    description:
      'Enter a complaint the office received at the window, by letter, phone, e-mail or online, with the actual receipt time: the 10-day window is judged and the deadlines run from the receipt day. Idempotent on idempotencyKey.',
  })
  async recordReceivedComplaint(
    @Arg('input', { description: 'The complaint as received, with its receipt time and channel.' }) input: RecordReceivedComplaintInput,
    @Ctx() ctx: Context,
  ): Promise<CaseReceipt> {
    return receipt(await service(ctx).submitComplaint(input, { receivedAt: input.receivedAt, channel: input.channel }), today(ctx));
  }

  @Allowed('mutation.recordReceivedReport')
  @Mutation(() => CaseReceipt, {
    description:
      'Enter a report the office received at the window, by letter, phone, e-mail or online, with the actual receipt time (deadlines run from it). Idempotent on idempotencyKey.',
  })
  async recordReceivedReport(
    @Arg('input', { description: 'The report as received, with its receipt time and channel.' }) input: RecordReceivedReportInput,
    @Ctx() ctx: Context,
  ): Promise<CaseReceipt> {
    return receipt(await service(ctx).submitReport(input, { receivedAt: input.receivedAt, channel: input.channel }), today(ctx));
  }

  @Allowed('mutation.openCaseFromInspectionFinding')
  @Mutation(() => Case, {
    description: 'Open the case of an inspection finding (检查发现), accepted at once; the same findingId always returns the same case.',
  })
  openCaseFromInspectionFinding(@Arg('input', { description: 'The finding.' }) input: OpenCaseFromInspectionFindingInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).openFromInspectionFinding(input);
  }

  @Allowed('mutation.recordReferral')
  @Mutation(() => Case, { description: 'Record a matter assigned by a superior (交办件), accepted at once.' })
  recordReferral(@Arg('input', { description: 'The referral.' }) input: RecordReferralInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).recordReferral(input);
  }

  @Allowed('mutation.acceptCase')
  @Mutation(() => Case, { description: 'Accept a submitted case (受理).' })
  acceptCase(@Arg('input', { description: 'The case to accept, with an optional comment.' }) input: CaseStepInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).acceptCase(input);
  }

  @Allowed('mutation.rejectCase')
  @Mutation(() => Case, { description: 'Refuse a submitted case (不予受理) on a statutory ground, or OTHER with a reason.' })
  rejectCase(@Arg('input', { description: 'The case to refuse and the ground.' }) input: RejectCaseInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).rejectCase(input);
  }

  @Allowed('mutation.routeCase')
  @Mutation(() => Case, { description: "Route an accepted case: 自办, 分办 or 转办 (default: the project's supervising department)." })
  routeCase(@Arg('input', { description: 'The case and how to route it.' }) input: RouteCaseInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).routeCase(input);
  }

  @Allowed('mutation.startInvestigation')
  @Mutation(() => Case, { description: 'Start the investigation (调查核实), optionally assigning enforcers: the handling department only.' })
  startInvestigation(
    @Arg('input', { description: 'The case and the enforcers to assign.' }) input: StartCaseInvestigationInput,
    @Ctx() ctx: Context,
  ): Promise<Case> {
    return service(ctx).startInvestigation(input);
  }

  @Allowed('mutation.assignEnforcers')
  @Mutation(() => Case, { description: 'Assign enforcers (by roster id) to a routed or investigated case: the office or the handling department.' })
  assignEnforcers(@Arg('input', { description: 'The case and the enforcers to add.' }) input: AssignCaseEnforcersInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).assignEnforcers(input);
  }

  @Allowed('mutation.decideCase')
  @Mutation(() => Case, { description: 'Record the decision (处理决定): substantiated or not, action, penalty — the handling (competent) department only.' })
  decideCase(@Arg('input', { description: 'The case and the decision.' }) input: DecideCaseInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).decideCase(input);
  }

  @Allowed('mutation.sendCaseFeedback')
  @Mutation(() => Case, { description: 'Record that the result was fed back to the submitter (反馈).' })
  sendCaseFeedback(@Arg('input', { description: 'The case and the feedback.' }) input: SendCaseFeedbackInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).sendFeedback(input);
  }

  @Allowed('mutation.archiveCase')
  @Mutation(() => Case, { description: 'Archive a case after feedback or refusal (归档).' })
  archiveCase(@Arg('input', { description: 'The case to archive.' }) input: CaseStepInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).archiveCase(input);
  }

  @Allowed('mutation.superviseCase')
  @Mutation(() => Case, { description: 'Add a supervision note (督办) at any time; the status does not change.' })
  superviseCase(@Arg('input', { description: 'The case and the supervision note.' }) input: SuperviseCaseInput, @Ctx() ctx: Context): Promise<Case> {
    return service(ctx).superviseCase(input);
  }

  @Allowed('mutation.refreshCaseDeadlines')
  @Mutation(() => Int, {
    description:
      'Recompute provisional due dates now (the hub does this by itself at start and when the calendar file changes); returns how many cases changed.',
  })
  async refreshCaseDeadlines(@Ctx() ctx: Context): Promise<number> {
    return (await firmUpCalendarDates(ctx.em, [caseDeadlineDates], ctx.log, `refreshCaseDeadlines by ${ctx.user.sub}`)).changed;
  }
}

/** A project reference, with its cases when they were read ahead with the reference (resolveProjects). */
type ProjectWithCases = ProjectRef & { preloadedCases?: Case[] };

@Resolver(() => ProjectRef)
export class ProjectCasesResolver {
  @FieldResolver(() => [Case], { nullable: true, description: 'Cases about this project the caller may see (none for the public or the trading center).' })
  cases(@Root() project: ProjectWithCases, @Ctx() { loaders }: Context): Case[] | Promise<Case[]> {
    return project.preloadedCases ?? loaders.casesByProject.load(project.id);
  }
}

/**
 * Project references, all the projects of one `_entities` call at once. When the call asks for
 * their cases (the joined view asks for those of a whole page), they are read with the references,
 * in the one statement the field's loader would send, and the field answers with values: no promise
 * per project. A call that does not ask for cases reads nothing, as before.
 */
export const resolveProjects: BatchReferenceResolver<Context> = (refs: { id: string }[], { loaders }, info) => {
  const projects: ProjectWithCases[] = refs.map((ref) => Object.assign(new ProjectRef(), ref));
  if (!entitiesSelect(info, 'Project', 'cases')) return projects;
  return loaders.casesOfProjects(projects.map((p) => p.id)).then((lists) => {
    projects.forEach((project, i) => (project.preloadedCases = lists[i]));
    return projects;
  });
};

@Resolver(() => MarketEntityRef)
export class MarketEntityCasesResolver {
  @FieldResolver(() => [Case], { nullable: true, description: 'Cases naming this entity as respondent, that the caller may see.' })
  cases(@Root() entity: MarketEntityRef, @Ctx() { loaders }: Context): Promise<Case[]> {
    return loaders.casesByRespondent.load(entity.creditCode);
  }
}

@Resolver(() => DepartmentRef)
export class DepartmentCasesResolver {
  @FieldResolver(() => CaseConnection, {
    nullable: true,
    description: 'Cases this department is responsible for (handling, or supervising until routed), newest first.',
  })
  cases(
    @Root() department: DepartmentRef,
    @Args() page: PageArgs,
    @Arg('status', () => CaseStatus, { nullable: true, description: 'Only cases in this status; null lists all.' }) status: CaseStatus | null,
    @Ctx() { loaders }: Context,
  ) {
    const { limit, offset } = pageWindow(page);
    return loaders.casesByDepartment.load({ code: department.code, status: status ?? null, limit, offset });
  }

  @Allowed('Department.caseStats')
  @FieldResolver(() => CaseStats, {
    nullable: true,
    description:
      'Case figures for a period as they stood at its end (today for the current period); each equals cases(filter: { department, review: { period, figure } }).totalCount.',
  })
  caseStats(
    @Root() department: DepartmentRef,
    @Arg('period', () => PeriodInput, { description: 'The review period; from and to inclusive, YYYY-MM-DD (Asia/Shanghai).' }) period: PeriodInput,
    @Ctx() { services }: Context,
  ) {
    return services.caseStats.ofDepartment(department.code, period);
  }
}

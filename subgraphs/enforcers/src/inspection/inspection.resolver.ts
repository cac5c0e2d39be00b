import { Connection, PageArgs, pageWindow, type Caller } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canReadInspection } from '../access';
import { Enforcer } from '../enforcer/enforcer.entity';
import { CaseRef, DepartmentRef, MarketEntityRef, ProjectRef } from '../federation/refs';
import type { Context } from '../loaders';
import { Inspection, InspectionDraw, InspectionFinding, InspectionItem, InspectionPlan } from './inspection.entity';
import { DrawCommitment, DrawRound, DrawRoundStatus } from './draw-round.entity';
import type { DrawManifest } from '../draw/algorithm';
import {
  CreateInspectionItemInput,
  CreateInspectionPlanInput,
  DrawExclusion,
  DrawRosterEntry,
  DrawVerification,
  FreezeDrawInput,
  InspectionDrawResult,
  InspectionFilter,
  InspectionResultInput,
} from './inspection.types';
import { Allowed } from '../access-policy';
import { OFFICE_UNIT } from './draw-procedure';

export const InspectionConnection = Connection(Inspection, 'Inspection');
export const InspectionPlanConnection = Connection(InspectionPlan, 'InspectionPlan');
export const InspectionDrawConnection = Connection(InspectionDraw, 'InspectionDraw');

/**
 * Who did an office step (plan, freeze, draw): the user's token subject for signed-in callers; the
 * public gets the office's unit code instead, since 一公开 publishes the draw, not the staff's identities.
 */
const stepBy = (user: Caller, subject: string) => (user.role === 'PUBLIC' ? OFFICE_UNIT : subject);

const service = (ctx: Context) => ctx.services.inspections;

@Resolver(() => InspectionItem)
export class InspectionItemResolver {
  @Query(() => [InspectionItem], { description: 'The inspection-item list (抽查事项清单), public.' })
  inspectionItems(@Ctx() ctx: Context): Promise<InspectionItem[]> {
    return service(ctx).items();
  }

  @Allowed('mutation.createInspectionItem')
  @Mutation(() => InspectionItem, { description: 'Adds an item to the inspection-item list.' })
  createInspectionItem(@Arg('input', { description: 'The item to add.' }) input: CreateInspectionItemInput, @Ctx() ctx: Context) {
    return service(ctx).createItem(input);
  }
}

@Resolver(() => InspectionPlan)
export class InspectionPlanResolver {
  @Allowed('query.inspectionPlans')
  @Query(() => InspectionPlanConnection, { description: 'Random-inspection plans, newest period first.' })
  inspectionPlans(
    @Args() page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'Only plans of this year; null lists all.' }) year: number | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).plans(year, pageWindow(page));
  }

  @Allowed('query.inspectionPlan')
  @Query(() => InspectionPlan, { nullable: true, description: 'A plan by id; null when none has it. Any signed-in role.' })
  inspectionPlan(@Arg('id', () => ID, { description: 'UUID of the plan.' }) id: string, @Ctx() ctx: Context): Promise<InspectionPlan | null> {
    return service(ctx).plan(id);
  }

  @FieldResolver(() => String, { description: 'Who created the plan: the token subject of the office user; the public gets the unit code ZWJ.' })
  createdBy(@Root() plan: InspectionPlan, @Ctx() { user }: Context): string {
    return stepBy(user, plan.createdBy);
  }

  @FieldResolver(() => Float, { description: 'Share of the pool drawn (≥ 0.05).' })
  samplingRatio(@Root() plan: InspectionPlan): number {
    return plan.samplingRatioBasisPoints / 10_000;
  }

  @FieldResolver(() => [InspectionItem], { description: 'The inspection items the plan checks.' })
  items(@Root() plan: InspectionPlan, @Ctx() { loaders }: Context): Promise<InspectionItem[]> {
    return loaders.itemsByPlan.load(plan.id);
  }

  @FieldResolver(() => [InspectionDraw], { description: 'Every draw of the plan, newest first (superseded ones included: nothing is silently replaced).' })
  draws(@Root() plan: InspectionPlan, @Ctx() { loaders }: Context): Promise<InspectionDraw[]> {
    return loaders.drawsByPlan.load(plan.id);
  }

  @FieldResolver(() => [DrawRound], { description: 'Every commit-reveal round of the plan, newest first (abandoned ones included).' })
  rounds(@Root() plan: InspectionPlan, @Ctx() { loaders }: Context): Promise<DrawRound[]> {
    return loaders.roundsByPlan.load(plan.id);
  }

  @FieldResolver(() => InspectionDraw, { nullable: true, description: 'The committed draw in force.' })
  async currentDraw(@Root() plan: InspectionPlan, @Ctx() { loaders }: Context): Promise<InspectionDraw | null> {
    return (await loaders.drawsByPlan.load(plan.id)).find((d) => !d.supersededAt) ?? null;
  }

  @Allowed('mutation.createInspectionPlan')
  @Mutation(() => InspectionPlan, { description: 'Creates a plan: period, items, sampling ratio ≥ 5%, ≥ 2 inspectors per project.' })
  createInspectionPlan(@Arg('input', { description: 'The plan to create.' }) input: CreateInspectionPlanInput, @Ctx() ctx: Context) {
    return service(ctx).createPlan(input);
  }
}

@Resolver(() => InspectionDraw)
export class InspectionDrawResolver {
  @Query(() => InspectionDraw, { nullable: true, description: 'A draw: signed-in callers, or anyone once it is published.' })
  inspectionDraw(@Arg('id', () => ID, { description: 'UUID of the draw.' }) id: string, @Ctx() ctx: Context): Promise<InspectionDraw | null> {
    return service(ctx).getDraw(id);
  }

  @Query(() => InspectionDrawConnection, {
    description:
      'Published draws (双随机一公开: a draw is public once its first inspection result is published), the latest published first; superseded ones included. Public.',
  })
  publishedDraws(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return service(ctx).publishedDraws(pageWindow(page));
  }

  @Query(() => DrawVerification, {
    description: 'Re-runs a stored draw from its seed, pool and roster and says whether it matches (public for published draws).',
  })
  verifyDraw(@Arg('drawId', () => ID, { description: 'UUID of the draw to re-run.' }) drawId: string, @Ctx() ctx: Context): Promise<DrawVerification> {
    return service(ctx).verify(drawId);
  }

  @Allowed('mutation.freezeDraw')
  @Mutation(() => DrawRound, {
    description:
      'Freezes and publishes a draw round of a plan (pool, pseudonymous roster snapshot, exclusions, parameters, participants, with the manifest hash); a redraw gives redrawReason. docs/draw.md.',
  })
  freezeDraw(
    @Arg('input', { description: 'The plan, participants, reveal deadline and (for a redraw) the reason.' }) input: FreezeDrawInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).freeze(input);
  }

  @Allowed('mutation.commitDrawSecret')
  @Mutation(() => DrawRound, {
    description:
      'A participating unit commits SHA-256 of its 32-byte secret (the office for ZWJ, a department officer for its department, a leader for LEADING_GROUP).',
  })
  commitDrawSecret(
    @Arg('roundId', () => ID, { description: 'UUID of the round.' }) roundId: string,
    @Arg('commitment', { description: "SHA-256 (64 hex characters) of the unit's 32-byte secret; keep the secret until the reveal." }) commitment: string,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).commit(roundId, commitment);
  }

  @Allowed('mutation.revealDrawSecret')
  @Mutation(() => DrawRound, {
    description:
      'A participating unit reveals its secret once commitments are closed, before the deadline; the office reveals first. The last reveal fixes the seed.',
  })
  revealDrawSecret(
    @Arg('roundId', () => ID, { description: 'UUID of the round.' }) roundId: string,
    @Arg('secret', { description: "The unit's 32-byte secret (64 hex characters) whose SHA-256 it committed." }) secret: string,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).reveal(roundId, secret);
  }

  @Allowed('mutation.drawInspections')
  @Mutation(() => InspectionDraw, {
    description:
      "Makes the draw of the plan's round whose secrets are all revealed (the seed nobody chose); a redraw round supersedes the draw in force. One draw in force per plan.",
  })
  drawInspections(@Arg('planId', () => ID, { description: 'UUID of the plan whose revealed round to draw from.' }) planId: string, @Ctx() ctx: Context) {
    return service(ctx).draw(planId);
  }

  @Allowed('mutation.abandonDrawRound')
  @Mutation(() => DrawRound, {
    description: 'Ends a round without a draw, recorded with the units that did not commit or reveal (after the deadline once any secret is revealed).',
  })
  abandonDrawRound(
    @Arg('roundId', () => ID, { description: 'UUID of the round.' }) roundId: string,
    @Arg('reason', { description: 'Why the round is abandoned, 1 to 4000 characters; recorded and public with the round.' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).abandon(roundId, reason);
  }

  @FieldResolver(() => String, { description: 'Who made the draw: the token subject of the office user; the public gets the unit code ZWJ.' })
  committedBy(@Root() draw: InspectionDraw, @Ctx() { user }: Context): string {
    return stepBy(user, draw.committedBy);
  }

  @FieldResolver(() => InspectionPlan, { description: 'The plan the draw was made for.' })
  plan(@Root() draw: InspectionDraw, @Ctx() { loaders }: Context) {
    return loaders.planById.load(draw.plan.id);
  }

  @FieldResolver(() => Float, { description: 'Share of the pool the plan asked for (0.05 = 5%, at least 5%).' })
  samplingRatio(@Root() draw: InspectionDraw): number {
    return draw.samplingRatioBasisPoints / 10_000;
  }

  @FieldResolver(() => Int, { description: 'Number of projects in the pool the draw was made from.' })
  poolSize(@Root() draw: InspectionDraw): number {
    return draw.pool.length;
  }

  @FieldResolver(() => [ID], { description: 'The pool the draw was made from (project ids, sorted).' })
  poolProjectIds(@Root() draw: InspectionDraw): string[] {
    return draw.pool.map((p) => p.id);
  }

  @FieldResolver(() => InspectionDrawResult, { description: 'The stored result.' })
  result(@Root() draw: InspectionDraw): InspectionDrawResult {
    return draw.result;
  }

  @FieldResolver(() => DrawRound, {
    nullable: true,
    description: 'The commit-reveal round the seed came from, with its published manifest (null for legacy draw-v1 draws).',
  })
  async round(@Root() draw: InspectionDraw, @Ctx() { loaders }: Context): Promise<DrawRound | null> {
    return draw.round ? loaders.roundById.load(draw.round.id) : null;
  }

  @FieldResolver(() => InspectionDraw, { nullable: true, description: 'The draw this redraw superseded.' })
  async supersedes(@Root() draw: InspectionDraw, @Ctx() { loaders }: Context): Promise<InspectionDraw | null> {
    return draw.supersedes ? loaders.drawById.load(draw.supersedes.id) : null;
  }

  @FieldResolver(() => [Inspection], { description: 'Inspections of this draw the caller may see.' })
  async inspections(@Root() draw: InspectionDraw, @Ctx() { loaders, user }: Context): Promise<Inspection[]> {
    return (await loaders.inspectionsByDraw.load(draw.id)).filter((i) => canReadInspection(user, i));
  }
}

@Resolver(() => DrawRound)
export class DrawRoundResolver {
  @FieldResolver(() => String, { description: 'Who froze the round: the token subject of the office user; the public gets the unit code ZWJ.' })
  frozenBy(@Root() round: DrawRound, @Ctx() { user }: Context): string {
    return stepBy(user, round.frozenBy);
  }

  @FieldResolver(() => InspectionPlan, { description: 'The plan the round draws for.' })
  plan(@Root() round: DrawRound, @Ctx() { loaders }: Context) {
    return loaders.planById.load(round.plan.id);
  }

  @FieldResolver(() => [DrawRosterEntry], {
    description: 'The frozen roster snapshot: eligible inspectors (active, certified on the draw date) under per-draw pseudonyms, sorted by pseudonym.',
  })
  rosterSnapshot(@Root() round: DrawRound): DrawRosterEntry[] {
    return (JSON.parse(round.manifest) as DrawManifest).roster;
  }

  @FieldResolver(() => [DrawExclusion], { description: 'Pool projects with excluded inspectors (conflict of interest or recusal), as pseudonyms.' })
  exclusions(@Root() round: DrawRound): DrawExclusion[] {
    return (JSON.parse(round.manifest) as DrawManifest).exclusions;
  }

  @FieldResolver(() => [ID], { description: 'The frozen pool (project ids, sorted).' })
  poolProjectIds(@Root() round: DrawRound): string[] {
    return round.pool.map((p) => p.id);
  }

  @FieldResolver(() => [DrawCommitment], {
    description: 'Commitments in unit-code order; secrets are shown once every participant has revealed or the round ended.',
  })
  commitments(@Root() round: DrawRound, @Ctx() { loaders }: Context): Promise<DrawCommitment[]> {
    return loaders.commitmentsByRound.load(round.id);
  }
}

@Resolver(() => DrawCommitment)
export class DrawCommitmentResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The revealed secret (hex), shown once every participant has revealed or the round ended: before that nobody can compute the seed from the graph.',
  })
  async secret(@Root() commitment: DrawCommitment, @Ctx() { loaders }: Context): Promise<string | null> {
    const round = await loaders.roundById.load(commitment.round.id);
    return round.status === DrawRoundStatus.COMMITTING || round.status === DrawRoundStatus.REVEALING ? null : (commitment.secret ?? null);
  }

  @FieldResolver({ description: 'Whether the unit has revealed.' })
  revealed(@Root() commitment: DrawCommitment): boolean {
    return !!commitment.secret;
  }
}

@Resolver(() => Inspection)
export class InspectionResolver {
  @Allowed('query.inspections')
  @Query(() => InspectionConnection, {
    description: 'Inspections the caller may see: office and leaders all, a department its projects’, an enforcer theirs, plus published ones.',
  })
  async inspections(
    @Args() page: PageArgs,
    @Arg('filter', () => InspectionFilter, { nullable: true, description: 'Conditions the inspections must meet; null lists all the caller may see.' })
    filter: InspectionFilter | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).list(filter ?? {}, pageWindow(page));
  }

  @Query(() => InspectionConnection, { description: 'Published inspection results (一公开), public.' })
  publishedInspections(
    @Args() page: PageArgs,
    @Arg('departmentCode', () => String, { nullable: true, description: 'Only projects supervised by this department (code such as ZJJ); null lists all.' })
    departmentCode: string | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).published(departmentCode, pageWindow(page));
  }

  @Query(() => Inspection, {
    nullable: true,
    description:
      "One inspection: anyone once published, otherwise the office, leaders, the project's department and the drawn inspectors; null when none has the id.",
  })
  inspection(@Arg('id', () => ID, { description: 'UUID of the inspection.' }) id: string, @Ctx() ctx: Context): Promise<Inspection | null> {
    return service(ctx).get(id);
  }

  @Allowed('mutation.recordInspectionResult')
  @Mutation(() => Inspection, { description: 'Records checklist results and findings (the office or an assigned inspector).' })
  recordInspectionResult(@Arg('input', { description: 'The results.' }) input: InspectionResultInput, @Ctx() ctx: Context) {
    return service(ctx).recordResult(input);
  }

  @Allowed('mutation.publishInspection')
  @Mutation(() => Inspection, { description: 'Publishes recorded results (一公开).' })
  publishInspection(@Arg('id', () => ID, { description: 'UUID of the inspection to publish.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).publish(id);
  }

  @FieldResolver(() => ProjectRef, { description: 'The inspected project (owned by the projects slice).' })
  project(@Root() inspection: Inspection): ProjectRef {
    return { id: inspection.projectId };
  }

  @FieldResolver(() => DepartmentRef, { description: "The project's supervising department at draw time." })
  supervisingDepartment(@Root() inspection: Inspection): DepartmentRef {
    return { code: inspection.supervisingDepartmentCode };
  }

  @FieldResolver(() => InspectionPlan, { description: 'The plan the inspection belongs to.' })
  plan(@Root() inspection: Inspection, @Ctx() { loaders }: Context) {
    return loaders.planById.load(inspection.plan.id);
  }

  @FieldResolver(() => InspectionDraw, { description: 'The draw that selected the project and its inspectors.' })
  draw(@Root() inspection: Inspection, @Ctx() { loaders }: Context) {
    return loaders.drawById.load(inspection.draw.id);
  }

  @FieldResolver(() => [Enforcer], { description: 'The drawn inspectors (name and department are public).' })
  async inspectors(@Root() inspection: Inspection, @Ctx() { loaders }: Context): Promise<Enforcer[]> {
    const rows = await loaders.enforcerById.loadMany(inspection.inspectorIds);
    return rows.filter((r): r is Enforcer => r instanceof Enforcer);
  }

  @FieldResolver(() => [InspectionFinding], { description: 'Problems found in the inspection; public once published.' })
  findings(@Root() inspection: Inspection, @Ctx() { loaders }: Context): Promise<InspectionFinding[]> {
    return loaders.findingsByInspection.load(inspection.id);
  }
}

@Resolver(() => InspectionFinding)
export class InspectionFindingResolver {
  @Allowed('mutation.openCaseFromFinding')
  @Mutation(() => InspectionFinding, {
    description: 'Opens a case for the finding in the cases slice; the case id, or the error to retry, is stored on the finding.',
  })
  openCaseFromFinding(@Arg('findingId', () => ID, { description: 'UUID of the finding.' }) findingId: string, @Ctx() ctx: Context) {
    return service(ctx).openCase(findingId);
  }

  @FieldResolver(() => CaseRef, { nullable: true, description: 'The case opened for the finding (cases slice).' })
  case(@Root() finding: InspectionFinding): CaseRef | null {
    return finding.caseId ? { id: finding.caseId } : null;
  }

  @FieldResolver(() => [MarketEntityRef], { description: 'The market entities concerned (projects slice).' })
  respondents(@Root() finding: InspectionFinding): MarketEntityRef[] {
    return finding.respondentCreditCodes.map((creditCode) => ({ creditCode }));
  }
}

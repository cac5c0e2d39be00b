import { Connection, LocalDateScalar, PageArgs, pageWindow, requireFound, toConnection } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireEnforcerDetail } from '../access';
import { DepartmentRef } from '../federation/refs';
import type { Context } from '../loaders';
import { requireUuid } from '../validation';
import { ConflictOfInterest, Enforcer, EnforcerSpecialty, Recusal, TrainingRecord } from './enforcer.entity';
import { ConflictOfInterestInput, EnforcerFilter, RecusalInput, RegisterEnforcerInput, TrainingInput, UpdateEnforcerInput } from './enforcer.inputs';
import { EnforcerService } from './enforcer.service';
import { Allowed } from '../access-policy';

export const EnforcerConnection = Connection(Enforcer, 'Enforcer');

const DETAIL = 'Shown to the office, the leaders, the enforcer’s department and the enforcer; null for others.';

@Resolver(() => Enforcer)
export class EnforcerResolver {
  @Allowed('query.enforcers')
  @Query(() => EnforcerConnection, { description: 'The roster (执法人员名录库), scoped: office and leaders all, a department its own, an enforcer themself.' })
  async enforcers(
    @Args() page: PageArgs,
    @Arg('filter', () => EnforcerFilter, { nullable: true, description: 'Conditions the roster entries must meet; null lists all the caller may see.' })
    filter: EnforcerFilter | null,
    @Ctx() { em, user }: Context,
  ) {
    const window = pageWindow(page);
    const [rows, total] = await new EnforcerService(em, user).list(filter ?? {}, window);
    return toConnection(rows, total, window);
  }

  @Allowed('query.enforcer')
  @Query(() => Enforcer, { nullable: true, description: 'One roster entry (same scoping as `enforcers`).' })
  async enforcer(@Arg('id', () => ID, { description: 'UUID of the roster entry.' }) id: string, @Ctx() { loaders, user }: Context): Promise<Enforcer | null> {
    const enforcer = await loaders.enforcerById.load(requireUuid(id, 'id')).catch(() => null);
    if (enforcer) requireEnforcerDetail(user, enforcer);
    return enforcer;
  }

  @FieldResolver(() => DepartmentRef, { description: 'The department the enforcer belongs to.' })
  department(@Root() enforcer: Enforcer): DepartmentRef {
    return { code: enforcer.departmentCode };
  }

  @FieldResolver(() => String, { nullable: true, description: `Enforcement certificate number (执法证号). ${DETAIL}` })
  certificateNumber(@Root() enforcer: Enforcer): string | null {
    return enforcer.certificateNumber;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: `Certificate valid until (inclusive). ${DETAIL}` })
  certificateValidUntil(@Root() enforcer: Enforcer): string | null {
    return enforcer.certificateValidUntil;
  }

  @FieldResolver(() => [EnforcerSpecialty], { nullable: true, description: `Project categories the enforcer is qualified for. ${DETAIL}` })
  specialties(@Root() enforcer: Enforcer): EnforcerSpecialty[] | null {
    return enforcer.specialties;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: `On duty (drawn only when active). ${DETAIL}` })
  active(@Root() enforcer: Enforcer): boolean | null {
    return enforcer.active;
  }

  @FieldResolver(() => [TrainingRecord], { nullable: true, description: `Training record (大培训). ${DETAIL}` })
  async trainingRecords(@Root() enforcer: Enforcer, @Ctx() { loaders }: Context): Promise<TrainingRecord[] | null> {
    return loaders.trainingByEnforcer.load(enforcer.id);
  }

  @FieldResolver(() => [ConflictOfInterest], { nullable: true, description: `Recorded conflicts of interest. ${DETAIL}` })
  async conflictsOfInterest(@Root() enforcer: Enforcer, @Ctx() { loaders }: Context): Promise<ConflictOfInterest[] | null> {
    return loaders.conflictsByEnforcer.load(enforcer.id);
  }

  @FieldResolver(() => [Recusal], { nullable: true, description: `Recusals from projects. ${DETAIL}` })
  async recusals(@Root() enforcer: Enforcer, @Ctx() { loaders }: Context): Promise<Recusal[] | null> {
    return loaders.recusalsByEnforcer.load(enforcer.id);
  }

  @Allowed('mutation.registerEnforcer')
  @Mutation(() => Enforcer, { description: 'Adds a certified enforcer to the roster.' })
  registerEnforcer(@Arg('input', { description: 'The enforcer to add.' }) input: RegisterEnforcerInput, @Ctx() { em, user }: Context) {
    return new EnforcerService(em, user).register(input);
  }

  @Allowed('mutation.updateEnforcer')
  @Mutation(() => Enforcer, { description: 'Renews a certificate, changes specialties, or (de)activates an enforcer.' })
  updateEnforcer(@Arg('input', { description: 'The roster entry and its changes.' }) input: UpdateEnforcerInput, @Ctx() { em, user }: Context) {
    return new EnforcerService(em, user).update(input);
  }

  @Allowed('mutation.recordTraining')
  @Mutation(() => TrainingRecord, { description: 'Records a completed training course (大培训).' })
  recordTraining(@Arg('input', { description: 'The course completed.' }) input: TrainingInput, @Ctx() { em, user }: Context) {
    return new EnforcerService(em, user).recordTraining(input);
  }

  @Allowed('mutation.recordConflictOfInterest')
  @Mutation(() => ConflictOfInterest, { description: 'Records a conflict of interest: the enforcer is never drawn for projects of that market entity.' })
  recordConflictOfInterest(@Arg('input', { description: 'The conflict to record.' }) input: ConflictOfInterestInput, @Ctx() { em, user }: Context) {
    return new EnforcerService(em, user).recordConflict(input);
  }

  @Allowed('mutation.recordRecusal')
  @Mutation(() => Recusal, { description: 'Records a recusal (回避) from a project: by the office, or declared by the enforcer.' })
  async recordRecusal(@Arg('input', { description: 'The recusal to record.' }) input: RecusalInput, @Ctx() { em, user, loaders }: Context) {
    // The project is the projects slice's: checked there before anything is written.
    const projectId = requireUuid(input.projectId, 'projectId');
    requireFound(await loaders.ports.existingProjects([projectId]), [projectId], 'projectId', 'project');
    return new EnforcerService(em, user).recordRecusal(input);
  }
}

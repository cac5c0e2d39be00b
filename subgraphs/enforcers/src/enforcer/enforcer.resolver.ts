import { Connection, LocalDateScalar, PageArgs, pageWindow } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DepartmentRef } from '../federation/refs';
import type { Context } from '../loaders';
import { ConflictOfInterest, Enforcer, EnforcerSpecialty, Recusal, TrainingRecord } from './enforcer.entity';
import { ConflictOfInterestInput, EnforcerFilter, RecusalInput, RegisterEnforcerInput, TrainingInput, UpdateEnforcerInput } from './enforcer.inputs';
import { Allowed } from '../access-policy';

export const EnforcerConnection = Connection(Enforcer, 'Enforcer');

const DETAIL = 'Shown to the office, the leaders, the enforcer’s department and the enforcer; null for others.';

@Resolver(() => Enforcer)
export class EnforcerResolver {
  @Allowed('query.enforcers')
  @Query(() => EnforcerConnection, { description: 'The roster (执法人员名录库), scoped: office and leaders all, a department its own, an enforcer themself.' })
  enforcers(
    @Args() page: PageArgs,
    @Arg('filter', () => EnforcerFilter, { nullable: true, description: 'Conditions the roster entries must meet; null lists all the caller may see.' })
    filter: EnforcerFilter | null,
    @Ctx() { services }: Context,
  ) {
    return services.enforcers.page(filter ?? {}, pageWindow(page));
  }

  @Allowed('query.enforcer')
  @Query(() => Enforcer, { nullable: true, description: 'One roster entry (same scoping as `enforcers`).' })
  enforcer(@Arg('id', () => ID, { description: 'UUID of the roster entry.' }) id: string, @Ctx() { services }: Context): Promise<Enforcer | null> {
    return services.enforcers.get(id);
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
  registerEnforcer(@Arg('input', { description: 'The enforcer to add.' }) input: RegisterEnforcerInput, @Ctx() { services }: Context) {
    return services.enforcers.register(input);
  }

  @Allowed('mutation.updateEnforcer')
  @Mutation(() => Enforcer, { description: 'Renews a certificate, changes specialties, or (de)activates an enforcer.' })
  updateEnforcer(@Arg('input', { description: 'The roster entry and its changes.' }) input: UpdateEnforcerInput, @Ctx() { services }: Context) {
    return services.enforcers.update(input);
  }

  @Allowed('mutation.recordTraining')
  @Mutation(() => TrainingRecord, { description: 'Records a completed training course (大培训).' })
  recordTraining(@Arg('input', { description: 'The course completed.' }) input: TrainingInput, @Ctx() { services }: Context) {
    return services.enforcers.recordTraining(input);
  }

  @Allowed('mutation.recordConflictOfInterest')
  @Mutation(() => ConflictOfInterest, { description: 'Records a conflict of interest: the enforcer is never drawn for projects of that market entity.' })
  recordConflictOfInterest(@Arg('input', { description: 'The conflict to record.' }) input: ConflictOfInterestInput, @Ctx() { services }: Context) {
    return services.enforcers.recordConflict(input);
  }

  @Allowed('mutation.recordRecusal')
  @Mutation(() => Recusal, { description: 'Records a recusal (回避) from a project: by the office, or declared by the enforcer.' })
  recordRecusal(@Arg('input', { description: 'The recusal to record.' }) input: RecusalInput, @Ctx() { services }: Context) {
    return services.enforcers.recordRecusal(input);
  }
}

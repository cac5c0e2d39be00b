import { Connection, InputError, PageArgs, pageWindow, toConnection } from '@hub/kit';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../loaders';
import { MarketEntity } from '../market-entity/market-entity.entity';
import { requireCreditCode, requireUuid } from '../project/project.service';
import { identityNumberProblem } from './identity-number';
import { Practitioner, PractitionerRole } from './practitioner.entity';
import { Allowed } from '../access-policy';

export const PractitionerConnection = Connection(Practitioner, 'Practitioner');

@InputType({ description: 'A practitioner (从业人员) to register. CENTER only.' })
export class RegisterPractitionerInput {
  @Field({ description: 'Full name, 1 to 255 characters; personal data (see Practitioner.name for who reads it).' }) name: string;
  @Field(() => PractitionerRole, { description: 'Project manager, agency staff or evaluation expert.' }) role: PractitionerRole;
  @Field({ description: 'Resident identity number; stored, never shown in full.' }) identityNumber: string;
  @Field(() => String, { nullable: true, description: 'Unified social credit code of the employing market entity, 18 characters; null when none.' })
  employerCreditCode?: string | null;
}

@Resolver(() => Practitioner)
export class PractitionerResolver {
  @Allowed('query.practitioner')
  @Query(() => Practitioner, {
    nullable: true,
    description: 'A practitioner (从业人员) by id, identity number masked; null when none has it. Any signed-in role.',
  })
  practitioner(@Arg('id', () => ID, { description: 'UUID of the practitioner.' }) id: string, @Ctx() { loaders }: Context): Promise<Practitioner | null> {
    requireUuid(id, 'id');
    return loaders.practitionerById.load(id).catch(() => null);
  }

  @Allowed('query.practitioners')
  @Query(() => PractitionerConnection, { description: 'Practitioners (从业人员), identity numbers masked, paged. Any signed-in role.' })
  async practitioners(
    @Args() page: PageArgs,
    @Arg('role', () => PractitionerRole, { nullable: true, description: 'Only practitioners with this role; null lists all.' }) role: PractitionerRole | null,
    @Ctx() { em }: Context,
  ) {
    const window = pageWindow(page);
    const [rows, total] = await em.findAndCount(Practitioner, role ? { role } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { name: 'asc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  @FieldResolver(() => MarketEntity, { nullable: true, description: 'The market entity employing the practitioner; null when not recorded.' })
  employer(@Root() practitioner: Practitioner, @Ctx() { loaders }: Context): Promise<MarketEntity> | null {
    return practitioner.employer ? loaders.marketEntityByCode.load(practitioner.employer.creditCode) : null;
  }

  @Allowed('mutation.registerPractitioner')
  @Mutation(() => Practitioner, { description: 'Registers a practitioner (从业人员).' })
  async registerPractitioner(
    @Arg('input', { description: 'The practitioner to register.' }) input: RegisterPractitionerInput,
    @Ctx() { em }: Context,
  ): Promise<Practitioner> {
    const problem = identityNumberProblem(input.identityNumber);
    if (problem) throw new InputError(`identityNumber ${problem}`, { field: 'identityNumber', rule: 'GB 11643-1999' });
    if (!input.name.trim()) throw new InputError('name must not be empty', { field: 'name', rule: 'required' });
    let employer: MarketEntity | null = null;
    if (input.employerCreditCode) {
      requireCreditCode(input.employerCreditCode, 'employerCreditCode');
      employer = await em.findOne(MarketEntity, { creditCode: input.employerCreditCode });
      if (!employer)
        throw new InputError(`Employer ${input.employerCreditCode} is not a registered market entity`, {
          field: 'employerCreditCode',
          rule: 'registered market entity',
        });
    }
    const practitioner = em.create(Practitioner, { name: input.name.trim(), role: input.role, identityNumber: input.identityNumber, employer });
    await em.flush();
    return practitioner;
  }
}

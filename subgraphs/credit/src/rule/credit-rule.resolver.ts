import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../loaders';
import { CreditRuleInput } from '../record/credit-record.inputs';
import { CreditRule } from './credit-rule.entity';
import { Allowed } from '../access-policy';

@Resolver(() => CreditRule)
export class CreditRuleResolver {
  @Query(() => [CreditRule], { description: 'The credit rule catalogue (public: what each violation costs).' })
  creditRules(
    @Arg('includeInactive', { defaultValue: false, description: 'When true, retired rules too; default false.' }) includeInactive: boolean,
    @Ctx() { services }: Context,
  ): Promise<CreditRule[]> {
    return services.records.rules(includeInactive);
  }

  @Allowed('mutation.upsertCreditRule')
  @Mutation(() => CreditRule, { description: 'Adds or changes a catalogue rule (the bureau). Existing records keep their points.' })
  upsertCreditRule(@Arg('input', { description: 'The rule to add or change.' }) input: CreditRuleInput, @Ctx() { services }: Context): Promise<CreditRule> {
    return services.records.upsertRule(input);
  }
}

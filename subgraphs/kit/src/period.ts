import { Field, InputType } from 'type-graphql';
import { InputError } from './errors';
import { LocalDateScalar } from './scalars';

/**
 * A period of days, both ends included: the bimonthly review (每两月集中研判) asks every slice the
 * same question for the same period, so every subgraph uses this one input type.
 */
@InputType({ description: 'A period of days, both ends included (Asia/Shanghai dates).' })
export class PeriodInput {
  @Field(() => LocalDateScalar, { description: 'First day of the period, YYYY-MM-DD (Asia/Shanghai), included.' }) from: string;
  @Field(() => LocalDateScalar, { description: 'Last day of the period, YYYY-MM-DD (Asia/Shanghai), included; not before from.' }) to: string;
}

export function requirePeriod(
  period: PeriodInput,
  field = 'period',
  names: { from: string; to: string } = { from: `${field}.from`, to: `${field}.to` },
): PeriodInput {
  if (period.to < period.from) {
    throw new InputError(`${names.to} (${period.to}) is before ${names.from} (${period.from})`, { field: names.to, rule: 'period order' });
  }
  return period;
}

/**
 * The day a period's figures are taken on: its last day, or today while the period is still
 * running (the bimonthly review asks "as it stood at the end of the period").
 */
export function periodEndAsOf(period: PeriodInput, today: string): string {
  return period.to < today ? period.to : today;
}

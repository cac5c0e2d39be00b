import { GraphQLError } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { formatError, variableFieldOf } from './subgraph';

describe('a refused variable names its field', () => {
  it('reads the field inside the argument from graphql-js coercion messages', () => {
    expect(variableFieldOf('Variable "$i" got invalid value "2020-02-30" at "i.registeredOn"; LocalDate must be a real calendar date')).toBe('registeredOn');
    expect(variableFieldOf('Variable "$input" got invalid value 1 at "input.findings[0].description"; String cannot represent a non string value: 1')).toBe(
      'findings[0].description',
    );
    expect(variableFieldOf('Variable "$on" got invalid value "2020-02-30"; LocalDate must be a real calendar date')).toBe('on');
    expect(variableFieldOf('Cannot query field "x" on type "Query".')).toBeUndefined();
  });

  it('adds it to a BAD_USER_INPUT refusal without one, and keeps a field the service named', () => {
    const format = formatError(pino({ level: 'silent' }));
    const coerced = {
      message: 'Variable "$input" got invalid value "1.234" at "input.budget"; Decimal must have at most 2 decimal places',
      extensions: { code: 'BAD_USER_INPUT', rule: 'Decimal format' },
    };
    expect(format(coerced, new GraphQLError(coerced.message)).extensions).toEqual({ code: 'BAD_USER_INPUT', rule: 'Decimal format', field: 'budget' });
    const named = { message: 'summary is required', extensions: { code: 'BAD_USER_INPUT', field: 'summary', rule: 'required' } };
    expect(format(named, new GraphQLError(named.message)).extensions).toEqual(named.extensions);
  });
});

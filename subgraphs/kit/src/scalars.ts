import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !ISO_DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new GraphQLError(`LocalDate must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', rule: 'LocalDate format' },
    });
  }
  return value;
}

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`, with no time and no time zone (statutory dates are days). */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date (YYYY-MM-DD) in Asia/Shanghai, without a time.',
  // Dates read from a `date` column are well formed: the pattern suffices (the full check is for input).
  serialize: (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' && ISO_DATE.test(value) ? value : parseDate(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError(`Decimal must be a string of digits with at most 2 decimals (e.g. "1250000.00"), got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', rule: 'Decimal format' },
    });
  }
  return text;
}

/** An exact decimal amount in yuan, carried as a string so no float ever rounds money. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal amount (yuan), as a string such as "1250000.00".',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});

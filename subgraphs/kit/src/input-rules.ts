import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { todayInShanghai } from './calendar/calendar';
import type { Clock } from './clock';
import { echo, InputError } from './errors';

/**
 * The input rules every mutation (and every root query's arguments) of every slice obeys, in one place. They are checked on the
 * arguments before a resolver runs (so before any database work), from the GraphQL type of each
 * leaf value, so a new input field gets the default rule of its type without anyone writing a
 * check. A field that needs another limit declares it next to its @Field with @InputRule.
 *
 * Defaults (documented in the README, "Input rules"):
 * - String: 1 to 255 characters (MAX_TEXT), no control characters except newline (LF, CR LF) and
 *   tab. Text is never trimmed or otherwise altered: it is stored as sent, or refused.
 * - ID: a UUID; a refusal echoes at most 40 characters of what was sent.
 * - LocalDate: from 2000-01-01 to ten years after today (Asia/Shanghai).
 * - Int, Float and Decimal: from 0 to 1,000,000 (Int, Float) or 1,000,000,000,000 (Decimal, yuan).
 * - Closed sets are GraphQL enums: the graph refuses an unknown value before any of this runs.
 */
export interface InputRuleOptions {
  /** Text: longest accepted length in characters (default MAX_TEXT; LONG_TEXT for prose). */
  maxLength?: number;
  /** LocalDate: the day something happened, so not after today in Asia/Shanghai. */
  notInFuture?: boolean;
  /** LocalDate: the earliest accepted day (default EARLIEST_DATE). */
  earliest?: string;
  /** Numbers and Decimal: the accepted range (default 0 to the type's maximum). */
  min?: number;
  max?: number;
  /** ID: the shape it must have (default 'uuid'). */
  idShape?: 'uuid' | 'code';
}

export const MAX_TEXT = 255;
/** Free prose: details, grounds, measures, legal bases. */
export const LONG_TEXT = 4000;
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_YEARS_AHEAD = 10;
export const MAX_NUMBER = 1_000_000;
export const MAX_DECIMAL = 1_000_000_000_000;

const EXTENSION_KEY = 'inputRule';

/** Declares a field's own limits (see InputRuleOptions); the rest of the defaults still hold. */
export function InputRule(rule: InputRuleOptions): PropertyDecorator {
  return Extensions({ [EXTENSION_KEY]: rule }) as PropertyDecorator;
}

/** Free prose (up to LONG_TEXT characters). */
export const LongText = (maxLength = LONG_TEXT) => InputRule({ maxLength });
/** The day something happened: not in the future. */
export const PastDate = () => InputRule({ notInFuture: true });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 controls except tab (09), LF (0A) and CR when it starts CR LF; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;

export const isUuid = (value: string): boolean => UUID.test(value);

export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw new InputError(`${field} must be a UUID, got ${echo(value)}`, { field, rule: 'UUID format' });
  return value.toLowerCase();
}

/** The text rule on one value: not empty, not too long, no control characters; returned unchanged. */
export function requireText(value: string, field: string, maxLength = MAX_TEXT): string {
  if (value.trim() === '') throw new InputError(`${field} must not be empty`, { field, rule: 'required' });
  if (value.length > maxLength) {
    throw new InputError(`${field} is ${value.length} characters long; at most ${maxLength} are allowed`, { field, rule: `max ${maxLength} characters` });
  }
  const control = CONTROL.exec(value);
  if (control) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new InputError(`${field} contains a control character (${code}); only newline and tab are allowed in text`, {
      field,
      rule: 'no control characters',
    });
  }
  return value;
}

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

export function requireDateInBounds(value: string, field: string, rule: InputRuleOptions = {}, today = todayInShanghai()): string {
  const earliest = rule.earliest ?? EARLIEST_DATE;
  if (value < earliest) throw new InputError(`${field} (${value}) is before ${earliest}`, { field, rule: `not before ${earliest}` });
  if (rule.notInFuture && value > today) {
    throw new InputError(`${field} (${value}) is in the future; today is ${today} (Asia/Shanghai)`, { field, rule: 'not in the future' });
  }
  const latest = addYears(today, LATEST_YEARS_AHEAD);
  if (value > latest) {
    throw new InputError(`${field} (${value}) is more than ${LATEST_YEARS_AHEAD} years ahead (after ${latest})`, {
      field,
      rule: `within ${LATEST_YEARS_AHEAD} years`,
    });
  }
  return value;
}

/**
 * The official date of an act (a record created, a notification closed, a decision made): the given
 * day, for paper records entered later, or today when none is given; never in the future, and within
 * the LocalDate bounds.
 */
export function actDateOrToday(value: string | null | undefined, field: string, today = todayInShanghai()): string {
  return requireDateInBounds(value ?? today, field, { notInFuture: true }, today);
}

function requireInRange(value: number, field: string, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new InputError(`${field} must be between ${min} and ${max}, got ${echo(value)}`, { field, rule: `range ${min} to ${max}` });
  }
}

type RuleOf = (typeName: string, fieldName: string) => InputRuleOptions;

function checkLeaf(type: GraphQLInputType, value: unknown, field: string, rule: InputRuleOptions, today: string): void {
  const named = getNamedType(type);
  if (isEnumType(named) || !isScalarType(named)) return;
  switch (named.name) {
    case 'String':
      requireText(value as string, field, rule.maxLength ?? MAX_TEXT);
      return;
    case 'ID':
      if (rule.idShape === 'code') requireText(value as string, field, rule.maxLength ?? MAX_TEXT);
      else requireUuid(String(value), field);
      return;
    case 'LocalDate':
      requireDateInBounds(value as string, field, rule, today);
      return;
    case 'Int':
    case 'Float':
      requireInRange(value as number, field, rule.min ?? 0, rule.max ?? MAX_NUMBER);
      return;
    case 'Decimal':
      requireInRange(Number(value), field, rule.min ?? 0, rule.max ?? MAX_DECIMAL);
      return;
    default:
      return;
  }
}

function checkValue(type: GraphQLInputType, value: unknown, field: string, rule: InputRuleOptions, ruleOf: RuleOf, today: string): void {
  if (value === null || value === undefined) return;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => checkValue(inner.ofType as GraphQLInputType, item, `${field}[${index}]`, rule, ruleOf, today));
    return;
  }
  if (isInputObjectType(inner)) {
    for (const [name, definition] of Object.entries(inner.getFields())) {
      checkValue(definition.type, (value as Record<string, unknown>)[name], field ? `${field}.${name}` : name, ruleOf(inner.name, name), ruleOf, today);
    }
    return;
  }
  checkLeaf(inner, value, field, rule, today);
}

/** A plain argument's own rule; 'skip' for one checked elsewhere (a page cursor is checked when decoded). */
export type ArgumentRule = (argumentName: string) => InputRuleOptions | 'skip';

/** Checks every argument of one field against the rules; throws the first broken rule as BAD_USER_INPUT. */
export function checkArguments(
  parent: GraphQLObjectType,
  fieldName: string,
  args: Record<string, unknown>,
  ruleOf: RuleOf,
  today = todayInShanghai(),
  argumentRule: ArgumentRule = () => ({}),
): void {
  const field = parent.getFields()[fieldName];
  if (!field) return;
  // An input object's fields are named from the object (`projectId`, `checklist[0].note`), as the
  // services name them; a plain argument by its own name.
  for (const arg of field.args) {
    const rule = argumentRule(arg.name);
    if (rule === 'skip') continue;
    checkValue(arg.type, args[arg.name], isInputObjectType(getNamedType(arg.type)) ? '' : arg.name, rule, ruleOf, today);
  }
}

/**
 * Query arguments (ids, filters, search text) meet the same rules as mutation input, with two
 * exceptions by name: `after` is a cursor (its own check when decoded), and an ID argument named
 * `code` or `creditCode` is a code (a unit code, a credit code), not a UUID.
 */
export const queryArgumentRule: ArgumentRule = (name) =>
  name === 'after' ? 'skip' : name === 'code' || name === 'creditCode' ? { idShape: 'code', maxLength: 32 } : {};

/** Today on the slice's clock (the request context's), so a test's fixed clock applies to the date rules too. */
function todayOf(context: unknown): string {
  return (context as { clock?: Clock } | undefined)?.clock?.today() ?? todayInShanghai();
}

/**
 * Reads the @InputRule declarations from the schema type-graphql built (the federated schema is
 * re-parsed from SDL, which carries no extensions) and wraps every mutation and root query resolver
 * of the resolver map so its arguments are checked first.
 */
export function withInputRules(declared: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>): void {
  const ruleOf: RuleOf = (typeName, fieldName) => {
    const type = declared.getType(typeName);
    if (!isInputObjectType(type)) return {};
    return (((type.getFields()[fieldName]?.extensions ?? {}) as Record<string, unknown>)[EXTENSION_KEY] as InputRuleOptions) ?? {};
  };
  for (const [root, argumentRule] of [
    ['Mutation', undefined],
    ['Query', queryArgumentRule],
  ] as const) {
    const fields = resolvers[root] ?? {};
    for (const [fieldName, resolver] of Object.entries(fields)) {
      if (typeof resolver !== 'function') continue;
      const resolve = resolver as GraphQLFieldResolver<unknown, unknown>;
      fields[fieldName] = ((source, args, context, info) => {
        checkArguments(info.parentType, fieldName, args as Record<string, unknown>, ruleOf, todayOf(context), argumentRule);
        return resolve(source, args, context, info);
      }) satisfies GraphQLFieldResolver<unknown, unknown>;
    }
  }
}

import type { EntityMetadata } from '@mikro-orm/core';
import { getMetadataStorage } from 'type-graphql';

/**
 * Property names that hold personal information (the same words the authorization matrix uses to
 * find personal fields in the graph): their values are masked in the write log.
 */
export const PERSONAL_PROPERTY = /submitter|reporter|complainant|contact|identity|idcard|phone|mobile|address|email/i;

/** What the log shows instead of a value the graph never shows (secrets, pseudonyms, internal snapshots). */
export const HIDDEN_VALUE = '(not shown)';

/**
 * A personal value as the log shows it: the first 3 and last 2 characters of longer text (as identity
 * numbers are shown everywhere in the graph), stars otherwise.
 */
export function maskPersonal(text: string): string {
  if (text.length <= 5) return '*'.repeat(text.length);
  return text.slice(0, 3) + '*'.repeat(text.length - 5) + text.slice(-2);
}

/** A stored value as display text: strings as they are, dates in ISO form, the rest as JSON. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '__helper' in value) {
    const key = (value as { __helper: { getSerializedPrimaryKey(): string } }).__helper.getSerializedPrimaryKey();
    return String(key);
  }
  // JSON.stringify gives undefined only for undefined, functions and symbols: none is a stored value.
  return JSON.stringify(value) ?? '';
}

const exposedCache = new WeakMap<object, Set<string>>();

/**
 * The properties of an entity class the graph shows to someone (@Field on the class or a parent, or a
 * field resolver of the same name), from type-graphql's metadata once the schema is built.
 */
function exposedProperties(target: object): Set<string> {
  let names = exposedCache.get(target);
  if (!names) {
    names = new Set<string>();
    const storage = getMetadataStorage();
    for (const field of storage.fields) {
      if (field.target === target || (target as { prototype?: object }).prototype instanceof (field.target as new () => unknown)) names.add(field.name);
    }
    // Fields a resolver adds by name (with its row rules), e.g. an enforcer's certificate for the office.
    for (const resolver of storage.fieldResolvers) {
      if (resolver.getObjectType?.() === target) names.add(resolver.schemaName);
    }
    exposedCache.set(target, names);
  }
  return names;
}

/**
 * How one property's value may appear in the log: relations as the key they point to; values of
 * properties the graph never shows hidden (a draw's secrets before the reveal, pseudonyms, raw
 * identity numbers); personal information masked.
 */
export function valueForLog(meta: EntityMetadata, property: string, value: unknown): string | null {
  const text = displayValue(value);
  if (text === null) return null;
  const prop = meta.properties[property];
  const isRelation = prop && (prop.kind === 'm:1' || prop.kind === '1:1');
  if (PERSONAL_PROPERTY.test(property)) return maskPersonal(text);
  if (!isRelation && meta.class && !exposedProperties(meta.class).has(property)) return HIDDEN_VALUE;
  return text;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { CreditRecord } from './credit-record.entity';
import type { SubjectDeduction } from './standing';

/** The statement's text, built once per process from the entity's metadata (it never changes). */
let statement: string | undefined;

/**
 * The deductions of many subjects (their records' subject, points and dates) in one statement: the
 * columns a standing's score needs and no more, read as they come (dates are text, points numbers).
 * A page of bids asks the standings of about a hundred bidders without their records; reading and
 * mapping whole records (the facts text, timestamps and a dozen other columns of about 500 rows)
 * showed in the credit subgraph's profile of that fetch.
 */
export async function deductionsOf(em: EntityManager, subjectKeys: readonly string[]): Promise<SubjectDeduction[]> {
  if (!statement) {
    const meta = em.getMetadata().get(CreditRecord.name);
    const column = (property: keyof SubjectDeduction) => em.getPlatform().quoteIdentifier(meta.properties[property].fieldNames[0]);
    statement =
      `select ${column('subjectType')} as "subjectType", ${column('subjectKey')} as "subjectKey", ${column('points')} as "points", ` +
      `${column('effectiveOn')} as "effectiveOn", ${column('expiresOn')} as "expiresOn" ` +
      `from ${em.getPlatform().quoteIdentifier(meta.tableName)} where ${column('subjectKey')} = any(?::text[])`;
  }
  // The keys in one array parameter, as the kit's batch reads send them (one statement text whatever their number).
  const keys = `{${subjectKeys.map((key) => `"${key.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  return em.getConnection().execute<SubjectDeduction[]>(statement, [keys], 'all', em.getTransactionContext());
}

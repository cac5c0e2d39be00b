import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The name of a practitioner (从业人员) a published credit record is about, as the projects slice held it
 * when the public search first met the practitioner: the search matches and orders names in this
 * slice's database (one statement, keyset paging) instead of asking projects for every subject's name
 * on every request. Names are the projects slice's data; this is a copy, filled by the search itself
 * (published-practitioners.service.ts) for subjects it does not have yet, so nothing else writes it.
 * Not in the graph.
 */
@Entity({ tableName: 'practitioner_name' })
export class PractitionerName {
  /** The practitioner's id, exactly as `credit_record.subject_key` holds it. */
  @PrimaryKey({ type: 'string', length: 64 })
  subjectKey: string;

  /** Null when the projects slice does not know the id (so it is not asked again on every search). */
  @Property({ type: 'text', nullable: true })
  name?: string | null;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { InputError, keysetConnection, requireText, type KeysetOrder, type PageWindow } from '@hub/kit';
import type { PractitionerDirectory } from '../directories';
import { CreditSubjectType, StoredCreditStatus } from './credit-types';
import { PractitionerName } from './practitioner-name.entity';

/** Longest search text: a name, not a query language. */
export const MAX_SEARCH_TEXT = 50;

/** Chinese collation (pinyin), PostgreSQL's ICU one: the order `localeCompare(…, 'zh-CN')` gives. */
const CHINESE = '"zh-x-icu"';

/** By name in Chinese collation, then id: the cursor is the last row's (name, subjectKey). */
const ORDER: KeysetOrder = [
  ['name', 'asc'],
  ['subjectKey', 'asc'],
];

/** A practitioner subject with at least one record past DRAFT (the same rule the search has always had). */
const PUBLISHED = `exists (select 1 from credit_record r where r.subject_type = '${CreditSubjectType.PRACTITIONER}' and r.subject_key = n.subject_key and r.status <> '${StoredCreditStatus.DRAFT}')`;

/**
 * The public's credit search for practitioners (从业人员). Credit records past DRAFT are public, and
 * with them the name of the practitioner they are about; everyone else stays unsearchable, so the
 * search runs only over the subjects of published records. Names belong to the projects slice; this
 * slice keeps a copy of the names of its published subjects (`practitioner_name`), so the search is one
 * statement in this database: name match, the published rule, the total and a keyset page. A subject
 * published since the last search is first looked up in projects, once, all such subjects in one
 * batch: a search costs two statements (the check and the search), plus the lookup and one insert
 * when there are new subjects.
 */
export class PublishedPractitionerService {
  constructor(
    private readonly em: EntityManager,
    /** The projects slice's practitioners; without it (a test that gives none) the search finds nobody. */
    private readonly practitioners?: PractitionerDirectory,
  ) {}

  async search(text: string, window: PageWindow) {
    const wanted = requireText(text, 'text', MAX_SEARCH_TEXT).trim().toLowerCase();
    const after = window.keyset;
    if (after && (after.length !== ORDER.length || !after.every((value) => typeof value === 'string'))) {
      throw new InputError('Argument "after" is not a cursor this list issued', { field: 'after', rule: 'cursor' });
    }
    await this.learnNewSubjects();
    // One statement: the total of the match, and the page after the cursor (one row with a null key when the page is empty).
    const rows = await this.em.getConnection().execute<{ subject_key: string | null; name: string | null; total: number }[]>(
      `with matched as (
         select n.subject_key, n.name from practitioner_name n
         where n.name is not null and strpos(lower(n.name), ?) > 0 and ${PUBLISHED}
       )
       select page.subject_key, page.name, total.count::int as total
       from (select count(*) from matched) total
       left join lateral (
         select m.subject_key, m.name from matched m
         ${after ? `where (m.name collate ${CHINESE}, m.subject_key) > (?, ?)` : ''}
         order by m.name collate ${CHINESE}, m.subject_key
         limit ? offset ?
       ) page on true`,
      [wanted, ...(after ?? []), window.limit + 1, window.offset],
    );
    const found = rows.filter((r) => r.subject_key !== null).map((r) => ({ id: r.subject_key!, subjectKey: r.subject_key!, name: r.name! }));
    // Practitioner references: the graph joins the practitioner's fields (projects) and `credit` to the id.
    return keysetConnection(found, rows[0]?.total ?? 0, window, ORDER);
  }

  /** Copies the names of practitioners published since the last search from the projects slice: one check, and one lookup when there are any. */
  private async learnNewSubjects(): Promise<void> {
    if (!this.practitioners) return;
    const connection = this.em.getConnection();
    const unknown = await connection.execute<{ subject_key: string }[]>(
      `select distinct r.subject_key from credit_record r
       where r.subject_type = ? and r.status <> ?
         and not exists (select 1 from practitioner_name n where n.subject_key = r.subject_key)`,
      [CreditSubjectType.PRACTITIONER, StoredCreditStatus.DRAFT],
    );
    if (unknown.length === 0) return;
    const keys = unknown.map((r) => r.subject_key);
    const names = await this.practitioners.names(keys);
    // Concurrent searches may learn the same subjects: the first insert wins (the names are the same).
    await this.em
      .createQueryBuilder(PractitionerName)
      .insert(keys.map((subjectKey) => ({ subjectKey, name: names.get(subjectKey) ?? null })))
      .onConflict('subjectKey')
      .ignore()
      .execute();
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { requireText, toConnection, type PageWindow } from '@hub/kit';
import type { PractitionerDirectory } from '../directories';
import { CreditSubjectType, StoredCreditStatus } from './credit-types';

/** Longest search text: a name, not a query language. */
export const MAX_SEARCH_TEXT = 50;

/**
 * The public's credit search for practitioners (从业人员). Credit records past DRAFT are public, and
 * with them the name of the practitioner they are about; everyone else stays unsearchable, so the
 * search runs only over the subjects of published records. Names live in the projects slice: they are
 * read in one batch for those subjects (a few hundred at most: a subject leaves the list only when its
 * records are removed, and practitioners' records are rare), matched here, and the graph then joins
 * each practitioner's published fields and `credit` to the answer.
 */
export class PublishedPractitionerService {
  constructor(
    private readonly em: EntityManager,
    /** The projects slice's practitioners; without it (a test that gives none) the search finds nobody. */
    private readonly practitioners?: PractitionerDirectory,
  ) {}

  async search(text: string, window: PageWindow) {
    const wanted = requireText(text, 'text', MAX_SEARCH_TEXT).trim().toLowerCase();
    const rows = await this.em
      .getConnection()
      .execute<{ subject_key: string }[]>('select distinct subject_key from credit_record where subject_type = ? and status <> ?', [
        CreditSubjectType.PRACTITIONER,
        StoredCreditStatus.DRAFT,
      ]);
    const names = this.practitioners ? await this.practitioners.names(rows.map((r) => r.subject_key)) : new Map<string, string>();
    const found = [...names]
      .filter(([, name]) => name.toLowerCase().includes(wanted))
      .sort(([ia, a], [ib, b]) => a.localeCompare(b, 'zh-CN') || ia.localeCompare(ib))
      .map(([id]) => ({ id }));
    return toConnection(found.slice(window.offset, window.offset + window.limit), found.length, window);
  }
}

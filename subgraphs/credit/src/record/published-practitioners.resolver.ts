import { Connection, InputError, PageArgs, pageWindow, toConnection } from '@hub/kit';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PractitionerRef } from '../federation/refs';
import type { Context } from '../loaders';
import { CreditSubjectType, StoredCreditStatus } from './credit-types';

export const PublishedPractitionerConnection = Connection(PractitionerRef, 'PublishedPractitioner');

/** Longest search text: a name, not a query language. */
const MAX_TEXT = 50;

/**
 * The public's credit search for practitioners (从业人员). Credit records past DRAFT are public, and
 * with them the name of the practitioner they are about; everyone else stays unsearchable, so the
 * search runs only over the subjects of published records. Names live in the projects slice: they are
 * read in one batch for those subjects (a few hundred at most: a subject leaves the list only when its
 * records are removed, and practitioners' records are rare), matched here, and the graph then joins
 * each practitioner's published fields and `credit` to the answer.
 */
@Resolver(() => PractitionerRef)
export class PublishedPractitionerResolver {
  @Query(() => PublishedPractitionerConnection, {
    description:
      'Practitioners (从业人员) with a published credit record whose name contains `text`, by name; public. Select `name` and `credit` on them: identity numbers are not for the public.',
  })
  async practitionersWithPublishedCredit(
    @Args() page: PageArgs,
    @Arg('text', { description: `Part of the name as published, 1 to ${MAX_TEXT} characters.` }) text: string,
    @Ctx() { em, loaders }: Context,
  ) {
    const window = pageWindow(page);
    const wanted = text.trim().toLowerCase();
    if (wanted.length === 0 || wanted.length > MAX_TEXT)
      throw new InputError(`Argument "text" must be 1 to ${MAX_TEXT} characters`, { field: 'text', rule: `1..${MAX_TEXT}` });
    const rows = await em
      .getConnection()
      .execute<{ subject_key: string }[]>('select distinct subject_key from credit_record where subject_type = ? and status <> ?', [
        CreditSubjectType.PRACTITIONER,
        StoredCreditStatus.DRAFT,
      ]);
    const directory = loaders.directories.practitioners;
    const names = directory ? await directory.names(rows.map((r) => r.subject_key)) : new Map<string, string>();
    const found = [...names]
      .filter(([, name]) => name.toLowerCase().includes(wanted))
      .sort(([ia, a], [ib, b]) => a.localeCompare(b, 'zh-CN') || ia.localeCompare(ib))
      .map(([id]) => ({ id }));
    return toConnection(found.slice(window.offset, window.offset + window.limit), found.length, window);
  }
}

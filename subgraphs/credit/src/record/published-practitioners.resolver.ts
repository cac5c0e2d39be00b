import { Connection, PageArgs, pageWindow } from '@hub/kit';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PractitionerRef } from '../federation/refs';
import type { Context } from '../loaders';
import { MAX_SEARCH_TEXT } from './published-practitioners.service';

export const PublishedPractitionerConnection = Connection(PractitionerRef, 'PublishedPractitioner');

/** The public's credit search for practitioners (从业人员): published-practitioners.service.ts. */
@Resolver(() => PractitionerRef)
export class PublishedPractitionerResolver {
  @Query(() => PublishedPractitionerConnection, {
    description:
      'Practitioners (从业人员) with a published credit record whose name contains `text`, by name; public. Select `name` and `credit` on them: identity numbers are not for the public.',
  })
  practitionersWithPublishedCredit(
    @Args() page: PageArgs,
    @Arg('text', { description: `Part of the name as published, 1 to ${MAX_SEARCH_TEXT} characters.` }) text: string,
    @Ctx() { services }: Context,
  ) {
    return services.practitioners.search(text, pageWindow(page));
  }
}

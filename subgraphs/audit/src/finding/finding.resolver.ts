import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, LocalDateScalar, PageArgs, LongText, PastDate } from '@hub/kit';
import { Allowed } from '../access-policy';
import type { Context } from '../loaders';
import { AuditFinding } from './finding.entity';
import { AuditFindingService } from './finding.service';

export const AuditFindingConnection = Connection(AuditFinding, 'AuditFinding');

/** The Project entity of the projects slice, seen from here: only its key. */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID) id: string;
}

@InputType()
export class RecordAuditFindingInput {
  @Field(() => ID) projectId: string;
  @Field() title: string;
  @Field() @LongText() description: string;
  @Field(() => LocalDateScalar) @PastDate() foundOn: string;
  @Field(() => LocalDateScalar) rectificationDueOn: string;
}

/** Resolvers map GraphQL to a service call: queries, validation and transactions live in AuditFindingService. */
const service = ({ em, user, loaders }: Context) => new AuditFindingService(em, user, loaders.projects);

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Allowed('query.auditFindings')
  @Query(() => AuditFindingConnection, { description: 'Findings of the audit slice, newest first; optionally only open ones.' })
  auditFindings(@Args() page: PageArgs, @Arg('openOnly', { defaultValue: false }) openOnly: boolean, @Ctx() ctx: Context) {
    return service(ctx).list(page, openOnly);
  }

  @FieldResolver(() => Boolean, { description: 'Not rectified and past its deadline (Asia/Shanghai).' })
  overdue(@Root() finding: AuditFinding, @Ctx() { clock }: Context): boolean {
    return !finding.rectifiedOn && finding.rectificationDueOn < clock.today();
  }

  @Allowed('mutation.recordAuditFinding')
  @Mutation(() => AuditFinding, { description: 'Records a finding on a project.' })
  recordAuditFinding(@Arg('input') input: RecordAuditFindingInput, @Ctx() ctx: Context): Promise<AuditFinding> {
    return service(ctx).record(input);
  }

  @Allowed('mutation.rectifyAuditFinding')
  @Mutation(() => AuditFinding, { description: 'Records the rectification of a finding.' })
  rectifyAuditFinding(
    @Arg('id', () => ID) id: string,
    @Arg('rectifiedOn', () => LocalDateScalar) rectifiedOn: string,
    @Ctx() ctx: Context,
  ): Promise<AuditFinding> {
    return service(ctx).rectify(id, rectifiedOn);
  }
}

@Resolver(() => ProjectRef)
export class ProjectAuditResolver {
  @Allowed('Project.auditFindings')
  @FieldResolver(() => [AuditFinding], { nullable: true, description: 'Findings of the audit slice on this project.' })
  auditFindings(@Root() project: ProjectRef, @Ctx() { loaders }: Context): Promise<AuditFinding[]> {
    return loaders.findingsByProject.load(project.id);
  }
}

import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, federationStub, LocalDateScalar, PageArgs, LongText, PastDate } from '@hub/kit';
import { Allowed } from '../access-policy';
import type { Context } from '../loaders';
import { AuditFinding } from './finding.entity';

export const AuditFindingConnection = Connection(AuditFinding, 'AuditFinding');

/** The Project entity of the projects slice, seen from here: only its key. */
export const ProjectRef = federationStub('Project', 'id');
export type ProjectRef = InstanceType<typeof ProjectRef>;

@InputType({ description: 'A new finding on a project. OFFICE may record on any project, a DEPT officer only on projects its department supervises.' })
export class RecordAuditFindingInput {
  @Field(() => ID, { description: 'UUID of the tender project the finding is about; must exist in the projects slice.' }) projectId: string;
  @Field({ description: 'Short title, 1 to 255 characters.' }) title: string;
  @Field({ description: 'What was found, 1 to 4000 characters.' }) @LongText() description: string;
  @Field(() => LocalDateScalar, { description: 'Day of the finding, YYYY-MM-DD (Asia/Shanghai); today or earlier.' }) @PastDate() foundOn: string;
  @Field(() => LocalDateScalar, { description: 'Rectification deadline (整改期限), YYYY-MM-DD (Asia/Shanghai); not before foundOn.' }) rectificationDueOn: string;
}

/** Resolvers map GraphQL to a service call: queries, validation and transactions live in AuditFindingService. */
const service = (ctx: Context) => ctx.services.findings;

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Allowed('query.auditFindings')
  @Query(() => AuditFindingConnection, { description: 'Findings of the audit slice, newest first; optionally only open ones.' })
  auditFindings(@Args() page: PageArgs, @Arg('openOnly', { defaultValue: false, description: 'When true, only findings not yet rectified; default false (all findings).' }) openOnly: boolean, @Ctx() ctx: Context) {
    return service(ctx).list(page, openOnly);
  }

  @FieldResolver(() => Boolean, { description: 'Not rectified and past its deadline (Asia/Shanghai).' })
  overdue(@Root() finding: AuditFinding, @Ctx() { clock }: Context): boolean {
    return !finding.rectifiedOn && finding.rectificationDueOn < clock.today();
  }

  @FieldResolver(() => ProjectRef, { description: 'The tender project the finding is about (owned by the projects slice: its code, name and stage come from there).' })
  project(@Root() finding: AuditFinding): ProjectRef {
    return { id: finding.projectId };
  }

  @Allowed('mutation.recordAuditFinding')
  @Mutation(() => AuditFinding, { description: 'Records a finding on a project.' })
  recordAuditFinding(@Arg('input', { description: 'The finding to record.' }) input: RecordAuditFindingInput, @Ctx() ctx: Context): Promise<AuditFinding> {
    return service(ctx).record(input);
  }

  @Allowed('mutation.rectifyAuditFinding')
  @Mutation(() => AuditFinding, { description: 'Records the rectification of a finding.' })
  rectifyAuditFinding(
    @Arg('id', () => ID, { description: 'UUID of the finding to close.' }) id: string,
    @Arg('rectifiedOn', () => LocalDateScalar, { description: 'Day the rectification was completed, YYYY-MM-DD (Asia/Shanghai); not in the future, not before foundOn.' }) rectifiedOn: string,
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

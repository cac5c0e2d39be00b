import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConflictError, InputError, LocalDateScalar, NotFoundError, PageArgs, pageWindow, todayInShanghai, toConnection, LongText, PastDate, requireUuid, ForbiddenError, requireFound, requireDateInBounds, type Caller } from '@hub/kit';
import { Allowed } from '../access-policy';
import type { AuditProjects } from '../projects-directory';
import type { Context } from '../loaders';
import { AuditFinding } from './finding.entity';

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

/**
 * The project must exist (in the projects slice), and a line department works only on the projects
 * it supervises (谁主管，谁监管): a ZJJ officer records and closes no findings on a JTJ project.
 */
async function requireOwnLane(user: Caller, projects: AuditProjects, projectId: string, field: string): Promise<void> {
  const supervising = await projects.supervisingDepartments([projectId]);
  requireFound(supervising, [projectId], field, 'project');
  if (user.role === 'DEPT' && supervising.get(projectId) !== user.department) {
    throw new ForbiddenError(`${field}: the project is supervised by ${supervising.get(projectId)}; a ${user.department} officer records and closes findings only on its own department's projects`);
  }
}

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Allowed('query.auditFindings')
  @Query(() => AuditFindingConnection, { description: 'Findings of the audit slice, newest first; optionally only open ones.' })
  async auditFindings(@Args() page: PageArgs, @Arg('openOnly', { defaultValue: false }) openOnly: boolean, @Ctx() { em }: Context) {
    const window = pageWindow(page);
    const [rows, total] = await em.findAndCount(AuditFinding, openOnly ? { rectifiedOn: null } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { foundOn: 'desc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  @FieldResolver(() => Boolean, { description: 'Not rectified and past its deadline (Asia/Shanghai).' })
  overdue(@Root() finding: AuditFinding): boolean {
    return !finding.rectifiedOn && finding.rectificationDueOn < todayInShanghai();
  }

  @Allowed('mutation.recordAuditFinding')
  @Mutation(() => AuditFinding, { description: 'Records a finding on a project.' })
  async recordAuditFinding(@Arg('input') input: RecordAuditFindingInput, @Ctx() { em, user, loaders }: Context): Promise<AuditFinding> {
    const projectId = requireUuid(input.projectId, 'projectId');
    if (input.rectificationDueOn < input.foundOn) {
      throw new InputError('rectificationDueOn must not be before foundOn', { field: 'rectificationDueOn', rule: 'after foundOn' });
    }
    await requireOwnLane(user, loaders.projects, projectId, 'projectId');
    return em.transactional(async (tx) => tx.create(AuditFinding, { ...input, projectId, recordedByDepartment: user.department ?? user.role }));
  }

  @Allowed('mutation.rectifyAuditFinding')
  @Mutation(() => AuditFinding, { description: 'Records the rectification of a finding.' })
  async rectifyAuditFinding(
    @Arg('id', () => ID) id: string,
    @Arg('rectifiedOn', () => LocalDateScalar) rectifiedOn: string,
    @Ctx() { em, user, loaders }: Context,
  ): Promise<AuditFinding> {
    requireUuid(id, 'id');
    requireDateInBounds(rectifiedOn, 'rectifiedOn', { notInFuture: true });
    const found = await em.findOne(AuditFinding, { id });
    if (!found) throw new NotFoundError('AuditFinding', id);
    await requireOwnLane(user, loaders.projects, found.projectId, 'id');
    return em.transactional(async (tx) => {
      const finding = await tx.findOne(AuditFinding, { id });
      if (!finding) throw new NotFoundError('AuditFinding', id);
      if (finding.rectifiedOn) throw new ConflictError(`Finding ${id} was already rectified on ${finding.rectifiedOn}`, { rectifiedOn: finding.rectifiedOn });
      if (rectifiedOn < finding.foundOn) throw new InputError('rectifiedOn must not be before foundOn', { field: 'rectifiedOn', rule: 'after foundOn' });
      finding.rectifiedOn = rectifiedOn;
      return finding;
    });
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

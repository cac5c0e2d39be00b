import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, InputError, NotFoundError, pageWindow, toConnection, requireUuid, ForbiddenError, OWN_DEPARTMENT_RULE, requireFound, requireDateInBounds, type Caller, type PageArgs } from '@hub/kit';
import type { AuditProjects } from '../projects-directory';
import { AuditFinding } from './finding.entity';
import type { RecordAuditFindingInput } from './finding.resolver';

/**
 * The project must exist (in the projects slice), and a line department works only on the projects
 * it supervises (谁主管，谁监管): a ZJJ officer records and closes no findings on a JTJ project.
 */
async function requireOwnLane(user: Caller, projects: AuditProjects, projectId: string, field: string): Promise<void> {
  const supervising = await projects.supervisingDepartments([projectId]);
  requireFound(supervising, [projectId], field, 'project');
  if (user.role === 'DEPT' && supervising.get(projectId) !== user.department) {
    throw new ForbiddenError(
      `${field}: the project is supervised by ${supervising.get(projectId)}; a ${user.department} officer records and closes findings only on its own department's projects`,
      { field, rule: OWN_DEPARTMENT_RULE },
    );
  }
}

/** Reads and writes of findings for one caller: validation, row rules and transactions (a failed write changes nothing). */
export class AuditFindingService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    private readonly projects: AuditProjects,
  ) {}

  async list(page: PageArgs, openOnly: boolean) {
    const window = pageWindow(page);
    const [rows, total] = await this.em.findAndCount(AuditFinding, openOnly ? { rectifiedOn: null } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { foundOn: 'desc', id: 'asc' },
    });
    return toConnection(rows, total, window);
  }

  async record(input: RecordAuditFindingInput): Promise<AuditFinding> {
    const projectId = requireUuid(input.projectId, 'projectId');
    if (input.rectificationDueOn < input.foundOn) {
      throw new InputError('rectificationDueOn must not be before foundOn', { field: 'rectificationDueOn', rule: 'after foundOn' });
    }
    await requireOwnLane(this.user, this.projects, projectId, 'projectId');
    return this.em.transactional(async (tx) => tx.create(AuditFinding, { ...input, projectId, recordedByDepartment: this.user.department ?? this.user.role }));
  }

  async rectify(id: string, rectifiedOn: string): Promise<AuditFinding> {
    requireUuid(id, 'id');
    requireDateInBounds(rectifiedOn, 'rectifiedOn', { notInFuture: true });
    const found = await this.em.findOne(AuditFinding, { id });
    if (!found) throw new NotFoundError('AuditFinding', id, 'id');
    await requireOwnLane(this.user, this.projects, found.projectId, 'id');
    return this.em.transactional(async (tx) => {
      const finding = await tx.findOne(AuditFinding, { id });
      if (!finding) throw new NotFoundError('AuditFinding', id, 'id');
      if (finding.rectifiedOn) throw new ConflictError(`Finding ${id} was already rectified on ${finding.rectifiedOn}`, { rectifiedOn: finding.rectifiedOn });
      if (rectifiedOn < finding.foundOn) throw new InputError('rectifiedOn must not be before foundOn', { field: 'rectifiedOn', rule: 'after foundOn' });
      finding.rectifiedOn = rectifiedOn;
      return finding;
    });
  }
}

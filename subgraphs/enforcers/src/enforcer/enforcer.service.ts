import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  ForbiddenError,
  InputError,
  memberUnits,
  NotFoundError,
  requireFound,
  systemClock,
  toConnection,
  type Caller,
  type Clock,
  requireCreditCode,
  type PageWindow,
} from '@hub/kit';
import { requireEnforcerDetail, seesEverything } from '../access';
import type { Ports } from '../ports';
import { requireText, requireUuid } from '../validation';
import { ConflictOfInterest, Enforcer, EnforcerSpecialty, Recusal, TrainingRecord } from './enforcer.entity';
import type { ConflictOfInterestInput, EnforcerFilter, RecusalInput, RegisterEnforcerInput, TrainingInput, UpdateEnforcerInput } from './enforcer.inputs';

function requireSpecialties(specialties: EnforcerSpecialty[]): EnforcerSpecialty[] {
  if (specialties.length === 0) throw new InputError('specialties must name at least one project category', { field: 'specialties', rule: 'at least one' });
  return [...new Set(specialties)].sort();
}

/** The roster (执法人员名录库): the office writes, readers are scoped by role. */
export class EnforcerService {
  constructor(
    private readonly em: EntityManager,
    private readonly user: Caller,
    /** "Today" of the records it writes: the slice's clock. */
    private readonly clock: Clock = systemClock,
    /** The other slices (the projects a recusal names); needed by `recordRecusal` only. */
    private readonly ports?: Ports,
  ) {}

  /** One roster entry, with the same scoping as the list: an entry the caller may not see refuses (FORBIDDEN). */
  async get(id: string): Promise<Enforcer | null> {
    const enforcer = await this.em.findOne(Enforcer, { id: requireUuid(id, 'id') });
    if (enforcer) requireEnforcerDetail(this.user, enforcer);
    return enforcer;
  }

  /** A page of the roster, scoped to the caller, as a connection. */
  async page(filter: EnforcerFilter, window: PageWindow) {
    const [rows, total] = await this.list(filter, window);
    return toConnection(rows, total, window);
  }

  /** The roster scoped to the caller: office and leaders all, a department its own, an enforcer themself. */
  async list(filter: EnforcerFilter, window: { limit: number; offset: number }): Promise<[Enforcer[], number]> {
    const where: FilterQuery<Enforcer>[] = [];
    if (filter.departmentCode) where.push({ departmentCode: filter.departmentCode });
    if (this.user.role === 'DEPT') {
      if (filter.departmentCode && filter.departmentCode !== this.user.department) {
        throw new ForbiddenError(`Department ${this.user.department} reads its own enforcers, not ${filter.departmentCode}'s`);
      }
      where.push({ departmentCode: this.user.department! });
    } else if (this.user.role === 'ENFORCER') {
      where.push({ id: this.user.sub });
    } else if (!seesEverything(this.user)) {
      throw new ForbiddenError('The roster is not public');
    }
    if (filter.active !== undefined && filter.active !== null) where.push({ active: filter.active });
    if (filter.specialty) where.push({ specialties: { $contains: [filter.specialty] } } as FilterQuery<Enforcer>);
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push({ $or: [{ name: { $ilike: like } }, { certificateNumber: { $ilike: like } }] });
    }
    return this.em.findAndCount(Enforcer, where.length ? { $and: where } : {}, {
      limit: window.limit,
      offset: window.offset,
      orderBy: { departmentCode: 'asc', name: 'asc', id: 'asc' },
    });
  }

  async register(input: RegisterEnforcerInput): Promise<Enforcer> {
    const departmentCode = input.departmentCode;
    const units = await memberUnits();
    if (!units.isLine(departmentCode) && departmentCode !== 'ZWJ') {
      throw new InputError(`departmentCode must be ${units.describeLine()} or ZWJ, got "${departmentCode}"`, {
        field: 'departmentCode',
        rule: 'member unit with enforcers',
      });
    }
    const certificateNumber = requireText(input.certificateNumber, 'certificateNumber', 40);
    const specialties = requireSpecialties(input.specialties);
    return this.em.transactional(async (em) => {
      if (await em.findOne(Enforcer, { certificateNumber })) {
        throw new InputError(`Certificate number ${certificateNumber} is already on the roster`, { field: 'certificateNumber', rule: 'unique' });
      }
      return em.create(Enforcer, {
        name: requireText(input.name, 'name', 100),
        departmentCode,
        certificateNumber,
        certificateValidUntil: input.certificateValidUntil,
        specialties,
      });
    });
  }

  async update(input: UpdateEnforcerInput): Promise<Enforcer> {
    requireUuid(input.id, 'id');
    return this.em.transactional(async (em) => {
      const enforcer = await em.findOne(Enforcer, { id: input.id });
      if (!enforcer) throw new NotFoundError('Enforcer', input.id, 'id');
      if (input.certificateNumber) {
        const certificateNumber = requireText(input.certificateNumber, 'certificateNumber', 40);
        if (await em.findOne(Enforcer, { certificateNumber, id: { $ne: enforcer.id } })) {
          throw new InputError(`Certificate number ${certificateNumber} is already on the roster`, { field: 'certificateNumber', rule: 'unique' });
        }
        enforcer.certificateNumber = certificateNumber;
      }
      if (input.certificateValidUntil) enforcer.certificateValidUntil = input.certificateValidUntil;
      if (input.specialties) enforcer.specialties = requireSpecialties(input.specialties);
      if (input.active !== undefined && input.active !== null) enforcer.active = input.active;
      return enforcer;
    });
  }

  private async enforcer(em: EntityManager, id: string, field = 'enforcerId'): Promise<Enforcer> {
    requireUuid(id, field);
    const enforcer = await em.findOne(Enforcer, { id });
    if (!enforcer) throw new NotFoundError('Enforcer', id, field);
    return enforcer;
  }

  async recordTraining(input: TrainingInput): Promise<TrainingRecord> {
    if (!(input.hours > 0 && input.hours <= 1000))
      throw new InputError(`hours must be between 0 and 1000, got ${input.hours}`, { field: 'hours', rule: '0 < hours ≤ 1000' });
    return this.em.transactional(async (em) =>
      em.create(TrainingRecord, {
        enforcer: await this.enforcer(em, input.enforcerId),
        course: requireText(input.course, 'course', 200),
        completedOn: input.completedOn,
        hours: input.hours,
      }),
    );
  }

  async recordConflict(input: ConflictOfInterestInput): Promise<ConflictOfInterest> {
    const creditCode = requireCreditCode(input.creditCode, 'creditCode');
    return this.em.transactional(async (em) => {
      const enforcer = await this.enforcer(em, input.enforcerId);
      if (await em.findOne(ConflictOfInterest, { enforcer, creditCode })) {
        throw new InputError(`A conflict of interest with ${creditCode} is already recorded for this enforcer`, {
          field: 'creditCode',
          rule: 'unique per enforcer',
        });
      }
      return em.create(ConflictOfInterest, {
        enforcer,
        creditCode,
        reason: requireText(input.reason, 'reason'),
        recordedOn: this.clock.today(),
        recordedBy: this.user.sub,
      });
    });
  }

  /** The office records a recusal, or an enforcer declares their own (回避申请). */
  async recordRecusal(input: RecusalInput): Promise<Recusal> {
    const projectId = requireUuid(input.projectId, 'projectId');
    // The project is the projects slice's: checked there before anything is written.
    if (!this.ports) throw new Error('EnforcerService needs ports to check a recusal’s project');
    requireFound(await this.ports.existingProjects([projectId]), [projectId], 'projectId', 'project');
    if (this.user.role === 'ENFORCER' && this.user.sub !== input.enforcerId) throw new ForbiddenError('An enforcer may only declare their own recusal');
    return this.em.transactional(async (em) => {
      const enforcer = await this.enforcer(em, input.enforcerId);
      if (await em.findOne(Recusal, { enforcer, projectId: input.projectId })) {
        throw new InputError('This recusal is already recorded', { field: 'projectId', rule: 'unique per enforcer' });
      }
      return em.create(Recusal, {
        enforcer,
        projectId: input.projectId,
        reason: requireText(input.reason, 'reason'),
        recordedOn: this.clock.today(),
        recordedBy: this.user.sub,
      });
    });
  }
}

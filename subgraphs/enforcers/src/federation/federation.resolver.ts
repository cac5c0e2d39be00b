import { ForbiddenError, PeriodInput } from '@hub/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { canReadInspection, seesEverything } from '../access';
import { Enforcer } from '../enforcer/enforcer.entity';
import { Inspection } from '../inspection/inspection.entity';
import { InspectionStats } from '../inspection/inspection.types';
import type { Context } from '../loaders';
import { DepartmentRef, ProjectRef } from './refs';
import { Allowed } from '../access-policy';

/** Fields this slice adds to Department (owned by projects), batched per request. */
@Resolver(() => DepartmentRef)
export class DepartmentExtensionResolver {
  @Allowed('Department.enforcers')
  @FieldResolver(() => [Enforcer], {
    nullable: true,
    description:
      "The department's enforcers on the roster: office and leaders read every department's, a department officer its own (null with an error for others).",
  })
  async enforcers(@Root() department: DepartmentRef, @Ctx() { loaders, user }: Context): Promise<Enforcer[]> {
    if (!seesEverything(user) && !(user.role === 'DEPT' && user.department === department.code)) {
      throw new ForbiddenError(`The enforcers of ${department.code} are shown to the office, the leaders and ${department.code} itself`);
    }
    return loaders.enforcersByDepartment.load(department.code);
  }

  @Allowed('Department.inspectionStats')
  @FieldResolver(() => InspectionStats, { nullable: true, description: 'Random-inspection coverage of the department over a period (每两月集中研判).' })
  inspectionStats(
    @Root() department: DepartmentRef,
    @Arg('period', () => PeriodInput, { description: 'The review period; from and to inclusive, YYYY-MM-DD (Asia/Shanghai).' }) period: PeriodInput,
    @Ctx() { services }: Context,
  ): Promise<InspectionStats> {
    return services.inspectionStats.ofDepartment(department.code, period);
  }
}

/** Fields this slice adds to Project (owned by projects), batched per request. */
@Resolver(() => ProjectRef)
export class ProjectExtensionResolver {
  @FieldResolver(() => [Inspection], { nullable: true, description: 'Joint inspections of the project the caller may see (published ones are public).' })
  async inspections(@Root() project: ProjectRef, @Ctx() { loaders, user }: Context): Promise<Inspection[]> {
    return (await loaders.inspectionsByProject.load(project.id)).filter((i) => canReadInspection(user, i));
  }
}

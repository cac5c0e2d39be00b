import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../loaders';
import { Department } from './department.entity';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'The member units (reference data; a new unit is a new row), in list order.' })
  departments(@Ctx() { em }: Context): Promise<Department[]> {
    return em.find(Department, {}, { orderBy: { position: 'asc', code: 'asc' } });
  }

  @Query(() => Department, { nullable: true, description: 'A member unit by its code; null when no unit has it. Public.' })
  department(@Arg('code', () => ID, { description: 'Fixed unit code, e.g. ZJJ.' }) code: string, @Ctx() { em }: Context): Promise<Department | null> {
    return em.findOne(Department, { code });
  }
}

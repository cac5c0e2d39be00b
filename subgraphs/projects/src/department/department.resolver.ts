import { DEPARTMENTS } from '@hub/kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../loaders';
import { Department } from './department.entity';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'The member units, in their fixed order.' })
  async departments(@Ctx() { em }: Context): Promise<Department[]> {
    const rank = (code: string) => {
      const index = DEPARTMENTS.findIndex((d) => d.code === code);
      return index === -1 ? DEPARTMENTS.length : index;
    };
    const rows = await em.find(Department, {}, { orderBy: { code: 'asc' } });
    return rows.sort((a, b) => rank(a.code) - rank(b.code));
  }

  @Query(() => Department, { nullable: true })
  department(@Arg('code', () => ID) code: string, @Ctx() { em }: Context): Promise<Department | null> {
    return em.findOne(Department, { code });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { MemberUnits } from '@hub/kit';
import { Department } from './department.entity';

/** The member units as this slice's table holds them now, in list order (other slices ask the graph). */
export async function memberUnitsIn(em: EntityManager): Promise<MemberUnits> {
  const rows = await em.find(Department, {}, { orderBy: { position: 'asc', code: 'asc' } });
  return new MemberUnits(rows.map(({ code, name, nameZh, kind }) => ({ code, name, nameZh, kind })));
}

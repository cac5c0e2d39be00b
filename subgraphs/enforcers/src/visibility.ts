import { declareVisibility } from '@hub/kit';
import { canReadEnforcerDetail } from './access';
import { Enforcer } from './enforcer/enforcer.entity';

/**
 * Which fields each view of this slice's row-scoped types shows: the one place to say so. A roster
 * entry's DETAIL (certificate, specialties, duty, training, conflicts, recusals) is for the office, the
 * leaders, the enforcer's own department and the enforcer (`canReadEnforcerDetail` in access.ts); everyone
 * else who reaches an enforcer (e.g. another department through a case) gets its NAME only. A field
 * not listed under NAME resolves to null there, so a new roster field is hidden until listed here.
 * Inspections have no field views: a caller reads a whole inspection or none (`canReadInspection`).
 */
export const enforcerVisibility = declareVisibility<Enforcer, 'DETAIL' | 'NAME'>({
  type: 'Enforcer',
  entity: Enforcer,
  viewOf: (user, enforcer) => (canReadEnforcerDetail(user, enforcer) ? 'DETAIL' : 'NAME'),
  full: ['DETAIL'],
  shows: { NAME: ['id', 'name', 'department'] },
});

/** Every declaration of this slice, for its schema build and the authorization matrix. */
export const visibility = [enforcerVisibility];

import { declareVisibility } from '@hub/kit';
import { Practitioner } from './practitioner/practitioner.entity';

/**
 * Which fields each view of this slice's row-scoped types shows: the one place to say so. A practitioner
 * (从业人员) reaches the public (no token) through published credit records and the public practitioner
 * search: the public may read who the record is about (name, role, employer), never their identity
 * number, even masked. Any signed-in role reads every field. A field not listed under PUBLIC resolves to
 * null for the public, so a new practitioner field stays hidden from it until it is listed here.
 */
export const practitionerVisibility = declareVisibility<Practitioner, 'SIGNED_IN' | 'PUBLIC'>({
  type: 'Practitioner',
  entity: Practitioner,
  viewOf: (user) => (user.role === 'PUBLIC' ? 'PUBLIC' : 'SIGNED_IN'),
  full: ['SIGNED_IN'],
  shows: { PUBLIC: ['id', 'name', 'role', 'employer'] },
});

/** Every declaration of this slice, for its schema build and the authorization matrix. */
export const visibility = [practitionerVisibility];

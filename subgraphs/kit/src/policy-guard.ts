import { Authorized } from 'type-graphql';
import type { AccessPolicy } from './auth';

/**
 * The resolvers' role guards, taken from the slice's access policy so that roles are written in one
 * place: `export const Allowed = guardsFrom(accessPolicy)` in `src/access-policy.ts`, then
 * `@Allowed('mutation.acceptCase')` on the resolver instead of `@Authorized('OFFICE')`. The key is
 * typed from the policy (write the policy `{ … } satisfies AccessPolicy`), so a misspelt or missing
 * entry fails the build; `accessPolicyDrift` (a unit test per slice) still checks that every root field
 * has an entry and that the built schema's guards equal the policy.
 */
export function guardsFrom<P extends AccessPolicy>(policy: P): (key: keyof P & string) => ReturnType<typeof Authorized> {
  return (key) => {
    const roles = policy[key];
    if (!roles) throw new Error(`No access policy entry "${key}"`);
    return Authorized(...roles);
  };
}

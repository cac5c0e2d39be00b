import { expect, it } from 'vitest';
import { accessPolicyDrift } from '@hub/kit/testing';
import { accessPolicy } from './access-policy';
import { subgraph } from './server';

// The roles are written twice, in the resolvers' @Authorized(...) and in access-policy.ts: they must not drift.
it("every @Authorized role list equals this slice's access-policy.ts entry, both ways", async () => {
  expect(accessPolicyDrift(await subgraph.buildSchema(), accessPolicy)).toEqual([]);
});

import { expect, it } from 'vitest';
import { accessPolicyDrift } from '@hub/kit/testing';
import { accessPolicy } from './access-policy';
import { subgraph } from './server';

// The resolvers' guards come from access-policy.ts (@Allowed); this catches a root field without an entry, or a guard written by hand.
it("every @Authorized role list equals this slice's access-policy.ts entry, both ways", async () => {
  expect(accessPolicyDrift(await subgraph.buildSchema(), accessPolicy)).toEqual([]);
});

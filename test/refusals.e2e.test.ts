import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness';

let hub: Hub;
let center: string;
beforeAll(async () => {
  hub = await startHub({ only: ['projects'] });
  center = await hub.token('CENTER', 'JYZX');
});
afterAll(async () => hub?.stop());

const REGISTER = `mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`;

describe('refusals reach the caller with their rule', () => {
  it('an impossible date is refused at the gateway naming the field and the rule, not as an internal error', async () => {
    const result = await hub.query(REGISTER, { input: { creditCode: '91421000MA4F0RNC3X', name: 'X', registeredOn: '2026-02-30' } }, center);
    expect(result.errors?.[0].message).toMatch(/input\.registeredOn.*LocalDate must be a real calendar date/);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'LocalDate format' });
  });

  it("an impossible date written in the query is refused at validation, naming the rule", async () => {
    const result = await hub.query(`mutation { registerMarketEntity(input: { creditCode: "x", name: "X", registeredOn: "2026-13-01" }) { creditCode } }`, {}, center);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/LocalDate must be a real calendar date/);
  });
});

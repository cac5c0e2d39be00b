import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyKitScalars, passRefusalsThrough } from './refusals';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('passRefusalsThrough', () => {
  it("turns a subgraph's 400 with GraphQL errors into an answer the gateway reads", async () => {
    const refusal = { errors: [{ message: 'Variable "$input" got invalid value', extensions: { code: 'BAD_USER_INPUT', rule: 'LocalDate format' } }] };
    const response = await passRefusalsThrough(async () => json(400, refusal))('http://subgraph/graphql');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(refusal);
  });

  it('leaves successes, server errors, oversized bodies and non-GraphQL 4xx alone', async () => {
    for (const status of [200, 500, 413]) {
      expect((await passRefusalsThrough(async () => json(status, { errors: [{ message: 'x' }] }))('u')).status).toBe(status);
    }
    expect((await passRefusalsThrough(async () => json(404, { error: 'Not found' }))('u')).status).toBe(404);
    expect((await passRefusalsThrough(async () => new Response('nope', { status: 400 }))('u')).status).toBe(400);
  });
});

describe('applyKitScalars', () => {
  it('makes a supergraph-style schema refuse an impossible LocalDate variable', async () => {
    const schema = buildSchema('scalar LocalDate scalar Decimal type Query { day(on: LocalDate!, amount: Decimal): String }');
    const before = await graphql({ schema, source: 'query($on: LocalDate!) { day(on: $on) }', variableValues: { on: '2026-02-30' } });
    expect(before.errors).toBeUndefined();
    applyKitScalars(schema);
    const after = await graphql({ schema, source: 'query($on: LocalDate!) { day(on: $on) }', variableValues: { on: '2026-02-30' } });
    expect(after.errors?.[0].message).toMatch(/LocalDate must be a real calendar date/);
    expect(after.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'LocalDate format' });
    const amount = await graphql({ schema, source: '{ day(on: "2026-02-28", amount: "1.234") }' });
    expect(amount.errors?.[0].message).toMatch(/Decimal/);
  });
});

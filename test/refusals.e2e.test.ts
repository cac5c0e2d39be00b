import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { creditCodeCheckCharacter, CSRF_REFUSAL, DEV_JWT_SECRET, signDevToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@hub/kit';
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
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registeredOn', rule: 'LocalDate format' });
  });

  it('a bad amount is refused at the gateway naming the field inside the input and the rule', async () => {
    const input = {
      code: 'X',
      name: 'X',
      category: 'HOUSING',
      supervisingDepartment: 'ZJJ',
      tendererCreditCode: '91421000MA4F0RNC3X',
      budget: '1.234',
      tenderMethod: 'OPEN',
      registeredOn: '2026-01-05',
    };
    const result = await hub.query(`mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`, { input }, center);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budget' });
  });

  it('an impossible date written in the query is refused at validation, naming the rule', async () => {
    const result = await hub.query(
      `mutation { registerMarketEntity(input: { creditCode: "x", name: "X", registeredOn: "2026-13-01" }) { creditCode } }`,
      {},
      center,
    );
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/LocalDate must be a real calendar date/);
  });
});

describe('tokens', () => {
  /** An HS256 token with the development secret and exactly the given time claims. */
  const sign = (times: { iat?: number; nbf?: number; exp?: number }) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { role: 'LEADER', name: 'x', sub: 'leader', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, ...times };
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', DEV_JWT_SECRET).update(unsigned).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  async function refusal(token: string) {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { status: response.status, challenge: response.headers.get('www-authenticate'), body: (await response.json()) as { errors: { message: string }[] } };
  }

  it.each([
    ['a token without exp', () => ({ iat: now() }), /no "exp"/],
    ['a token issued tomorrow', () => ({ iat: now() + 86_400, exp: now() + 90_000 }), /issued in the future/],
    ['a token not valid before tomorrow', () => ({ iat: now(), nbf: now() + 86_400, exp: now() + 90_000 }), /not valid yet/],
    ['a token valid for 30 days', () => ({ iat: now(), exp: now() + 30 * 86_400 }), /lives longer than 12 hours/],
  ])('refuses %s with 401 and a Bearer challenge naming the rule', async (_label, times, message) => {
    const answer = await refusal(sign(times()));
    expect(answer.status).toBe(401);
    expect(answer.challenge).toMatch(/^Bearer error="invalid_token", error_description=".+"$/);
    expect(answer.body.errors[0].message).toMatch(message);
  });

  it('answers a malformed Authorization header with invalid_request', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_request"/);
  });

  it('accepts the tokens the development tool issues (12 hours, with exp)', async () => {
    const result = await hub.query('{ __typename }', {}, await signDevToken({ sub: 'l', role: 'LEADER' }));
    expect(result.status).toBe(200);
  });

  it('tells a form post what to send instead of naming Apollo internals', async () => {
    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0].message).toBe(CSRF_REFUSAL);
    expect(body.errors[0].message).not.toMatch(/\n$/);
  });
});

describe('races', () => {
  it('answers every loser of a unique-key race like the sequential path', async () => {
    const creditCode = `91421000MA4F0RNC3${creditCodeCheckCharacter('91421000MA4F0RNC3')}`;
    const input = { creditCode, name: '荆州某建设有限公司', registeredOn: '2024-01-02' };
    const results = await Promise.all(Array.from({ length: 8 }, () => hub.query(REGISTER, { input }, center)));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'BAD_USER_INPUT')).toBe(true);
    const sequential = await hub.query(REGISTER, { input }, center);
    for (const loser of results.filter((r) => r.errors)) expect(loser.errors?.[0].message).toBe(sequential.errors?.[0].message);
  });
});

/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@hub/kit';
import { startHub, type Hub } from './harness';
import { launchChromium } from './web-browser';

/**
 * Production sign-in end to end: a real OpenID Connect provider (the `oidc-provider` package, as an
 * identity provider of the district would be) issues JWT access tokens with its own issuer, audience
 * and claim names; the hub is configured for them through the documented variables only. The browser
 * opens the app, is sent to the provider, signs in there (authorization code + PKCE), comes back and
 * sees its dashboard; the gateway and subgraphs verified the provider's token through its JWKS.
 */
const AUDIENCE = 'urn:supervision-hub';
/** The provider's accounts: a role among other groups, the department nested, as real providers do. */
const ACCOUNTS: Record<string, { name: string; groups: string[]; org?: { code: string } }> = {
  'zjj-officer': { name: '王建国', groups: ['staff', 'DEPT'], org: { code: 'ZJJ' } },
  'district-leader': { name: '李明', groups: ['staff', 'LEADER'] },
};

let hub: Hub;
let browser: Browser;
let origin: string;
let issuer: string;
let idpServer: Server;
/** Paths the provider served, to show the hub fetched its keys. */
const providerHits: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  if (!existsSync(join(repoRoot(), 'web', 'dist', 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@hub/web', 'build'], { cwd: repoRoot(), stdio: 'inherit' });
  }
  // The provider's address first (its issuer URL is part of the hub's configuration); it answers once built.
  // eslint-disable-next-line prefer-const -- assigned once the provider exists, which needs this server's address
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  idpServer = createServer((req, res) => {
    providerHits.push(req.url ?? '');
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => idpServer.listen(0, 'localhost', resolve));
  issuer = `http://localhost:${(idpServer.address() as AddressInfo).port}`;
  process.env.OIDC_ISSUER = issuer;
  process.env.OIDC_CLIENT_ID = 'hub-web';
  process.env.OIDC_SCOPE = 'openid profile hub';
  process.env.AUTH_ROLE_CLAIM = 'groups';
  process.env.AUTH_DEPARTMENT_CLAIM = 'org.code';
  hub = await startHub({ seed: true });
  origin = new URL(hub.gateway.url).origin;
  // From here on the hub accepts only the provider's tokens (the demo data is loaded).
  process.env.AUTH_JWKS_URL = `${issuer}/jwks`;
  process.env.AUTH_ISSUER = issuer;
  process.env.AUTH_AUDIENCE = AUDIENCE;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'hub-web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${origin}/auth/callback`],
        post_logout_redirect_uris: [`${origin}/login?reason=signed-out`],
      },
    ],
    scopes: ['openid', 'profile', 'hub'],
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: (_ctx, id) => (ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, name: ACCOUNTS[id]!.name }) } : undefined),
    features: {
      // The provider's own test pages: any password, the login is the account id.
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'hub', audience: AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: 600 }),
      },
    },
    extraTokenClaims: (_ctx, token) => {
      const account = ACCOUNTS[(token as { accountId?: string }).accountId ?? ''];
      return account ? { name: account.name, groups: account.groups, ...(account.org ? { org: account.org } : {}) } : undefined;
    },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    // The app fetches discovery and exchanges the code from its own origin.
    clientBasedCORS: (_ctx, requestOrigin) => requestOrigin === origin,
  });
  const callback = provider.callback();
  handler = (req, res) => void callback(req, res);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await new Promise((resolve) => idpServer?.close(resolve));
  for (const name of [
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'OIDC_SCOPE',
    'AUTH_ROLE_CLAIM',
    'AUTH_DEPARTMENT_CLAIM',
    'AUTH_JWKS_URL',
    'AUTH_ISSUER',
    'AUTH_AUDIENCE',
  ]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** Requests to hosts other than the hub and the provider (aborted); the provider's own pages pull a web font. */
const external: string[] = [];

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(90_000);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith(`${issuer}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    const from = route.request().frame().url();
    if (!from.startsWith(`${issuer}/`)) external.push(url);
    return route.abort();
  });
  return context;
}

/** The provider's own sign-in page, then its consent page when it asks (not for a grant it remembers). */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await Promise.race([page.waitForURL(`${origin}/`), consent.waitFor()]);
  if (page.url().startsWith(`${issuer}/`)) await consent.click();
  await page.waitForURL(`${origin}/`);
}

function claimsOf(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}

describe('production sign-in through an OpenID Connect provider', { timeout: 300_000 }, () => {
  it('sends the user to the provider and back; the dashboard shows real data from a token verified by JWKS; expiry and sign-out lead to sign-in', async () => {
    const context = await newContext();
    // A controllable clock (it runs normally until told otherwise): the session's expiry without waiting.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    // Not signed in: the app sends the browser to the provider's sign-in page.
    await signInAtProvider(page, 'zjj-officer');
    // Back in the app after the code exchange: the department's own dashboard with its data.
    await page.getByRole('heading', { name: /部门工作台/ }).waitFor();
    await page
      .getByTestId('current-user')
      .getByText(/王建国/)
      .waitFor();
    await page.getByTestId('current-user').getByText(/ZJJ/).waitFor();
    await page.locator('[data-testid="stage-chart"] canvas').waitFor();
    await page.getByTestId('inspections').locator('.ant-table-row').first().waitFor();

    // The token the app sends is the provider's (its issuer, audience, claim names, its signing key)…
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem('hub.session')))!) as { token: string; idToken?: string };
    const claims = claimsOf(session.token);
    expect(claims).toMatchObject({ iss: issuer, aud: AUDIENCE, sub: 'zjj-officer', groups: ['staff', 'DEPT'], org: { code: 'ZJJ' } });
    expect(JSON.parse(Buffer.from(session.token.split('.')[0]!, 'base64url').toString('utf8')).alg).not.toBe('HS256');
    expect(session.idToken).toBeTruthy();
    // …which the gateway and the subgraphs verified with the provider's published keys.
    expect(providerHits.some((path) => path.startsWith('/jwks'))).toBe(true);
    const asDept = await hub.query('{ myCases: cases(first: 1) { totalCount } }', {}, session.token);
    expect(asDept.errors).toBeUndefined();
    // The hub's development tokens (HS256, the repository's secret) are refused now: only the provider's keys count.
    const refused = await hub.query('{ __typename }', {}, await hub.token('LEADER'));
    expect(refused.status).toBe(401);

    // Sign-out ends the provider's session too: the app does not open again without the provider asking.
    await page.getByRole('button', { name: /退出/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(/\/login\?reason=signed-out/);
    expect(await page.evaluate(() => localStorage.getItem('hub.session'))).toBeNull();
    await page.getByRole('button', { name: /统一身份认证登录/ }).click();
    await signInAtProvider(page, 'zjj-officer');
    await page.getByRole('heading', { name: /部门工作台/ }).waitFor();

    // When the session runs out the app leads back to sign-in, never to an empty page.
    await page.clock.fastForward('02:00:00');
    await page.waitForURL(/\/login\?reason=expired/);
    await page.getByRole('button', { name: /统一身份认证登录/ }).waitFor();
    expect(external).toEqual([]);
    await context.close();
  });

  it('a leader from the provider sees the leader overview with the joined view', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await signInAtProvider(page, 'district-leader');
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await page.getByTestId('leader-tiles').getByText('在办案件').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await context.close();
  });
});

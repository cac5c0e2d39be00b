import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, createLogger } from '@hub/kit';
import type { WebConfig } from './config';
import { webRoutes } from './routes';
import { documentHash, loadTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents';

const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dist, 'trusted-documents.json'), '{}');
const appScript = `console.log(${JSON.stringify('领导驾驶舱 '.repeat(200))})`;
writeFileSync(join(dist, 'assets', 'app-def456.js'), appScript);
writeFileSync(join(dist, 'assets', 'app-def456.js.gz'), gzipSync(appScript));
const log = createLogger('web-test');

function config(overrides: Partial<WebConfig> = {}): WebConfig {
  return {
    distDir: dist,
    production: false,
    explorer: true,
    trustedDocuments: 'off',
    trustedDocumentManifests: [],
    signIn: { mode: 'development' },
    ...overrides,
  };
}

/** A server with only the web routes; anything they do not answer is "graphql" here. */
async function serve(web: WebConfig): Promise<{ url: string; server: Server }> {
  const routes = webRoutes(web, log);
  const server = createServer((req, res) => {
    void routes(req, res, new URL(req.url ?? '/', 'http://x')).then((handled) => {
      if (!handled) res.end('graphql');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server };
}

describe('the web app on the gateway', () => {
  let development: { url: string; server: Server };
  let production: { url: string; server: Server };
  beforeAll(async () => {
    development = await serve(config());
    production = await serve(config({ production: true, explorer: false, signIn: { mode: 'unconfigured' } }));
  });
  afterAll(() => {
    development.server.close();
    production.server.close();
  });

  it('answers app routes with index.html (no-cache) and hashed assets immutably, never a file outside the build', async () => {
    const page = await fetch(`${development.url}/projects/42`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('id="root"');
    const asset = await fetch(`${development.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${development.url}/assets/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect(await (await fetch(`${development.url}/trusted-documents.json`)).text()).toContain('id="root"');
  });

  it('sends the build’s gzip copy of a file to a client that accepts gzip, the file itself to others', async () => {
    const get = (acceptEncoding?: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((done, fail) => {
        const req = request(`${development.url}/assets/app-def456.js`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', fail);
        req.end();
      });
    const gzipped = await get('gzip, deflate, br');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gzipped.body.length).toBeLessThan(Buffer.byteLength(appScript) / 4);
    expect(gunzipSync(gzipped.body).toString()).toBe(appScript);
    for (const refused of [undefined, 'identity', 'gzip;q=0, identity']) {
      const plain = await get(refused);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(appScript);
    }
    // A file the build did not compress (under 1 KB) is sent as it is.
    const small = await fetch(`${development.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.text()).toBe('console.log(1)');
  });

  it('answers HEAD with the headers of GET and no body; index.html is read again on every load, a hashed file once', async () => {
    const head = await fetch(`${development.url}/assets/app-def456.js`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(gzipSync(appScript).length);
    expect(await head.text()).toBe('');
    const other = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(other, 'assets'));
    writeFileSync(join(other, 'index.html'), 'build 1');
    writeFileSync(join(other, 'assets', 'a-1.js'), 'first');
    const web = await serve(config({ distDir: other }));
    try {
      expect(await (await fetch(`${web.url}/assets/a-1.js`)).text()).toBe('first');
      expect(await (await fetch(`${web.url}/`)).text()).toMatch(/<\/script>build 1$/);
      writeFileSync(join(other, 'index.html'), 'build 2');
      writeFileSync(join(other, 'assets', 'a-1.js'), 'second');
      expect(await (await fetch(`${web.url}/`)).text()).toMatch(/<\/script>build 2$/);
      // A hashed name never changes its content (a new build writes new names): kept in memory.
      expect(await (await fetch(`${web.url}/assets/a-1.js`)).text()).toBe('first');
    } finally {
      web.server.close();
    }
  });

  it('writes the settings /auth/config answers into index.html, first in its head, for the app to start with', async () => {
    const other = mkdtempSync(join(tmpdir(), 'web-dist-'));
    writeFileSync(join(other, 'index.html'), '<!doctype html><html><head><script>first()</script></head><body></body></html>');
    const signIn = {
      mode: 'oidc' as const,
      issuer: 'https://id.example/</script><b>',
      clientId: 'hub',
      scope: 'openid',
      roleClaim: 'role',
      departmentClaim: 'dept',
    };
    const web = await serve(config({ distDir: other, production: true, explorer: false, signIn }));
    try {
      const settings = await (await fetch(`${web.url}/auth/config`)).json();
      const page = await fetch(`${web.url}/projects/42`, { headers: { 'accept-encoding': 'gzip' } });
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const html = await page.text();
      const element = /^<!doctype html><html><head><script type="application\/json" id="hub-settings">(.*?)<\/script><script>first\(\)<\/script>/.exec(html);
      expect(element).not.toBeNull();
      // Nothing in a setting can end the element early: `<` is written as \u003c, which JSON reads back.
      expect(element![1]).not.toContain('<');
      expect(JSON.parse(element![1]!)).toEqual(settings);
      expect(settings).toEqual({ signIn, explorer: false });
    } finally {
      web.server.close();
    }
  });

  it('leaves POST /graphql and a client GET of /graphql to GraphQL; sends a browser to GraphiQL in development', async () => {
    expect(await (await fetch(`${development.url}/graphql`, { method: 'POST' })).text()).toBe('graphql');
    expect(await (await fetch(`${development.url}/graphql?query={__typename}`, { headers: { accept: 'text/html' } })).text()).toBe('graphql');
    const browser = await fetch(`${development.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(await (await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } })).text()).toBe('graphql');
    expect((await fetch(`${production.url}/graphiql`)).status).toBe(404);
  });

  it('signs development tokens the hub accepts, and has no token endpoint in production', async () => {
    const response = await fetch(`${development.url}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ role: 'DEPT', department: 'ZJJ' }) });
    const { token } = (await response.json()) as { token: string };
    expect(await authenticate(`Bearer ${token}`)).toMatchObject({ role: 'DEPT', department: 'ZJJ' });
    const refused = await fetch(`${development.url}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ role: 'DEPT' }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'department is required for DEPT' });
    expect((await fetch(`${production.url}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ role: 'LEADER' }) })).status).toBe(404);
    expect(await (await fetch(`${production.url}/auth/config`)).json()).toEqual({ signIn: { mode: 'unconfigured' }, explorer: false });
  });
});

describe('trusted documents', () => {
  const registered = 'query Hello { hello }';
  const hash = documentHash(registered);
  const manifest = join(dist, 'client-manifest.json');
  writeFileSync(manifest, JSON.stringify({ [hash]: registered }));

  async function server(mode: 'enforce' | 'off') {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { hello: String, secret: String }',
      resolvers: { Query: { hello: () => 'world', secret: () => 'leaked' } },
      plugins: [trustedDocumentsPlugin(loadTrustedDocuments([manifest]), mode)],
    });
    await apollo.start();
    return apollo;
  }

  it('with enforce, runs a registered hash and refuses any other operation with a clear error', async () => {
    const apollo = await server('enforce');
    const ok = await apollo.executeOperation({ query: undefined as never, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(ok.body.kind === 'single' && ok.body.singleResult.data).toEqual({ hello: 'world' });
    const other = await apollo.executeOperation({ query: '{ secret }' });
    expect(other.http.status).toBe(403);
    const errors = other.body.kind === 'single' ? other.body.singleResult.errors : undefined;
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'OPERATION_NOT_TRUSTED' } });
    expect(errors?.[0]?.message).toMatch(/runs only registered operations \(TRUSTED_DOCUMENTS=enforce\)/);
    // A registered hash with another text runs the registered text, never the one sent.
    const swapped = await apollo.executeOperation({ query: '{ secret }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(swapped.body.kind === 'single' && swapped.body.singleResult.data).toEqual({ hello: 'world' });
    await apollo.stop();
  });

  it('with off, runs any operation', async () => {
    const apollo = await server('off');
    const other = await apollo.executeOperation({ query: '{ secret }' });
    expect(other.body.kind === 'single' && other.body.singleResult.data).toEqual({ secret: 'leaked' });
    // A hash this gateway never registered, with its text: the text runs (no "provided sha does not match").
    const newer = await apollo.executeOperation({ query: '{ hello }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(newer.body.kind === 'single' && newer.body.singleResult).toEqual({ data: { hello: 'world' } });
    await apollo.stop();
  });

  it('refuses a manifest whose hash is not the sha256 of its document', () => {
    const bad = join(dist, 'bad-manifest.json');
    writeFileSync(bad, JSON.stringify({ [hash]: '{ secret }' }));
    expect(() => loadTrustedDocuments([bad])).toThrow(/is not the sha256 of its document/);
  });
});

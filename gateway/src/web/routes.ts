import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '@hub/kit';
import type { WebConfig } from './config';
import { devToken } from './dev-token';
import { indexPage } from './index-page';
import { fileIn, sendFile } from './static';

function notFound(res: ServerResponse, message: string): void {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: message }));
}

/** A browser opening the address (not a GraphQL client asking with GET). */
function wantsPage(req: IncomingMessage, url: URL): boolean {
  return (req.headers.accept ?? '').includes('text/html') && !url.searchParams.has('query');
}

/**
 * The web app on the gateway's origin: `/` and every client-side route answer index.html, the
 * hashed build under /assets/, the sign-in endpoints under /auth/, GraphiQL at /graphiql.
 * `/graphql` and `/health/*` keep their meaning (the kit answers health before asking here).
 */
export function webRoutes(config: WebConfig, log: Logger) {
  const index = join(config.distDir, 'index.html');
  const built = existsSync(index);
  if (!built) log.warn({ distDir: config.distDir }, 'web app not built: the gateway serves the API only (pnpm --filter @hub/web build)');
  // What the app needs of the deployment's settings: answered at /auth/config and written into index.html.
  const settings = { signIn: config.signIn, explorer: config.explorer };
  const sendIndex = indexPage(index, settings);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path === '/auth/config' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(JSON.stringify(settings));
      return true;
    }
    if (path === '/auth/dev-token') {
      if (config.production || req.method !== 'POST') notFound(res, 'Not found');
      else await devToken(req, res);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/graphql') {
      // Apollo's own landing page loads from a CDN; a browser gets the bundled GraphiQL instead.
      if (config.explorer && built && wantsPage(req, url)) {
        res.writeHead(302, { location: '/graphiql' });
        res.end();
        return true;
      }
      return false;
    }
    if (!built) return false;
    if (path.startsWith('/assets/')) {
      const file = fileIn(config.distDir, path);
      if (file) sendFile(req, res, file, true);
      else notFound(res, `Not found: ${path}`);
      return true;
    }
    if (path === '/graphiql' && !config.explorer) {
      notFound(res, 'The explorer is off here (EXPLORER=true turns it on)');
      return true;
    }
    const file = path !== '/' && path !== '/index.html' ? fileIn(config.distDir, path) : undefined;
    if (file && !file.endsWith('.json')) {
      sendFile(req, res, file, false);
      return true;
    }
    // Client-side routes: the app decides (its own not-found page for unknown paths).
    sendIndex(req, res);
    return true;
  };
}

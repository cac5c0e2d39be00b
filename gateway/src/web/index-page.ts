import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { acceptsGzip } from './static';

/** The element the web app reads its settings from (web/src/config.ts, SETTINGS_ELEMENT_ID). */
const SETTINGS_ELEMENT_ID = 'hub-settings';

/**
 * The page with the deployment's settings written in, first thing in its head: the JSON that
 * `GET /auth/config` answers, in a `<script type="application/json">` (data, never run). The app
 * starts with them at once instead of asking for them while its page loads, which cost the start a
 * request on one of the browser's few connections to the origin and a turn of the page's event loop
 * after the app's script had run. `<` is escaped so that no setting can close the element.
 */
export function withSettings(html: string, settings: unknown): string {
  const element = `<script type="application/json" id="${SETTINGS_ELEMENT_ID}">${JSON.stringify(settings).replace(/</g, '\\u003c')}</script>`;
  // After the head's start tag, before the page's first script (which reads them); a page without
  // one gets them after its doctype, where the parser opens the head for them.
  const head = /<head(\s[^>]*)?>/i.exec(html) ?? /^\s*<!doctype[^>]*>/i.exec(html);
  const at = head ? head.index + head[0].length : 0;
  return html.slice(0, at) + element + html.slice(at);
}

/**
 * Sends `index.html` (never cached: a new build is picked up on the next load) with the settings
 * written in. The file is read on every load; the page and its gzip copy are made again only when
 * its bytes change.
 */
export function indexPage(file: string, settings: unknown): (req: IncomingMessage, res: ServerResponse) => void {
  let page: { source: Buffer; html: Buffer; gzip: Buffer } | undefined;
  return (req, res) => {
    const source = readFileSync(file);
    if (!page?.source.equals(source)) {
      const html = Buffer.from(withSettings(source.toString('utf8'), settings));
      page = { source, html, gzip: gzipSync(html, { level: 9 }) };
    }
    const gzip = acceptsGzip(req);
    const body = gzip ? page.gzip : page.html;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

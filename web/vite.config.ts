import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

/** The build's manifest of the app's operations (hash → document) for the gateway's trusted documents. */
function trustedDocuments(): Plugin {
  return {
    name: 'trusted-documents',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'trusted-documents.json', source: readFileSync('src/gql/persisted-documents.json', 'utf8') });
    },
  };
}

/**
 * The page's first script (src/prefetch-entry.ts): built on its own into one small classic script
 * (nothing shared with the app's chunks, so it waits for none of them), written as a hashed asset
 * and put first in index.html's head: a classic script waits for the style sheets before it, so it goes
 * before the app's (large) CSS. It runs while the HTML is parsed, before the app's JavaScript
 * is downloaded, parsed and run.
 */
function firstScript(): Plugin {
  let file = { fileName: '', code: '' };
  return {
    name: 'first-script',
    apply: 'build',
    async buildStart() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          minify: true,
          lib: { entry: fileURLToPath(new URL('src/prefetch-entry.ts', import.meta.url)), formats: ['iife'], name: 'hubFirstScript' },
        },
      });
      // write: false answers the output chunks (one build, one format: one chunk).
      const code = (result as unknown as { output: { code: string }[] }[])[0]!.output[0]!.code;
      file = { fileName: `assets/first-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`, code };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: file.fileName, source: file.code });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'script', attrs: { src: `/${file.fileName}` }, injectTo: 'head-prepend' }],
    },
  };
}

/** The gateway serves `dist/`: hashed files under /assets/ (cached immutably), index.html for every app route. */
export default defineConfig({
  plugins: [react(), trustedDocuments(), firstScript()],
  resolve: {
    // The published draw algorithm, bundled as is (pure TypeScript, no imports beyond its SHA-256): the browser re-runs the very code the server runs.
    alias: [{ find: /^@hub\/draw\/(.*)$/, replacement: `${fileURLToPath(new URL('../subgraphs/enforcers/src/draw/', import.meta.url))}$1` }],
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // GraphiQL's editor (Monaco) is large by nature; it loads only on /graphiql.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React compiler output in GraphiQL carries "use no memo" directives the bundler drops: harmless.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  worker: { format: 'es' },
  server: {
    // `pnpm --filter @hub/web dev` against a running gateway (GATEWAY_URL, default the standard port).
    proxy: Object.fromEntries(['/graphql', '/auth', '/health'].map((path) => [path, { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000' }])),
  },
});

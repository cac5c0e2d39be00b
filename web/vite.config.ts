import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

/** The gateway serves `dist/`: hashed files under /assets/ (cached immutably), index.html for every app route. */
export default defineConfig({
  plugins: [react(), trustedDocuments()],
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

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import { splitStyleSheet } from './src/app/css-split.ts';
import { precomputedTheme, themeVariables } from './src/app/theme-variables.ts';

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
 * (nothing shared with the app's chunks, so it waits for none of them) and written inline at the top
 * of index.html's head. It runs as the HTML is parsed, so its requests go out before the app's
 * files take the browser's few connections to the origin, and before the app's JavaScript is
 * downloaded, parsed and run.
 */
function firstScript(): Plugin {
  let code = '';
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
      code = (result as unknown as { output: { code: string }[] }[])[0]!.output[0]!.code;
      if (/<\/script/i.test(code)) throw new Error('first-script: the code cannot be written inline (it contains "</script")');
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        // The leader overview's chunk and what it imports beyond the entry's own: the first script
        // preloads them for a signed-in leader, so they are not asked for only once the app has run.
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === 'chunk');
        const closure = (from: string[]) => {
          const seen = new Set<string>();
          const visit = (name: string) => {
            if (seen.has(name)) return;
            seen.add(name);
            for (const next of chunks.find((c) => c.fileName === name)?.imports ?? []) visit(next);
          };
          from.forEach(visit);
          return seen;
        };
        const entry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const view = chunks.find((c) => c.moduleIds.includes(LEADER_OVERVIEW));
        if (!view) throw new Error('first-script: the leader overview chunk was not built');
        const leaderView = [...closure([view.fileName])].filter((name) => !entry.has(name)).map((name) => `/${name}`);
        return [{ tag: 'script', attrs: { 'data-leader-view': leaderView.join(' ') }, children: code, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * The antd components the leader overview's first view draws (its frame included), by their class
 * prefix (`.ant-table…`, `.ant-btn…`; `zoom`/`slide`/`fade`/`move` are the motions of a select's
 * drop-down): their rules of antd.css are the style sheet the page waits for, the rest loads once
 * the overview's data is on screen, or before any other view is drawn (app/styles.tsx).
 */
const FIRST_VIEW_COMPONENTS = [
  ...['app', 'layout', 'menu', 'typography', 'segmented', 'space', 'flex', 'btn', 'wave', 'tooltip'],
  ...['card', 'row', 'col', 'statistic', 'skeleton', 'alert', 'result', 'empty', 'spin'],
  ...['select', 'checkbox', 'table', 'tag', 'zoom', 'slide', 'fade', 'move'],
];

/**
 * antd's zero-runtime style sheet (antd/dist/antd.css, ~1 MB) as two modules (app/css-split.ts):
 * `antd-styles:first-view.css`, the rules of FIRST_VIEW_COMPONENTS (~0.4 MB), and
 * `antd-styles:rest.css`, every other rule. Parsing the whole sheet before the first frame was a large
 * part of the overview's start.
 */
function antdStyles(): Plugin {
  const prefix = 'antd-styles:';
  const path = (name: string) => fileURLToPath(new URL(`src/app/antd-${name}`, import.meta.url));
  let parts: { view: string; rest: string } | undefined;
  const split = () => (parts ??= splitStyleSheet(readFileSync(createRequire(import.meta.url).resolve('antd/dist/antd.css'), 'utf8'), FIRST_VIEW_COMPONENTS));
  return {
    name: 'antd-styles',
    enforce: 'pre',
    resolveId(id) {
      if (id === `${prefix}first-view.css` || id === `${prefix}rest.css`) return path(id.slice(prefix.length));
      return null;
    },
    load(id) {
      if (id === path('first-view.css')) return split().view;
      if (id === path('rest.css')) return split().rest;
      return null;
    },
  };
}

/**
 * `antd-theme:precomputed`: the tokens antd's default algorithm derives from the app theme's seed
 * (antd's default seed with src/app/theme-token.ts over it, as its ConfigProvider merges them), derived
 * here once instead of in the browser on every load (colour palettes and ~440 tokens: ~20 ms of the
 * app frame's first render on the bench's loaded machine). src/app/precomputed-theme.ts answers
 * them for that seed and runs antd's algorithm for any other.
 */
function antdTheme(): Plugin {
  const ids = ['antd-theme:precomputed', 'antd-theme:css-vars'];
  return {
    name: 'antd-theme',
    resolveId: (source) => (ids.includes(source) ? `\0${source}` : null),
    load(loaded) {
      if (loaded === `\0${ids[0]}`) return `export default ${JSON.stringify(precomputedTheme())};`;
      // JSON.parse of a string: parsed faster than the same object as JavaScript.
      if (loaded === `\0${ids[1]}`) return `export default JSON.parse(${JSON.stringify(JSON.stringify(themeVariables(precomputedTheme()).entries))});`;
      return null;
    },
    // The first view's theme variables (src/app/theme-variables.ts) as a style element at the top of
    // the page, where antd would have written them (before every other style sheet). Not through
    // the CSS bundle: its minifier rewrites custom properties' values (numbers to 6 digits, which
    // moved a heading's line height by 0.0001 px).
    transformIndexHtml: {
      order: 'post',
      handler() {
        const { css } = themeVariables(precomputedTheme());
        if (/<\/style/i.test(css)) throw new Error('antd-theme: the theme variables cannot be written inline (they contain "</style")');
        return [{ tag: 'style', attrs: { 'data-antd-theme-variables': '' }, children: css, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * Few files for the first view. The browser opens at most six connections to the origin (HTTP/1.1),
 * and the leader overview's four queries and /auth/config hold five of them while the app's files
 * load: split by the bundler's default rules, the entry was 15 files and the overview's view 20 more,
 * queued one after another on the connection left (the last of them arrived 0.95 s after navigation,
 * after every answer, on a quiet machine). So every module the entry imports statically is one file
 * beside the entry, and every module the overview imports statically (beyond those) is one file with
 * the overview: other views that share antd's table or card load that file too (cached after the
 * first visit). What is imported dynamically (ECharts, the other views, GraphiQL) keeps its own files.
 */
const LEADER_OVERVIEW = fileURLToPath(new URL('src/leader/LeaderOverview.tsx', import.meta.url));

/** The bundler's (rolldown's) output options, code-splitting groups and module graph, as Vite passes them on. */
type OutputOptions = Exclude<NonNullable<NonNullable<UserConfig['build']>['rolldownOptions']>['output'], unknown[] | undefined>;
type SplittingGroup = NonNullable<Exclude<NonNullable<OutputOptions['codeSplitting']>, boolean>['groups']>[number];
type ChunkingContext = Parameters<Extract<SplittingGroup['name'], (...args: never[]) => unknown>>[1];

/**
 * Named imports from these barrels are followed to their component's own module (a barrel imports
 * every component of its library; the bundler keeps only the named ones).
 */
const NAMED_IMPORT_FILES: Record<string, (name: string) => string> = {
  antd: (name) => `/antd/es/${kebab(name)}/index.js`,
  '@ant-design/icons': (name) => `/@ant-design/icons/es/icons/${name}.js`,
};
const kebab = (name: string) => name.replace(/[a-z0-9][A-Z]/g, (pair) => `${pair[0]}-${pair[1]}`).toLowerCase();

/** A library's index that re-exports many modules (`export … from`), like `antd`'s or `graphql`'s. */
function isBarrel(id: string, code: string | null): boolean {
  return id.includes('node_modules') && !!code && (code.match(/^export\s[^;]*?\bfrom\s*["']/gm)?.length ?? 0) >= 10;
}

/**
 * The modules the leader overview imports statically. Barrels are not followed (everything behind
 * them would be counted, most of it other views' code): the components the app's own modules name
 * from antd and its icons are followed instead; anything else behind a barrel keeps the bundler's
 * own chunks.
 */
function leaderViewModules(ctx: ChunkingContext): Set<string> {
  const seen = new Set<string>();
  const named: string[] = [];
  const barrels: string[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    if (!info) return;
    if (isBarrel(id, info.code)) {
      barrels.push(id);
      return;
    }
    if (!id.includes('node_modules') && info.code)
      for (const [from, file] of Object.entries(NAMED_IMPORT_FILES))
        for (const [, names] of info.code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${from}["']`, 'g')))
          for (const name of names.split(',')) {
            const imported = name
              .trim()
              .split(/\s+as\s+/)[0]!
              .trim();
            if (imported && !imported.startsWith('type ')) named.push(file(imported));
          }
    for (const next of info.importedIds) visit(next);
  };
  visit(LEADER_OVERVIEW);
  for (const barrel of barrels)
    for (const component of ctx.getModuleInfo(barrel)?.importedIds ?? []) if (named.some((file) => component.endsWith(file))) visit(component);
  for (const barrel of barrels) seen.delete(barrel);
  return seen;
}

function firstViewChunks(): OutputOptions {
  let leaderView: Set<string> | undefined;
  return {
    codeSplitting: {
      groups: [
        { name: 'app-shell', tags: ['$initial'], priority: 2 },
        { name: (id, ctx) => ((leaderView ??= leaderViewModules(ctx)).has(id) ? 'leader-overview' : null), debugName: 'leader-overview', priority: 1 },
      ],
    },
  };
}

/**
 * Two of antd's imports that put code no view draws at start into the entry (the app frame's
 * `Typography` and every form control's `ContextIsolator`, which the entry imports), cut at build
 * time; the components behave as before:
 *
 * - `Typography`'s in-place editor (`antd/es/typography/Editable`, drawn only for `editable` text,
 *   which no view of the app uses) imports antd's `TextArea`, and with it `Input`, rc-input and
 *   their styles (~34 KB of the minified entry). It becomes a chunk of its own, loaded when some
 *   text is first edited.
 * - antd's form context needs only rc-form's `FormProvider`, but imports it from rc-form's index,
 *   whose statements attach every part of rc-form to its default export (`Form.Field = Field` …): a
 *   bundler keeps them all (rc-form's fields, lists, store and async-validator, ~38 KB of the
 *   minified entry). It is imported from its own module (`FormContext`, the very module the index
 *   re-exports, so the context is the same object); antd's `Form` still imports the index.
 *
 * The build fails if antd's modules no longer import these (an upgrade moved them): the cut is then
 * to be checked again, not silently lost.
 */
function leanLibraryImports(): Plugin {
  const LAZY_EDITABLE = '\0lazy-typography-editable';
  const seen = { editable: false, formProvider: false };
  let editable = '';
  return {
    name: 'lean-library-imports',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer) return null;
      if (source === '../Editable' && importer.endsWith('/antd/es/typography/Base/index.js')) {
        seen.editable = true;
        editable = (await this.resolve(source, importer, { skipSelf: true }))!.id;
        return LAZY_EDITABLE;
      }
      if (source === '@rc-component/form' && importer.endsWith('/antd/es/form/context.js')) {
        seen.formProvider = true;
        const index = (await this.resolve(source, importer, { skipSelf: true }))!.id;
        return index.replace(/index\.js$/, 'FormContext.js');
      }
      return null;
    },
    load(id) {
      if (id !== LAZY_EDITABLE) return null;
      return [
        `import { createElement, lazy, Suspense } from 'react';`,
        `const Editable = lazy(() => import(${JSON.stringify(editable)}));`,
        `export default function LazyEditable(props) { return createElement(Suspense, { fallback: null }, createElement(Editable, props)); }`,
      ].join('\n');
    },
    buildEnd(error) {
      if (error) return;
      for (const [cut, found] of Object.entries(seen))
        if (!found) this.error(`lean-library-imports: antd no longer imports what "${cut}" cuts; check the entry's contents again`);
    },
  };
}

/**
 * A gzip copy beside every larger text file of the build (`<file>.gz`), which the gateway sends to
 * browsers that accept it (gateway/src/web/static.ts): compressed once at build time, never per
 * request. Level 9: the build pays a second for the smallest files.
 */
function gzipCopies(): Plugin {
  let outDir = '';
  return {
    name: 'gzip-copies',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const name of new Set([...Object.keys(bundle), 'index.html'])) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(name)) continue;
        const file = resolve(outDir, name);
        if (!existsSync(file)) continue;
        const content = readFileSync(file);
        if (content.length >= 1024) writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/** The gateway serves `dist/`: hashed files under /assets/ (cached immutably), index.html for every app route. */
export default defineConfig({
  plugins: [react(), antdStyles(), antdTheme(), leanLibraryImports(), trustedDocuments(), firstScript(), gzipCopies()],
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
      output: firstViewChunks(),
      onLog(level, log, handler) {
        // React compiler output in GraphiQL carries "use no memo" directives the bundler drops: harmless.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  worker: { format: 'es' },
  optimizeDeps: {
    // GraphiQL's worker setup imports Monaco's workers with `?worker`, which only Vite's own transform
    // understands: pre-bundled, it stopped the development server at start ("Could not load
    // …graphql.worker.js?worker"). Served as a source module instead; the rest of GraphiQL is pre-bundled.
    exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'],
    // The GraphQL editor worker's CommonJS dependencies (graphql-language-service's nullthrows, and
    // picomatch-browser), pre-bundled: a browser cannot load them as they are.
    include: ['graphql-language-service', 'picomatch-browser'].map((name) => `graphiql > @graphiql/react > monaco-graphql > ${name}`),
  },
  server: {
    // `pnpm --filter @hub/web dev` against a running gateway (GATEWAY_URL, default the standard port).
    proxy: Object.fromEntries(['/graphql', '/auth', '/health'].map((path) => [path, { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000' }])),
  },
});

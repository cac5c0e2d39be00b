// ESLint flat config: typescript-eslint's type-aware rules over every TypeScript file of the
// workspace. Type information comes from the projects' own tsconfig files (the tests' files are in
// tsconfig.tests.json, the web app's in web/tsconfig.json), so a rule sees the same types tsc does.
// Formatting is Prettier's job (`pnpm format`), not ESLint's: no stylistic rules here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated or built output, and migrations (committed once, never edited afterwards).
    ignores: ['**/dist/**', '**/node_modules/**', 'web/src/gql/**', 'schema/**', '**/migrations/Migration*.ts', 'coverage/**', 'test/artifacts/**', '.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./subgraphs/*/tsconfig.json', './gateway/tsconfig.json', './tools/tsconfig.json', './tsconfig.tests.json', './web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // The rules the issue asks for, kept at error: an unawaited promise loses its error (and a
      // failed write), and an `any` flowing into typed code hides a wrong shape.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Unused names: tsc's noUnusedLocals already fails the build; `_`-prefixed parameters are
      // deliberate (resolver and middleware signatures are fixed by the framework).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Resolvers, DataLoader batch functions and route handlers are `async` so that a throw becomes a
      // rejected promise the framework reports; many have nothing to await. The floating- and
      // misused-promise rules above catch the mistakes this rule would.
      '@typescript-eslint/require-await': 'off',
      // An explicit `any` is allowed where a framework signature wants one (type-graphql resolver
      // classes, MikroORM entity lists, loaded subgraph modules); what such a value flows into is
      // still checked by the no-unsafe-* rules, which stay on.
      '@typescript-eslint/no-explicit-any': 'off',
      // graphql-js AST kinds (`Kind`) and GraphQL enums are compared with their string values by
      // design (the SDL and the SQL rows carry the strings); the rule reports every such comparison.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Casts at ORM and framework boundaries document the intended type, and the same file is
      // compiled under two tsconfigs (the slice's and the tests'), where one may need a cast the other
      // does not; removing a redundant one is a style change, never a fix.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests and the benchmark read GraphQL responses, which are untyped JSON: their `expect`s check
    // the shape at run time, so the no-unsafe-* rules would only ask for casts that prove nothing.
    // Floating and misused promises stay errors here too (an unawaited assertion passes silently).
    files: [
      '**/*.test.ts',
      'test/**/*.ts',
      '**/test-support/**/*.ts',
      'subgraphs/kit/src/testing.ts',
      'tools/src/bench.ts',
      'tools/src/bench-service.ts',
      'vitest.config.mts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `expect(service.method)` and spies pass methods around unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // The authorization matrix reads type-graphql's metadata, which keys classes as `Function`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // antd's and our hooks return functions that are bound (or use no `this`), e.g.
      // `const { message } = App.useApp()`; the rule cannot see that through their types.
      '@typescript-eslint/unbound-method': 'off',
      // React and antd event props (onClick, onFinish, …) take async handlers; ours catch and show their
      // own errors (forms/useSubmit, the refusal helpers), so a returned promise is not lost work.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Plain JavaScript (configs, build helpers) has no type information to check against.
    // …nor do the build configs outside any tsconfig (vite, codegen, the web-tools vitest config).
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'web/vite.config.ts', 'web/codegen.ts', 'vitest.web-tools.config.mts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

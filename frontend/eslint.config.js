import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The import rules of bulletproof-react: shared code (lib, components, hooks, i18n) → features → app, never sideways
// between features. Test helpers (src/testing) may use everything, and only tests may use them.
const architecture = {
  plugins: { boundaries },
  settings: {
    // Resolve `@/…` through tsconfig paths: unresolved imports count as external packages and would escape the rules.
    'import/resolver': { typescript: { project: `${import.meta.dirname}/tsconfig.json` } },
    // Element patterns are relative to this folder, wherever eslint is started from.
    'boundaries/root-path': import.meta.dirname,
    'boundaries/elements': [
      { type: 'app', pattern: 'src/app', partialMatch: false },
      { type: 'feature', pattern: 'src/features/*', capture: ['feature'], partialMatch: false },
      { type: 'testing', pattern: 'src/testing', partialMatch: false },
      { type: 'shared', pattern: ['src/lib', 'src/components', 'src/hooks', 'src/i18n'], partialMatch: false },
    ],
    'boundaries/files': [
      { category: 'entry', pattern: 'src/main.tsx' },
      { category: 'test', pattern: 'src/**/*.test.{ts,tsx}' },
    ],
  },
  rules: {
    // Imports inside one element (one feature, app, lib, …) are not checked: only those crossing elements.
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        // An import of a file outside every element (a new top-level folder) is refused too, not ignored.
        checkUnknownLocals: true,
        policies: [
          { from: { element: { type: 'shared' } }, allow: { to: { element: { type: 'shared' } } } },
          // A feature never imports another feature: shared code goes to lib/ or components/, composition to app/.
          { from: { element: { type: 'feature' } }, allow: { to: { element: { type: 'shared' } } } },
          { from: { element: { type: 'app' } }, allow: { to: { element: { types: { anyOf: ['shared', 'feature'] } } } } },
          { from: { file: { categories: 'entry' } }, allow: { to: { element: { types: { anyOf: ['shared', 'app'] } } } } },
          // The render helpers wrap components in the app's providers; fixtures use feature types.
          { from: { element: { type: 'testing' } }, allow: { to: { element: { types: { anyOf: ['shared', 'feature', 'app'] } } } } },
          { from: { file: { categories: 'test' } }, allow: { to: { element: { type: 'testing' } } } },
        ],
      },
    ],
  },
};

export default defineConfig([
  globalIgnores(['dist', 'node_modules', 'src/lib/api-schema.d.ts']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Two routes reset their drafts or selection in an effect when the URL changes (client-card, clients-list);
      // moving that into keyed state changes when the screens re-render, which is product work, not tooling.
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  { files: ['src/**/*.{ts,tsx}'], ...architecture },
  { files: ['*.{js,ts}', 'e2e/**/*.{js,mjs,ts}'], extends: [js.configs.recommended], languageOptions: { globals: globals.node } },
  // Playwright fixtures hand their value on with a callback named `use`, which is no React hook; in TypeScript the
  // typescript-eslint rule checks unused names (the plain one, from js.configs above, misreads type signatures).
  { files: ['*.ts', 'e2e/**/*.ts'], rules: { 'react-hooks/rules-of-hooks': 'off', 'no-unused-vars': 'off' } },
]);

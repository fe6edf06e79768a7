// Lint: TypeScript rules plus the layering of ../shared/docs/ARCHITECTURE.md, enforced with no-restricted-imports.
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];
const forbid = (...layers) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: layers.map((l) => ({
        group: layer(l),
        message: `layering (ARCHITECTURE.md): this folder may not import ${l}/`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-renderer/**', 'node_modules/**', '.cache/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // graph-snapshot and native-models: nothing app-level.
  { files: ['graph-snapshot/**'], rules: forbid('diagnosis', 'native-models', 'electron', 'renderer', 'scripts', 'tests') },
  { files: ['native-models/**'], rules: forbid('diagnosis', 'graph-snapshot', 'electron', 'renderer', 'scripts', 'tests') },
  // diagnosis: graph-snapshot and native-models only.
  { files: ['diagnosis/**'], rules: forbid('electron', 'renderer', 'scripts', 'tests') },
  // electron: diagnosis, graph-snapshot, native-models.
  { files: ['electron/**'], rules: forbid('renderer', 'scripts', 'tests') },
  // renderer: diagnosis/contract only, and no Node built-ins or native engines.
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/graph-snapshot/**', '**/native-models/**', '**/electron/**', '**/scripts/**', '**/tests/**'],
              message: 'layering (ARCHITECTURE.md): the renderer reaches the engine only through diagnosis/contract',
            },
            {
              regex: '^(\\.\\./)+diagnosis/(?!contract/)',
              message: 'layering (ARCHITECTURE.md): the renderer may import diagnosis/contract only',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'better-sqlite3*', 'kuzu', 'node-llama-cpp', 'electron'],
              message: 'the renderer is browser code: no Node built-ins or native modules',
            },
          ],
        },
      ],
    },
  },
);

// Lint: TypeScript rules plus the layering of ../shared/docs/ARCHITECTURE.md, enforced with no-restricted-imports:
// between the top-level folders, inside diagnosis/, and for the native engines (kuzu, node-llama-cpp, electron), which
// only the folder that owns each may import.
import tseslint from 'typescript-eslint';

const TOP = ['common', 'graph-snapshot', 'native-models', 'diagnosis', 'electron', 'renderer', 'scripts', 'tests'];
const PACKAGE_OWNER = { kuzu: 'graph-snapshot', 'node-llama-cpp': 'native-models', electron: 'electron' };

/**
 * Inside diagnosis/, imports run one way: case input, contract, io, terms → intake, variants → family → ranking →
 * vignettes, reasoning → pipeline → service; report sits beside intake (it renders contract types); the case store imports only case input
 * and contract (it is storage; re-analysis lives in pipeline/).
 */
const BASE = ['case-input', 'contract', 'io', 'terms'];
const DIAGNOSIS_ALLOWED = {
  'case-input': [],
  contract: [],
  io: [],
  terms: [],
  intake: [...BASE],
  variants: [...BASE],
  family: [...BASE, 'variants'],
  report: ['case-input', 'contract'],
  'case-store': ['case-input', 'contract'],
  ranking: [...BASE, 'intake', 'variants', 'family'],
  vignettes: [...BASE, 'intake', 'variants', 'family', 'ranking'],
  reasoning: [...BASE, 'intake', 'variants', 'family', 'ranking'],
  pipeline: [...BASE, 'intake', 'variants', 'family', 'ranking', 'vignettes', 'reasoning', 'report', 'case-store'],
  service: [...BASE, 'intake', 'variants', 'family', 'ranking', 'vignettes', 'reasoning', 'report', 'case-store', 'pipeline'],
};
const DIAGNOSIS_FOLDERS = Object.keys(DIAGNOSIS_ALLOWED);

/** A top-level folder, however deep the importing file is. */
const topLevel = (name) => ({
  regex: `^(\\.\\./)+${name}/`,
  message: `layering (ARCHITECTURE.md): this folder may not import ${name}/`,
});
/** A sibling folder inside diagnosis/ (`../ranking/x.js` from diagnosis/pipeline, `../../ranking/` one level deeper). */
const sibling = (from, name) => ({
  regex: `^(\\.\\./){1,2}${name}/`,
  message: `layering inside diagnosis/ (ARCHITECTURE.md): ${from}/ may not import ${name}/`,
});
const packages = (folder) =>
  Object.entries(PACKAGE_OWNER)
    .filter(([, owner]) => owner !== folder)
    .map(([pkg, owner]) => ({ regex: `^${pkg}($|/)`, message: `only ${owner}/ uses ${pkg}: go through its API` }));

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
/** The rules of a top-level folder: the other top-level folders it may not import, and the packages it does not own. */
const forbid = (folder, ...layers) => restrict([...layers.map(topLevel), ...packages(folder)]);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-renderer/**', 'node_modules/**', '.cache/**', 'test-output/**', 'release/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // common: depends on nothing of the project.
  { files: ['common/**'], rules: forbid('common', ...TOP.filter((t) => t !== 'common')) },
  // graph-snapshot and native-models: nothing app-level.
  { files: ['graph-snapshot/**'], rules: forbid('graph-snapshot', 'diagnosis', 'native-models', 'electron', 'renderer', 'scripts', 'tests') },
  { files: ['native-models/**'], rules: forbid('native-models', 'diagnosis', 'graph-snapshot', 'electron', 'renderer', 'scripts', 'tests') },
  // diagnosis: graph-snapshot and native-models only, and one way between its own folders.
  { files: ['diagnosis/*.ts'], rules: forbid('diagnosis', 'electron', 'renderer', 'scripts', 'tests') },
  ...DIAGNOSIS_FOLDERS.map((folder) => ({
    files: [`diagnosis/${folder}/**`],
    rules: restrict([
      ...['electron', 'renderer', 'scripts', 'tests'].map(topLevel),
      ...packages('diagnosis'),
      ...DIAGNOSIS_FOLDERS.filter((other) => other !== folder && !DIAGNOSIS_ALLOWED[folder].includes(other)).map((other) => sibling(folder, other)),
    ]),
  })),
  // electron: diagnosis, graph-snapshot, native-models.
  { files: ['electron/**'], rules: forbid('electron', 'renderer', 'scripts', 'tests') },
  // scripts and tests may import anything of the project, but no native engine directly.
  { files: ['scripts/**'], rules: restrict(packages('scripts')) },
  // renderer: diagnosis/contract only, and no Node built-ins or native engines.
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/common/**', '**/graph-snapshot/**', '**/native-models/**', '**/electron/**', '**/scripts/**', '**/tests/**'],
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

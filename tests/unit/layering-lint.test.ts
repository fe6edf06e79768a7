import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of ARCHITECTURE.md is enforced by eslint.config.js; this checks the rule bites.
describe('layering lint rule', () => {
  const eslint = new ESLint();
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('forbids graph-snapshot from importing app-level code', async () => {
    expect(await lint('graph-snapshot/query/x.ts', "import { a } from '../../diagnosis/ranking/ranker.js';\nexport const b = a;\n")).toEqual([
      expect.stringContaining('may not import diagnosis/'),
    ]);
  });

  it('forbids the renderer from reaching past diagnosis/contract or into Node', async () => {
    expect(await lint('renderer/src/x.ts', "import { a } from '../../graph-snapshot/query/graph-snapshot.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import { a } from '../../diagnosis/ranking/ranker.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import { a } from '../../diagnosis/contract/api.js';\nexport const b = a;\n")).toEqual([]);
  });

  it('allows diagnosis to use graph-snapshot but not electron', async () => {
    expect(await lint('diagnosis/x.ts', "import { a } from '../graph-snapshot/query/graph-snapshot.js';\nexport const b = a;\n")).toEqual([]);
    expect(await lint('diagnosis/x.ts', "import { a } from '../electron/main.js';\nexport const b = a;\n")).toHaveLength(1);
  });
});

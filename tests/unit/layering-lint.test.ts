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

  it('runs one way inside diagnosis/: a lower folder may not import a higher one', async () => {
    const imp = (from: string, path: string) => lint(`diagnosis/${from}/x.ts`, `import { a } from '${path}';\nexport const b = a;\n`);
    expect(await imp('case-store', '../pipeline/run-case.js')).toEqual([expect.stringContaining('case-store/ may not import pipeline/')]);
    expect(await imp('case-store', '../ranking/ranker.js')).toHaveLength(1);
    expect(await imp('case-store', '../case-input/case-file.js')).toEqual([]);
    expect(await imp('ranking', '../pipeline/run-case.js')).toHaveLength(1);
    expect(await imp('ranking', '../variants/genotype.js')).toEqual([]);
    expect(await imp('variants', '../ranking/phenotype-model.js')).toHaveLength(1);
    expect(await imp('intake', '../reasoning/evidence-pack.js')).toHaveLength(1);
    expect(await imp('pipeline', '../service/workstation-service.js')).toHaveLength(1);
    expect(await imp('pipeline', '../case-store/case-store.js')).toEqual([]);
    expect(await imp('family', '../variants/genotype.js')).toEqual([]);
    expect(await imp('family', '../ranking/ranker.js')).toEqual([expect.stringContaining('family/ may not import ranking/')]);
    expect(await imp('variants', '../family/mode-checks.js')).toHaveLength(1);
    expect(await imp('ranking', '../family/family-genotype.js')).toEqual([]);
    expect(await imp('service', '../pipeline/run-case.js')).toEqual([]);
    // the folder of the same name in graph-snapshot/ is not a diagnosis sibling
    expect(await imp('case-store', '../../graph-snapshot/io/line-reader.js')).toEqual([]);
  });

  it('keeps kuzu, node-llama-cpp and electron in the folders that own them', async () => {
    expect(await lint('diagnosis/reasoning/x.ts', "import type { GbnfJsonSchema } from 'node-llama-cpp';\nexport type B = GbnfJsonSchema;\n")).toHaveLength(1);
    expect(await lint('diagnosis/pipeline/x.ts', "import kuzu from 'kuzu';\nexport const b = kuzu;\n")).toHaveLength(1);
    expect(await lint('scripts/cli/x.ts', "import { app } from 'electron';\nexport const b = app;\n")).toHaveLength(1);
    expect(await lint('native-models/runtime/x.ts', "import { getLlama } from 'node-llama-cpp';\nexport const b = getLlama;\n")).toEqual([]);
    expect(await lint('graph-snapshot/query/x.ts', "import kuzu from 'kuzu';\nexport const b = kuzu;\n")).toEqual([]);
  });

  it('keeps common/ free of any project import', async () => {
    expect(await lint('common/x.ts', "import { a } from '../diagnosis/pipeline/run-case.js';\nexport const b = a;\n")).toHaveLength(1);
  });
});

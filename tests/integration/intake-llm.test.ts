import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConceptRecognizer } from '../../diagnosis/intake/concept-recognizer.js';
import { proposeFindings } from '../../diagnosis/intake/llm-proposals.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { TermSearch } from '../../diagnosis/terms/term-search.js';
import type { GenerationRequest, ModelRuntime } from '../../native-models/runtime/model-runtime.js';
import { ModelRuntime as Runtime } from '../../native-models/runtime/model-runtime.js';
import { scratchDir } from '../helpers/paths.js';

// The LLM pass of the intake: real llama.cpp with the tiny test model for the mechanics, and a scripted runtime for
// the grounding rules (the tiny model writes children's stories, not findings).
describe('LLM-proposed findings, grounded to HPO', () => {
  let recognizer: ConceptRecognizer;
  let terms: TermSearch;
  let runtime: ModelRuntime;
  const dir = scratchDir();
  beforeAll(async () => {
    const session = await KnowledgeSession.open(inject('realSnapshotDir'));
    recognizer = await session.recognizer();
    terms = await session.termSearch();
    await session.close();
    runtime = await Runtime.start({ threads: 1, gpu: false });
    copyFileSync(resolve('../shared/models/stories260K.gguf'), join(dir, 'tiny.gguf'));
    await runtime.loadModel({ path: join(dir, 'tiny.gguf'), id: 'tiny' });
  });
  afterAll(async () => runtime?.dispose());

  it('runs the real model under the schema; whatever it proposes is grounded or dropped, never taken as is', async () => {
    const text = 'A 6-year-old girl with seizures and short stature. No hearing loss.';
    const r = await proposeFindings(runtime, recognizer, terms, text, { maxTokens: 200 });
    expect(r.modelId).toBe('tiny');
    if (r.error) expect(r.error).toMatch(/maxTokens|JSON|schema/i);
    for (const p of r.accepted) {
      expect(p.hpoId).toMatch(/^HP:\d{7}$/);
      expect(p.groundedBy).toBeDefined();
    }
    for (const p of r.dropped) expect(p.dropped).toBeTruthy();
  });

  it('grounds by the dictionary, then by label search, and drops what matches no term', async () => {
    const scripted = {
      loadedModel: { id: 'scripted' },
      generateJson: async (_req: GenerationRequest) => ({
        value: {
          findings: [
            { phrase: 'recurrent seizures', status: 'present' },
            { phrase: 'hearing loss', status: 'excluded' },
            { phrase: 'stature, short', status: 'present' },
            { phrase: 'loves painting dinosaurs', status: 'present' },
          ],
        },
      }),
    } as unknown as ModelRuntime;
    const text = 'She has recurrent seizures; no hearing loss. Her stature is short.';
    const r = await proposeFindings(scripted, recognizer, terms, text);
    expect(r.accepted.map((p) => [p.phrase, p.hpoId, p.status, p.groundedBy])).toEqual([
      ['recurrent seizures', 'HP:0001250', 'present', 'dictionary'],
      ['hearing loss', 'HP:0000365', 'excluded', 'dictionary'],
      ['stature, short', 'HP:0004322', 'present', 'label-search'],
    ]);
    expect(r.accepted[0]).toMatchObject({ start: 8, end: 26 });
    expect(r.dropped).toEqual([{ phrase: 'loves painting dinosaurs', status: 'present', dropped: 'no HPO term matches the phrase' }]);
  });
});

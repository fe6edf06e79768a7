import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import type { DiseaseTextIndex } from '../../diagnosis/reasoning/disease-text-index.js';
import { buildEvidencePack } from '../../diagnosis/reasoning/evidence-pack-builder.js';
import { reasonAboutCase } from '../../diagnosis/reasoning/case-reasoner.js';
import { ModelRuntime } from '../../native-models/runtime/model-runtime.js';
import { scratchDir } from '../helpers/paths.js';

// Real graph, real ranker, real llama.cpp with the tiny test model (its text is meaningless; the mechanics are real).
describe('GraphRAG evidence pack and grounded reasoning', () => {
  let engine: KnowledgeSession;
  let graph: GraphSnapshot;
  let index: DiseaseTextIndex;
  let runtime: ModelRuntime;
  const dir = scratchDir();
  beforeAll(async () => {
    engine = await KnowledgeSession.open(inject('realSnapshotDir'));
    graph = engine.graph;
    index = await engine.diseaseTextIndex();
    runtime = await ModelRuntime.start({ threads: 1, gpu: false });
    const model = join(dir, 'tiny.gguf');
    copyFileSync(resolve('../shared/models/stories260K.gguf'), model);
    await runtime.loadModel({ path: model, id: 'stories260K' });
  });
  afterAll(async () => {
    await engine?.close();
    await runtime?.dispose();
  });

  const marfan = { present: ['HP:0001166', 'HP:0001083', 'HP:0002616', 'HP:0000545'], excluded: ['HP:0001249'] };

  it('collects evidence with stable ids for the leading candidates, text-retrieved candidates and discriminating findings', async () => {
    const result = engine.ranker.rank(marfan, { top: 20 });
    const pack = await buildEvidencePack(engine.ranker, graph, index, { sex: 'MALE' }, result, { narrative: 'tall boy with lens dislocation' });
    const again = await buildEvidencePack(engine.ranker, graph, index, { sex: 'MALE' }, result, { narrative: 'tall boy with lens dislocation' });
    expect(again.items.map((i) => i.id)).toEqual(pack.items.map((i) => i.id));
    expect(pack.candidates.filter((c) => c.source === 'ranker')).toHaveLength(8);
    expect(pack.candidates.some((c) => c.source === 'text-retrieval')).toBe(true);
    const lead = pack.candidates[0]!;
    expect(lead.evidenceIds[0]).toBe(`D:${lead.diseaseId}`);
    expect(pack.items.find((i) => i.id === `P:${lead.diseaseId}:HP:0001083`)?.text).toMatch(/Ectopia lentis.*LR/);
    expect(pack.items.some((i) => i.kind === 'gene' && i.text.includes('FBN1'))).toBe(true);
    const marfanCandidate = pack.candidates.find((c) => c.ids.includes('OMIM:154700'));
    expect(marfanCandidate?.context?.classification.length).toBeGreaterThan(0);
    expect(pack.discriminating.length).toBeGreaterThan(0);
    expect(new Set(pack.items.map((i) => i.id)).size).toBe(pack.items.length);
  });

  it('runs the model under the pack schema, verifies the answer and fuses it; every kept id exists', async () => {
    const result = engine.ranker.rank(marfan, { top: 20 });
    const pack = await buildEvidencePack(engine.ranker, graph, index, {}, result);
    let chunks = 0;
    const run = await reasonAboutCase(runtime, engine.ranker.model, pack, { maxTokens: 400, onChunk: () => (chunks += 1) });
    expect(run.model.id).toBe('stories260K');
    expect(run.hardware.backend).toBe('cpu');
    expect(run.prompt.tokens).toBeGreaterThan(0);
    expect(run.prompt.tokens + 400).toBeLessThanOrEqual(2048); // fitted to the tiny model's context
    expect(run.fused.length).toBe(run.packSeen.candidates.length);
    if (run.verified) {
      expect(chunks).toBeGreaterThan(0);
      const ids = new Set(run.packSeen.items.map((i) => i.id));
      const candidates = new Set(run.packSeen.candidates.map((c) => c.diseaseId));
      for (const d of run.verified.differential) {
        expect(candidates.has(d.diseaseId)).toBe(true);
        for (const e of d.evidenceIds) expect(ids.has(e)).toBe(true);
      }
    } else {
      // The tiny model may run out of tokens mid-JSON; the deterministic order then stands.
      expect(run.error).toBeTruthy();
      expect(run.fused.map((f) => f.diseaseId)).toEqual(run.packSeen.candidates.map((c) => c.diseaseId));
    }
  });

  it('stops on cancellation and reports it, leaving the deterministic result', async () => {
    const result = engine.ranker.rank(marfan, { top: 20 });
    const pack = await buildEvidencePack(engine.ranker, graph, index, {}, result);
    const controller = new AbortController();
    const run = await reasonAboutCase(runtime, engine.ranker.model, pack, {
      maxTokens: 800,
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    expect(run.error).toMatch(/abort/i);
    expect(run.fused[0]!.diseaseId).toBe(pack.candidates[0]!.diseaseId);
  });
});

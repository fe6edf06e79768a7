import { describe, expect, it } from 'vitest';
import { PhenotypeModel } from '../../../diagnosis/ranking/phenotype-model.js';
import { fuseDifferential, fusionParameters } from '../../../diagnosis/reasoning/differential-fusion.js';
import type { EvidencePack } from '../../../diagnosis/reasoning/evidence-pack.js';
import { fitPackToContext } from '../../../diagnosis/reasoning/fit-pack.js';
import { reasoningJsonSchema } from '../../../diagnosis/reasoning/reasoning-schema.js';
import { verifyAnswer } from '../../../diagnosis/reasoning/reasoning-verifier.js';
import { discriminatingFindings } from '../../../diagnosis/reasoning/discriminating-findings.js';
import { PhenotypeRanker } from '../../../diagnosis/ranking/ranker.js';
import { T, termIds, tinyTables } from '../../helpers/tiny-tables.js';

const model = new PhenotypeModel(tinyTables());

const pack: EvidencePack = {
  snapshotId: 'tiny',
  case: { observed: [{ id: termIds[T.A1]!, label: 'A1' }], excluded: [] },
  candidates: [
    { diseaseId: 'OMIM:1', ids: ['OMIM:1', 'ORPHA:3'], label: 'Disease one', mondo: 'MONDO:1', source: 'ranker', rank: 1, probability: 0.6, evidenceIds: ['D:OMIM:1', 'P:OMIM:1:HP:1000003'] },
    { diseaseId: 'OMIM:2', ids: ['OMIM:2'], label: 'Disease two', mondo: 'MONDO:2', source: 'ranker', rank: 2, probability: 0.3, evidenceIds: ['D:OMIM:2'] },
    { diseaseId: 'OMIM:4', ids: ['OMIM:4'], label: 'Disease four', mondo: '', source: 'text-retrieval', evidenceIds: ['D:OMIM:4', 'T:OMIM:4'] },
  ],
  items: [
    { id: 'D:OMIM:1', kind: 'disease', diseaseId: 'OMIM:1', text: 'Disease one' },
    { id: 'P:OMIM:1:HP:1000003', kind: 'observed-term', diseaseId: 'OMIM:1', text: 'observed A1: exact' },
    { id: 'D:OMIM:2', kind: 'disease', diseaseId: 'OMIM:2', text: 'Disease two' },
    { id: 'D:OMIM:4', kind: 'disease', diseaseId: 'OMIM:4', text: 'Disease four' },
    { id: 'T:OMIM:4', kind: 'text-match', diseaseId: 'OMIM:4', text: 'text match' },
  ],
  discriminating: [],
  buildMs: 1,
};

describe('reasoning verifier', () => {
  it('removes invented diseases, unknown evidence ids and unreal HPO ids, and reports each removal', () => {
    const v = verifyAnswer(
      {
        differential: [
          { diseaseId: 'OMIM:999999', rank: 1, confidence: 0.9, rationale: 'made up', evidenceIds: ['D:OMIM:1'] },
          { diseaseId: 'OMIM:2', rank: 2, confidence: 1.7, rationale: 'fits HP:1000003 and HP:9999999; unlike OMIM:123456', evidenceIds: ['D:OMIM:2', 'P:OMIM:2:HP:0000001'] },
          { diseaseId: 'OMIM:2', rank: 3, confidence: 0.1, rationale: 'again', evidenceIds: [] },
          { diseaseId: 'OMIM:1', rank: 4, confidence: 0.5, rationale: 'same as ORPHA:3', evidenceIds: ['P:OMIM:1:HP:1000003', 'P:OMIM:1:HP:1000003'] },
        ],
        discriminatingFindings: ['check HP:8888888'],
        nextSteps: [],
        caveats: [],
      },
      pack,
      model,
    );
    expect(v.differential.map((d) => [d.diseaseId, d.rank, d.confidence])).toEqual([
      ['OMIM:2', 1, 1],
      ['OMIM:1', 2, 0.5],
    ]);
    expect(v.differential[0]!.evidenceIds).toEqual(['D:OMIM:2']);
    expect(v.differential[0]!.rationale).toBe('fits HP:1000003 and [removed: unknown HPO id]; unlike [removed: disease not in evidence]');
    expect(v.differential[1]!.rationale).toBe('same as ORPHA:3');
    expect(v.differential[1]!.evidenceIds).toEqual(['P:OMIM:1:HP:1000003']);
    expect(v.discriminatingFindings).toEqual(['check [removed: unknown HPO id]']);
    expect(v.rejected).toEqual([
      { where: 'differential[0]', value: 'OMIM:999999', reason: 'disease outside the candidate set' },
      { where: 'differential[1].evidenceIds', value: 'P:OMIM:2:HP:0000001', reason: 'evidence id not in the pack' },
      { where: 'differential[1].rationale', value: 'HP:9999999', reason: 'not a real HPO term' },
      { where: 'differential[1].rationale', value: 'OMIM:123456', reason: 'disease not in the evidence pack' },
      { where: 'differential[2]', value: 'OMIM:2', reason: 'listed twice' },
      { where: 'discriminatingFindings[0]', value: 'HP:8888888', reason: 'not a real HPO term' },
    ]);
  });

  it('constrains the JSON schema to the pack: disease and evidence ids are enums', () => {
    const s = reasoningJsonSchema(pack);
    expect(s.properties.differential.items.properties.diseaseId.enum).toEqual(['OMIM:1', 'OMIM:2', 'OMIM:4']);
    expect(s.properties.differential.items.properties.evidenceIds.items.enum).toHaveLength(5);
  });
});

describe('differential fusion', () => {
  it('is weighted reciprocal-rank fusion, and the deterministic order stands without an answer', () => {
    expect(fuseDifferential(pack, undefined).map((f) => f.diseaseId)).toEqual(['OMIM:1', 'OMIM:2', 'OMIM:4']);
    const fused = fuseDifferential(pack, {
      differential: [
        { diseaseId: 'OMIM:2', label: '', rank: 1, confidence: 1, rationale: '', evidenceIds: [] },
        { diseaseId: 'OMIM:4', label: '', rank: 2, confidence: 1, rationale: '', evidenceIds: [] },
      ],
      discriminatingFindings: [],
      nextSteps: [],
      caveats: [],
      rejected: [],
    });
    const { k, llmWeight } = fusionParameters;
    expect(fused.map((f) => [f.diseaseId, f.fusedRank])).toEqual([
      ['OMIM:2', 1],
      ['OMIM:1', 2],
      ['OMIM:4', 3],
    ]);
    expect(fused[0]!.fusedScore).toBeCloseTo(1 / (k + 2) + llmWeight / (k + 1), 12);
    expect(fused[2]!.fusedScore).toBeCloseTo(llmWeight / (k + 2), 12);
  });
});

describe('fitting a pack to a context', () => {
  it('drops secondary evidence, then the weakest candidates, and says what was dropped', () => {
    const chars = (t: string) => Math.ceil(t.length / 4);
    const full = fitPackToContext(pack, chars, 10_000);
    expect(full.trimmed).toEqual([]);
    const small = fitPackToContext(pack, chars, full.promptTokens - 20);
    expect(small.trimmed).toContain('1 text-match item(s)');
    expect(small.promptTokens).toBeLessThan(full.promptTokens);
    const tiny = fitPackToContext(pack, chars, 50);
    expect(tiny.pack.candidates.map((c) => c.diseaseId)).toEqual(['OMIM:1', 'OMIM:2']);
    expect(tiny.trimmed).toContain('candidate OMIM:4');
  });
});

describe('discriminating findings', () => {
  it('ranks unmentioned findings that split the leading candidates by information gain', () => {
    const f = discriminatingFindings(
      model,
      [
        { index: 0, id: 'OMIM:1', probability: 0.5 },
        { index: 3, id: 'OMIM:4', probability: 0.5 },
      ],
      [T.A1],
      { annotationFrequency: new PhenotypeRanker(model).view(undefined).frequencies.annF },
    );
    // OMIM:1 has B1 (frequency 0.5), OMIM:4 has B: B1 splits them, A1 is already observed.
    expect(f.map((x) => x.hpoId)).toContain(termIds[T.B1]);
    expect(f.find((x) => x.hpoId === termIds[T.A1])).toBeUndefined();
    expect(f[0]!.informationGain).toBeGreaterThan(0);
  });
});

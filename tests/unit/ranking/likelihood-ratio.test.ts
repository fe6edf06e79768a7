import { describe, expect, it } from 'vitest';
import { PhenotypeModel } from '../../../diagnosis/ranking/phenotype-model.js';
import { PhenotypeRanker } from '../../../diagnosis/ranking/ranker.js';
import { defaultRankerParameters, type RankerParameters } from '../../../diagnosis/ranking/ranker-parameters.js';
import { matchExcluded, matchObserved } from '../../../diagnosis/ranking/term-match.js';
import { TermScorer } from '../../../diagnosis/ranking/term-scores.js';
import { ProfileCoverage } from '../../../diagnosis/ranking/profile-coverage.js';
import { T, termIds, tinyTables } from '../../helpers/tiny-tables.js';

// Parameters chosen so that every match type is reachable in the tiny world (its shares are all large).
const p: RankerParameters = {
  ...defaultRankerParameters,
  defaultFrequency: 0.8,
  descendantFactor: 1,
  commonAncestorFactor: 0.5,
  noMatchLR: 0.05,
  maxSharedAncestorShare: 0.9,
  contradictedLR: 0.01,
  excludedDefaultFrequency: 0.01,
  excludedAnnotatedFloor: 0.1,
  coverageExponent: 0,
};
const m = new PhenotypeModel(tinyTables());
const [D1, D2, D3, D4] = [0, 1, 2, 3];
// shares with pseudocount 0.5: A 3.5/4, A1 2.5/4, A2 1.5/4, A1x 1.5/4, B 2.5/4, B1 1.5/4
const share = { A: 0.875, A1: 0.625, A1x: 0.375, B: 0.625, B1: 0.375 };

describe('observed-term likelihood ratios (by hand)', () => {
  it('exact, disease-more-specific, common-ancestor and no match', () => {
    expect(matchObserved(m, p, T.A1, D1)).toMatchObject({ match: 'exact', diseaseTerm: T.A1, frequencyKnown: false });
    expect(matchObserved(m, p, T.A1, D1).lr).toBeCloseTo(0.8 / (share.A1 * 0.8), 12); // 1.6
    expect(matchObserved(m, p, T.A1, D2)).toMatchObject({ match: 'disease-more-specific', diseaseTerm: T.A1x });
    expect(matchObserved(m, p, T.A1, D2).lr).toBeCloseTo(1.6, 12);
    expect(matchObserved(m, p, T.A1, D3)).toMatchObject({ match: 'common-ancestor', via: T.A, diseaseTerm: T.A2 });
    expect(matchObserved(m, p, T.A1, D3).lr).toBeCloseTo((0.5 * 0.8) / (share.A * 0.8), 12); // 0.5714
    expect(matchObserved(m, p, T.A1, D4)).toMatchObject({ match: 'none', lr: 0.05 });
  });

  it('patient more specific than the annotation gets the annotation LR', () => {
    expect(matchObserved(m, p, T.A1x, D2).lr).toBeCloseTo(1 / share.A1x, 12); // exact 2.667
    expect(matchObserved(m, p, T.A1x, D1)).toMatchObject({ match: 'patient-more-specific', diseaseTerm: T.A1, via: T.A1 });
    expect(matchObserved(m, p, T.A1x, D1).lr).toBeCloseTo(1 / share.A1, 12); // 1.6
  });

  it('uses a known frequency, and a NOT annotation contradicts the term and its descendants', () => {
    const e = matchObserved(m, p, T.B1, D1);
    expect(e).toMatchObject({ match: 'exact', frequency: 0.5, frequencyKnown: true });
    expect(e.lr).toBeCloseTo(0.5 / (share.B1 * 0.8), 12); // 1.6667
    expect(matchObserved(m, p, T.B1, D2)).toMatchObject({ match: 'contradicted', lr: 0.01, diseaseTerm: T.B });
    expect(matchObserved(m, p, T.B, D2).match).toBe('contradicted');
    expect(matchObserved(m, p, T.B1, D4)).toMatchObject({ match: 'patient-more-specific', diseaseTerm: T.B });
    expect(matchObserved(m, p, T.B1, D3).match).toBe('none'); // only "Phenotypic abnormality" in common: too general
  });

  it('the vectorised scorer gives the same ln LR as the per-pair match for every term and disease', () => {
    const scorer = new TermScorer(m, p);
    for (let t = 1; t < m.termCount; t += 1) {
      const scores = new Float64Array(m.diseaseCount);
      scorer.addObserved(t, scores);
      for (let d = 0; d < m.diseaseCount; d += 1) expect(scores[d]).toBeCloseTo(Math.log(matchObserved(m, p, t, d).lr), 12);
      const ex = new Float64Array(m.diseaseCount);
      scorer.addExcluded(t, ex);
      for (let d = 0; d < m.diseaseCount; d += 1) expect(ex[d]).toBeCloseTo(Math.log(matchExcluded(m, p, t, d).lr), 12);
    }
  });
});

describe('excluded-term likelihood ratios (by hand)', () => {
  it('lowers a disease annotated with the feature, by its frequency', () => {
    expect(matchExcluded(m, p, T.B, D1)).toMatchObject({ match: 'annotated', diseaseTerm: T.B1, frequency: 0.5 });
    expect(matchExcluded(m, p, T.B, D1).lr).toBeCloseTo(0.5 / (1 - share.B * 0.01), 12);
    expect(matchExcluded(m, p, T.B, D4).lr).toBeCloseTo(0.99 / (1 - share.B * 0.01), 12);
  });
  it('raises a disease explicitly annotated NOT to have it, and leaves others alone', () => {
    expect(matchExcluded(m, p, T.B, D2)).toMatchObject({ match: 'consistent' });
    expect(matchExcluded(m, p, T.B1, D2).lr).toBeCloseTo(1 / (1 - share.B1 * 0.01), 12);
    expect(matchExcluded(m, p, T.B, D3)).toEqual({ match: 'unrelated', frequency: 0, frequencyKnown: false, lr: 1 });
  });
  it('never raises a disease for lacking a feature it has', () => {
    for (const f of [0, 0.01, 0.5, 1]) {
      const q = { ...p, excludedDefaultFrequency: f };
      for (let t = 1; t < m.termCount; t += 1) for (let d = 0; d < 4; d += 1) {
        const e = matchExcluded(m, q, t, d);
        if (e.match === 'annotated') expect(e.lr).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('PhenotypeRanker on the tiny world', () => {
  const ranker = new PhenotypeRanker(m, p);

  it('multiplies term LRs, merges MONDO concepts, and computes post-test probabilities from a uniform prior', () => {
    const r = ranker.rank({ present: [termIds[T.A1x]!], excluded: [] });
    expect(r.candidates).toBe(3);
    expect(r.diseases.map((d) => d.ids)).toEqual([['OMIM:2'], ['OMIM:1', 'ORPHA:3'], ['OMIM:4']]);
    expect(r.diseases[1]!.id).toBe('OMIM:1'); // the better-scoring entry of the concept
    const lrs = [1 / share.A1x, 1 / share.A1, 0.05];
    r.diseases.forEach((d, i) => expect(d.score).toBeCloseTo(Math.log10(lrs[i]!), 12));
    const total = lrs.reduce((a, b) => a + b, 0);
    r.diseases.forEach((d, i) => expect(d.probability).toBeCloseTo(lrs[i]! / total, 12));
  });

  it('adds observed and excluded evidence', () => {
    const r = ranker.rank({ present: [termIds[T.A1]!, termIds[T.B1]!], excluded: [] });
    const byId = new Map(r.diseases.map((d) => [d.id, d.score]));
    expect(byId.get('OMIM:1')).toBeCloseTo(Math.log10(1.6 * (0.5 / (share.B1 * 0.8))), 12);
    expect(byId.get('OMIM:2')).toBeCloseTo(Math.log10(1.6 * 0.01), 12);
    const ex = ranker.rank({ present: [termIds[T.A1]!], excluded: [termIds[T.B]!] });
    const exById = new Map(ex.diseases.map((d) => [d.id, d.score]));
    expect(exById.get('OMIM:1')).toBeCloseTo(Math.log10(1.6 * (0.5 / (1 - share.B * 0.01))), 12);
    expect(exById.get('OMIM:2')).toBeCloseTo(Math.log10(1.6 / (1 - share.B * 0.01)), 12);
  });

  it('breaks ties deterministically: OMIM before ORPHA, then by id', () => {
    // A2 alone: ORPHA:3 exact; the others tie on "common ancestor" or none.
    const r = ranker.rank({ present: [termIds[T.A2]!], excluded: [] });
    const again = ranker.rank({ present: [termIds[T.A2]!], excluded: [] });
    expect(r.diseases.map((d) => d.id)).toEqual(again.diseases.map((d) => d.id));
    expect(r.diseases[0]!.ids).toEqual(['OMIM:1', 'ORPHA:3']);
    expect(r.diseases[0]!.id).toBe('ORPHA:3');
    const tie = r.diseases.filter((d) => d.id === 'OMIM:2' || d.id === 'OMIM:4');
    expect(tie.map((d) => d.id)).toEqual(['OMIM:2', 'OMIM:4']);
  });

  it('ranks genes by their best disease', () => {
    const r = ranker.rank({ present: [termIds[T.A1x]!], excluded: [] });
    expect(r.genes.map((g) => [g.symbol, g.rank, g.topDisease])).toEqual([
      ['GENE2', 1, 'OMIM:2'],
      ['GENE1', 2, 'OMIM:1'],
      ['GENE4', 3, 'OMIM:4'],
    ]);
    expect(r.genes[1]!.score).toBeCloseTo(r.diseases[1]!.score, 12);
  });

  it('resolves alt and obsolete ids, and drops unknown and redundant terms with a note', () => {
    const r = ranker.rank({ present: ['HP:2000003', 'HP:3000005', 'HP:9999999', termIds[T.A]!], excluded: [] });
    expect(r.present.map((q) => [q.input, q.id, q.via])).toEqual([['HP:3000005', 'HP:1000005', 'replaced_by']]);
    expect(r.skipped).toEqual([
      { input: 'HP:9999999', reason: 'unknown' },
      { input: 'HP:2000003', reason: 'redundant', impliedBy: 'HP:1000005' },
      { input: termIds[T.A]!, reason: 'redundant', impliedBy: 'HP:1000005' },
    ]);
  });

  it('refuses a case without a usable observed term', () => {
    expect(() => ranker.rank({ present: ['HP:9999999'], excluded: [termIds[T.B]!] })).toThrow(/no usable observed phenotype \(skipped: HP:9999999 unknown\)/);
    expect(() => ranker.rank({ present: [], excluded: [] })).toThrow('no observed phenotypic feature');
  });
});

describe('profile coverage', () => {
  it('is the IC-weighted share of the disease profile the patient shows', () => {
    const c = new ProfileCoverage(m);
    c.setPatient([T.A1]);
    const icA1 = -Math.log(share.A1);
    const icB1 = -Math.log(share.B1);
    expect(c.coverage(D1)).toBeCloseTo(icA1 / (icA1 + icB1), 12);
    c.setPatient([T.A1, T.B1]);
    expect(c.coverage(D1)).toBeCloseTo(1, 12);
    c.setPatient([T.A2]);
    expect(c.coverage(D2)).toBeCloseTo(-Math.log(share.A) / -Math.log(share.A1x), 12); // A is A1x's best shared ancestor
  });

  it('re-weights the ranking: coverage^exponent', () => {
    const ranker = new PhenotypeRanker(m, { ...p, coverageExponent: 2, coverageFloor: 0.01 });
    const r = ranker.rank({ present: [termIds[T.A1]!], excluded: [] });
    const d1 = r.diseases.find((d) => d.id === 'OMIM:1')!;
    const icA1 = -Math.log(share.A1);
    const cov = icA1 / (icA1 - Math.log(share.B1));
    expect(d1.coverage).toBeCloseTo(cov, 12);
    expect(d1.score).toBeCloseTo(Math.log10(1.6 * cov * cov), 12);
    expect(d1.log10LikelihoodRatio).toBeCloseTo(Math.log10(1.6), 12);
  });
});

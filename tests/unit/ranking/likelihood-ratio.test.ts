import { describe, expect, it } from 'vitest';
import { estimateFrequency } from '../../../diagnosis/ranking/annotation-frequency.js';
import { diseaseLnPrior } from '../../../diagnosis/ranking/disease-prior.js';
import { PhenotypeModel } from '../../../diagnosis/ranking/phenotype-model.js';
import { PhenotypeRanker } from '../../../diagnosis/ranking/ranker.js';
import { defaultRankerParameters, type RankerParameters } from '../../../diagnosis/ranking/ranker-parameters.js';
import { matchExcluded, matchObserved } from '../../../diagnosis/ranking/term-match.js';
import { TermScorer } from '../../../diagnosis/ranking/term-scores.js';
import { T, termIds, tinyTables } from '../../helpers/tiny-tables.js';

// Parameters chosen so that every match type is reachable in the tiny world and the arithmetic stays readable.
const p: RankerParameters = {
  ...defaultRankerParameters,
  countPriorMean: 0.5,
  countPriorStrength: 2,
  classPriorStrength: 4,
  percentStrength: 10,
  unknownFrequency: 0.5,
  frequencyFloor: 0,
  backgroundPseudocount: 0.5,
  descendantFactor: 1,
  commonAncestorFactor: 0.5,
  noMatchLR: 0.05,
  maxSharedAncestorShare: 0.9,
  contradictedLR: 0.01,
  excludedAscertainment: 1,
  excludedAnnotatedFloor: 0.1,
  expectedMinFrequency: 0.5,
  expectedMaxFeatures: 10,
  missRateGeneral: 0.9,
  missRateSpecific: 0.6,
  expectedPenaltyCap: 3,
  onsetFloor: 0.05,
  xRecessiveFemaleLR: 0.2,
  prevalenceWeight: 0,
  geneReportWeight: 0,
  diseaseReportWeight: 0,
  temperature: 1,
  temperatureExponent: 0,
  unlistedLogWeight: -Infinity,
  probabilitySlope: 1,
  probabilityIntercept: 0,
  probabilityTopOffset: 0,
  topProbabilityKnots: [],
};
const m = new PhenotypeModel(tinyTables());
const [D1, D2, D3, D4] = [0, 1, 2, 3];

// Frequencies, by hand: class Very frequent 80-99 % → 0.895; 1/2 patients with the count prior Beta(mean 0.5, 2)
// → (1 + 1) / (2 + 2) = 0.5; no frequency → 0.5; Occasional 5-29 % → 0.17; 8/10 → (8 + 1) / (10 + 2) = 0.75.
const f = { D1A1: 0.895, D1B1: 0.5, D2A1x: 0.5, D3A2: 0.17, D4B: 0.75, D4Adult: 0.5 };
// Backgrounds: (Σ over diseases of P(term or descendant | D) + 0.5 pseudo-diseases × 0.5) / 4 diseases.
const bg = {
  A: (f.D1A1 + f.D2A1x + f.D3A2 + 0.25) / 4,
  A1: (f.D1A1 + f.D2A1x + 0.25) / 4,
  A1x: (f.D2A1x + 0.25) / 4,
  B: (f.D1B1 + f.D4B + 0.25) / 4,
  B1: (f.D1B1 + 0.25) / 4,
};

describe('annotation frequencies with their uncertainty (by hand)', () => {
  const est = (frequencyClass: number, n: number, mm: number, point = NaN) => estimateFrequency({ frequencyClass, n, m: mm, point }, p);
  it('shrinks small counts toward the prior, and barely moves large ones', () => {
    expect(est(-1, 1, 1).value).toBeCloseTo((1 + 1) / (1 + 2), 12); // 1/1 from one case report: 0.667, not 1
    expect(est(-1, 2, 3).value).toBeCloseTo((2 + 1) / (3 + 2), 12);
    expect(est(-1, 30, 40).value).toBeCloseTo((30 + 1) / (40 + 2), 12); // close to 0.75
    expect(est(-1, 0, 5).value).toBeCloseTo(1 / 7, 12); // 0/5 is a low frequency, not "never"
    expect(est(-1, 1, 1).text).toBe('1/1 patients → 67 %');
  });
  it('reads a frequency class as its range, and uses it as the prior of counts given with it', () => {
    expect(est(1, -1, -1)).toMatchObject({ value: 0.895, basis: 'class', text: 'Very frequent (80-99 %)' });
    expect(est(3, -1, -1).value).toBeCloseTo(0.17, 12);
    expect(est(0, -1, -1).value).toBe(1); // Obligate
    expect(est(3, 2, 2).value).toBeCloseTo((2 + 4 * 0.17) / (2 + 4), 12); // an occasional feature seen in 2/2
    expect(est(3, 2, 2).basis).toBe('class+counts');
  });
  it('treats an unknown frequency as unknown (the stated default), a bare percentage as a small series', () => {
    expect(est(-1, -1, -1)).toMatchObject({ value: 0.5, basis: 'unknown', text: 'unknown (assumed 50 %)' });
    expect(est(-1, -1, -1, 0.9).value).toBeCloseTo((0.9 * 10 + 0.5 * 2) / 12, 12);
  });
  it('applies the floor: f_eff = floor + (1 - floor) f', () => {
    expect(estimateFrequency({ frequencyClass: 3, n: -1, m: -1, point: NaN }, { ...p, frequencyFloor: 0.2 }).value).toBeCloseTo(0.2 + 0.8 * 0.17, 12);
  });
});

describe('observed-term likelihood ratios (by hand)', () => {
  const F = new PhenotypeRanker(m, p).view(undefined).frequencies;
  it('exact, disease-more-specific, common-ancestor and no match, with the frequency and background', () => {
    expect(F.bg[T.A1]).toBeCloseTo(bg.A1, 12);
    expect(matchObserved(m, F, p, T.A1, D1)).toMatchObject({ match: 'exact', diseaseTerm: T.A1 });
    expect(matchObserved(m, F, p, T.A1, D1).lr).toBeCloseTo(f.D1A1 / bg.A1, 12);
    expect(matchObserved(m, F, p, T.A1, D2)).toMatchObject({ match: 'disease-more-specific', diseaseTerm: T.A1x });
    expect(matchObserved(m, F, p, T.A1, D2).lr).toBeCloseTo(f.D2A1x / bg.A1, 12);
    expect(matchObserved(m, F, p, T.A1, D3)).toMatchObject({ match: 'common-ancestor', via: T.A, diseaseTerm: T.A2 });
    expect(matchObserved(m, F, p, T.A1, D3).lr).toBeCloseTo((0.5 * f.D3A2) / bg.A, 12);
    expect(matchObserved(m, F, p, T.A1, D4)).toMatchObject({ match: 'none', lr: 0.05 }); // only the root branch in common
  });

  it('patient more specific than the annotation gets the annotation LR; counts are shrunk', () => {
    expect(matchObserved(m, F, p, T.A1x, D2).lr).toBeCloseTo(f.D2A1x / bg.A1x, 12);
    expect(matchObserved(m, F, p, T.A1x, D1)).toMatchObject({ match: 'patient-more-specific', diseaseTerm: T.A1, via: T.A1 });
    expect(matchObserved(m, F, p, T.A1x, D1).lr).toBeCloseTo(f.D1A1 / bg.A1, 12);
    expect(matchObserved(m, F, p, T.B1, D1).lr).toBeCloseTo(f.D1B1 / bg.B1, 12);
    expect(matchObserved(m, F, p, T.B1, D4)).toMatchObject({ match: 'patient-more-specific', diseaseTerm: T.B });
    expect(matchObserved(m, F, p, T.B1, D4).lr).toBeCloseTo(f.D4B / bg.B, 12); // 8/10 → 0.75
  });

  it('a NOT annotation contradicts the term and its descendants', () => {
    expect(matchObserved(m, F, p, T.B1, D2)).toMatchObject({ match: 'contradicted', lr: 0.01, diseaseTerm: T.B });
    expect(matchObserved(m, F, p, T.B, D2).match).toBe('contradicted');
    expect(matchObserved(m, F, p, T.B1, D3).match).toBe('none');
  });

  it('the vectorised scorer gives the same ln LR as the per-pair match for every term and disease', () => {
    const scorer = new TermScorer(m, p);
    for (let t = 1; t < m.termCount; t += 1) {
      const scores = new Float64Array(m.diseaseCount);
      scorer.addObserved(t, F, scores);
      for (let d = 0; d < m.diseaseCount; d += 1) expect(scores[d]).toBeCloseTo(Math.log(matchObserved(m, F, p, t, d).lr), 12);
      for (const age of [undefined, 1, 40]) {
        const ex = new Float64Array(m.diseaseCount);
        scorer.addExcluded(t, F, age, ex);
        for (let d = 0; d < m.diseaseCount; d += 1) expect(ex[d]).toBeCloseTo(Math.log(matchExcluded(m, F, p, t, d, age).lr), 12);
      }
    }
  });
});

describe('excluded-term likelihood ratios (by hand)', () => {
  const F = new PhenotypeRanker(m, p).view(undefined).frequencies;
  it('lowers a disease by the frequency of the feature it has: (1 - f) / (1 - bg)', () => {
    expect(matchExcluded(m, F, p, T.B, D1)).toMatchObject({ match: 'annotated', diseaseTerm: T.B1, frequency: f.D1B1 });
    expect(matchExcluded(m, F, p, T.B, D1).lr).toBeCloseTo((1 - f.D1B1) / (1 - bg.B), 12);
    // a frequent feature excluded is real evidence against
    expect(matchExcluded(m, F, p, T.B, D4).lr).toBeCloseTo((1 - f.D4B) / (1 - bg.B), 12);
    expect(matchExcluded(m, F, p, T.B, D4).lr).toBeLessThan(matchExcluded(m, F, p, T.B, D1).lr);
  });
  it('weighs the ascertainment of pertinent negatives, and is floored', () => {
    const q = { ...p, excludedAscertainment: 3 };
    const Fq = new PhenotypeRanker(m, q).view(undefined).frequencies;
    // the ratio applies in full to a specific feature, not at all to a general one: 1 + (3 − 1) · IC / IC of a single-disease term
    const kappa = 1 + 2 * (-Math.log(2.5 / 4) / Math.log(4)); // B: 2 of 4 diseases (+ 0.5 pseudo-count)
    expect(matchExcluded(m, Fq, q, T.B, D1).lr).toBeCloseTo((kappa * (1 - f.D1B1)) / (1 - bg.B), 12);
    expect(matchExcluded(m, Fq, q, T.B, D4).lr).toBeCloseTo((kappa * (1 - f.D4B)) / (1 - bg.B), 12);
    expect(matchExcluded(m, Fq, q, T.B, D4).lr).toBeLessThan(matchExcluded(m, Fq, q, T.B, D1).lr);
    const floored = { ...p, excludedAnnotatedFloor: 0.5 };
    expect(matchExcluded(m, F, floored, T.B, D4).lr).toBe(0.5);
  });
  it('raises a disease explicitly annotated NOT to have it, and leaves others alone', () => {
    expect(matchExcluded(m, F, p, T.B, D2)).toMatchObject({ match: 'consistent' });
    expect(matchExcluded(m, F, p, T.B, D2).lr).toBeCloseTo(1 / (1 - bg.B), 12);
    expect(matchExcluded(m, F, p, T.B, D3)).toMatchObject({ match: 'unrelated', lr: 1 });
  });
});

describe('onset, sex, prior and the unreported hallmarks (by hand)', () => {
  const ranker = new PhenotypeRanker(m, p);
  it('an adult-onset disease in a 2-year-old is unlikely (floored), at 16 and 30 it may have begun', () => {
    expect(ranker.onset.onsetProbability(D4, 2)).toBe(0);
    expect(ranker.onset.onsetProbability(D4, 15.9)).toBe(0);
    expect(ranker.onset.onsetProbability(D4, 16)).toBe(1);
    expect(ranker.onset.onsetProbability(D4, 30)).toBe(1);
    expect(ranker.onset.onsetProbability(D1, 2)).toBe(1); // no onset annotation: no evidence
    const out = ranker.onset.lnLR(2, 0.05, new Float64Array(4));
    const background = (1 + 1 + 1 + 0.05) / 4;
    expect(out[D4]).toBeCloseTo(Math.log(0.05 / background), 12);
    expect(out[D1]).toBeCloseTo(Math.log(1 / background), 12);
    // reused per step between range starts: the same numbers as computed afresh, for ages on both sides of 16
    for (const age of [2, 15.9, 16, 30, 2]) {
      const reused = ranker.onset.lnLR(age, 0.05, new Float64Array(4));
      const fresh = new PhenotypeRanker(m, p).onset.lnLR(age, 0.05, new Float64Array(4));
      expect([...reused]).toEqual([...fresh]);
    }
    expect(ranker.onset.lnLR(30, 0.05, new Float64Array(4))[D4]).toBeCloseTo(Math.log(1 / 1), 12);
  });

  it('enters the score with the patient age; an unknown age says nothing', () => {
    const withAge = ranker.rank({ present: [termIds[T.B]!], excluded: [], ageYears: 2 });
    const without = ranker.rank({ present: [termIds[T.B]!], excluded: [] });
    const d4 = (r: typeof withAge) => r.diseases.find((d) => d.id === 'OMIM:4')!;
    expect(d4(without).parts.onset).toBe(0);
    expect(d4(withAge).parts.onset).toBeCloseTo(Math.log10(0.05 / ((3 + 0.05) / 4)), 12);
  });

  it('an X-linked recessive disease in a female is lowered; male and unknown sex say nothing', () => {
    const female = ranker.rank({ present: [termIds[T.A1x]!], excluded: [], sex: 'FEMALE' });
    const male = ranker.rank({ present: [termIds[T.A1x]!], excluded: [], sex: 'MALE' });
    expect(female.diseases.find((d) => d.id === 'OMIM:2')!.parts.sex).toBeCloseTo(Math.log10(0.2), 12);
    expect(male.diseases.find((d) => d.id === 'OMIM:2')!.parts.sex).toBe(0);
  });

  it('the prior follows the prevalence ClinVar states (a default when unknown) and the variants of the genes', () => {
    const byPrevalence = diseaseLnPrior(m, { prevalenceWeight: 0.5, unknownPrevalence: 2, geneReportWeight: 0, diseaseReportWeight: 0 });
    expect(byPrevalence[D1]).toBeCloseTo(0.5 * Math.log(250), 12); // 1-5 / 10,000
    expect(byPrevalence[D2]).toBeCloseTo(0.5 * Math.log(2), 12); // unknown: the default
    expect(byPrevalence[D4]).toBeCloseTo(0.5 * Math.log(3), 12);
    const byGene = diseaseLnPrior(m, { prevalenceWeight: 0, unknownPrevalence: 1, geneReportWeight: 0.5, diseaseReportWeight: 0 });
    expect(byGene[D1]).toBeCloseTo(0.5 * Math.log(13), 12); // GENE1: 12
    expect(byGene[D2]).toBe(0); // GENE2: none
    expect(byGene[D4]).toBeCloseTo(0.5 * Math.log(4), 12);
    const byReports = diseaseLnPrior(m, { prevalenceWeight: 0, unknownPrevalence: 1, geneReportWeight: 0, diseaseReportWeight: 0.5 });
    expect(byReports[D1]).toBeCloseTo(0.5 * Math.log(41), 12); // 40 variants name it
    expect(byReports[D2]).toBe(0);
  });

  it('lowers a disease a little for each unreported frequent hallmark: (1 - f(1 - r)) / (1 - bg(1 - r))', () => {
    const e = ranker.view(undefined).expected;
    // OMIM:1's hallmarks (f ≥ 0.5): A1 (0.895) and B1 (0.5)
    const term = (t: number, fr: number, background: number) => {
      const spec = Math.min(1, -Math.log(m.share[t]!) / Math.log(4));
      const miss = 0.9 + (0.6 - 0.9) * spec;
      return Math.min(0, Math.log((1 - fr * (1 - miss)) / (1 - background * (1 - miss))));
    };
    e.setReported([T.A2]); // related to neither
    expect(e.lnLR(D1, undefined)).toBeCloseTo(term(T.A1, f.D1A1, bg.A1) + term(T.B1, f.D1B1, bg.B1), 12);
    e.setReported([T.A1x]); // a reported descendant covers A1
    expect(e.lnLR(D1, undefined)).toBeCloseTo(term(T.B1, f.D1B1, bg.B1), 12);
    e.setReported([T.A2], [T.B1]); // an excluded hallmark is judged by the excluded LR, not again as unreported
    expect(e.lnLR(D1, undefined)).toBeCloseTo(term(T.A1, f.D1A1, bg.A1), 12);
    // through the ranker: the part and the share of hallmarks the present findings cover
    const d1 = ranker.rank({ present: [termIds[T.A1x]!], excluded: [] }).diseases.find((d) => d.id === 'OMIM:1')!;
    expect(d1.parts.notReported).toBeCloseTo(term(T.B1, f.D1B1, bg.B1) / Math.LN10, 12);
    expect(d1.coverage).toBe(0.5);
  });

  it('caps the unreported penalty', () => {
    const capped = new PhenotypeRanker(m, { ...p, expectedPenaltyCap: 0.01 }).view(undefined).expected;
    capped.setReported([T.A2]);
    expect(capped.lnLR(D1, undefined)).toBeCloseTo(-0.01, 12);
  });
});

describe('PhenotypeRanker on the tiny world', () => {
  const noExtras = { ...p, expectedPenaltyCap: 0 };
  const ranker = new PhenotypeRanker(m, noExtras);

  it('multiplies term LRs, merges MONDO concepts, and normalises post-test probabilities over the concepts', () => {
    const r = ranker.rank({ present: [termIds[T.A1x]!], excluded: [] });
    expect(r.candidates).toBe(3);
    expect(r.diseases.map((d) => d.ids)).toEqual([['OMIM:2'], ['OMIM:1', 'ORPHA:3'], ['OMIM:4']]);
    expect(r.diseases[1]!.id).toBe('OMIM:1'); // the better-scoring entry of the concept
    const lrs = [f.D2A1x / bg.A1x, f.D1A1 / bg.A1, 0.05];
    r.diseases.forEach((d, i) => expect(d.score).toBeCloseTo(Math.log10(lrs[i]!), 12));
    const total = lrs.reduce((a, b) => a + b, 0);
    r.diseases.forEach((d, i) => expect(d.probability).toBeCloseTo(lrs[i]! / total, 12));
    expect(r.unlistedProbability).toBe(0);
  });

  it('calibrates: softmax(temperature · score) with a "not in the knowledge base" outcome', () => {
    const calibrated = new PhenotypeRanker(m, { ...noExtras, temperature: 0.5, unlistedLogWeight: Math.log(0.3) });
    const r = calibrated.rank({ present: [termIds[T.A1x]!], excluded: [] });
    const w = [f.D2A1x / bg.A1x, f.D1A1 / bg.A1, 0.05].map((x) => Math.sqrt(x));
    const z = w.reduce((a, b) => a + b, 0) + 0.3;
    r.diseases.forEach((d, i) => expect(d.probability).toBeCloseTo(w[i]! / z, 12));
    expect(r.unlistedProbability).toBeCloseTo(0.3 / z, 12);
    // the order does not change
    expect(r.diseases.map((d) => d.id)).toEqual(ranker.rank({ present: [termIds[T.A1x]!], excluded: [] }).diseases.map((d) => d.id));
  });

  it('tempers more with more findings (n^-exponent), then maps each probability (logit, with an offset for the first)', () => {
    const cal = new PhenotypeRanker(m, { ...noExtras, temperature: 1, temperatureExponent: 0.5, unlistedLogWeight: Math.log(0.3), probabilitySlope: 0.8, probabilityIntercept: -0.5, probabilityTopOffset: 1 });
    const r = cal.rank({ present: [termIds[T.A1]!, termIds[T.B1]!], excluded: [termIds[T.A2]!] });
    const t = 1 / Math.sqrt(3); // three findings ranked
    const lrs = new Map([
      ['OMIM:1', (f.D1A1 / bg.A1) * (f.D1B1 / bg.B1)],
      ['OMIM:2', (f.D2A1x / bg.A1) * 0.01],
      ['OMIM:4', 0.05 * (f.D4B / bg.B)],
    ]);
    // the concept of OMIM:1 and ORPHA:3 takes its better entry (ORPHA:3 matches A1 only through A, and lacks the excluded A2)
    const concept1 = Math.max(lrs.get('OMIM:1')!, 0.5 * (f.D3A2 / bg.A) * 0.05 * ((1 - f.D3A2) / (1 - (f.D3A2 + 0.25) / 4)));
    const weights = [concept1, lrs.get('OMIM:2')!, lrs.get('OMIM:4')!].map((x) => Math.pow(x, t));
    const z = weights.reduce((a, b) => a + b, 0) + 0.3;
    const logit = (x: number) => Math.log(x / (1 - x));
    const map = (x: number, first: boolean) => 1 / (1 + Math.exp(-(0.8 * logit(x) - 0.5 + (first ? 1 : 0))));
    expect(r.diseases.map((d) => d.id)).toEqual(['OMIM:1', 'OMIM:4', 'OMIM:2']);
    // each calibrated on its own; then, as together they exceed 1, the first keeps its value, "not in the knowledge
    // base" keeps what the first leaves at most, and the others share the rest in proportion
    const first = map(weights[0]! / z, true);
    const others = [map(weights[2]! / z, false), map(weights[1]! / z, false)];
    const unlisted = Math.min(0.3 / z, 1 - first);
    const room = 1 - first - unlisted;
    const scale = Math.min(1, room / (others[0]! + others[1]!));
    expect(r.diseases[0]!.probability).toBeCloseTo(first, 12);
    expect(r.diseases[1]!.probability).toBeCloseTo(others[0]! * scale, 12);
    expect(r.diseases[2]!.probability).toBeCloseTo(others[1]! * scale, 12);
    expect(r.unlistedProbability).toBeCloseTo(unlisted, 12);
    expect(r.diseases.reduce((s, d) => s + d.probability, 0) + r.unlistedProbability).toBeLessThanOrEqual(1 + 1e-12);

    // the isotonic step moves the first candidate only (here a line from (0, 0.1) to (1, 0.9)), never below the second
    const knots = [
      [0, 0.1],
      [1, 0.9],
    ] as const;
    const withKnots = new PhenotypeRanker(m, { ...noExtras, temperature: 1, temperatureExponent: 0.5, unlistedLogWeight: Math.log(0.3), probabilitySlope: 0.8, probabilityIntercept: -0.5, probabilityTopOffset: 1, topProbabilityKnots: knots });
    const k = withKnots.rank({ present: [termIds[T.A1]!, termIds[T.B1]!], excluded: [termIds[T.A2]!] });
    expect(k.diseases.map((d) => d.id)).toEqual(['OMIM:1', 'OMIM:4', 'OMIM:2']);
    expect(k.diseases[0]!.probability).toBeCloseTo(Math.max(0.1 + 0.8 * first, k.diseases[1]!.probability), 12);
    const flat = new PhenotypeRanker(m, { ...noExtras, temperature: 1, temperatureExponent: 0.5, unlistedLogWeight: Math.log(0.3), probabilitySlope: 0.8, probabilityIntercept: -0.5, probabilityTopOffset: 1, topProbabilityKnots: [[0.5, 0]] });
    const fl = flat.rank({ present: [termIds[T.A1]!, termIds[T.B1]!], excluded: [termIds[T.A2]!] });
    expect(fl.diseases[0]!.probability).toBe(fl.diseases[1]!.probability);
  });

  it('adds observed and excluded evidence', () => {
    const r = ranker.rank({ present: [termIds[T.A1]!, termIds[T.B1]!], excluded: [] });
    const byId = new Map(r.diseases.map((d) => [d.id, d.score]));
    expect(byId.get('OMIM:1')).toBeCloseTo(Math.log10((f.D1A1 / bg.A1) * (f.D1B1 / bg.B1)), 12);
    expect(byId.get('OMIM:2')).toBeCloseTo(Math.log10((f.D2A1x / bg.A1) * 0.01), 12);
    const ex = ranker.rank({ present: [termIds[T.A1]!], excluded: [termIds[T.B]!] });
    const exById = new Map(ex.diseases.map((d) => [d.id, d.score]));
    expect(exById.get('OMIM:1')).toBeCloseTo(Math.log10((f.D1A1 / bg.A1) * ((1 - f.D1B1) / (1 - bg.B))), 12);
    expect(exById.get('OMIM:2')).toBeCloseTo(Math.log10((f.D2A1x / bg.A1) / (1 - bg.B)), 12);
  });

  it('breaks ties deterministically: OMIM before ORPHA, then by id', () => {
    const r = ranker.rank({ present: [termIds[T.A2]!], excluded: [] });
    const again = ranker.rank({ present: [termIds[T.A2]!], excluded: [] });
    expect(r.diseases.map((d) => d.id)).toEqual(again.diseases.map((d) => d.id));
    expect(r.diseases[0]!.ids).toEqual(['OMIM:1', 'ORPHA:3']);
    expect(r.diseases[0]!.id).toBe('ORPHA:3');
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

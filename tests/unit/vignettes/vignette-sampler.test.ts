import { describe, expect, it } from 'vitest';
import { PhenotypeModel } from '../../../diagnosis/ranking/phenotype-model.js';
import { drawFrequency, frequencyDistribution, meanFrequency } from '../../../diagnosis/vignettes/feature-frequency.js';
import { keyedRandom } from '../../../diagnosis/vignettes/seeded-random.js';
import type { Vignette } from '../../../diagnosis/vignettes/vignette.js';
import { defaultVignetteParameters, type VignetteParameters } from '../../../diagnosis/vignettes/vignette-parameters.js';
import { VignetteSampler } from '../../../diagnosis/vignettes/vignette-sampler.js';
import { T, termIds, tinyTables } from '../../helpers/tiny-tables.js';

// The tiny world (tests/helpers/tiny-tables.ts):
//   OMIM:1  A1 (Very frequent), B1 (1/2 patients)            OMIM:2  A1x (no frequency), NOT B; X-linked recessive
//   ORPHA:3 A2 (Occasional)                                  OMIM:4  B (8/10 patients), Adult onset
const model = new PhenotypeModel(tinyTables());
const id = (t: number) => termIds[t]!;

/** Only the features, each recorded when present: the draw is the annotation's frequency and nothing else. */
const bare: Partial<VignetteParameters> = { reportRate: 1, minReported: 0, imprecisionRate: 0, noiseMin: 0, noiseMax: 0, maxExcluded: 0 };

function draw(sampler: VignetteSampler, disease: string, n: number, seed = 7): Vignette[] {
  return Array.from({ length: n }, (_, i) => sampler.sample(disease, i, seed)!);
}
const share = (vs: Vignette[], f: (v: Vignette) => boolean) => vs.filter(f).length / vs.length;
const N = 20_000;

describe('feature frequency: what a patient is drawn with', () => {
  const p = defaultVignetteParameters;
  it('a class is its range, counts the Beta posterior of the ranker\'s prior, unknown the stated default', () => {
    expect(frequencyDistribution({ frequencyClass: 1, n: -1, m: -1, point: NaN }, p)).toEqual({ kind: 'range', low: 0.8, high: 0.99 });
    expect(frequencyDistribution({ frequencyClass: 0, n: -1, m: -1, point: NaN }, p)).toEqual({ kind: 'fixed', value: 1 });
    // 8/10 with the global prior of 2 pseudo-patients at 50 %: Beta(9, 3), mean 0.75 (not 0.8: small series are shrunk)
    expect(frequencyDistribution({ frequencyClass: -1, n: 8, m: 10, point: 0.8 }, p)).toEqual({ kind: 'beta', a: 9, b: 3 });
    // 1/1 with the class Very frequent as its prior (4 pseudo-patients at 89.5 %)
    const withClass = frequencyDistribution({ frequencyClass: 1, n: 1, m: 1, point: 1 }, p);
    expect(meanFrequency(withClass)).toBeCloseTo((1 + 4 * 0.895) / 5, 10);
    expect(frequencyDistribution({ frequencyClass: -1, n: -1, m: -1, point: NaN }, { ...p, unknownFrequency: 0.3 })).toEqual({ kind: 'fixed', value: 0.3 });
  });

  it('draws average to the distribution\'s mean', () => {
    const r = keyedRandom(3, 'draws');
    for (const d of [frequencyDistribution({ frequencyClass: -1, n: 8, m: 10, point: 0.8 }, p), { kind: 'range', low: 0.05, high: 0.29 } as const, frequencyDistribution({ frequencyClass: -1, n: -1, m: -1, point: 0.2 }, p)]) {
      let sum = 0;
      let low = 1;
      let high = 0;
      for (let i = 0; i < N; i += 1) {
        const f = drawFrequency(d, r);
        sum += f;
        low = Math.min(low, f);
        high = Math.max(high, f);
      }
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
      expect(Math.abs(sum / N - meanFrequency(d))).toBeLessThan(0.005);
    }
  });
});

describe('vignette sampling on the tiny ontology', () => {
  it('is reproducible: the same seed, disease and number give the same vignette, whatever was drawn before', () => {
    const a = new VignetteSampler(model);
    const b = new VignetteSampler(model);
    draw(b, 'OMIM:4', 50, 11); // other draws first: streams are keyed, not positional
    expect(b.sample('OMIM:1', 3, 11)).toEqual(a.sample('OMIM:1', 3, 11));
    const seeds = new Set(Array.from({ length: 40 }, (_, s) => JSON.stringify(a.sample('OMIM:1', 0, s))));
    expect(seeds.size).toBeGreaterThan(1);
    expect(a.sample('OMIM:99', 0, 1)).toBeUndefined();
  });

  it('respects the annotation frequencies in expectation', () => {
    const s = new VignetteSampler(model, bare);
    const one = draw(s, 'OMIM:1', N);
    expect(Math.abs(share(one, (v) => v.present.includes(id(T.A1))) - 0.895)).toBeLessThan(0.012); // Very frequent: 80-99 %
    expect(Math.abs(share(one, (v) => v.present.includes(id(T.B1))) - 0.5)).toBeLessThan(0.012); // 1/2 → Beta(2, 2)
    const four = draw(s, 'OMIM:4', N);
    expect(Math.abs(share(four, (v) => v.present.includes(id(T.B))) - 0.75)).toBeLessThan(0.012); // 8/10 → 0.75, not 0.8
    const three = draw(s, 'ORPHA:3', N);
    expect(Math.abs(share(three, (v) => v.present.includes(id(T.A2))) - 0.17)).toBeLessThan(0.012); // Occasional 5-29 %
    const unknown = draw(new VignetteSampler(model, { ...bare, unknownFrequency: 0.3 }), 'OMIM:2', N);
    expect(Math.abs(share(unknown, (v) => v.present.includes(id(T.A1x))) - 0.3)).toBeLessThan(0.012);
  });

  it('omits recorded features at the stated rate, and a patient comes with at least one feature', () => {
    const half = draw(new VignetteSampler(model, { ...bare, reportRate: 0.5 }), 'OMIM:1', N);
    expect(Math.abs(share(half, (v) => v.present.includes(id(T.A1))) - 0.895 / 2)).toBeLessThan(0.012);
    // conditioned on at least one recorded feature: P(A1 | A1 or B1) = 0.895 / (1 − 0.105 × 0.5)
    const atLeastOne = draw(new VignetteSampler(model, { ...bare, minReported: 1 }), 'OMIM:1', N);
    expect(atLeastOne.every((v) => v.present.length >= 1)).toBe(true);
    expect(Math.abs(share(atLeastOne, (v) => v.present.includes(id(T.A1))) - 0.895 / 0.9475)).toBeLessThan(0.01);
  });

  it('fits sex to the mode of inheritance and age to the onset', () => {
    const s = new VignetteSampler(model);
    const xlr = draw(s, 'OMIM:2', 4000);
    expect(Math.abs(share(xlr, (v) => v.sex === 'MALE') - 0.9)).toBeLessThan(0.02);
    const unknownMode = draw(s, 'OMIM:1', 4000);
    expect(Math.abs(share(unknownMode, (v) => v.sex === 'MALE') - 0.5)).toBeLessThan(0.03);
    expect(unknownMode.every((v) => v.ageYears === undefined)).toBe(true); // no onset: no age made up
    const adult = draw(s, 'OMIM:4', 2000);
    expect(adult.every((v) => v.ageYears !== undefined && v.ageYears >= 16 && v.ageYears <= 90)).toBe(true);
  });

  it('gives a feature as an ancestor only when the ancestor still stands for a finding', () => {
    const precise = draw(new VignetteSampler(model, { ...bare, minReported: 1, imprecisionRate: 1, maxAncestorShare: 0.2 }), 'OMIM:4', 200);
    expect(precise.every((v) => v.present.includes(id(T.B)) && v.origin.every((o) => o === 'feature'))).toBe(true);
    // A (share 0.875) is allowed at 0.9, Phenotypic abnormality (share 1) never
    const vague = draw(new VignetteSampler(model, { ...bare, minReported: 1, imprecisionRate: 1, maxAncestorShare: 0.9 }), 'ORPHA:3', 200);
    expect(vague.every((v) => v.present.length === 1 && v.present[0] === id(T.A) && v.origin[0] === 'imprecise')).toBe(true);
  });

  it('adds unrelated common findings, never one related to the disease\'s features', () => {
    const s = new VignetteSampler(model, { ...bare, minReported: 1, noiseMin: 1, noiseMax: 1, maxAncestorShare: 1, noisePoolSize: 10 });
    // OMIM:1 has A1 and B1: A1x (under A1), A and B (above them) are related; A2 is the only unrelated finding
    for (const v of draw(s, 'OMIM:1', 300)) {
      const noise = v.present.filter((_, i) => v.origin[i] === 'unrelated');
      expect(noise).toEqual([id(T.A2)]);
    }
  });

  it('excludes features the patient lacks or the disease is annotated NOT to have, never what a present finding implies', () => {
    const s = new VignetteSampler(model, { maxExcluded: 3, noiseMin: 0, noiseMax: 0, imprecisionRate: 0 });
    const two = draw(s, 'OMIM:2', 3000);
    expect(share(two, (v) => v.excluded.includes(id(T.B)))).toBeGreaterThan(0.3); // NOT B: 0-3 exclusions, one candidate or two
    for (const v of two) {
      for (const x of v.excluded) {
        expect([id(T.B), id(T.A1x)]).toContain(x);
        expect(v.present).not.toContain(x);
      }
    }
    const one = draw(s, 'OMIM:1', 3000);
    for (const v of one) {
      // A patient with A1 never has A1 excluded; B1 is excluded only when absent
      if (v.present.includes(id(T.A1))) expect(v.excluded).not.toContain(id(T.A1));
      if (v.present.includes(id(T.B1))) expect(v.excluded).not.toContain(id(T.B1));
    }
    expect(share(one, (v) => v.excluded.length > 0)).toBeGreaterThan(0.05);
  });
});

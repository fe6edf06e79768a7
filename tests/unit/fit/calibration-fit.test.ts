import { describe, expect, it } from 'vitest';
import { mapByKnots } from '../../../diagnosis/ranking/probability-map.js';
import { calibrate, crossValidate, fitCalibration, fitTopKnots, foldOf, reliability, type Calibration, type ScoredCase } from '../../../scripts/fit/calibration-fit.js';
import { seededRandom } from '../../../scripts/bench/stats.js';

/**
 * Cases drawn from a known calibrated world: each case's candidates have scores; the truth is drawn with probability
 * softmax(T0 · score) among the candidates and an "unlisted" outcome of log-weight W0. A fit must recover T0 and W0,
 * and its probabilities must then be calibrated.
 */
function world(n: number, t0: number, w0: number, seed: number): ScoredCase[] {
  const rand = seededRandom(seed);
  const out: ScoredCase[] = [];
  for (let i = 0; i < n; i += 1) {
    const k = 30;
    const scores = Array.from({ length: k }, () => 25 * rand() * rand());
    const weights = [...scores.map((s) => Math.exp(t0 * s)), Math.exp(w0)];
    const z = weights.reduce((a, b) => a + b, 0);
    let u = rand() * z;
    let pick = 0;
    while (u > weights[pick]! && pick < k) u -= weights[pick++]!;
    const top = Float64Array.from(scores).sort().reverse();
    out.push({ cohort: `cohort-${i % 37}`, top, truthScore: pick === k ? null : scores[pick]!, findings: 5 });
  }
  return out;
}

describe('calibration fitting (temperature and "not in the knowledge base")', () => {
  it('recovers the temperature and the unlisted weight of a calibrated world', () => {
    const cases = world(3000, 0.35, 2, 11);
    const fit = fitCalibration(cases, [0]);
    expect(fit.temperature).toBeGreaterThan(0.3);
    expect(fit.temperature).toBeLessThan(0.4);
    expect(fit.unlistedLogWeight).toBeGreaterThan(1.3);
    expect(fit.unlistedLogWeight).toBeLessThan(2.7);
  });

  it('is calibrated out of fold (cohort-grouped), and a wrong temperature is not', () => {
    const cases = world(3000, 0.35, 2, 12);
    const cv = crossValidate(cases, 5);
    expect(cv.report.ece).toBeLessThan(0.04);
    const overconfident = reliability(cases.map((c) => calibrate(c, { temperature: 1, temperatureExponent: 0, unlistedLogWeight: -Infinity, probabilitySlope: 1, probabilityIntercept: 0, probabilityTopOffset: 0 })));
    expect(overconfident.ece).toBeGreaterThan(0.1);
    expect(overconfident.wrongAtLeast90).toBeGreaterThan(cv.report.wrongAtLeast90);
  });

  it('computes the reliability table, ECE and the wrong-at-90 % share by hand', () => {
    const r = reliability([
      { topProbability: 0.95, topCorrect: true },
      { topProbability: 0.92, topCorrect: false },
      { topProbability: 0.15, topCorrect: false },
      { topProbability: 0.12, topCorrect: true },
    ]);
    expect(r.bins[9]).toMatchObject({ n: 2, accuracy: 0.5 });
    expect(r.bins[9]!.meanProbability).toBeCloseTo(0.935, 12);
    expect(r.bins[1]).toMatchObject({ n: 2, accuracy: 0.5 });
    expect(r.ece).toBeCloseTo(0.5 * Math.abs(0.5 - 0.935) + 0.5 * Math.abs(0.5 - 0.135), 12);
    expect(r.wrongAtLeast90).toBe(0.25);
    expect(r.shownAtLeast90).toBe(0.5);
  });

  it('keeps every case of a cohort in one fold', () => {
    expect(foldOf('FBN1', 5)).toBe(foldOf('FBN1', 5));
    const folds = new Set(['FBN1', 'NF1', 'MECP2', 'FGFR3', 'COL1A1', 'PTPN11', 'TSC2'].map((c) => foldOf(c, 5)));
    expect(folds.size).toBeGreaterThan(1);
  });

  it('maps the first probability through monotone knots, constant beyond them', () => {
    const knots = [
      [0.1, 0.2],
      [0.5, 0.4],
      [0.9, 0.95],
    ] as const;
    expect(mapByKnots(0.05, knots)).toBe(0.2);
    expect(mapByKnots(0.3, knots)).toBeCloseTo(0.3, 12);
    expect(mapByKnots(0.7, knots)).toBeCloseTo(0.675, 12);
    expect(mapByKnots(0.99, knots)).toBe(0.95);
    expect(mapByKnots(0.42, [])).toBe(0.42);
  });

  it('fits the isotonic step by pool-adjacent-violators, in blocks of at least the given share', () => {
    // first candidates shown with the logistic map's probability p (one candidate, so p is fixed by the score); right
    // with a known, non-logistic rate: 0.3 below p = 0.3, 0.5 up to 0.7, 0.9 above
    const identity: Calibration = { temperature: 1, temperatureExponent: 0, unlistedLogWeight: 0, probabilitySlope: 1, probabilityIntercept: 0, probabilityTopOffset: 0 };
    const rand = seededRandom(5);
    const cases: ScoredCase[] = Array.from({ length: 4000 }, (_, i) => {
      const p = 0.02 + 0.96 * rand();
      const score = Math.log(p / (1 - p)); // softmax of {score, unlisted 0} gives p
      const rate = p < 0.3 ? 0.3 : p < 0.7 ? 0.5 : 0.9;
      return { cohort: `c${i % 50}`, top: Float64Array.of(score), truthScore: rand() < rate ? score : null, findings: 1 };
    });
    const knots = fitTopKnots(cases, identity, 0.05);
    expect(knots.length).toBeGreaterThan(2);
    for (let i = 1; i < knots.length; i += 1) {
      expect(knots[i]![0]).toBeGreaterThan(knots[i - 1]![0]);
      expect(knots[i]![1]).toBeGreaterThanOrEqual(knots[i - 1]![1]);
    }
    const shown = (p: number) => mapByKnots(p, knots);
    expect(shown(0.15)).toBeCloseTo(0.3, 1);
    expect(shown(0.5)).toBeCloseTo(0.5, 1);
    expect(shown(0.85)).toBeCloseTo(0.9, 1);
    const before = reliability(cases.map((c) => calibrate(c, identity)));
    const after = reliability(cases.map((c) => calibrate(c, { ...identity, topProbabilityKnots: knots })));
    expect(before.ece).toBeGreaterThan(0.1);
    expect(after.ece).toBeLessThan(0.04);
  });

  it('counts the tail of the scores in the normaliser: ten thousand far-behind concepts matter at a low temperature', () => {
    const cal: Calibration = { temperature: 0.2, temperatureExponent: 0, unlistedLogWeight: -Infinity, probabilitySlope: 1, probabilityIntercept: 0, probabilityTopOffset: 0 };
    const top = Float64Array.of(20, 10);
    const without = calibrate({ cohort: 'x', top, truthScore: 20, findings: 1 }, cal).topProbability;
    const withTail = calibrate({ cohort: 'x', top, truthScore: 20, findings: 1, tail: { scores: Float32Array.of(0), counts: Float32Array.of(10_000) } }, cal).topProbability;
    expect(without).toBeCloseTo(Math.exp(4) / (Math.exp(4) + Math.exp(2)), 12);
    expect(withTail).toBeCloseTo(Math.exp(4) / (Math.exp(4) + Math.exp(2) + 10_000), 6);
    expect(withTail).toBeLessThan(0.01);
  });
});

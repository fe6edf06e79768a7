import { describe, expect, it } from 'vitest';
import { calibrate, crossValidate, fitCalibration, foldOf, reliability, type ScoredCase } from '../../../scripts/fit/calibration-fit.js';
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
});

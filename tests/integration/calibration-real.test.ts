import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { defaultRankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { calibrate, crossValidate, reliability } from '../../scripts/fit/calibration-fit.js';
import { collectCaseScores } from '../../scripts/fit/case-scores.js';

// The probabilities a user sees must mean what they say. On a sample of the development phenopackets (the held-out
// halves are checked elsewhere), through runCase: the calibration fitted by cohort-grouped cross-validation, and the
// shipped parameters, must both be calibrated, and almost never show a wrong first candidate at ≥ 90 %.
describe('calibration of the post-test probability on the development set', () => {
  it('is calibrated out of fold and with the shipped parameters', async () => {
    const cases = await collectCaseScores({ input: resolve('../shared/bench/phenopackets-dev.jsonl.gz'), snapshotDir: inject('realSnapshotDir'), half: 'odd', parameters: {}, workers: 1, limit: 1200 });
    expect(cases.length).toBeGreaterThan(1100);
    const cv = crossValidate(cases, 4);
    expect(cv.report.ece).toBeLessThan(0.08);
    expect(cv.report.wrongAtLeast90).toBeLessThan(0.02);
    const shipped = reliability(cases.map((c) => calibrate(c, defaultRankerParameters)));
    expect(shipped.ece).toBeLessThan(0.08);
    expect(shipped.wrongAtLeast90).toBeLessThan(0.02);
    // and the uncalibrated model is not (the test can fail): probabilities straight from the product of LRs
    const raw = reliability(cases.map((c) => calibrate(c, { temperature: 1, temperatureExponent: 0, unlistedLogWeight: -Infinity, probabilitySlope: 1, probabilityIntercept: 0, probabilityTopOffset: 0 })));
    expect(raw.ece).toBeGreaterThan(0.15);
  }, 180_000);
});

/**
 * How well one figure predicts another across groups (cohorts, diseases):
 * - regression R²: the squared Pearson correlation, the share of the variance a fitted line explains (what the
 *   vignette study reports: a prediction may be off by a constant and still rank the groups right);
 * - prediction R²: 1 − Σ(y − x)² / Σ(y − ȳ)², the prediction taken as it is (negative when worse than the mean).
 */
export interface Agreement {
  n: number;
  regressionR2: number;
  predictionR2: number;
  /** the fitted line y = slope · x + intercept */
  slope: number;
  intercept: number;
  meanAbsoluteError: number;
}

export function agreement(predicted: readonly number[], observed: readonly number[]): Agreement {
  const n = predicted.length;
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const mx = mean(predicted);
  const my = mean(observed);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let sse = 0;
  let sae = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = predicted[i]! - mx;
    const dy = observed[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
    sse += (observed[i]! - predicted[i]!) ** 2;
    sae += Math.abs(observed[i]! - predicted[i]!);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return {
    n,
    regressionR2: sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : NaN,
    predictionR2: syy > 0 ? 1 - sse / syy : NaN,
    slope,
    intercept: my - slope * mx,
    meanAbsoluteError: n ? sae / n : NaN,
  };
}

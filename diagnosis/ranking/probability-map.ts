/**
 * The last step of the calibration (ranker-parameters.ts probabilitySlope / probabilityIntercept): a logistic map of a
 * candidate's probability, logit p' = slope · logit p + intercept. Identity for slope 1 and intercept 0.
 */
export function mapProbability(p: number, slope: number, intercept: number): number {
  if (slope === 1 && intercept === 0) return p;
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return 1 / (1 + Math.exp(-(slope * Math.log(q / (1 - q)) + intercept)));
}

/**
 * The last step of the calibration (ranker-parameters.ts probabilitySlope / probabilityIntercept): a logistic map of a
 * candidate's probability, logit p' = slope · logit p + intercept. Identity for slope 1 and intercept 0.
 */
export function mapProbability(p: number, slope: number, intercept: number): number {
  if (slope === 1 && intercept === 0) return p;
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return 1 / (1 + Math.exp(-(slope * Math.log(q / (1 - q)) + intercept)));
}

/**
 * The isotonic step of the first candidate's probability (ranker-parameters.ts topProbabilityKnots): a monotone,
 * piecewise-linear map through knots (x ascending, y non-decreasing), constant beyond the first and last knot (an
 * isotonic fit says nothing outside the data it saw). Identity without knots.
 */
export function mapByKnots(p: number, knots: readonly (readonly [number, number])[]): number {
  if (knots.length === 0) return p;
  const first = knots[0]!;
  if (p <= first[0]) return first[1];
  for (let i = 1; i < knots.length; i += 1) {
    const [x1, y1] = knots[i]!;
    if (p <= x1) {
      const [x0, y0] = knots[i - 1]!;
      return x1 === x0 ? y1 : y0 + ((p - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return knots[knots.length - 1]![1];
}

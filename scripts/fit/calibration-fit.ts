import { mapByKnots, mapProbability } from '../../diagnosis/ranking/probability-map.js';

/**
 * Fitting the calibration of the post-test probabilities (ranker-parameters.ts: temperature, unlistedLogWeight) by
 * maximum likelihood on scored cases, with cohort-grouped cross-validation to measure how well it holds on cohorts it
 * was not fitted on. Pure functions: the scores come from scripts/fit/case-scores.ts.
 */

/** One scored case: its concepts' ln scores (the leading ones, best first) and the truth's. */
export interface ScoredCase {
  cohort: string;
  /** ln scores of the leading concepts, best first */
  top: Float64Array;
  /**
   * the other concepts' ln scores as a histogram (the mean score and the count of each occupied bin): with many
   * findings the temperature is low, and ten thousand concepts far behind still weigh in the normaliser
   */
  tail?: { scores: Float32Array; counts: Float32Array };
  /** the best ln score among the truth's concepts; null when the truth is not in the knowledge base */
  truthScore: number | null;
  /** the reported findings the case was ranked on (present and excluded): the temperature depends on their number */
  findings: number;
}

export interface Calibration {
  temperature: number;
  /** the temperature is temperature · findings^(−temperatureExponent) (ranker-parameters.ts) */
  temperatureExponent: number;
  unlistedLogWeight: number;
  /** the final logistic map of each candidate's probability: logit p' = slope · logit p + intercept (+ topOffset for the first) */
  probabilitySlope: number;
  probabilityIntercept: number;
  probabilityTopOffset: number;
  /** the isotonic step of the first candidate's probability (ranker-parameters.ts); none: identity */
  topProbabilityKnots?: readonly (readonly [number, number])[];
}

const logit = (p: number) => Math.log(Math.max(1e-12, p) / Math.max(1e-12, 1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The final map of a candidate's probability: the ranker's own (diagnosis/ranking/probability-map.ts). */
const recalibrate = (p: number, cal: Pick<Calibration, 'probabilitySlope' | 'probabilityIntercept' | 'probabilityTopOffset' | 'topProbabilityKnots'>, first = false) =>
  first
    ? mapByKnots(mapProbability(p, cal.probabilitySlope, cal.probabilityIntercept + cal.probabilityTopOffset), cal.topProbabilityKnots ?? [])
    : mapProbability(p, cal.probabilitySlope, cal.probabilityIntercept);

/** The case's temperature: more findings, more correlated evidence, so a lower temperature per unit of score. */
export const caseTemperature = (cal: Pick<Calibration, 'temperature' | 'temperatureExponent'>, findings: number) =>
  cal.temperature * Math.pow(Math.max(1, findings), -cal.temperatureExponent);

export interface CalibratedCase {
  /** the probability shown for the first candidate */
  topProbability: number;
  /** whether the first candidate is the truth */
  topCorrect: boolean;
  /** the probability given to the truth (to the "not in the knowledge base" outcome when absent) */
  truthProbability: number;
}

const logAddExp = (a: number, b: number) => (a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))));

/** ln Σ exp(T · s) over every concept: the leading scores, then the tail's bins. */
function logPartition(c: Pick<ScoredCase, 'top' | 'tail'>, t: number): number {
  const max = t * c.top[0]!;
  let sum = 0;
  for (const s of c.top) sum += Math.exp(t * s - max);
  if (c.tail) for (let i = 0; i < c.tail.scores.length; i += 1) sum += c.tail.counts[i]! * Math.exp(t * c.tail.scores[i]! - max);
  return max + Math.log(sum);
}

export function calibrate(c: ScoredCase, cal: Calibration): CalibratedCase {
  const t = caseTemperature(cal, c.findings);
  const z = logAddExp(logPartition(c, t), cal.unlistedLogWeight);
  const top = c.top[0]!;
  return {
    topProbability: recalibrate(Math.exp(t * top - z), cal, true),
    topCorrect: c.truthScore !== null && c.truthScore >= top,
    truthProbability: c.truthScore === null ? Math.exp(cal.unlistedLogWeight - z) : Math.exp(t * c.truthScore - z),
  };
}

/** Mean negative log-likelihood of the truths (the proper score the fit minimises). */
export function negLogLikelihood(cases: readonly ScoredCase[], cal: Calibration): number {
  let sum = 0;
  for (const c of cases) sum -= Math.log(Math.max(1e-300, calibrate(c, cal).truthProbability));
  return sum / Math.max(1, cases.length);
}

/** Golden-section search for the minimum of a unimodal function on [lo, hi]. */
function goldenMin(f: (x: number) => number, lo: number, hi: number, iterations = 40): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations; i += 1) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Maximum-likelihood calibration: for each temperature exponent on a grid and each temperature, the best unlisted
 * log-weight (one-dimensional, convex; each case's partition function over its candidates is computed once per
 * temperature), the temperature by golden section over ln T (the likelihood is unimodal in it).
 */
export function fitCalibration(cases: readonly ScoredCase[], exponents: readonly number[] = [0, 0.25, 0.5, 0.75, 1]): Calibration {
  const nllGivenPartitions = (temps: Float64Array, partitions: Float64Array, b: number) => {
    let sum = 0;
    cases.forEach((c, i) => {
      const z = logAddExp(partitions[i]!, b);
      sum -= c.truthScore === null ? b - z : temps[i]! * c.truthScore - z;
    });
    return sum / Math.max(1, cases.length);
  };
  const bestForTemperature = (temperature: number, temperatureExponent: number) => {
    const temps = Float64Array.from(cases, (c) => caseTemperature({ temperature, temperatureExponent }, c.findings));
    const partitions = Float64Array.from(cases, (c, i) => logPartition(c, temps[i]!));
    const lead = partitions.reduce((s, x) => s + x, 0) / Math.max(1, partitions.length);
    const b = goldenMin((x) => nllGivenPartitions(temps, partitions, x), lead - 40, lead + 20, 50);
    return { b, nll: nllGivenPartitions(temps, partitions, b) };
  };
  let best: Calibration & { nll: number } = { temperature: 1, temperatureExponent: 0, unlistedLogWeight: 0, probabilitySlope: 1, probabilityIntercept: 0, probabilityTopOffset: 0, nll: Infinity };
  for (const e of exponents) {
    const lnT = goldenMin((x) => bestForTemperature(Math.exp(x), e).nll, Math.log(0.005), Math.log(20), 30);
    const temperature = Math.exp(lnT);
    const fit = bestForTemperature(temperature, e);
    if (fit.nll < best.nll) best = { temperature, temperatureExponent: e, unlistedLogWeight: fit.b, probabilitySlope: 1, probabilityIntercept: 0, probabilityTopOffset: 0, nll: fit.nll };
  }
  const { nll: _nll, ...calibration } = best;
  const withMap = { ...calibration, ...fitLogisticMap(cases, calibration) };
  return { ...withMap, topProbabilityKnots: fitTopKnots(cases, withMap) };
}

/**
 * The isotonic step of the first candidate's probability: pool-adjacent-violators over (probability after the logistic
 * map, was the first candidate right), sorted by probability, then adjacent blocks pooled until each holds at least
 * `minShare` of the cases (a step fitted to a handful of cases would be noise). Knots at each block's mean probability
 * and accuracy (shrunk by one right and one wrong case); monotone by construction.
 */
export function fitTopKnots(cases: readonly ScoredCase[], cal: Calibration, minShare = 0.01): [number, number][] {
  const points = cases
    .map((c) => calibrate(c, { ...cal, topProbabilityKnots: [] }))
    .map((r) => ({ x: r.topProbability, y: r.topCorrect ? 1 : 0 }))
    .sort((a, b) => a.x - b.x);
  if (points.length === 0) return [];
  const minWeight = Math.max(1, Math.ceil(minShare * points.length));
  type Block = { sx: number; sy: number; w: number };
  const pool = (a: Block, b: Block): Block => ({ sx: a.sx + b.sx, sy: a.sy + b.sy, w: a.w + b.w });
  const blocks: Block[] = [];
  for (const p of points) {
    blocks.push({ sx: p.x, sy: p.y, w: 1 });
    // pool while the last block's accuracy is below its predecessor's (a violation), or the predecessor is too small
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sy / a.w >= b.sy / b.w || a.w < minWeight) {
        blocks.splice(blocks.length - 2, 2, pool(a, b));
      } else break;
    }
  }
  // the last block may still be small: pool it into its predecessor
  while (blocks.length > 1 && blocks[blocks.length - 1]!.w < minWeight) blocks.splice(blocks.length - 2, 2, pool(blocks[blocks.length - 2]!, blocks[blocks.length - 1]!));
  // a block's accuracy as the mean of its Beta(1, 1) posterior: a block where every first candidate was right still
  // does not show 100 % (the next patient may be the exception)
  const knots = blocks.map((b): [number, number] => [b.sx / b.w, (b.sy + 1) / (b.w + 2)]);
  // shrinking blocks of different sizes could reverse two neighbours near 0 or 1: keep the map monotone
  for (let i = 1; i < knots.length; i += 1) knots[i]![1] = Math.max(knots[i]![1], knots[i - 1]![1]);
  return knots;
}

/** The probabilities of a case's leading candidates under the tempered softmax (before the final map), and which is the truth. */
function leadingCandidates(c: ScoredCase, cal: Calibration, k: number): { p: number; truth: boolean }[] {
  const t = caseTemperature(cal, c.findings);
  const z = logAddExp(logPartition(c, t), cal.unlistedLogWeight);
  let truthSeen = false;
  const out: { p: number; truth: boolean }[] = [];
  for (let i = 0; i < Math.min(k, c.top.length); i += 1) {
    const truth = !truthSeen && c.truthScore !== null && c.top[i] === c.truthScore;
    if (truth) truthSeen = true;
    out.push({ p: Math.exp(t * c.top[i]! - z), truth });
  }
  return out;
}

/**
 * The final logistic map (Platt scaling) of every candidate's probability, fitted by Newton's method on the leading
 * candidates of every case (is it the truth?): the tempered softmax ranks well but spreads probability over
 * look-alike candidates (the numbered subtypes of one phenotypic series), so a candidate shown with a low probability
 * is right more often than it says.
 */
export function fitLogisticMap(cases: readonly ScoredCase[], cal: Calibration, k = 10): Pick<Calibration, 'probabilitySlope' | 'probabilityIntercept' | 'probabilityTopOffset'> {
  // features per candidate: logit p, 1, [first candidate]; Newton's method on the logistic likelihood
  const rows: { x: number; first: number; y: number }[] = [];
  for (const c of cases) leadingCandidates(c, cal, k).forEach((x, i) => rows.push({ x: logit(x.p), first: i === 0 ? 1 : 0, y: x.truth ? 1 : 0 }));
  let w = [1, 0, 0];
  for (let iter = 0; iter < 50; iter += 1) {
    const g = [0, 0, 0];
    const h = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (const r of rows) {
      const f = [r.x, 1, r.first];
      const q = sigmoid(w[0]! * f[0]! + w[1]! + w[2]! * f[2]!);
      const res = r.y - q;
      const wt = q * (1 - q);
      for (let i = 0; i < 3; i += 1) {
        g[i]! += res * f[i]!;
        for (let j = 0; j < 3; j += 1) h[i]![j]! += wt * f[i]! * f[j]!;
      }
    }
    const step = solve3(h, g);
    if (!step) break;
    w = w.map((v, i) => v + step[i]!);
    if (step.reduce((a, b) => a + Math.abs(b), 0) < 1e-9) break;
  }
  return { probabilitySlope: w[0]!, probabilityIntercept: w[1]!, probabilityTopOffset: w[2]! };
}

/** Solves a 3×3 linear system (Cramer's rule); undefined when singular. */
function solve3(a: number[][], b: number[]): number[] | undefined {
  const det = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const d = det(a);
  if (Math.abs(d) < 1e-12) return undefined;
  return [0, 1, 2].map((col) => det(a.map((row, i) => row.map((v, j) => (j === col ? b[i]! : v)))) / d);
}

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanProbability: number;
  accuracy: number;
}

export interface CalibrationReport {
  n: number;
  bins: ReliabilityBin[];
  /** expected calibration error of the first candidate's probability (10 equal-width bins) */
  ece: number;
  /** cases whose first candidate is wrong but shown at ≥ 90 %, as a share of all cases */
  wrongAtLeast90: number;
  /** cases whose first candidate is shown at ≥ 90 % */
  shownAtLeast90: number;
  top1: number;
  meanTopProbability: number;
  negLogLikelihood?: number;
}

/** The reliability table of the first candidate's probability: per tenth, cases, mean probability shown, accuracy. */
export function reliability(results: readonly { topProbability: number; topCorrect: boolean }[]): CalibrationReport {
  const bins: ReliabilityBin[] = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, n: 0, meanProbability: 0, accuracy: 0 }));
  for (const r of results) {
    const b = bins[Math.min(9, Math.floor(r.topProbability * 10))]!;
    b.n += 1;
    b.meanProbability += r.topProbability;
    b.accuracy += r.topCorrect ? 1 : 0;
  }
  const n = results.length || 1;
  let ece = 0;
  for (const b of bins) {
    if (b.n === 0) continue;
    b.meanProbability /= b.n;
    b.accuracy /= b.n;
    ece += (b.n / n) * Math.abs(b.accuracy - b.meanProbability);
  }
  return {
    n: results.length,
    bins,
    ece,
    wrongAtLeast90: results.filter((r) => r.topProbability >= 0.9 && !r.topCorrect).length / n,
    shownAtLeast90: results.filter((r) => r.topProbability >= 0.9).length / n,
    top1: results.filter((r) => r.topCorrect).length / n,
    meanTopProbability: results.reduce((s, r) => s + r.topProbability, 0) / n,
  };
}

/** A stable fold for a cohort (string hash), so every case of a cohort is in the same fold. */
export function foldOf(cohort: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < cohort.length; i += 1) h = Math.imul(h ^ cohort.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/**
 * Cohort-grouped cross-validation: the calibration is fitted on the other folds and applied to each fold, so every
 * case is calibrated by a fit that never saw its cohort (its gene's disease). Returns the out-of-fold report and each
 * fold's fit.
 */
export function crossValidate(cases: readonly ScoredCase[], folds: number): { report: CalibrationReport; fits: Calibration[] } {
  const results: CalibratedCase[] = [];
  const fits: Calibration[] = [];
  let nll = 0;
  for (let k = 0; k < folds; k += 1) {
    const train = cases.filter((c) => foldOf(c.cohort, folds) !== k);
    const test = cases.filter((c) => foldOf(c.cohort, folds) === k);
    const fit = fitCalibration(train);
    fits.push(fit);
    for (const c of test) results.push(calibrate(c, fit));
    nll += negLogLikelihood(test, fit) * test.length;
  }
  return { report: { ...reliability(results), negLogLikelihood: nll / Math.max(1, cases.length) }, fits };
}

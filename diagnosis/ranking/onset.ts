import type { PhenotypeModel } from './phenotype-model.js';

/**
 * HPO's onset classes (under HP:0003674 "Onset") and the ages they stand for, in years, from HPO's own definitions
 * (antenatal ages negative). A term not listed takes the range of its nearest listed ancestor.
 */
export const ONSET_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'HP:0003674': [-0.75, 90], // Onset
  'HP:0030674': [-0.75, 0], // Antenatal onset
  'HP:0011460': [-0.75, -0.6], // Embryonal onset
  'HP:0011461': [-0.6, 0], // Fetal onset
  'HP:0003577': [0, 0], // Congenital onset
  'HP:0003623': [0, 28 / 365.25], // Neonatal onset
  'HP:0410280': [28 / 365.25, 16], // Pediatric onset
  'HP:0003593': [28 / 365.25, 1], // Infantile onset
  'HP:0011463': [1, 5], // Childhood onset
  'HP:0003621': [5, 16], // Juvenile onset
  'HP:0003581': [16, 90], // Adult onset
  'HP:0011462': [16, 40], // Young adult onset
  'HP:0025708': [16, 19], // Early young adult onset
  'HP:0025709': [19, 25], // Intermediate young adult onset
  'HP:0025710': [25, 40], // Late young adult onset
  'HP:0003596': [40, 60], // Middle age onset
  'HP:0003584': [60, 90], // Late onset
};

/**
 * Whether a disease with onset in [low, high] can have begun by `age`: 1 once the range has started, 0 before it.
 * Not the uniform share of the range reached: the ranges are wide (adult onset is 16-90 years) and onsets cluster at
 * their start, so a uniform share held a 20-year-old against every adult-onset disease (measured: it cost 0.4 points of
 * top-1 on the development half; this form costs none).
 */
export function onsetByAge(age: number, [low]: readonly [number, number]): number {
  return age >= low ? 1 : 0;
}

/**
 * Onset knowledge of the diseases and of their features:
 * - disease onset: the onset classes annotated to the disease (clinical-course rows), an equal mixture; a patient who
 *   already has findings at age A has a disease whose onset is at or before A, so P(onset ≤ A | D) is the disease's
 *   onset likelihood (an adult-onset disease in an infant is unlikely, not impossible: floored);
 * - feature onset: the youngest age at which an annotated feature is expected (the annotation's onset column), so a
 *   feature not yet due at the patient's age is neither expected nor held against an excluded report.
 */
export class OnsetModel {
  /** per disease, its onset ranges */
  readonly diseaseRanges: (readonly [number, number])[][];
  /** per annotation, the youngest age at which the feature appears (−Infinity when unknown) */
  readonly featureOnsetLow: Float64Array;
  private readonly rangeOfTerm = new Map<number, readonly [number, number]>();
  /** the distinct starts of the diseases' onset ranges, and lnLR's result per step between them */
  private rangeStartsCache: number[] | undefined;
  private readonly lnByStep = new Map<string, Float64Array>();

  private get rangeStarts(): number[] {
    this.rangeStartsCache ??= [...new Set(this.diseaseRanges.flatMap((rs) => rs.map((r) => r[0])))].sort((a, b) => a - b);
    return this.rangeStartsCache;
  }

  constructor(private readonly m: PhenotypeModel) {
    const onsetRoot = m.resolveTerm('HP:0003674')?.index;
    this.diseaseRanges = Array.from({ length: m.diseaseCount }, () => []);
    this.featureOnsetLow = new Float64Array(m.annTerm.length).fill(-Infinity);
    if (onsetRoot === undefined) return;
    for (let d = 0; d < m.diseaseCount; d += 1) {
      for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
        const t = m.annTerm[a]!;
        if (!m.isNegative(a) && t !== onsetRoot && m.isAncestorOrSelf(onsetRoot, t)) {
          const r = this.range(t);
          if (r) this.diseaseRanges[d]!.push(r);
        }
        const o = m.annOnset[a]!;
        if (o >= 0) this.featureOnsetLow[a] = this.range(o)?.[0] ?? -Infinity;
      }
    }
  }

  /** The age range of an onset term (its own, or its nearest listed ancestor's). */
  range(term: number): readonly [number, number] | undefined {
    const cached = this.rangeOfTerm.get(term);
    if (cached) return cached;
    for (const a of this.m.ancestorsBySpecificity(term)) {
      const r = ONSET_RANGES[this.m.termIds[a]!];
      if (r) {
        this.rangeOfTerm.set(term, r);
        return r;
      }
    }
    return undefined;
  }

  /** P(onset ≤ age | D): 1 for a disease without onset annotations (unknown is no evidence). */
  onsetProbability(d: number, age: number): number {
    const ranges = this.diseaseRanges[d]!;
    if (ranges.length === 0) return 1;
    let sum = 0;
    for (const r of ranges) sum += onsetByAge(age, r);
    return sum / ranges.length;
  }

  /**
   * ln LR of the patient's age for every disease: max(floor, P(onset ≤ age | D)) over the same quantity averaged over
   * all diseases (the background), into `out`.
   */
  lnLR(age: number, floor: number, out: Float64Array): Float64Array {
    // P(onset ≤ age | D) changes only where age passes the start of some range: one result per such step, reused
    const key = `${floor} ${this.rangeStarts.filter((low) => low <= age).length}`;
    const cached = this.lnByStep.get(key);
    if (cached && cached.length === out.length) {
      out.set(cached);
      return out;
    }
    this.computeLnLR(age, floor, out);
    this.lnByStep.set(key, Float64Array.from(out));
    return out;
  }

  private computeLnLR(age: number, floor: number, out: Float64Array): void {
    let bg = 0;
    for (let d = 0; d < out.length; d += 1) {
      const p = Math.max(floor, this.onsetProbability(d, age));
      out[d] = p;
      bg += p;
    }
    const lnBg = Math.log(bg / out.length);
    for (let d = 0; d < out.length; d += 1) out[d] = Math.log(out[d]!) - lnBg;
  }
}

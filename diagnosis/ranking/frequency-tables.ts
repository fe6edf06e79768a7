import type { Sex } from '../case-input/case-findings.js';
import { estimateFrequency, type FrequencyModelParameters } from './annotation-frequency.js';
import type { PhenotypeModel } from './phenotype-model.js';

/**
 * The frequency side of the model for one parameter set and one patient sex, derived from the phenotype model once
 * and shared by every case:
 * - annF[a]: effective P(feature | disease) of each annotation (annotation-frequency.ts); 0 for NOT annotations and for
 *   annotations that do not apply to the patient's sex (sex-specific rows);
 * - propF[k]: for each propagated entry (term t, disease D), P(a patient with D shows t or a descendant), taken as the
 *   highest frequency among D's annotations at or under t;
 * - bg[t]: P(a patient with some other disease shows t or a descendant): the mean of propF over all annotated diseases
 *   (diseases without t count 0), plus a pseudo-count so that no term is impossible. This is the LR's denominator, with
 *   the same frequency model as its numerator.
 */
export class FrequencyTables {
  readonly annF: Float64Array;
  readonly propF: Float64Array;
  /** ln propF (−Infinity where 0), so the hot loop adds instead of dividing and taking logs */
  readonly lnPropF: Float64Array;
  /** the youngest age at which any of the entry's annotations is expected (−Infinity when one has no onset) */
  readonly propOnsetLow: Float64Array;
  readonly bg: Float64Array;
  readonly lnBg: Float64Array;

  constructor(m: PhenotypeModel, p: FrequencyModelParameters & { backgroundPseudocount: number }, sex: Sex | undefined, featureOnsetLow: Float64Array) {
    const nAnn = m.annTerm.length;
    this.annF = new Float64Array(nAnn);
    for (let a = 0; a < nAnn; a += 1) {
      if (m.isNegative(a) || !m.appliesToSex(a, sex)) continue;
      this.annF[a] = estimateFrequency(m.frequencyEvidence(a), p).value;
    }
    const nProp = m.propDisease.length;
    this.propF = new Float64Array(nProp);
    this.propOnsetLow = new Float64Array(nProp).fill(Infinity);
    for (let a = 0; a < nAnn; a += 1) {
      const f = this.annF[a]!;
      if (f === 0) continue;
      const onset = featureOnsetLow[a]!;
      for (let k = m.annSlotOffsets[a]!; k < m.annSlotOffsets[a + 1]!; k += 1) {
        const s = m.annSlots[k]!;
        if (f > this.propF[s]!) this.propF[s] = f;
        if (onset < this.propOnsetLow[s]!) this.propOnsetLow[s] = onset;
      }
    }
    this.lnPropF = new Float64Array(nProp);
    for (let k = 0; k < nProp; k += 1) this.lnPropF[k] = Math.log(this.propF[k]!);
    const nTerms = m.termCount;
    this.bg = new Float64Array(nTerms);
    this.lnBg = new Float64Array(nTerms);
    const pseudo = p.backgroundPseudocount * p.unknownFrequency;
    for (let t = 0; t < nTerms; t += 1) {
      let sum = pseudo;
      for (let k = m.propOffsets[t]!; k < m.propOffsets[t + 1]!; k += 1) sum += this.propF[k]!;
      this.bg[t] = Math.min(0.999, sum / m.annotatedDiseases);
      this.lnBg[t] = Math.log(this.bg[t]!);
    }
  }
}

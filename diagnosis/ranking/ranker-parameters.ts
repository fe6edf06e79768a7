/**
 * The constants of the likelihood-ratio model, in one place. Each is a probability or a ratio with a meaning a
 * clinician can check; the values were chosen on the even-numbered half of the development set and checked on
 * the odd half (see README "The ranker"), never on individual cases.
 */
export interface RankerParameters {
  /** P(feature | disease) when an annotation has no frequency (the sources here have none) */
  defaultFrequency: number;
  /**
   * Patient term more specific than the disease's annotation (the disease says "Seizure", the patient has
   * "Focal clonic seizure"): the evidence is the annotation's own LR times this factor.
   */
  descendantFactor: number;
  /**
   * Patient term and disease annotation share only a common ancestor (siblings or cousins): the evidence is that
   * ancestor's LR times this factor.
   */
  commonAncestorFactor: number;
  /** LR floor for an observed term the disease has no annotation near (incomplete annotation, not absence) */
  noMatchLR: number;
  /** ancestors at least this common (share of diseases) are too general to count as a shared feature */
  maxSharedAncestorShare: number;
  /** LR for an observed term the disease is explicitly annotated NOT to have (NOT qualifier or frequency 0) */
  contradictedLR: number;
  /** floor of the LR of an excluded term that the disease is annotated with */
  excludedAnnotatedFloor: number;
  /**
   * P(feature | disease) assumed for an excluded feature the disease is annotated with but without a frequency.
   * Low, because unannotated frequencies are mostly "variable": lacking one such feature is weak evidence.
   */
  excludedDefaultFrequency: number;
  /**
   * Weight of the disease-side profile coverage (profile-coverage.ts): the score is multiplied by
   * coverage^coverageExponent; 0 switches it off.
   */
  coverageExponent: number;
  /** lowest coverage used in that factor, so one disease cannot be pushed down without limit */
  coverageFloor: number;
  /**
   * With a VCF: the weight of the phenotype's log score against the genotype's. The term LRs are multiplied as if
   * the terms were independent, which they are not (related findings come together), so the product overstates the
   * phenotype evidence; this exponent tempers it before it meets the genotype LR.
   */
  phenotypeWeightWithVariants: number;
}

export const defaultRankerParameters: Readonly<RankerParameters> = {
  defaultFrequency: 0.8,
  descendantFactor: 1,
  commonAncestorFactor: 0.05,
  noMatchLR: 0.2,
  maxSharedAncestorShare: 0.1,
  contradictedLR: 0.01,
  excludedAnnotatedFloor: 0.1,
  excludedDefaultFrequency: 0.01,
  coverageExponent: 2,
  coverageFloor: 0.01,
  phenotypeWeightWithVariants: 1,
};

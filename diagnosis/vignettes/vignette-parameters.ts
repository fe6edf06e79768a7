import { defaultRankerParameters } from '../ranking/ranker-parameters.js';

/**
 * How a synthetic patient is drawn from a disease's annotations. Every constant is global (none per disease) and
 * stated a priori with its reason; none was fitted to the benchmark cases the vignettes are validated against.
 * They are deliberately separate from the ranker's parameters: comparing two ranker parameter sets must not change
 * the patients.
 */
export interface VignetteParameters {
  /**
   * P(feature | disease) when the source gives no frequency. 0.5: as likely as not; the mean frequency of the
   * annotations that do give one is 0.48 in the 2025-11 HPO release (a property of the knowledge, not of any case).
   */
  unknownFrequency: number;
  /**
   * The Beta prior of an n/m count, as the ranker's frequency model states it (annotation-frequency.ts): a count is
   * drawn from its posterior, so 1/1 from one case report is not a certainty.
   */
  countPriorMean: number;
  countPriorStrength: number;
  classPriorStrength: number;
  percentStrength: number;
  /** P(a feature the patient has is recorded): omissions are the rule in case reports and referral letters */
  reportRate: number;
  /** at most this many of the disease's features are recorded (a case summary rarely lists more) */
  maxReported: number;
  /** fewest recorded features of the disease: a patient comes to attention with at least one */
  minReported: number;
  /** P(a recorded feature is given less precisely, as an ancestor: "Seizure" for "Focal clonic seizure") */
  imprecisionRate: number;
  /** P(the imprecise term goes one level further up) */
  imprecisionSecondStep: number;
  /** an ancestor shared by more than this share of diseases is too general to stand for a finding, and is not used */
  maxAncestorShare: number;
  /** unrelated common findings added to every vignette: between these two numbers (uniform) */
  noiseMin: number;
  noiseMax: number;
  /** the pool of common findings: the phenotypic terms annotated directly to most diseases, this many of them */
  noisePoolSize: number;
  /** excluded findings per vignette: uniform between 0 and this, drawn from the disease's features the patient lacks */
  maxExcluded: number;
  /**
   * Mean years from onset to the recorded age (exponential): findings are recorded some time after the first sign.
   * An assumption, stated; the age matters only against the onset model (onset.ts) and features not yet due.
   */
  meanDiagnosticDelay: number;
  /** P(male) for a disease inherited only X-linked recessively (affected females are manifesting carriers) */
  xRecessiveMale: number;
  /** P(male) for an X-linked dominant disease: two affected X chromosomes in females for one in males */
  xDominantMale: number;
}

export const defaultVignetteParameters: Readonly<VignetteParameters> = {
  unknownFrequency: 0.5,
  countPriorMean: defaultRankerParameters.countPriorMean,
  countPriorStrength: defaultRankerParameters.countPriorStrength,
  classPriorStrength: defaultRankerParameters.classPriorStrength,
  percentStrength: defaultRankerParameters.percentStrength,
  reportRate: 0.7,
  maxReported: 20,
  minReported: 1,
  imprecisionRate: 0.2,
  imprecisionSecondStep: 0.3,
  maxAncestorShare: 0.2,
  noiseMin: 1,
  noiseMax: 3,
  noisePoolSize: 200,
  maxExcluded: 3,
  meanDiagnosticDelay: 3,
  xRecessiveMale: 0.9,
  xDominantMale: 1 / 3,
};

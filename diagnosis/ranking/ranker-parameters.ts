import type { FrequencyModelParameters } from './annotation-frequency.js';
import type { PriorParameters } from './disease-prior.js';
import type { ExpectedFeatureParameters } from './expected-features.js';
import type { SexInheritanceParameters } from './sex-inheritance.js';

/**
 * The constants of the likelihood-ratio model, in one place. Each is a probability, a ratio or a weight with a meaning
 * a clinician can check. They are global: none is specific to a disease or a gene (per-disease knowledge comes only from
 * the knowledge sources). Values were fitted on the development set of phenopacket-store by cohort-grouped
 * cross-validation (scripts/fit, README "The ranker"), never on individual cases, and checked on the classic suite.
 */
export interface RankerParameters extends FrequencyModelParameters, ExpectedFeatureParameters, SexInheritanceParameters, PriorParameters {
  /** pseudo-diseases added to every term's background (as if that many more diseases had it at the unknown frequency) */
  backgroundPseudocount: number;
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
  /** LR floor for an observed term the disease has no annotation near (incomplete annotation, unrelated findings) */
  noMatchLR: number;
  /** ancestors at least this common (share of diseases) are too general to count as a shared feature */
  maxSharedAncestorShare: number;
  /** LR for an observed term the disease is explicitly annotated NOT to have (NOT qualifier or class "Excluded") */
  contradictedLR: number;
  /**
   * How much more often a feature is checked (and so can be reported absent) when it belongs to the disease than on
   * average: pertinent negatives are chosen for their relevance. The LR of an excluded feature the disease has is this
   * ratio times (1 − f) / (1 − bg): an absent hallmark stays evidence against (f near 1), an absent occasional feature
   * becomes weak evidence that the disease was the one considered. Measured: 81 % of the features excluded in the
   * development phenopackets, and 48 % of the pertinent negatives of the clinic letters, are annotated to the
   * patient's own disease, against 4 % for a random disease. Fitted on the development set within a clinical bound:
   * the ratio must leave an absent very frequent feature (f ≥ 0.9) evidence against the disease (LR ≤ 0.5, at most
   * specificity; the ratio is scaled by specificity, likelihood-ratio.ts ascertainment).
   */
  excludedAscertainment: number;
  /** floor of the LR of an excluded feature the disease has */
  excludedAnnotatedFloor: number;
  /**
   * lowest P(onset ≤ age | disease) used: an adult-onset disease in a child is unlikely, not impossible. Measured on
   * the development halves (once onset annotations reached the tables): no floor helps top-1 (0.05: −0.3 / −0.1
   * points even / odd, 0.2: −0.2 / −0.1, off: best); 0.2 is kept as a mild, clinically expected penalty, not a fitted value.
   */
  onsetFloor: number;
  /**
   * With a VCF: the weight of the phenotype's log score against the genotype's. The term LRs are multiplied as if
   * the terms were independent, which they are not (related findings come together), so the product overstates the
   * phenotype evidence; this exponent tempers it before it meets the genotype LR.
   */
  phenotypeWeightWithVariants: number;
  /**
   * With a VCF: the phenotype weight falls with the number n of reported findings as n^(−phenotypeWeightExponent),
   * like the calibration's temperature: n correlated findings are worth about √n independent ones, not n.
   */
  phenotypeWeightExponent: number;
  /**
   * Calibration (calibration.ts): the post-test probability is softmax(temperature · score) over the candidates and
   * one more outcome, "a disease not in the knowledge base", of log-weight unlistedLogWeight. The temperature (< 1)
   * undoes the overconfidence of multiplying correlated findings as if independent, and more so the more findings there
   * are: the case's temperature is temperature · n^(−temperatureExponent), n the number of reported findings ranked.
   * The unlisted outcome is the share of patients whose diagnosis the snapshot does not know.
   */
  temperature: number;
  temperatureExponent: number;
  unlistedLogWeight: number;
  /**
   * The last step of the calibration, a logistic map of every candidate's probability (Platt scaling): logit p' =
   * probabilitySlope · logit p + probabilityIntercept. The tempered softmax spreads probability over look-alike
   * candidates (the numbered subtypes of one phenotypic series), so a candidate shown with a low probability is right
   * more often than it says; this map is fitted on the leading candidates of the development cases. The first
   * candidate gets probabilityTopOffset more (in logit): being ranked first is itself evidence the softmax ignores.
   */
  probabilitySlope: number;
  probabilityIntercept: number;
  probabilityTopOffset: number;
  /**
   * Then the first candidate's probability goes through an isotonic map (pool-adjacent-violators on the development
   * cases, blocks of at least 1 % of them): the logistic map is fitted on the ten leading candidates together and
   * cannot follow the first candidate's reliability curve at both ends (shown 7 %, right 21 %; shown 55 %, right 46 %).
   * Knots are [probability after the logistic map, share of first candidates that were right].
   */
  topProbabilityKnots: readonly (readonly [number, number])[];
}

export const defaultRankerParameters: Readonly<RankerParameters> = {
  countPriorMean: 0.5,
  countPriorStrength: 2,
  classPriorStrength: 4,
  percentStrength: 10,
  unknownFrequency: 0.3,
  frequencyFloor: 0,
  backgroundPseudocount: 0.5,
  descendantFactor: 1,
  commonAncestorFactor: 0.05,
  noMatchLR: 0.3,
  maxSharedAncestorShare: 0.1,
  contradictedLR: 0.01,
  excludedAscertainment: 5,
  excludedAnnotatedFloor: 0.1,
  expectedMinFrequency: 0.5,
  expectedMaxFeatures: 10,
  missRateGeneral: 0.9,
  missRateSpecific: 0.6,
  expectedPenaltyCap: 3,
  onsetFloor: 0.2,
  xRecessiveFemaleLR: 0.2,
  yLinkedFemaleLR: 0.01,
  prevalenceWeight: 0.3,
  unknownPrevalence: 1,
  geneReportWeight: 0,
  diseaseReportWeight: 0.4,
  // with a VCF: w = 2 / √n, n reported findings (bench variants --half even, grid over 0.5-3 and exponents 0-0.5: gene
  // top-1 62.0 → 62.9 %, top-10 72.5 → 73.9 %; odd half 63.5 % / 74.2 %, README Benchmarks)
  phenotypeWeightWithVariants: 2,
  phenotypeWeightExponent: 0.5,
  // calibration: rarediag fit calibration --input ../shared/bench/phenopackets-dev.jsonl.gz (all 7,480 dev cases; the
  // cohort-grouped folds agree within ±0.1 on each value; the normaliser counts every concept, scripts/fit/case-scores.ts)
  temperature: 1.461,
  temperatureExponent: 0.5,
  unlistedLogWeight: 8.483,
  probabilitySlope: 0.55,
  probabilityIntercept: -1.639,
  probabilityTopOffset: 1.978,
  // isotonic step, fitted with the above; out of fold (5 cohort-grouped folds): ECE 0.017, wrong at ≥ 90 % 1.1 %
  topProbabilityKnots: [
    [0.0587, 0.1206],
    [0.1069, 0.2149],
    [0.1558, 0.2315],
    [0.193, 0.3096],
    [0.328, 0.3188],
    [0.4644, 0.3566],
    [0.4874, 0.3618],
    [0.5296, 0.4594],
    [0.5766, 0.4957],
    [0.6023, 0.5],
    [0.6204, 0.5871],
    [0.6484, 0.6067],
    [0.6771, 0.646],
    [0.6978, 0.6838],
    [0.717, 0.7167],
    [0.7396, 0.7434],
    [0.7614, 0.7541],
    [0.783, 0.8385],
    [0.8149, 0.875],
    [0.852, 0.9144],
    [0.9036, 0.9229],
    [0.9471, 0.9425],
    [0.9615, 0.9568],
    [0.9739, 0.974],
    [0.9834, 0.983],
    [0.997, 0.9982],
  ],
};

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
  // cohort-grouped folds agree within ±0.05 on each value)
  temperature: 1.264,
  temperatureExponent: 0.5,
  unlistedLogWeight: 7.414,
  probabilitySlope: 0.669,
  probabilityIntercept: -1.344,
  probabilityTopOffset: 1.922,
  // isotonic step: fitted with the above (fit calibration, all 7,480 dev cases); out of fold ECE 0.008, wrong at ≥ 90 % 0.9 %
  topProbabilityKnots: [
    [0.0573, 0.0753],
    [0.0828, 0.1523],
    [0.1175, 0.1634],
    [0.1501, 0.2205],
    [0.1737, 0.2389],
    [0.199, 0.265],
    [0.2255, 0.3196],
    [0.3057, 0.3336],
    [0.4204, 0.3403],
    [0.4692, 0.3718],
    [0.482, 0.4634],
    [0.5071, 0.4651],
    [0.5581, 0.4932],
    [0.613, 0.5341],
    [0.6505, 0.5979],
    [0.6814, 0.6536],
    [0.6974, 0.6771],
    [0.7108, 0.6962],
    [0.7247, 0.7],
    [0.7587, 0.754],
    [0.792, 0.7952],
    [0.8052, 0.8352],
    [0.829, 0.85],
    [0.8498, 0.8764],
    [0.899, 0.9227],
    [0.9445, 0.9231],
    [0.9551, 0.934],
    [0.9655, 0.9508],
    [0.975, 0.9529],
    [0.9854, 0.9872],
    [0.9978, 0.9982],
  ],
};

import { FREQUENCY_CLASSES } from '../../graph-snapshot/snapshot/ranking-tables.js';

/** What an annotation's source rows say about how often the feature occurs in the disease. */
export interface FrequencyEvidence {
  /** HPO frequency class (index into FREQUENCY_CLASSES), -1 when no row gives one */
  frequencyClass: number;
  /** patients with the feature and patients examined, pooled over the rows that give n/m; -1 when none */
  n: number;
  m: number;
  /** the rows' point estimate (e.g. a percentage), NaN when none */
  point: number;
}

export interface FrequencyModelParameters {
  /** Beta prior of a count n/m given without a class: its mean ... */
  countPriorMean: number;
  /** ... and its strength in pseudo-patients (how many patients a small series must have before its ratio is believed) */
  countPriorStrength: number;
  /** strength of an HPO frequency class used as the prior of counts given with it (pseudo-patients) */
  classPriorStrength: number;
  /** pseudo-patients behind a bare percentage (the source does not say of how many) */
  percentStrength: number;
  /** P(feature | disease) assumed when the source gives no frequency: unknown, not 0 and not 1 */
  unknownFrequency: number;
  /**
   * Share of a disease's patients reported with any of its annotated features whatever the annotated frequency: the
   * effective frequency is floor + (1 - floor) * estimate. Published case series (where the patients a tool sees come
   * from) report "occasional" features of the right disease far more often than the annotation says.
   */
  frequencyFloor: number;
}

export type FrequencyBasis = 'class' | 'counts' | 'class+counts' | 'percent' | 'unknown';

export interface FrequencyEstimate {
  /** effective P(feature | disease), in (0, 1] */
  value: number;
  /** the estimate before the floor */
  estimate: number;
  basis: FrequencyBasis;
  /** how a clinician reads it: "3/5 patients → 57 %", "Very frequent (80-99 %)", "unknown (assumed 50 %)" */
  text: string;
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

/** The midpoint of an HPO class's range (what the class says when it is all there is). */
export const classMidpoint = (c: number) => (FREQUENCY_CLASSES[c]!.low + FREQUENCY_CLASSES[c]!.high) / 2;

/**
 * P(feature | disease) from the annotation's evidence, with its uncertainty: counts are a Beta posterior whose prior
 * is the class the rows give (or the global count prior), so 1/1 from one case report is not taken as certainty and
 * 30/40 is nearly taken as it is; a class alone is its range's midpoint; unknown is the stated default. The result is
 * the posterior mean (what a product of likelihoods over features needs), then floored (frequencyFloor).
 * The "Excluded" class (0 %) is not a frequency: the model treats it as a NOT annotation (phenotype-model.ts).
 */
export function estimateFrequency(e: FrequencyEvidence, p: FrequencyModelParameters): FrequencyEstimate {
  let estimate: number;
  let basis: FrequencyBasis;
  let text: string;
  const cls = e.frequencyClass >= 0 ? FREQUENCY_CLASSES[e.frequencyClass]! : undefined;
  const range = cls ? `${cls.label} (${cls.low === cls.high ? pct(cls.low) : `${Math.round(100 * cls.low)}-${pct(cls.high)}`})` : '';
  if (e.m > 0) {
    const priorMean = cls ? classMidpoint(e.frequencyClass) : p.countPriorMean;
    const strength = cls ? p.classPriorStrength : p.countPriorStrength;
    estimate = (e.n + strength * priorMean) / (e.m + strength);
    basis = cls ? 'class+counts' : 'counts';
    text = `${e.n}/${e.m} patients${cls ? `, ${range}` : ''} → ${pct(estimate)}`;
  } else if (cls) {
    estimate = classMidpoint(e.frequencyClass);
    basis = 'class';
    text = range;
  } else if (Number.isFinite(e.point)) {
    estimate = (e.point * p.percentStrength + p.countPriorMean * p.countPriorStrength) / (p.percentStrength + p.countPriorStrength);
    basis = 'percent';
    text = `${pct(e.point)} of patients → ${pct(estimate)}`;
  } else {
    estimate = p.unknownFrequency;
    basis = 'unknown';
    text = `unknown (assumed ${pct(estimate)})`;
  }
  const value = p.frequencyFloor + (1 - p.frequencyFloor) * estimate;
  return { value: Math.min(1, Math.max(value, 1e-6)), estimate, basis, text };
}

import { FREQUENCY_CLASSES } from '../../graph-snapshot/snapshot/ranking-tables.js';
import type { FrequencyEvidence } from '../ranking/annotation-frequency.js';
import { beta, uniform, type Random } from './seeded-random.js';
import type { VignetteParameters } from './vignette-parameters.js';

type FrequencyPrior = Pick<VignetteParameters, 'unknownFrequency' | 'countPriorMean' | 'countPriorStrength' | 'classPriorStrength' | 'percentStrength'>;

/** The Beta distribution of an annotation's frequency, or a uniform range, or a fixed value. */
export type FrequencyDistribution = { kind: 'beta'; a: number; b: number } | { kind: 'range'; low: number; high: number } | { kind: 'fixed'; value: number };

/**
 * What the source says about how often a feature occurs, as a distribution to draw a patient's chance from: counts
 * are the Beta posterior of the ranker's frequency model (prior: the class given with them, else the global count
 * prior), a class alone is its range (uniform), a bare percentage a small series around it, and unknown the stated
 * default. Drawing the frequency per patient and then the feature keeps the uncertainty of small series in the
 * vignettes instead of pretending that 1/1 means every patient.
 */
export function frequencyDistribution(e: FrequencyEvidence, p: FrequencyPrior): FrequencyDistribution {
  const cls = e.frequencyClass >= 0 ? FREQUENCY_CLASSES[e.frequencyClass] : undefined;
  if (e.m > 0) {
    const mean = cls ? (cls.low + cls.high) / 2 : p.countPriorMean;
    const strength = cls ? p.classPriorStrength : p.countPriorStrength;
    return { kind: 'beta', a: e.n + strength * mean, b: e.m - e.n + strength * (1 - mean) };
  }
  if (cls) return cls.low === cls.high ? { kind: 'fixed', value: cls.low } : { kind: 'range', low: cls.low, high: cls.high };
  if (Number.isFinite(e.point)) {
    const k = p.percentStrength;
    const s = p.countPriorStrength;
    return { kind: 'beta', a: e.point * k + p.countPriorMean * s, b: (1 - e.point) * k + (1 - p.countPriorMean) * s };
  }
  return { kind: 'fixed', value: p.unknownFrequency };
}

/** One draw of the frequency. */
export function drawFrequency(d: FrequencyDistribution, r: Random): number {
  switch (d.kind) {
    case 'beta':
      return beta(r, d.a, d.b);
    case 'range':
      return uniform(r, d.low, d.high);
    case 'fixed':
      return d.value;
  }
}

/** The mean of the distribution: the share of patients with the feature, in expectation. */
export function meanFrequency(d: FrequencyDistribution): number {
  switch (d.kind) {
    case 'beta':
      return d.a / (d.a + d.b);
    case 'range':
      return (d.low + d.high) / 2;
    case 'fixed':
      return d.value;
  }
}

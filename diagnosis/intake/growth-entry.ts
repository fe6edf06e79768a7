import { GROWTH_TERMS } from './growth-measurements.js';
import { normalQuantile, statureZ, type GrowthSex } from './growth-reference.js';

/**
 * A growth measurement typed in the case page (height, weight or head circumference, as a raw value, a centile or an SD
 * score) read with the same limits as the narrative's measurements (growth-measurements.ts): below the 3rd centile or
 * −2 SD, above the 97th or +2 SD, each a finding proposed to the clinician. A raw value is read against the reference
 * shipped (CDC 2000 stature-for-age, 2 to 20 years, growth-reference.ts); for weight and head circumference no table is
 * shipped, and the entry says so rather than guess: give the centile or SD from the chart used.
 */
export type GrowthMeasure = 'height' | 'weight' | 'head';
export type GrowthUnit = 'cm' | 'kg' | 'centile' | 'sd';

export interface GrowthEntry {
  measure: GrowthMeasure;
  value: number;
  unit: GrowthUnit;
  ageYears?: number;
  sex?: GrowthSex;
}

export interface GrowthAssessment {
  /** the Z-score, when it could be computed */
  z?: number;
  /** the centile it corresponds to (0-100) */
  centile?: number;
  /** the HPO term the value supports, when it is beyond the limits */
  hpoId?: string;
  /** how it was read, or why it could not be */
  basis: string;
  /** false: the value could not be read (basis says why) */
  read: boolean;
}

/** The standard normal distribution function (Abramowitz & Stegun 26.2.17; error below 7.5e-8). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

const TERMS: Record<GrowthMeasure, { low: string; high: string }> = {
  height: { low: GROWTH_TERMS.shortStature, high: GROWTH_TERMS.tallStature },
  weight: { low: GROWTH_TERMS.lowWeight, high: GROWTH_TERMS.highWeight },
  head: { low: GROWTH_TERMS.microcephaly, high: GROWTH_TERMS.macrocephaly },
};

export function assessGrowth(e: GrowthEntry): GrowthAssessment {
  let z: number;
  let basis: string;
  // centiles beyond 2.5-97.5 (±1.96 SD: the HPO limits written as the 3rd and 97th), SD scores beyond ±2, as the narrative reader does
  let limit = 2;
  if (e.unit === 'centile') {
    if (!(e.value > 0 && e.value < 100)) return { read: false, basis: 'a centile is between 0 and 100 (exclusive)' };
    z = normalQuantile(e.value / 100);
    limit = 1.96;
    basis = `${e.value}th centile`;
  } else if (e.unit === 'sd') {
    if (!Number.isFinite(e.value) || Math.abs(e.value) > 10) return { read: false, basis: 'an SD score is a number between −10 and +10' };
    z = e.value;
    basis = `${e.value >= 0 ? '+' : ''}${e.value} SD`;
  } else if (e.measure === 'height' && e.unit === 'cm') {
    if (e.ageYears === undefined || !e.sex) return { read: false, basis: 'a height in cm is read with the patient’s age and sex: record them in the case' };
    const s = statureZ(e.value, e.ageYears, e.sex);
    if (s === undefined) return { read: false, basis: 'the height reference shipped (CDC 2000) starts at 2 years: give the centile or SD from the chart used' };
    z = s;
    basis = `${e.value} cm at ${e.ageYears} years, ${e.sex} (CDC 2000 stature-for-age)`;
  } else {
    return { read: false, basis: `no ${e.measure === 'head' ? 'head circumference' : 'weight'} reference is shipped: give the centile or SD from the chart used` };
  }
  const centile = 100 * normalCdf(z);
  const hpoId = z <= -limit ? TERMS[e.measure].low : z >= limit ? TERMS[e.measure].high : undefined;
  return { read: true, z: Math.round(z * 100) / 100, centile: Math.round(centile * 10) / 10, ...(hpoId ? { hpoId } : {}), basis };
}

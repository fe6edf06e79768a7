import type { Demographics } from './patient-demographics.js';

/**
 * Blood pressure and body proportions written as numbers.
 * - Blood pressure "BP 150/95", "blood pressure 142/88 mmHg": hypertension from 130 systolic or 80 diastolic at 13
 *   years and over (stage 1 of the 2017 AAP guideline for adolescents, Flynn et al., Pediatrics 2017;140:e20171904,
 *   and of the 2017 ACC/AHA guideline for adults); younger children need height-specific tables, which are not
 *   shipped, so their values say nothing.
 * - Arm span "arm span to height ratio 1.07", "arm span exceeds his height by 9 cm": increased arm span from a ratio
 *   above 1.05 (the revised Ghent nosology's systemic score, Loeys et al., J Med Genet 2010;47:476-85) or an excess of
 *   5 cm or more.
 */
export interface ProportionFinding {
  start: number;
  end: number;
  hpoId: string;
}

const HYPERTENSION = 'HP:0000822';
const INCREASED_ARM_SPAN = 'HP:0012771';
const BP = /\b(?:BP|blood pressure)\s*(?:was|is|of|:|=)?\s*(?:\w+\s+){0,2}?(\d{2,3})\s*\/\s*(\d{2,3})\b/gi;
const SPAN_RATIO = /\barm[- ]?span(?:\s*(?:to|:|\/)\s*height)?\s*(?:ratio)?\s*(?:of|was|is|:|=)?\s*(\d\.\d{1,3})\b/gi;
const SPAN_EXCESS = /\barm[- ]?span\s+(?:exceeds|is greater than|is more than)\s+(?:his|her|their|the)?\s*height\s+by\s+(\d{1,2}(?:\.\d)?)\s*cm\b/gi;

export function findProportions(text: string, demo: Demographics): ProportionFinding[] {
  const out: ProportionFinding[] = [];
  if (demo.ageYears !== undefined && demo.ageYears >= 13) {
    for (const m of text.matchAll(BP)) {
      const systolic = Number(m[1]);
      const diastolic = Number(m[2]);
      if (systolic > diastolic && systolic < 300 && (systolic >= 130 || diastolic >= 80)) out.push({ start: m.index, end: m.index + m[0].length, hpoId: HYPERTENSION });
    }
  }
  for (const m of text.matchAll(SPAN_RATIO)) if (Number(m[1]) > 1.05 && Number(m[1]) < 1.5) out.push({ start: m.index, end: m.index + m[0].length, hpoId: INCREASED_ARM_SPAN });
  for (const m of text.matchAll(SPAN_EXCESS)) if (Number(m[1]) >= 5) out.push({ start: m.index, end: m.index + m[0].length, hpoId: INCREASED_ARM_SPAN });
  return out;
}

import type { GrowthSex } from './growth-reference.js';

/**
 * The patient's age and sex as a clinical text states them, for measurements that need them (a height in cm means
 * nothing without both, a milestone age only beside the child's age): "13-year-old boy", "4 y/o M", "aged 32", "Boy
 * aged 20 months", "3 years 2 months", "9-month-old girl". The first statement of each wins (letters open with the
 * patient; relatives come later). Sex falls back on the nouns and then on the subject pronouns used most.
 */
export interface Demographics {
  ageYears?: number;
  sex?: GrowthSex;
}

const AGE_PATTERNS: readonly [RegExp, (m: RegExpExecArray) => number][] = [
  [/\b(\d{1,2})\s*(?:years?|yrs?|y)[\s,]+(?:and\s+)?(\d{1,2})\s*(?:months?|mo)\b/i, (m) => Number(m[1]) + Number(m[2]) / 12],
  [/\b(\d{1,3}(?:\.\d+)?)[-\s](?:years?|yrs?)[-\s]old\b/i, (m) => Number(m[1])],
  [/\b(\d{1,2})[-\s](?:months?|mo)[-\s]old\b/i, (m) => Number(m[1]) / 12],
  [/\b(\d{1,2})[-\s](?:weeks?|wk)[-\s]old\b/i, (m) => Number(m[1]) / 52],
  [/\b(\d{1,3})\s*(?:y\/o|yo|yr\/o)\b/i, (m) => Number(m[1])],
  [/\baged?\s*:?\s*(\d{1,2})\s*(?:months?|mo)\b/i, (m) => Number(m[1]) / 12],
  [/\baged?\s*:?\s*(\d{1,3}(?:\.\d+)?)(?!\s*(?:months?|weeks?|days?|cm|kg|%))/i, (m) => Number(m[1])],
];

const MALE_NOUNS = /\b(boy|man|male|son|gentleman|mr)\b/i;
const FEMALE_NOUNS = /\b(girl|woman|female|daughter|lady|mrs|ms|miss)\b/i;

export function demographicsOf(text: string): Demographics {
  // letters and notes state the patient first
  const head = text.length > 1500 ? text.slice(0, 1500) : text;
  const out: Demographics = {};
  let ageAt = Infinity;
  for (const [re, years] of AGE_PATTERNS) {
    const m = re.exec(head);
    if (m && m.index < ageAt) {
      const y = years(m);
      if (Number.isFinite(y) && y >= 0 && y < 120) {
        out.ageYears = y;
        ageAt = m.index;
      }
    }
  }
  const male = MALE_NOUNS.exec(head);
  const female = FEMALE_NOUNS.exec(head);
  const compact = /\b\d{1,3}\s*(?:y\/o|yo|yr|y|years?)\s+(M|F)\b/.exec(head);
  if (compact) out.sex = compact[1] === 'M' ? 'male' : 'female';
  else if (male && (!female || male.index < female.index)) out.sex = 'male';
  else if (female) out.sex = 'female';
  else {
    const he = head.match(/\bhe\b/gi)?.length ?? 0;
    const she = head.match(/\bshe\b/gi)?.length ?? 0;
    if (he !== she) out.sex = he > she ? 'male' : 'female';
  }
  return out;
}

import { normalQuantile, statureZ } from './growth-reference.js';
import type { Demographics } from './patient-demographics.js';

/**
 * Growth as clinicians write it: height, weight, head circumference (OFC) and BMI given as a centile ("OFC 99.6th
 * centile", "height below the 3rd centile", "Ht <1st %ile", "weight on the 0.4th"), an SD or Z-score ("height 98 cm
 * (+2.8 SD)", "−2.4 SDS"), or a raw value read against a growth reference with the patient's age and sex ("height
 * 112 cm" at 8 years, growth-reference.ts; an adult's "BMI 32"). Each value beyond the limits of the HPO definitions
 * (below the 3rd centile or 2 SD: short stature, microcephaly, decreased body weight; above the 97th centile or 2 SD:
 * tall stature, macrocephaly, increased body weight; BMI at or above the 95th centile in a child or 30 kg/m² in an
 * adult: obesity) is a finding spanning the measurement, from its name to its value. An OFC now below the limit that
 * was within it at birth is secondary microcephaly.
 *
 * Values at birth ("born weighing 4.4 kg", "(40th centile at birth)") are not the current measurement; raw values
 * said of a relative are not read with the patient's age and sex.
 */
export interface GrowthFinding {
  /** character offsets of the measurement in the text */
  start: number;
  end: number;
  hpoId: string;
}

type Measure = 'height' | 'weight' | 'head' | 'bmi';

const MEASURES = /\b(height|ht|length|stature|weight|wt|ofc|head circumference|occipitofrontal circumference|hc|head size|bmi|body mass index)\b/gi;
const KIND: Readonly<Record<string, Measure>> = {
  height: 'height',
  ht: 'height',
  length: 'height',
  stature: 'height',
  weight: 'weight',
  wt: 'weight',
  ofc: 'head',
  'head circumference': 'head',
  'occipitofrontal circumference': 'head',
  hc: 'head',
  'head size': 'head',
  bmi: 'bmi',
  'body mass index': 'bmi',
};

export const GROWTH_TERMS = {
  shortStature: 'HP:0004322',
  tallStature: 'HP:0000098',
  microcephaly: 'HP:0000252',
  secondaryMicrocephaly: 'HP:0005484',
  macrocephaly: 'HP:0000256',
  lowWeight: 'HP:0004325',
  highWeight: 'HP:0004324',
  obesity: 'HP:0001513',
} as const;

/** What a value says about the Z-score: z ≤ hi, or z ≥ lo. */
interface Reading {
  end: number;
  /** the value bounds z from above (low values) or below (high values) */
  low: boolean;
  high: boolean;
  atBirth: boolean;
}

const DIRECTION = String.raw`(?:(?:well|just|markedly|far)\s+)?(above|over|greater than|more than|>|≥|below|under|less than|<|≤)?\s*(?:the\s+)?`;
const CENTILE = new RegExp(String.raw`${DIRECTION}(\d{1,2}(?:\.\d+)?)\s*(?:st|nd|rd|th)?\s*(?:-\s*)?(centiles?|percentiles?|%ile|th\s*%|%|pctl)?`, 'gi');
const SD = /([+\-−–]\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:SDS?|SD score|standard deviations?|Z)\b(\s*(?:below|under|above|over)\s+(?:the\s+)?mean)?/g;
const Z = /\bz[\s-]*(?:score)?\s*(?:of|=|:)?\s*([+\-−–]\s?\d+(?:\.\d+)?)/gi;
const RAW = /(\d+(?:\.\d+)?)\s*(kg\/m2|kg\/m²|cm|kg|m)(?![a-z])/g;
const BIRTH_AFTER = /^[^;.]{0,12}\bat birth\b/i;
const BIRTH_SENTENCE = /\b(born|birth|birth weight|birthweight|BW|delivered|delivery|newborn|neonate)\b/i;
/** "(p50)", "(P<5)", "P97": centiles in the compact notation of case reports */
const P_CENTILE = /\(?\s*[pP]\s*(<|>|≤|≥)?\s*(\d{1,2}(?:\.\d+)?)(?:\s*(?:th|st|nd|rd))?\s*\)?(?![\d.])/g;
/** An age stated in the measurement's own sentence ("at the age of 9 years", "at 15 months"). */
const LOCAL_AGE = /\b(?:at (?:the )?age (?:of )?|aged |at )(\d{1,2}(?:\.\d+)?)\s*(years?|yrs?|months?|mo)\b|\b(\d{1,2})[- ](years?|months?)[- ]old\b/i;
const RELATIVE_BEFORE = /\b(mother|father|mum|mom|dad|brother|sister|sibling|parent|parents|aunt|uncle|grand(?:mother|father|parent)s?|cousin)('s)?\b[^.;]*$/i;

const signed = (s: string) => Number(s.replace(/[−–]/g, '-').replace(/\s+/g, ''));
/** A centile outside 2.5-97.5 (≈ ±1.96 SD, the HPO limits written as 3rd and 97th) or a bound past the 3rd / 97th. */
function centileReading(p: number, direction: string | undefined, end: number, atBirth: boolean): Reading {
  const d = direction?.toLowerCase();
  const below = d === 'below' || d === 'under' || d === 'less than' || d === '<' || d === '≤';
  const above = d === 'above' || d === 'over' || d === 'greater than' || d === 'more than' || d === '>' || d === '≥';
  const z = normalQuantile(p / 100);
  const low = below ? p <= 3 : !above && z <= -1.96;
  const high = above ? p >= 97 : !below && z >= 1.96;
  return { end, low, high, atBirth };
}

function sdReading(z: number, end: number, atBirth: boolean): Reading {
  return { end, low: z <= -2, high: z >= 2, atBirth };
}

/** The readings of one measurement's window, in text order. */
function readings(text: string, sentenceStart: number, from: number, to: number, kind: Measure, demo: Demographics, relative: boolean, birthSentence: boolean): Reading[] {
  const window = text.slice(from, to);
  const out: Reading[] = [];
  const atBirth = (end: number) => BIRTH_AFTER.test(text.slice(from + end, to + 20));
  // "Height is on the 9th centile and OFC on the 75th": an ordinal is a centile in a sentence about centiles.
  const centileWords = /(centile|percentile|%ile)/i.test(text.slice(sentenceStart, to));
  for (const m of window.matchAll(P_CENTILE)) {
    const end = m.index + m[0].length;
    out.push(centileReading(Number(m[2]), m[1], from + end, atBirth(end)));
  }
  for (const m of out.length ? [] : window.matchAll(CENTILE)) {
    const ordinal = /\d\s*(st|nd|rd|th)\b/i.test(m[0]);
    if (!m[3] && !(ordinal && centileWords)) continue;
    if (m[3] === '%' && !ordinal) continue;
    const end = m.index + m[0].length;
    out.push(centileReading(Number(m[2]), m[1], from + end, atBirth(end)));
  }
  if (out.length === 0) {
    for (const re of [SD, Z]) {
      re.lastIndex = 0;
      for (const m of window.matchAll(re)) {
        const raw = m[1]!;
        let z = signed(raw);
        if (!/^[+\-−–]/.test(raw)) {
          if (!m[2]) continue; // "2.4 SD" with no sign and no direction
          if (/below|under/i.test(m[2])) z = -z;
        }
        const end = m.index + m[0].length;
        out.push(sdReading(z, from + end, atBirth(end)));
      }
    }
  }
  if (out.length === 0 && !relative && !birthSentence) {
    for (const m of window.matchAll(RAW)) {
      const value = Number(m[1]);
      const unit = m[2]!.toLowerCase();
      const end = from + m.index + m[0].length;
      // a difference ("exceeds his height by 9 cm") is no measurement; a height is 40-250 cm
      const difference = /\bby\s*$/i.test(text.slice(from, from + m.index));
      const cm = unit === 'm' ? value * 100 : value;
      if (kind === 'height' && (unit === 'cm' || unit === 'm') && !difference && cm >= 40 && cm <= 250 && demo.ageYears !== undefined && demo.sex) {
        const z = statureZ(cm, demo.ageYears, demo.sex);
        if (z !== undefined) out.push(sdReading(z, end, false));
      } else if (kind === 'bmi' && (unit === 'kg/m2' || unit === 'kg/m²') && (demo.ageYears ?? 0) >= 18) {
        out.push({ end, low: false, high: value >= 30, atBirth: false });
      }
    }
    // "BMI 32" without its unit, for an adult
    if (kind === 'bmi' && out.length === 0 && (demo.ageYears ?? 0) >= 18) {
      const m = /^\s*(?:of|was|is|:|=)?\s*(\d{2}(?:\.\d+)?)\b(?!\s*(?:centile|percentile|%|st|nd|rd|th))/i.exec(window);
      if (m) out.push({ end: from + m.index + m[0].length, low: false, high: Number(m[1]) >= 30, atBirth: false });
    }
  }
  return out;
}

function termOf(kind: Measure, r: Reading, birth: Reading | undefined): string | undefined {
  if (kind === 'height') return r.low ? GROWTH_TERMS.shortStature : r.high ? GROWTH_TERMS.tallStature : undefined;
  if (kind === 'weight') return r.low ? GROWTH_TERMS.lowWeight : r.high ? GROWTH_TERMS.highWeight : undefined;
  if (kind === 'head') {
    if (r.high) return GROWTH_TERMS.macrocephaly;
    if (r.low) return birth && !birth.low ? GROWTH_TERMS.secondaryMicrocephaly : GROWTH_TERMS.microcephaly;
    return undefined;
  }
  return r.high ? GROWTH_TERMS.obesity : undefined;
}

/** BMI centiles: obesity from the 95th (CDC), not the 97th. */
function bmiCentileHigh(text: string, start: number, end: number): boolean {
  const m = /(\d{1,2}(?:\.\d+)?)\s*(?:st|nd|rd|th)?\s*(?:centile|percentile|%ile)/i.exec(text.slice(start, end));
  return !!m && Number(m[1]) >= 95 && !/\b(below|under|less than|<)\s*(?:the\s+)?\d/i.test(text.slice(start, end));
}

/** Up to this length a text is taken as one patient's note, whose stated age applies to its measurements. */
const NOTE_LENGTH = 6000;

export function findGrowth(text: string, demo: Demographics & { fromCase?: boolean }): GrowthFinding[] {
  const out: GrowthFinding[] = [];
  const found = [...text.matchAll(MEASURES)];
  found.forEach((m, i) => {
    const kind = KIND[m[1]!.toLowerCase()]!;
    // "HC" and "Ht" are also other abbreviations; "length" and "weight" also other words: a value must follow closely.
    const start = m.index;
    const from = start + m[0].length;
    let to = Math.min(text.length, from + 90, found[i + 1]?.index ?? Infinity);
    const stop = /[;\n]|\.\s+[A-Z]/.exec(text.slice(from, to));
    if (stop) to = from + stop.index;
    const sentenceStart = sentenceStartBefore(text, start);
    const before = text.slice(sentenceStart, start);
    const relative = RELATIVE_BEFORE.test(before);
    // birth words anywhere in the sentence, clauses included ("delivered at 38 weeks; her length was 50 cm")
    const birthSentence = BIRTH_SENTENCE.test(text.slice(lastSentenceBreak(text, start), to));
    // A raw value needs the patient's age: the one of its own sentence, else the case's or the text's when the text
    // is one patient's note (a long report describes many ages and people).
    const local = LOCAL_AGE.exec(text.slice(sentenceStart, to));
    const localAge = local ? (local[1] ? Number(local[1]) / (/^m/i.test(local[2]!) ? 12 : 1) : Number(local[3]) / (/^m/i.test(local[4]!) ? 12 : 1)) : undefined;
    const age = localAge ?? (demo.fromCase || text.length <= NOTE_LENGTH ? demo.ageYears : undefined);
    const rs = readings(text, sentenceStart, from, to, kind, { ageYears: age, sex: demo.sex }, relative, birthSentence);
    const current = [...rs].reverse().find((r) => !r.atBirth);
    if (!current) return;
    const birth = rs.find((r) => r.atBirth);
    let hpoId = termOf(kind, current, birth);
    if (kind === 'bmi' && !hpoId && bmiCentileHigh(text, from, current.end)) hpoId = GROWTH_TERMS.obesity;
    if (hpoId) out.push({ start, end: current.end, hpoId });
  });
  return out;
}

/** Where the sentence holding offset `at` starts: after the last ". ", "; ", "? ", "! " or line break before it. */
/**
 * How far back a sentence is looked for: a text without sentence ends (a list, a table, a hostile input) must not make
 * every measurement scan back to its start, which is quadratic in the text's length.
 */
const SENTENCE_LOOKBACK = 1000;

/** After the last ". " before `at` (within SENTENCE_LOOKBACK). */
function lastSentenceBreak(text: string, at: number): number {
  const from = Math.max(0, at - SENTENCE_LOOKBACK);
  const k = text.slice(from, at).lastIndexOf('. ');
  return k < 0 ? from : from + k + 1;
}

function sentenceStartBefore(text: string, at: number): number {
  const limit = Math.max(0, at - SENTENCE_LOOKBACK);
  for (let i = at - 1; i > limit; i -= 1) {
    const c = text[i]!;
    if (c === '\n') return i + 1;
    if (/\s/.test(c) && /[.;!?]/.test(text[i - 1]!)) return i + 1;
  }
  return limit;
}

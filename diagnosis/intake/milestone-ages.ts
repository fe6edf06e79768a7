import type { Demographics } from './patient-demographics.js';

/**
 * Motor and speech milestones given with the age they were reached ("walked at 22 months", "sat unsupported at 10
 * months", "first words at 2 years", "late to walk (20 months)"), or not yet reached at the child's age ("not yet
 * walking" at 20 months): later than the normal window is the delayed milestone. Windows: the WHO Motor Development
 * Study (WHO Multicentre Growth Reference Study Group, Acta Paediatr Suppl 2006;450:86-95), upper end (99th centile)
 * of the window of achievement: sitting without support 9.2 months, walking alone 17.6 months (taken as the 18 months
 * of the clinical red flag, so that "walked at 18 months" stays normal); first words by 18
 * months (the red flag of UK and US developmental surveillance is no single words at 16-18 months; the later age is
 * taken). Said without an age: "late to walk", "walked late", "a late talker". Words by age: fewer than 50 words at
 * two years or more is delayed speech (the late-talker criterion of the Language Development Survey, Rescorla, J
 * Speech Hear Disord 1989;54:587-99), no words at all from two years on is absent speech.
 */
export interface MilestoneFinding {
  start: number;
  end: number;
  hpoId: string;
}

interface Milestone {
  hpoId: string;
  /** latest normal age, in months */
  limit: number;
  /** the milestone's verbs or nouns */
  words: string;
}

const MILESTONES: readonly Milestone[] = [
  { hpoId: 'HP:0031936', limit: 18, words: String.raw`walked|walking|walk|walks|took (?:his|her) first steps|first steps` }, // Delayed ability to walk
  { hpoId: 'HP:0025336', limit: 9.2, words: String.raw`sat|sitting|sit|sits` }, // Delayed ability to sit
  { hpoId: 'HP:0000750', limit: 18, words: String.raw`first words?|talked|talking|talk|spoke|single words|first word` }, // Delayed speech and language development
];

const QUALIFIERS = String.raw`(?:\s+(?:independently|unsupported|alone|unaided|without support|unassisted|on (?:his|her) own))?`;
const AGE = String.raw`(\d+(?:\.\d+)?)\s*(months?|mo|mos|m|years?|yrs?|y)\b`;

const toMonths = (n: number, unit: string) => (/^(m|mo|mos|months?)$/i.test(unit) ? n : n * 12);

const LATE: readonly [RegExp, string][] = [
  [/\b(?:late|slow) to (?:walk|crawl|sit|stand)\b|\bwalked late\b|\blate walk(?:er|ing)\b|\bwalking was (?:late|delayed)\b/gi, 'HP:0031936'],
  [/\b(?:late|slow) to (?:talk|speak)\b|\btalked late\b|\blate talk(?:er|ing)\b|\bspeech (?:was|is) (?:late|slow to develop)\b|\bspoke late\b/gi, 'HP:0000750'],
];
const DELAYED_SPEECH = 'HP:0000750';
const ABSENT_SPEECH = 'HP:0001344';
/** "about 10 single words", "~20 words", "no words at all", "non-verbal" */
const WORD_COUNT = /\b(?:(?:has|have|had|uses|using|says|saying|with|now|only|about|around|approximately|~)\s+)*(?:(no)|(\d{1,3})|(a few|a handful of|few|several))\s+(?:single\s+|spoken\s+|recognisable\s+|recognizable\s+|clear\s+)?words?\b|\b(non-?verbal|no speech|no spoken language)\b/gi;

/** A text with none of these words states no milestone (a quick test before the patterns). */
const CUES = /walk|\bsat\b|\bsit|word|talk|spoke|steps|speech|verbal/i;

export function findMilestones(text: string, demo: Demographics): MilestoneFinding[] {
  const out: MilestoneFinding[] = [];
  if (!CUES.test(text)) return out;
  for (const [re, hpoId] of LATE) for (const x of text.matchAll(re)) out.push({ start: x.index, end: x.index + x[0].length, hpoId });
  if (demo.ageYears !== undefined && demo.ageYears >= 2 && demo.ageYears < 18) {
    for (const x of text.matchAll(WORD_COUNT)) {
      const none = !!x[1] || !!x[4];
      const count = x[2] ? Number(x[2]) : x[3] ? 5 : undefined;
      const hpoId = none ? ABSENT_SPEECH : count !== undefined && count < 50 ? DELAYED_SPEECH : undefined;
      if (hpoId) out.push({ start: x.index, end: x.index + x[0].length, hpoId });
    }
  }
  for (const m of MILESTONES) {
    // "walked at 22 months", "walking by 2 years", "late to walk (20 months)", "first words at 2 years"
    const reached = new RegExp(String.raw`(?<![-\w])(?:${m.words})${QUALIFIERS}\s*(?:at|by|from|around|about|aged|\(|at the age of|at age)\s*(?:about\s+|around\s+)?${AGE}`, 'gi');
    for (const x of text.matchAll(reached)) {
      const months = toMonths(Number(x[1]), x[2]!);
      if (months > m.limit && months < 240) out.push({ start: x.index, end: x.index + x[0].length, hpoId: m.hpoId });
    }
    // "not yet walking", "not yet sitting independently" at the child's age 
    if (demo.ageYears !== undefined && demo.ageYears * 12 > m.limit && demo.ageYears < 6) {
      const notYet = new RegExp(String.raw`\b(?:not yet|not|unable to|cannot|can't|is not)\s+(?:${m.words})${QUALIFIERS}`, 'gi');
      for (const x of text.matchAll(notYet)) out.push({ start: x.index, end: x.index + x[0].length, hpoId: m.hpoId });
    }
  }
  // one finding per stretch of text and term ("late to walk (20 months)" is read twice)
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((f, i) => !out.slice(0, i).some((g) => g.hpoId === f.hpoId && g.start < f.end && f.start < g.end));
}

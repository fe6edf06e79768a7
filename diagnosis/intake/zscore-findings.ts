import type { ConceptDictionary } from './concept-dictionary.js';
import { NUMBER, PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * Z-scores of a measured structure ("aortic root 4.1 cm at the sinuses (Z-score +2.9)", "LV mass Z = +3.1") and of
 * bone density ("DEXA lumbar spine Z-score of −2.6"): at +2 or more the structure is enlarged, at −2 or less it is
 * small or, for bone density, low (ISCD: a Z-score at or below −2.0 is "below the expected range for age"). The
 * structure is the run of words nearest before the score in its sentence; the finding is the dictionary's name for
 * "dilated" / "enlarged" / "increased" (or "small" / "decreased") with those words, in any order (the word-set index):
 * "dilated aortic root" is Aortic root aneurysm. Nothing is added when those words are already a finding.
 */
export interface ZScoreFinding {
  first: number;
  last: number;
  term: number;
}

const REDUCED_BONE_DENSITY = 'HP:0004349';
const BONE_DENSITY_CUES = new Set(['dexa', 'dxa', 'bmd', 'densitometry', 'density']);
const HIGH_WORDS = ['dilated', 'enlarged', 'increased'];
const LOW_WORDS = ['small', 'decreased', 'hypoplastic'];
const SKIP = new Set(['the', 'a', 'an', 'at', 'of', 'in', 'on', 'with', 'was', 'is', 'were', 'are', 'measured', 'measuring', 'showed', 'and', 'score']);
const MAX_BACK = 14;

/** The Z value at token k ("z" "-" "score" ["of" | "=" | ":"] [sign] number), and the token after it. */
function zValueAt(tokens: readonly Token[], k: number): { z: number; end: number } | undefined {
  const t = tokens[k]!;
  if (t.kind !== WORD || t.lower !== 'z') return undefined;
  let j = k + 1;
  if (tokens[j]?.lower === 'score' || tokens[j]?.lower === 'scores') j += 1;
  while (j < tokens.length && (tokens[j]!.lower === 'of' || tokens[j]!.lower === '=' || tokens[j]!.lower === ':')) j += 1;
  let sign = 1;
  const s = tokens[j];
  if (s?.kind === PUNCT && (s.lower === '+' || s.lower === '-' || s.lower === '−' || s.lower === '–')) {
    sign = s.lower === '+' ? 1 : -1;
    j += 1;
  }
  const n = tokens[j];
  if (!n || n.kind !== NUMBER) return undefined;
  return { z: sign * Number(n.lower), end: j + 1 };
}

export function zScoreFindings(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], sentence: Int32Array, taken: Uint8Array): ZScoreFinding[] {
  const out: ZScoreFinding[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    const v = zValueAt(tokens, k);
    if (!v || Math.abs(v.z) < 2) continue;
    // Bone density: a cue anywhere earlier in the sentence.
    let bone = false;
    for (let b = k - 1; b >= 0 && sentence[b] === sentence[k]; b -= 1) if (BONE_DENSITY_CUES.has(tokens[b]!.lower) || (tokens[b]!.lower === 'bone' && tokens[b + 1]?.lower === 'mineral')) bone = true;
    if (bone) {
      const term = dict.termIndex(REDUCED_BONE_DENSITY);
      if (term !== undefined && v.z <= -2) out.push({ first: k, last: v.end, term });
      continue;
    }
    // The nearest runs of free words before the score (two at most): the structure.
    let e = k - 1;
    let done = false;
    for (let run = 0; run < 2 && !done; run += 1) {
      while (e >= 0 && sentence[e] === sentence[k] && k - e < MAX_BACK && (tokens[e]!.kind !== WORD || SKIP.has(tokens[e]!.lower) || /^(cm|mm|m|g|ml)$/.test(tokens[e]!.lower))) e -= 1;
      if (e < 0 || sentence[e] !== sentence[k] || k - e >= MAX_BACK || tokens[e]!.kind !== WORD) break;
      if (taken[e]) break; // the structure is already a finding
      let s = e;
      while (s > 0 && e - s < 3 && tokens[s - 1]!.kind === WORD && !taken[s - 1] && !SKIP.has(tokens[s - 1]!.lower) && sentence[s - 1] === sentence[k]) s -= 1;
      // Longest run first, then its tail ("left ventricular mass", "ventricular mass").
      for (let a = s; a <= e && !done; a += 1) {
        const structure = keys.slice(a, e + 1).map((x) => dict.setKey(x));
        for (const w of v.z > 0 ? HIGH_WORDS : LOW_WORDS) {
          const entry = dict.wordSets.lookup([dict.setKey(dict.key(w)), ...structure])?.find((x) => !x.entry.capitals)?.entry;
          if (entry) {
            out.push({ first: a, last: v.end, term: entry.term });
            done = true;
            break;
          }
        }
      }
      e = s - 1;
    }
  }
  return out;
}

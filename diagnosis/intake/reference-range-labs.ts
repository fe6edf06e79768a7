import type { ConceptDictionary } from './concept-dictionary.js';
import { NUMBER, PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * Laboratory values quoted with their own reference range, as reports write them: "factor XI 38 IU/dL (reference
 * 60-150)", "renin 9.8 ng/mL/h (normal 0.5-3.3)", "ammonia 210 µmol/L (ref < 50)". A value below the range is the
 * decreased analyte, above it the increased one; the HPO term is the dictionary's name of "decreased / reduced /
 * low" or "increased / elevated / high" with the analyte's words, and optionally "circulating", "concentration",
 * "activity" or "level" (the word-set index, any order): "Reduced factor XI activity", "Increased circulating renin
 * concentration". An analyte with no such term gives nothing. The range written in the text is the laboratory's and
 * the patient's, so no table of limits is needed (lab-measurements.ts has fixed adult limits for the common analytes
 * written without one).
 */
export interface RangeLabFinding {
  first: number;
  last: number;
  term: number;
}

const REFERENCE_WORDS = new Set(['reference', 'ref', 'normal', 'range', 'nr', 'rr', 'n', 'normals', 'ri']);
const FILLER = new Set(['was', 'were', 'is', 'of', 'at', 'level', 'levels', 'activity', 'concentration', 'value', 'measured', 'serum', 'plasma', 'blood']);
const LOW = ['decreased', 'reduced', 'low'];
const HIGH = ['increased', 'elevated', 'high'];
const PADDING: readonly string[][] = [[], ['activity'], ['circulating', 'concentration'], ['circulating', 'activity'], ['circulating', 'level'], ['level'], ['concentration'], ['circulating']];
const isDash = (t: Token | undefined) => !!t && t.kind === PUNCT && (t.lower === '-' || t.lower === '–' || t.lower === '—');

/** The range at tokens[k] = "(": [low, high] (either may be open) and the index after ")". */
function rangeAt(tokens: readonly Token[], k: number): { lo: number; hi: number; end: number } | undefined {
  if (tokens[k]?.lower !== '(') return undefined;
  let j = k + 1;
  while (j < tokens.length && tokens[j]!.kind === WORD && REFERENCE_WORDS.has(tokens[j]!.lower)) j += 1;
  if (tokens[j]?.lower === ':') j += 1;
  let lo = -Infinity;
  let hi = Infinity;
  const t = tokens[j];
  if (t?.kind === PUNCT && (t.lower === '<' || t.lower === '≤')) {
    if (tokens[j + 1]?.kind !== NUMBER) return undefined;
    hi = Number(tokens[j + 1]!.lower.replace(/,/g, ''));
    j += 2;
  } else if (t?.kind === PUNCT && (t.lower === '>' || t.lower === '≥')) {
    if (tokens[j + 1]?.kind !== NUMBER) return undefined;
    lo = Number(tokens[j + 1]!.lower.replace(/,/g, ''));
    j += 2;
  } else if (t?.kind === NUMBER) {
    lo = Number(t.lower.replace(/,/g, ''));
    let n = j + 1;
    if (isDash(tokens[n]) || tokens[n]?.lower === 'to') n += 1;
    else if (!(tokens[n]?.kind === NUMBER && tokens[n]!.glued)) return undefined;
    if (tokens[n]?.kind !== NUMBER) return undefined;
    hi = Number(tokens[n]!.lower.replace(/,/g, ''));
    j = n + 1;
  } else return undefined;
  // units may follow before ")"
  let guard = 0;
  while (j < tokens.length && tokens[j]!.lower !== ')' && guard < 6) {
    j += 1;
    guard += 1;
  }
  return tokens[j]?.lower === ')' ? { lo, hi, end: j + 1 } : undefined;
}

export function referenceRangeFindings(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], sentence: Int32Array, taken: Uint8Array): RangeLabFinding[] {
  const out: RangeLabFinding[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    if (tokens[k]!.lower !== '(') continue;
    const range = rangeAt(tokens, k);
    if (!range) continue;
    // The value: the nearest number before "(" past its unit (at most five unit tokens).
    let v = k - 1;
    while (v >= 0 && k - v <= 6 && tokens[v]!.kind !== NUMBER && sentence[v] === sentence[k]) v -= 1;
    if (v < 0 || tokens[v]!.kind !== NUMBER || sentence[v] !== sentence[k]) continue;
    const value = Number(tokens[v]!.lower.replace(/,/g, ''));
    const direction = value < range.lo ? LOW : value > range.hi ? HIGH : undefined;
    if (!direction) continue;
    // The analyte: up to three free words before the value, past filler ("factor XI level was 38").
    let e = v - 1;
    while (e >= 0 && sentence[e] === sentence[k] && ((tokens[e]!.kind === WORD && FILLER.has(tokens[e]!.lower)) || (tokens[e]!.kind === PUNCT && (tokens[e]!.lower === ':' || tokens[e]!.lower === '=')))) e -= 1;
    if (e < 0 || tokens[e]!.kind !== WORD || taken[e] || sentence[e] !== sentence[k]) continue;
    let s = e;
    while (s > 0 && e - s < 2 && tokens[s - 1]!.kind === WORD && !taken[s - 1] && !FILLER.has(tokens[s - 1]!.lower) && sentence[s - 1] === sentence[k]) s -= 1;
    let found: number | undefined;
    let first = s;
    for (let a = s; a <= e && found === undefined; a += 1) {
      const analyte = keys.slice(a, e + 1).map((x) => dict.setKey(x));
      for (const d of direction) {
        for (const pad of PADDING) {
          const hit = dict.wordSets.lookup([d, ...pad].map((w) => dict.setKey(dict.key(w))).concat(analyte))?.find((x) => !x.entry.capitals);
          if (hit) {
            found = hit.entry.term;
            first = a;
            break;
          }
        }
        if (found !== undefined) break;
      }
    }
    if (found !== undefined) out.push({ first, last: range.end, term: found });
  }
  return out;
}

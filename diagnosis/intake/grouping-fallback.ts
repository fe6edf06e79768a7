import type { NormalStatementIndex } from './normal-statements.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * The nearest correct ancestor when only part of a phrase is a name: an abnormality word with the organ or structure
 * it is in ("T2 hyperintensities in the basal ganglia", "cystic lesions of the liver", "a pancreatic lesion") whose
 * whole phrase names no term gives the organ's grouping term (Abnormality of the basal ganglia, of the liver, of the
 * pancreas), found through the index of "Abnormality of X" / "Abnormal X morphology" names that normal statements use.
 * A less specific true finding beats a miss; nothing is added where a name already covers the words.
 */
export interface GroupingFinding {
  first: number;
  last: number;
  term: number;
}

/** Words of imaging and pathology for "something is there" ("abnormality of X" is a derived name already; "mass" is as often a quantity). */
const LESION_WORDS = new Set(['lesion', 'lesions', 'hyperintensity', 'hyperintensities', 'hypointensity', 'hypointensities', 'nodule', 'nodules']);
const LINKS = new Set(['in', 'of', 'within', 'involving', 'affecting', 'at']);
const SKIP = new Set(['the', 'both', 'left', 'right', 'bilateral']);
const MAX_PHRASE = 4;

export function groupingFallback(index: NormalStatementIndex, tokens: readonly Token[], keys: readonly string[], sentence: Int32Array, taken: Uint8Array): GroupingFinding[] {
  const out: GroupingFinding[] = [];
  const free = (k: number, s: number) => k >= 0 && k < tokens.length && !taken[k] && tokens[k]!.kind === WORD && sentence[k] === s;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind !== WORD || taken[i] || !LESION_WORDS.has(t.lower)) continue;
    const s = sentence[i]!;
    let found: GroupingFinding | undefined;
    // "<lesion> in the X": the longest X after the link
    let j = i + 1;
    if (tokens[j]?.kind === WORD && LINKS.has(tokens[j]!.lower)) {
      j += 1;
      while (tokens[j]?.kind === WORD && SKIP.has(tokens[j]!.lower)) j += 1;
      for (let e = Math.min(tokens.length, j + MAX_PHRASE); e > j && !found; e -= 1) {
        let ok = true;
        for (let k = j; k < e && ok; k += 1) ok = free(k, s);
        if (!ok || (tokens[e]?.kind === WORD && !LINKS.has(tokens[e]!.lower) && tokens[e]!.lower !== 'and')) continue;
        const term = index.phrase(keys, j, e);
        if (term !== undefined) found = { first: i, last: e, term };
      }
    }
    // "X <lesion>": the longest X before it (adjectives of the organ: "pancreatic lesion", "basal ganglia signal")
    for (let b = Math.max(0, i - MAX_PHRASE); b < i && !found; b += 1) {
      let ok = true;
      for (let k = b; k < i && ok; k += 1) ok = free(k, s);
      if (!ok) continue;
      const term = index.phrase(keys, b, i);
      if (term !== undefined) found = { first: b, last: i + 1, term };
    }
    if (found && !(tokens[found.last]?.kind === PUNCT && tokens[found.last]!.lower === '-')) {
      out.push(found);
      for (let k = found.first; k < found.last; k += 1) taken[k] = 1;
    }
  }
  return out;
}

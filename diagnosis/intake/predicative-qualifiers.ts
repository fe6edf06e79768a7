import type { ConceptDictionary, DictionaryEntry } from './concept-dictionary.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * HPO names put the qualifier first ("Elevated creatine kinase", "Enlarged kidney", "Low-set ears"); text often
 * puts it after a verb: "creatine kinase was elevated", "both kidneys were enlarged", "ears: low-set". For each
 * qualifier after "was / were / is / are / appeared ..." or a colon, the words before are tried with the qualifier
 * moved to the front, longest first.
 */
export const QUALIFIERS = new Set([
  'elevated', 'increased', 'raised', 'high', 'decreased', 'reduced', 'low', 'enlarged', 'small', 'short', 'long', 'absent',
  'hypoplastic', 'dilated', 'thickened', 'thin', 'broad', 'wide', 'narrow', 'large', 'prominent', 'flat', 'flattened', 'deep',
  'shallow', 'sparse', 'coarse', 'bifid', 'webbed', 'tapered', 'hyperextensible', 'lax', 'stiff', 'delayed', 'abnormal',
  'irregular', 'dysplastic', 'atrophic', 'hypertrophic', 'underdeveloped', 'malformed', 'asymmetric', 'hypopigmented',
  'hyperpigmented', 'impaired', 'poor', 'brittle', 'fused', 'upslanting', 'downslanting', 'widely', 'protruding',
]);
const COPULAS = new Set(['was', 'were', 'is', 'are', 'appeared', 'appear', 'appears', 'seemed', 'seems', 'became', 'become', 'remained', 'remains', 'found', 'noted', 'to', 'be', 'been']);
const ADVERBS = new Set(['markedly', 'mildly', 'slightly', 'moderately', 'severely', 'significantly', 'persistently', 'highly', 'very', 'extremely', 'bilaterally', 'both', 'also', 'somewhat', 'relatively', 'clearly', 'grossly', 'abnormally', 'diffusely', 'consistently']);
const MAX_SUBJECT = 5;
const DETERMINERS = new Set(['the', 'a', 'an', 'both', 'his', 'her', 'their', 'its']);

export interface QualifiedMatch {
  first: number;
  last: number;
  entry: DictionaryEntry;
  length: number;
}

export function predicativeMatches(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], sentence: Int32Array, taken: Uint8Array): QualifiedMatch[] {
  const out: QualifiedMatch[] = [];
  for (let q = 1; q < tokens.length; q += 1) {
    const t = tokens[q]!;
    if (t.kind !== WORD || taken[q] || !QUALIFIERS.has(t.lower)) continue;
    // The qualifier with its hyphenated tail ("low-set") is one unit.
    let qEnd = q + 1;
    while (qEnd < tokens.length && tokens[qEnd]!.glued) qEnd += 1;
    let e = q;
    let linked = false;
    while (e > 0 && sentence[e - 1] === sentence[q]) {
      const w = tokens[e - 1]!;
      if (w.kind === WORD && COPULAS.has(w.lower)) linked = true;
      else if (w.kind === PUNCT && w.lower === ':') linked = true;
      else if (!(w.kind === WORD && ADVERBS.has(w.lower))) break;
      e -= 1;
    }
    if (!linked || e === q) continue;
    const qualifier = keys.slice(q, qEnd);
    const joined = qEnd - q > 1 ? [dict.key(tokens.slice(q, qEnd).map((x) => x.lower).join(''))] : undefined;
    for (let s = Math.max(0, e - MAX_SUBJECT); s < e; s += 1) {
      let free = true;
      for (let k = s; k < e && free; k += 1) free = !taken[k] && tokens[k]!.kind === WORD && sentence[k] === sentence[q];
      if (!free || tokens[s]!.glued || DETERMINERS.has(tokens[s]!.lower)) continue;
      const subject = keys.slice(s, e).filter((_, i) => !DETERMINERS.has(tokens[s + i]!.lower));
      if (subject.length === 0) continue;
      const entries = dict.lookup([...qualifier, ...subject]) ?? (joined ? dict.lookup([...joined, ...subject]) : undefined);
      const entry = entries?.find((x) => !x.capitals && !x.literal);
      if (entry) {
        out.push({ first: s, last: qEnd, entry, length: subject.length + 1 });
        for (let k = s; k < qEnd; k += 1) taken[k] = 1;
        break;
      }
    }
  }
  return out;
}

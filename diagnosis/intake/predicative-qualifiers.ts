import type { ConceptDictionary, DictionaryEntry } from './concept-dictionary.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * HPO names put the qualifier first ("Elevated creatine kinase", "Enlarged kidney", "Low-set ears"); text often puts
 * it after a verb: "creatine kinase was elevated", "both kidneys were enlarged", "ears: low-set", "the palate is high
 * and narrow", "his joints are not hypermobile". After a copula ("was", "are", "appeared", ...) or a colon, and any
 * adverbs, each qualifier of a list ("high and narrow", "low-set, posteriorly rotated") is joined to the words before
 * the copula, in the name's order (the trie) or any order (the word-set index), longest subject first; the whole list
 * with the subject is tried first, as a name may hold several qualifiers ("High, narrow palate"). A negation between
 * the copula and the list ("are not hypermobile") marks the findings negated: the word is inside their span, where
 * ConText cannot see it.
 */
const COPULAS = new Set(['was', 'were', 'is', 'are', 'appeared', 'appear', 'appears', 'seemed', 'seems', 'looked', 'looks', 'look', 'became', 'become', 'becomes', 'remained', 'remains', 'found', 'noted', 'to', 'be', 'been', 'felt', 'feels']);
const ADVERBS = new Set(['markedly', 'mildly', 'slightly', 'moderately', 'severely', 'significantly', 'persistently', 'highly', 'very', 'extremely', 'bilaterally', 'both', 'also', 'somewhat', 'relatively', 'clearly', 'grossly', 'abnormally', 'diffusely', 'consistently', 'quite', 'rather', 'strikingly', 'unusually', 'particularly', 'noticeably', 'obviously', 'still', 'now', 'all', 'completely', 'totally', 'entirely', 'partially', 'largely', 'almost']);
const NEGATIONS = new Set(['not', 'never']);
const DETERMINERS = new Set(['the', 'a', 'an', 'both', 'his', 'her', 'their', 'its', 'all', 'my', 'our', 'your', 'these', 'those']);
/** Words that end a qualifier list or cannot be part of a qualifier. */
const LIST_BREAKERS = new Set(['but', 'with', 'without', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'since', 'which', 'who', 'and', 'or', 'nor', 'as', 'than', 'that', 'when', 'while', 'although', 'because', 'though', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'not', 'no']);
const MAX_SUBJECT = 5;
const MAX_QUALIFIER = 3;
const MAX_QUALIFIERS = 4;

export interface QualifiedMatch {
  first: number;
  last: number;
  entry: DictionaryEntry;
  length: number;
  /** a negation stood between the verb and the qualifier ("the skin is not hyperextensible") */
  negated: boolean;
}

const usable = (entries: readonly DictionaryEntry[] | undefined) => entries?.find((x) => !x.capitals && !x.literal);

/** Qualifier phrases after position q: [first, last) token ranges of up to MAX_QUALIFIER words, split by "and", "or", ",". */
function qualifierList(tokens: readonly Token[], sentence: Int32Array, q: number): [number, number][] {
  const out: [number, number][] = [];
  let k = q;
  while (out.length < MAX_QUALIFIERS && k < tokens.length && sentence[k] === sentence[q]) {
    let e = k;
    let words = 0;
    while (e < tokens.length && sentence[e] === sentence[q] && words < MAX_QUALIFIER) {
      const t = tokens[e]!;
      if (t.kind !== WORD || (!t.glued && LIST_BREAKERS.has(t.lower))) break;
      if (!t.glued) words += 1;
      e += 1;
      while (e < tokens.length && tokens[e]!.glued) e += 1;
    }
    if (e === k) break;
    out.push([k, e]);
    // ", and" / "and" / "," to the next qualifier
    let n = e;
    while (n < tokens.length && ((tokens[n]!.kind === PUNCT && tokens[n]!.lower === ',') || (tokens[n]!.kind === WORD && (tokens[n]!.lower === 'and' || tokens[n]!.lower === 'or')))) n += 1;
    if (n === e) break;
    while (n < tokens.length && tokens[n]!.kind === WORD && ADVERBS.has(tokens[n]!.lower)) n += 1;
    k = n;
  }
  return out;
}

export function predicativeMatches(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], sentence: Int32Array, taken: Uint8Array): QualifiedMatch[] {
  const out: QualifiedMatch[] = [];
  const setKeys = (from: number, to: number) => {
    const ks: string[] = [];
    for (let k = from; k < to; k += 1) {
      const t = tokens[k]!;
      if (t.kind === WORD && DETERMINERS.has(t.lower)) continue;
      if (t.kind !== PUNCT) ks.push(dict.setKey(keys[k]!));
    }
    return ks;
  };
  for (let c = 1; c < tokens.length; c += 1) {
    const v = tokens[c]!;
    const colon = v.kind === PUNCT && v.lower === ':';
    if (!colon && !(v.kind === WORD && COPULAS.has(v.lower) && !v.glued)) continue;
    // a subject must stand right before the copula: a free word of some name (quick test before any lookup)
    const before = tokens[c - 1]!;
    if (taken[c - 1] || before.kind !== WORD || sentence[c - 1] !== sentence[c] || (dict.setUnit(keys[c - 1]!) < 0 && !ADVERBS.has(before.lower))) continue;
    // The copula chain ("was found to be") and the adverbs or negation after it.
    let q = c + 1;
    let negated = false;
    while (q < tokens.length && sentence[q] === sentence[c] && tokens[q]!.kind === WORD) {
      const w = tokens[q]!.lower;
      if (COPULAS.has(w) || ADVERBS.has(w)) q += 1;
      else if (NEGATIONS.has(w)) {
        negated = true;
        q += 1;
      } else break;
    }
    if (q >= tokens.length || sentence[q] !== sentence[c] || taken[q] || tokens[q]!.kind !== WORD) continue;
    // the qualifier must be a word of some name (quick test before the list and its lookups)
    if (dict.setUnit(keys[q]!) < 0 && !tokens[q + 1]?.glued) continue;
    // The subject: free words right before the copula (determiners aside).
    let e = c;
    while (e > 0 && tokens[e - 1]!.kind === WORD && ADVERBS.has(tokens[e - 1]!.lower) && sentence[e - 1] === sentence[c]) e -= 1;
    if (e === 0) continue;
    const quals = qualifierList(tokens, sentence, q).filter(([a, b]) => {
      for (let k = a; k < b; k += 1) if (taken[k]) return false;
      return true;
    });
    if (quals.length === 0) continue;
    const last = quals[quals.length - 1]![1];
    let done = false;
    // the subject's words must all be words of some name (or determiners)
    let smin = e;
    while (smin > 0 && e - smin < MAX_SUBJECT && tokens[smin - 1]!.kind === WORD && !taken[smin - 1] && sentence[smin - 1] === sentence[c] && (DETERMINERS.has(tokens[smin - 1]!.lower) || dict.setUnit(keys[smin - 1]!) >= 0)) smin -= 1;
    for (let s = smin; s < e && !done; s += 1) {
      let free = true;
      for (let k = s; k < e && free; k += 1) free = !taken[k] && tokens[k]!.kind === WORD && sentence[k] === sentence[c];
      if (!free || tokens[s]!.glued || DETERMINERS.has(tokens[s]!.lower)) continue;
      const subject: string[] = [];
      for (let k = s; k < e; k += 1) if (!DETERMINERS.has(tokens[k]!.lower)) subject.push(keys[k]!);
      if (subject.length === 0) continue;
      const subjectSet = setKeys(s, e);
      const found: QualifiedMatch[] = [];
      // The whole list at once ("high and narrow" → High, narrow palate), then each qualifier.
      if (quals.length > 1) {
        const all = quals.flatMap(([a, b]) => setKeys(a, b));
        const entry = usable(dict.wordSets.lookup([...all, ...subjectSet])?.map((x) => x.entry));
        if (entry) found.push({ first: s, last, entry, length: subject.length + all.length, negated });
      }
      for (const [a, b] of quals) {
        const qualifier = keys.slice(a, b);
        const joined = b - a > 1 ? [dict.key(tokens.slice(a, b).map((x) => x.lower).join(''))] : undefined;
        const entry =
          usable(dict.lookup([...qualifier, ...subject])) ??
          (joined ? usable(dict.lookup([...joined, ...subject])) : undefined) ??
          usable(dict.wordSets.lookup([...setKeys(a, b), ...subjectSet])?.map((x) => x.entry));
        if (entry && !found.some((f) => f.entry.term === entry.term)) found.push({ first: s, last: b, entry, length: subject.length + qualifier.length, negated });
      }
      if (found.length === 0) continue;
      out.push(...found);
      for (const f of found) for (let k = f.first; k < f.last; k += 1) taken[k] = 1;
      done = true;
    }
  }
  return out;
}

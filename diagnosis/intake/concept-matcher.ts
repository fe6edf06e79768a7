import { LAB_PADDING, SKIPPABLE, type ConceptDictionary, type DictionaryEntry, type TrieNode } from './concept-dictionary.js';
import { NUMBER, PUNCT, WORD, type Token } from './text-tokens.js';
import { RELATIONAL_ADJECTIVES } from './word-equivalents.js';

/** A dictionary name found in the text: tokens [first, last) and the entry it matched. */
export interface Candidate {
  first: number;
  last: number;
  entry: DictionaryEntry;
  /** the text's words are the name's words (only case differs): no stemming or spelling rewrite was needed */
  exact: boolean;
  /** tokens of the name actually matched (skipped determiners not counted) */
  length: number;
}

/**
 * Words that may follow a hyphen right after a finding without making it another concept ("seizure-free",
 * "autism-like", "age-related"); any other glued word means the match would end inside a compound.
 */
const COMPOUND_SUFFIXES = new Set(['free', 'like', 'related', 'associated', 'induced', 'dependent', 'type', 'onset', 'positive', 'negative', 'predominant']);

/** Prefixes that text sometimes writes as a separate word. */
const SEPARABLE_PREFIXES = new Set(['down', 'up', 'over', 'under', 'hyper', 'hypo', 'pre', 'post', 'mid', 'micro', 'macro', 'mega', 'out', 'super', 'sub', 'intra', 'inter', 'peri', 'para']);
const CONJUNCTIONS = new Set(['and', 'or', 'nor', 'but', 'with']);

/** The match keys of tokens: normalised words, punctuation as it is. */
export const tokenKeys = (dict: ConceptDictionary, tokens: readonly Token[]): string[] => tokens.map((t) => (t.kind === PUNCT ? t.lower : dict.key(t.lower)));

/**
 * Words that are never a finding on their own, whatever a name reduces to after stemming or joining ("in-toeing"
 * → "into").
 */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'in', 'into', 'on', 'onto', 'at', 'to', 'of', 'for', 'by', 'with', 'from', 'as', 'is', 'are', 'was', 'were', 'be',
  'been', 'it', 'its', 'this', 'that', 'these', 'those', 'and', 'or', 'but', 'not', 'no', 'all', 'any', 'some', 'can', 'may', 'will',
  'has', 'have', 'had', 'do', 'does', 'did', 'so', 'such', 'than', 'then', 'there', 'their', 'they', 'we', 'our', 'you', 'he', 'she',
  'his', 'her', 'him', 'them', 'who', 'which', 'what', 'when', 'where', 'how', 'also', 'only', 'very', 'more', 'most', 'other', 'over',
  'under', 'up', 'down', 'out', 'off', 'per', 'via', 'case', 'cases', 'patient', 'patients', 'report', 'reported', 'study', 'one', 'two',
]);

/**
 * Every dictionary match over the tokens, longest and shortest alike (overlaps are resolved afterwards). At each
 * word the trie is walked token by token; determiners inside a name may be left out or added ("abnormality of
 * kidney"), and a hyphenated or letter-digit group may match as its parts or as one joined word.
 */
export function findCandidates(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], text: string): Candidate[] {
  const n = tokens.length;
  // Per token, once: laboratory padding that may be skipped from it, and a prefix written apart from its word.
  const padding = new Uint8Array(n);
  const separable = new Uint8Array(n);
  // ... and, at the head of a hyphenated group, whether a part of it has another spelling in the dictionary.
  const respelledGroup = new Uint8Array(n);
  let groupHead = -1;
  for (let j = 0; j < n; j += 1) {
    const t = tokens[j]!;
    if (!t.glued) groupHead = j;
    if (t.kind !== WORD) continue;
    if ((t.glued || tokens[j + 1]?.glued) && dict.normaliser.spelling(t.lower) !== t.lower) respelledGroup[groupHead] = 1;
    if (PADDING_WORDS.has(t.lower)) padding[j] = labPadding(tokens, j);
    if (t.glued || j + 1 >= n || !SEPARABLE_PREFIXES.has(t.lower)) continue;
    const u = tokens[j + 1]!;
    separable[j] = u.kind === WORD && !u.glued && u.start === t.end + 1 && u.lower.length >= 3 && !FUNCTION_WORDS.has(u.lower) && !(j + 2 < n && tokens[j + 2]!.glued) ? 1 : 0;
  }
  const out: Candidate[] = [];
  // Word tokens of the current path (for the exactness test), as indexes.
  const path: number[] = [];

  const groupEnd = (j: number) => {
    let g = j + 1;
    while (g < n && tokens[g]!.glued) g += 1;
    return g;
  };

  const emit = (node: TrieNode, first: number, end: number) => {
    if (!node.entries) return;
    const next = tokens[end];
    if (next?.glued && !(next.kind === WORD && COMPOUND_SUFFIXES.has(next.lower))) return;
    let words = '';
    for (const k of path) if (tokens[k]!.kind !== PUNCT) words += words ? ` ${tokens[k]!.lower}` : tokens[k]!.lower;
    if (path.length === 1 && FUNCTION_WORDS.has(tokens[path[0]!]!.lower)) return;
    // An adjective read as its noun ("hypotonic" → hypotonia) names the finding only when it stands alone ("she
    // was hypotonic", "hypotonic and dysmorphic"), not when it qualifies the noun after it ("hydrophobic core").
    if (path.length === 1 && dict.normaliser.isDerived(tokens[path[0]!]!.lower) && next?.kind === WORD && !CONJUNCTIONS.has(next.lower)) return;
    // A relational adjective read as its organ ("mandibular" for mandible, "cutaneous" for skin) cannot end a name
    // when a word it qualifies follows: "hyperplasia of the mandibular coronoid processes", "soft cutaneous
    // neurofibromas" (not soft skin).
    const lastWord = tokens[end - 1]!;
    const dangling = path.length > 1 && next?.kind === WORD && !CLAUSE_WORDS.has(next.lower) && RELATIONAL_ADJECTIVES[lastWord.lower] !== undefined;
    // a short code with a digit ("S3", "T2") after a figure or table word is the figure's label
    const shortCode = tokens[end - 1]!.end - tokens[first]!.start <= 4 && tokens.slice(first, end).some((x) => x.kind === NUMBER);
    for (const entry of node.entries) {
      if (dangling && !entry.words.some((w) => w.endsWith(` ${lastWord.lower}`) || w === lastWord.lower)) continue;
      if (entry.capitals && !hasCapitals(text, tokens[first]!.start, tokens[end - 1]!.end)) continue;
      if (shortCode && figureReference(tokens, first)) continue;
      const exact = entry.words.includes(words);
      if (entry.literal && !exact && !entry.words.some((w) => words === `${w}s` || words === `${w}es`)) continue;
      out.push({ first, last: end, entry, exact, length: path.length });
    }
  };

  const consume = (node: TrieNode, j: number, first: number) => {
    const t = tokens[j]!;
    const child = node.next!.get(keys[j]!);
    if (child) {
      path.push(j);
      step(child, j + 1, first);
      path.pop();
    }
    // A prefix written apart from its word ("down turned mouth" ~ "downturned", "micro cephaly").
    if (separable[j]) {
      const c3 = node.next!.get(dict.key(t.lower + tokens[j + 1]!.lower));
      if (c3) {
        path.push(j, j + 1);
        step(c3, j + 2, first);
        path.length -= 2;
      }
    }
    // A glued group as one word ("pre-auricular" ~ "preauricular").
    if (!t.glued && j + 1 < n && tokens[j + 1]!.glued) {
      const g = groupEnd(j);
      let joined = '';
      for (let k = j; k < g; k += 1) joined += tokens[k]!.lower;
      const c2 = node.next!.get(dict.key(joined));
      // Each part in the dictionary's spelling too ("gastro-oesophageal" ~ "gastroesophageal"), also when the joined
      // form as written is itself a key of some other name.
      let c3: TrieNode | undefined;
      if (respelledGroup[j]) {
        let respelled = '';
        for (let k = j; k < g; k += 1) respelled += tokens[k]!.kind === WORD ? dict.normaliser.spelling(tokens[k]!.lower) : tokens[k]!.lower;
        c3 = node.next!.get(dict.key(respelled));
      }
      for (const c of c3 && c3 !== c2 ? [c2, c3] : [c2]) {
        if (!c) continue;
        for (let k = j; k < g; k += 1) path.push(k);
        step(c, g, first);
        path.length -= g - j;
      }
    }
  };

  const step = (node: TrieNode, j: number, first: number) => {
    emit(node, first, j);
    if (!node.next || j >= n) return;
    const t = tokens[j]!;
    if (t.kind === WORD && SKIPPABLE.has(t.lower) && j + 1 < n) {
      // "the" may be left out of the name; the name must go on after it.
      consume(node, j + 1, first);
    }
    if (t.kind === WORD && j > first) {
      // Inside a name, laboratory padding may be left out: "increased serum IgG", "elevated levels of CK".
      const skip = padding[j]!;
      if (skip > 0 && j + skip < n) consume(node, j + skip, first);
    }
    consume(node, j, first);
  };

  for (let i = 0; i < n; i += 1) {
    const t = tokens[i]!;
    if (t.kind === PUNCT || t.glued || (t.kind === WORD && SKIPPABLE.has(t.lower) && t.lower !== 'a')) continue;
    if (!dict.root.next?.has(keys[i]!) && !(i + 1 < n && tokens[i + 1]!.glued) && !separable[i]) continue;
    consume(dict.root, i, i);
  }
  return out;
}

const MEASURES = new Set(['level', 'levels', 'concentration', 'concentrations', 'value', 'values', 'activity']);
const PADDING_WORDS = new Set([...LAB_PADDING, 'blood', ...MEASURES]);

/**
 * Tokens of laboratory padding starting at j that a name may go on after: "serum", "plasma", "circulating", "blood"
 * before the analyte, and "level(s) of", "concentration(s) of", "value(s) of", "activity of"; 0 if none.
 */
function labPadding(tokens: readonly Token[], j: number): number {
  const w = tokens[j]!.lower;
  if (LAB_PADDING.has(w) || w === 'blood') return 1 + (tokens[j + 1]?.kind === WORD && MEASURES.has(tokens[j + 1]!.lower) && tokens[j + 2]?.lower === 'of' ? 2 : 0);
  if (MEASURES.has(w) && tokens[j + 1]?.lower === 'of') return 2 + (tokens[j + 2] && LAB_PADDING.has(tokens[j + 2]!.lower) ? 1 : 0);
  return 0;
}

/** At least two capital letters, or all capitals for a one-letter abbreviation. */
function hasCapitals(text: string, start: number, end: number): boolean {
  let caps = 0;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) caps += 1;
  }
  return caps >= 2 || (caps === 1 && end - start === 1);
}

/** Words that may follow a relational adjective ending a name without the adjective qualifying them. */
const CLAUSE_WORDS = new Set([...CONJUNCTIONS, 'nor', 'was', 'were', 'is', 'are', 'without', 'in', 'on', 'at', 'of', 'to', 'for', 'which', 'that', 'as', 'since', 'from', 'by', 'who', 'whose']);

/**
 * Names found through their content-word sets (word-set-index.ts): word-order variants such as "dilatation of the
 * aortic root" or "brachydactyly type C". As for the trie, a span may not end on a relational adjective that
 * qualifies the next word ("hypoplasia of the mandibular condyle" is not mandibular hypoplasia).
 */
export function findReorderedCandidates(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], inOrder: readonly Candidate[] = []): Candidate[] {
  // a span and term the trie found already (the text in the name's order) needs no second candidate
  const known = new Set<number>();
  for (const c of inOrder) known.add((c.first * 4096 + (c.last - c.first)) * 65536 + c.entry.term);
  const unitKey = (first: number, end: number) => {
    if (end === first + 1) return tokens[first]!.kind === WORD ? dict.setUnit(keys[first]!) : dict.wordSets.unit(keys[first]!);
    let joined = '';
    for (let k = first; k < end; k += 1) joined += tokens[k]!.lower;
    return dict.setUnit(dict.key(joined));
  };
  const out: Candidate[] = [];
  for (const h of dict.wordSets.find(tokens, unitKey)) {
    const next = tokens[h.last];
    if (known.has((h.first * 4096 + (h.last - h.first)) * 65536 + h.entry.term)) continue;
    if (next?.kind === WORD && !CLAUSE_WORDS.has(next.lower) && RELATIONAL_ADJECTIVES[tokens[h.last - 1]!.lower] !== undefined) continue;
    out.push({ first: h.first, last: h.last, entry: h.entry, exact: false, length: h.nameTokens });
  }
  return out;
}

/** Words naming a figure or table, after which a short capitalised code is a label ("Figs S3 and S4", "Table S2"). */
const FIGURE_WORDS = new Set(['figure', 'figures', 'fig', 'figs', 'table', 'tables', 'appendix', 'supplementary', 'supplemental', 'file', 'files', 'panel', 'panels', 'movie', 'video', 'dataset']);

/** True when the code at token `first` follows a figure or table word, possibly in a list ("S2 and S3"). */
function figureReference(tokens: readonly Token[], first: number): boolean {
  for (let k = first - 1, seen = 0; k >= 0 && seen < 6; k -= 1, seen += 1) {
    const t = tokens[k]!;
    if (t.kind === WORD && FIGURE_WORDS.has(t.lower)) return true;
    if (t.kind === PUNCT ? !(t.lower === ',' || t.lower === '.' || t.lower === '(') : !(t.lower === 'and' || t.lower === 'or' || t.glued || /^[a-z]$/.test(t.lower) || (tokens[k + 1]?.glued ?? false))) return false;
  }
  return false;
}

import type { DictionaryTerm, LexiconNames, NameSource, TermName } from './lexicon-names.js';
import { TermNormaliser } from './term-normaliser.js';
import { RELATIONAL_ADJECTIVES } from './word-equivalents.js';
import { PUNCT, WORD, tokenize, type Token } from './text-tokens.js';
import { WordSetIndex } from './word-set-index.js';
import { derivationalStem } from './derivational-stem.js';

export interface DictionaryEntry {
  term: number;
  source: NameSource;
  /**
   * the words of the names of this term on this key path, lower case, space-separated: a match on one of them is
   * exact (no stemming or word equivalence needed)
   */
  words: string[];
  /** an abbreviation ("GDD", "L-TGA"): matches only text written with capitals */
  capitals: boolean;
  /** matches only the same word or its plural, not other inflections ("collect" must not match "collecting") */
  literal: boolean;
  /**
   * the name as written, or a form derived from it: reordered ("Y X" for "X of Y", same words) or shortened
   * ("abnormal X" for "Abnormal X morphology", a word dropped)
   */
  form: NameForm;
}

export type NameForm = 'name' | 'reordered' | 'shortened';

export interface TrieNode {
  next?: Map<string, TrieNode>;
  entries?: DictionaryEntry[];
}

export interface DictionaryOptions {
  /**
   * Also index forms derived from the names: "kidney abnormality" for "Abnormality of the kidney" (names with one
   * "of"), and "abnormal rib" and "rib abnormality" for "Abnormal rib morphology" (HPO's naming scheme for
   * structural abnormalities, which text rarely spells out).
   */
  derivedNames: boolean;
  /**
   * Single-word PhenoTagger variants mix real synonyms the partial hp.obo lacks ("neurofibromatosis", "nevi") with
   * loose words ("mouth" for hyperorality, "weakness" for asthenia, "arranging" for atypical sorting). One is indexed
   * only when it is specific: six letters or more, not a verb form in -ing, and a word found in the labels and
   * synonyms of at most this many other terms (a word spread over many names, like "weakness", names no one
   * concept); it then matches only literally. -1 indexes none. With the ontology at hand (compile's `hierarchy`),
   * a spread word of five letters or more is still indexed when at least 80 % of the terms using it descend from
   * the variant's own term: it is then the general name of that subtree ("tumor" for Neoplasm over "Wilms tumor",
   * "Brain tumor", ...).
   */
  singleWordVariantMaxSpread: number;
  /**
   * Read an adjective standing alone as the noun of its finding: "she was hypotonic" → Hypotonia, "highly myopic"
   * → Myopia (term-normaliser.ts, spelling-variants.ts derivationCandidates). Off by default: on the development
   * halves it finds real findings the gold lacks (amblyopic, tachycardic) as often as gold ones (dysarthric,
   * thrombocytopenic), and lowers GSC+ precision on one half ("edematous" colon mucosa), so it is not confirmed.
   */
  adjectiveDerivations: boolean;
  /** Index the names by their content-word sets too (word-order variants, see word-set-index.ts). */
  wordSets: boolean;
}

export const defaultDictionaryOptions: DictionaryOptions = { derivedNames: true, singleWordVariantMaxSpread: 5, adjectiveDerivations: false, wordSets: true };

const sameTerm = (a: DictionaryEntry, b: DictionaryEntry) => a.term === b.term;

/** Words a name or a text may contain or leave out without changing the concept. */
export const SKIPPABLE = new Set(['the', 'an', 'a']);
const NAME_DROPPED = new Set(['the', 'an']);

const isAbbreviation = (name: string) => /^[A-Za-z0-9-]{2,8}s?$/.test(name) && (name.match(/[A-Z]/g)?.length ?? 0) >= 2;

/**
 * The compiled dictionary: a trie over normalised token keys (see term-normaliser.ts). A name with hyphenated or
 * letter-digit groups ("cafe-au-lait", "NF2") is indexed both split and joined, as the text may write it either way.
 */
export class ConceptDictionary {
  readonly root: TrieNode = {};
  readonly normaliser: TermNormaliser;
  /** the names by their content-word sets (word-order variants: "dilatation of the aortic root"), when enabled */
  readonly wordSets = new WordSetIndex<DictionaryEntry>();
  private entryCount = 0;

  private constructor(
    readonly terms: DictionaryTerm[],
    private readonly ids: Map<string, number>,
    vocabulary: Set<string>,
    derivations: boolean,
  ) {
    this.normaliser = new TermNormaliser(vocabulary, { derivations });
  }

  /**
   * @param hierarchy when given, a single-word variant spread over many names is still indexed if those names are
   *   (nearly all) of its own term's descendants: the word then names the general concept ("tumor" for Neoplasm,
   *   over "Wilms tumor", "Brain tumor", ...), not a loose part of unrelated names.
   */
  static compile(lex: LexiconNames, options: Partial<DictionaryOptions> = {}, hierarchy?: SubsumptionTest): ConceptDictionary {
    const o = { ...defaultDictionaryOptions, ...options };
    const tokenized = lex.names.map((n) => ({ n, tokens: tokenize(n.name).filter((t) => !(t.kind === WORD && NAME_DROPPED.has(t.lower))) }));
    const vocabulary = new Set<string>();
    for (const { tokens } of tokenized) for (const t of tokens) if (t.kind === WORD) vocabulary.add(t.lower);
    const dict = new ConceptDictionary(lex.terms, lex.resolve, vocabulary, o.adjectiveDerivations);
    const key = (w: string) => dict.key(w);
    const setKey = (w: string) => dict.setKey(dict.key(w));
    const spread = wordSpread(tokenized, key);
    const generalWord = (w: string, term: number) => {
      const users = spread.get(dict.key(w));
      if (!hierarchy || !users) return false;
      const id = lex.terms[term]!.id;
      let inside = 0;
      for (const u of users) if (hierarchy.isAncestorOrSelf(id, lex.terms[u]!.id)) inside += 1;
      return inside >= GENERAL_WORD_SHARE * users.size;
    };
    const derived: [Token[], DictionaryEntry][] = [];
    for (const { n, tokens } of tokenized) {
      if (tokens.length === 0 || !tokens.some((t) => t.kind === WORD)) continue;
      const capitals = isAbbreviation(n.name);
      let literal = false;
      if (n.source === 'variant' && !capitals && tokens.length === 1) {
        const w = tokens[0]!.lower;
        if (w.length < 5 || w.endsWith('ing')) continue;
        const spreadOver = spread.get(dict.key(w))?.size ?? 0;
        if (w.length < 6 ? !generalWord(w, n.term) : spreadOver > o.singleWordVariantMaxSpread && !generalWord(w, n.term)) continue;
        literal = true;
      }
      const entry: DictionaryEntry = { term: n.term, source: n.source, words: [wordsOf(tokens)], capitals, literal, form: 'name' };
      dict.insert(tokens, entry);
      if (o.wordSets && !capitals && !literal) dict.wordSets.add(tokens, setKey, { ...entry, form: 'reordered' }, sameTerm);
      if (!o.derivedNames) continue;
      for (const [form, tokensOfForm] of derivedForms(tokens)) {
        const e: DictionaryEntry = { ...entry, words: [wordsOf(tokensOfForm)], form };
        dict.insert(tokensOfForm, e);
        // Not the other heads of "X abnormality": "X defects" but never "defects of X" ("signs of infection").
        if (!capitals && !literal && !ABNORMALITY_HEADS.includes(tokensOfForm[tokensOfForm.length - 1]!.lower)) derived.push([tokensOfForm, e]);
      }
    }
    // Derived forms after every name, so a term's own names keep their signatures.
    if (o.wordSets) for (const [tokens, e] of derived) dict.wordSets.add(tokens, setKey, e, sameTerm);
    return dict;
  }

  get size(): number {
    return this.entryCount;
  }

  /** The current term an HPO id (primary, alt or obsolete) stands for, if it is in the dictionary. */
  termIndex(id: string): number | undefined {
    return this.ids.get(id);
  }

  key(lower: string): string {
    return this.normaliser.key(lower);
  }

  private readonly setKeys = new Map<string, string>();
  /** The key of a match key in the word-set index: its derivational root (derivational-stem.ts), cached. */
  setKey(key: string): string {
    let k = this.setKeys.get(key);
    if (k === undefined) {
      k = derivationalStem(key);
      if (this.setKeys.size >= 200_000) this.setKeys.clear();
      this.setKeys.set(key, k);
    }
    return k;
  }

  private readonly setUnits = new Map<string, number>();
  /** The word-set index's id of a match key (-1: no indexed name has it), cached per key. */
  setUnit(key: string): number {
    let u = this.setUnits.get(key);
    if (u === undefined) {
      u = this.wordSets.unit(derivationalStem(key));
      if (this.setUnits.size >= 200_000) this.setUnits.clear();
      this.setUnits.set(key, u);
    }
    return u;
  }

  /** The entries of a complete key path, if it is a name. */
  lookup(keys: readonly string[]): DictionaryEntry[] | undefined {
    let node: TrieNode | undefined = this.root;
    for (const k of keys) {
      node = node.next?.get(k);
      if (!node) return undefined;
    }
    return node.entries;
  }

  private insert(tokens: Token[], entry: DictionaryEntry): void {
    for (const path of keyPaths(tokens, (w) => this.key(w))) {
      let node = this.root;
      for (const k of path) {
        node.next ??= new Map();
        let child = node.next.get(k);
        if (!child) {
          child = {};
          node.next.set(k, child);
        }
        node = child;
      }
      node.entries ??= [];
      // One entry per term and key path: the most faithful form, then the most trusted source.
      const at = node.entries.findIndex((e) => e.term === entry.term);
      const old = node.entries[at];
      if (!old) {
        node.entries.push(entry);
        this.entryCount += 1;
      } else {
        const words = [...new Set([...old.words, ...entry.words])];
        node.entries[at] = { ...(entryRank(entry) < entryRank(old) ? entry : old), words };
      }
    }
  }
}

const FORM_RANK: Readonly<Record<NameForm, number>> = { name: 0, reordered: 1, shortened: 2 };
const SOURCE_RANK: Readonly<Record<NameSource, number>> = { label: 0, exact: 1, variant: 2, obsolete: 3, narrow: 4, related: 5, broad: 6 };
const entryRank = (e: DictionaryEntry) => FORM_RANK[e.form] * 10 + SOURCE_RANK[e.source];

/** Share of the terms using a word that must descend from a variant's term for the word to name that term. */
const GENERAL_WORD_SHARE = 0.8;

/** The ancestor test the dictionary needs (term-hierarchy.ts). */
export interface SubsumptionTest {
  isAncestorOrSelf(ancestor: string, descendant: string): boolean;
}

/** For each word key, the terms whose label or synonyms contain it. */
function wordSpread(names: { n: TermName; tokens: Token[] }[], key: (w: string) => string): Map<string, Set<number>> {
  const terms = new Map<string, Set<number>>();
  for (const { n, tokens } of names) {
    if (n.source === 'variant') continue;
    for (const t of tokens) {
      if (t.kind !== WORD) continue;
      const k = key(t.lower);
      let set = terms.get(k);
      if (!set) terms.set(k, (set = new Set()));
      set.add(n.term);
    }
  }
  return terms;
}

/** Key sequences of a name: glued groups split and joined (at most 8 combinations). */
function keyPaths(tokens: Token[], key: (w: string) => string): string[][] {
  let paths: string[][] = [[]];
  let i = 0;
  while (i < tokens.length) {
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.glued) j += 1;
    const group = tokens.slice(i, j);
    const split = group.map((t) => (t.kind === PUNCT ? t.lower : key(t.lower)));
    if (group.length > 1 && paths.length < 8) {
      const joined = key(group.map((t) => t.lower).join(''));
      paths = [...paths.map((p) => [...p, ...split]), ...paths.map((p) => [...p, joined])];
    } else {
      paths = paths.map((p) => [...p, ...split]);
    }
    i = j;
  }
  return paths;
}

const GROWTH_WORDS = new Set(['dysplastic', 'hypoplastic', 'aplastic', 'hyperplastic', 'atrophic', 'hypertrophic', 'dysplasia', 'hypoplasia', 'aplasia', 'hyperplasia', 'atrophy', 'hypertrophy']);

const wordsOf = (tokens: Token[]) => tokens.filter((t) => t.kind !== PUNCT).map((t) => t.lower).join(' ');

const word = (lower: string): Token => ({ start: 0, end: 0, kind: WORD, lower, glued: false });

function derivedForms(tokens: Token[]): [NameForm, Token[]][] {
  const out: [NameForm, Token[]][] = [];
  const reordered = reorderOf(tokens);
  if (reordered) out.push(['reordered', reordered]);
  // "Dysplastic patella" → "patella dysplasia" (the adjective is the same key as its noun, see word-equivalents.ts)
  if (tokens.length === 2 && tokens.every((t) => t.kind === WORD && !t.glued) && GROWTH_WORDS.has(tokens[0]!.lower)) {
    out.push(['reordered', [tokens[1]!, tokens[0]!]]);
  }
  // "Abnormal X morphology" → "abnormal X", "X abnormality"
  const n = tokens.length;
  if (n >= 3 && tokens[0]!.lower === 'abnormal' && tokens[n - 1]!.lower === 'morphology' && tokens.every((t) => t.kind === WORD)) {
    const middle = tokens.slice(1, n - 1);
    out.push(['shortened', [tokens[0]!, ...middle]], ['shortened', [...middle.map((t, i) => (i === 0 ? { ...t, glued: false } : t)), word('abnormality')]]);
  }
  // "Renal cyst" → "cyst of the kidney", "Bridged sella turcica" → "bridging of the sella turcica": the noun with
  // its organ or its process after "of" (the organ word and the participle meet their other forms through the
  // word keys: renal ~ kidney, bridged ~ bridging, thickened ~ thickening).
  const ofForm = ofFormOf(tokens);
  if (ofForm) out.push(['reordered', ofForm]);
  // "Elevated circulating creatine kinase activity" → "elevated creatine kinase": laboratory names without the
  // words text leaves out (the matcher skips them in text: "increased serum levels of creatine kinase").
  if (n >= 3 && LAB_QUALIFIERS.has(tokens[0]!.lower) && tokens.some((t) => LAB_PADDING.has(t.lower))) {
    let core = tokens.filter((t, i) => i === 0 || !LAB_PADDING.has(t.lower));
    while (core.length > 2 && LAB_MEASURES.has(core[core.length - 1]!.lower)) core = core.slice(0, -1);
    if (core.length >= 2 && core.length < n) out.push(['shortened', core]);
  } else if (n >= 3 && LAB_QUALIFIERS.has(tokens[0]!.lower) && LAB_MEASURES.has(tokens[n - 1]!.lower) && tokens.every((t) => t.kind === WORD)) {
    out.push(['shortened', tokens.slice(0, -1)]);
  }
  // "X abnormality" (as written, reordered or shortened) → "X defects", "X signs", "X symptoms", "X problems": the
  // other heads text uses for the abnormalities of an organ or function ("neurological signs", "cardiac defects").
  for (const form of [tokens, ...out.map(([, t]) => t)]) {
    const m = form.length;
    if (m < 2 || m > 4 || form[m - 1]!.lower !== 'abnormality' || !form.every((t) => t.kind === WORD)) continue;
    for (const head of ABNORMALITY_HEADS) out.push(['shortened', [...form.slice(0, m - 1), word(head)]]);
  }
  return out;
}

const LAB_QUALIFIERS = new Set(['increased', 'decreased', 'elevated', 'reduced', 'high', 'low']);
/** Where a laboratory value was measured: left out by text as often as it is written. */
export const LAB_PADDING = new Set(['circulating', 'serum', 'plasma']);
/** What was measured of it, at the end of a name. */
const LAB_MEASURES = new Set(['concentration', 'level', 'levels', 'activity']);

/** Heads that stand for "abnormality" after the name of an organ or function (never before "of": "signs of X"). */
const ABNORMALITY_HEADS = ['defects', 'signs', 'symptoms', 'problems'];

const ORGAN_WORDS = new Set(Object.values(RELATIONAL_ADJECTIVES));

/** "A N" → "N of A" for an organ word A ("Renal cyst"), "Wed X Y" → "Wed of X Y" for a participle ("Bridged sella turcica"). */
function ofFormOf(tokens: Token[]): Token[] | undefined {
  if (tokens.length < 2 || tokens.length > 3 || !tokens.every((t) => t.kind === WORD && !t.glued)) return undefined;
  const [a, ...rest] = tokens as [Token, ...Token[]];
  const of = word('of');
  // The organ as a noun after "of" (its words are "cyst of kidney", so "of the renal pelvis" does not end there).
  const organ = ORGAN_WORDS.has(a.lower) ? a.lower : RELATIONAL_ADJECTIVES[a.lower];
  if (tokens.length === 2 && organ) return [rest[0]!, of, word(organ)];
  if (a.lower.endsWith('ed') && a.lower.length > 5 && !NOT_PARTICIPLES.has(a.lower)) return [a, of, ...rest];
  return undefined;
}

/** Words in -ed that are not participles of a process. */
const NOT_PARTICIPLES = new Set(['increased', 'decreased', 'elevated', 'reduced', 'advanced', 'delayed', 'impaired', 'limited', 'restricted', 'generalized', 'localized', 'isolated', 'related', 'associated', 'induced', 'mixed', 'combined', 'inherited', 'acquired', 'unilateral']);

/** "Abnormality of (the) kidney" → "kidney abnormality": both sides plain words, exactly one "of". */
function reorderOf(tokens: Token[]): Token[] | undefined {
  const at = tokens.findIndex((t) => t.kind === WORD && t.lower === 'of');
  if (at <= 0 || at === tokens.length - 1) return undefined;
  if (tokens.some((t, i) => i !== at && (t.kind === PUNCT || (t.kind === WORD && (t.lower === 'of' || t.lower === 'and' || t.lower === 'or'))))) return undefined;
  const before = tokens.slice(0, at);
  const after = tokens.slice(at + 1);
  if (before.length > 3 || after.length > 3) return undefined;
  return [...after, ...before.map((t, i) => (i === 0 ? { ...t, glued: false } : t))];
}

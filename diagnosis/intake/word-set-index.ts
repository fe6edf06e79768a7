import { PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * An index of every name by the set of its content words, in the spirit of FastHPOCR (Groza et al. 2024): a span of
 * text matches a name when its content words are the name's, in any order, with only "of", "in", "on", "at" or a
 * determiner between them. It finds the word-order variants the name trie cannot: "dilatation of the aortic root"
 * and "dilated aortic root" for "Aortic root dilatation", "brachydactyly type A1" for "Type A1 brachydactyly", "pits
 * of the palms" for "Palmar pits", "pain in the chest" for "Chest pain". Words are compared on their match keys
 * (term-normaliser.ts), so plurals, British spellings, relational adjectives ("renal" ~ kidney) and the forms a
 * finding takes ("dilated" ~ "dilatation") meet too.
 *
 * Only names of two to six content words whose other words are determiners or the prepositions above are indexed:
 * a name with "and", "or", "with", "without", "to", "by" or "due" says something its bag of words does not.
 */
export const LINKING_WORDS: ReadonlySet<string> = new Set(['of', 'the', 'a', 'an', 'in', 'on', 'at']);
const STRUCTURAL_WORDS = new Set(['and', 'or', 'with', 'without', 'to', 'by', 'due', 'not', 'no', 'nor', 'than', 'for', 'from', 'after', 'before', 'during', 'upon', 'except']);
export const MAX_SET_WORDS = 6;
/**
 * Spans of text are tried up to four content words: reordered names of five or six words are rare in text (none in
 * the development sets), and every further word costs a lookup at every position.
 */
const MAX_SPAN_WORDS = 4;

/** A name found through its word set: the index entry and how many tokens the name has (its length for overlap resolution). */
export interface WordSetHit<E> {
  first: number;
  last: number;
  entry: E;
  nameTokens: number;
}

interface Stored<E> {
  entry: E;
  nameTokens: number;
}

/**
 * The content units of a name or a text span: each run of glued tokens ("low-set", "A1") is one unit, keyed as the
 * joined run; the split keys are kept too, as text may write the run apart ("low set ears").
 */
function nameUnits(tokens: readonly Token[], key: (w: string) => string): { joined: string[]; split: string[] } | undefined {
  const joined: string[] = [];
  const split: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === PUNCT) {
      if (t.lower !== ',') return undefined;
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.glued) j += 1;
    if (j === i + 1) {
      if (t.kind === WORD && STRUCTURAL_WORDS.has(t.lower)) return undefined;
      if (!(t.kind === WORD && LINKING_WORDS.has(t.lower))) {
        const k = t.kind === WORD ? key(t.lower) : t.lower;
        joined.push(k);
        split.push(k);
      }
    } else {
      const group = tokens.slice(i, j);
      if (group.some((g) => g.kind === PUNCT)) return undefined;
      joined.push(key(group.map((g) => g.lower).join('')));
      for (const g of group) split.push(g.kind === WORD ? key(g.lower) : g.lower);
    }
    i = j;
  }
  return { joined, split };
}

/**
 * A multiset of content keys is looked up by an order-free hash: each key gets a random 32-bit number, a set the sum
 * (mod 2^32), kept to 30 bits so the Map key is a small integer. A span's hash grows by one addition per word, so
 * trying every span costs no string building; a hit is confirmed on the sorted key ids.
 */

export class WordSetIndex<E> {
  /** buckets by a 30-bit key of the multiset hash (a small integer is the fastest Map key); ids confirm a hit */
  private readonly byHash = new Map<number, { ids: number[]; stored: Stored<E>[] }[]>();
  /** every content key of an indexed name, with its id: a span can only match while its words are among these */
  private readonly ids = new Map<string, number>();
  private readonly h1: number[] = [];
  /** per key id, the ids of the keys it shares a name with: a span stops growing at a word no name pairs with its first */
  private readonly partners: Set<number>[] = [];
  private seed = 0x2545f491;

  private random(): number {
    // xorshift32: deterministic, so the index is the same on every run
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }

  private idOf(key: string, create: boolean): number {
    let id = this.ids.get(key);
    if (id === undefined && create) {
      id = this.h1.length;
      this.ids.set(key, id);
      this.h1.push(this.random() | 0);
      this.partners.push(new Set());
    }
    return id ?? -1;
  }

  private hashOf(ids: readonly number[]): number {
    let a = 0;
    for (const id of ids) a = (a + this.h1[id]!) | 0;
    return a & 0x3fffffff;
  }

  private bucket(ids: readonly number[]): { ids: number[]; stored: Stored<E>[] } | undefined {
    const list = this.byHash.get(this.hashOf(ids));
    return list?.find((b) => b.ids.length === ids.length && b.ids.every((x, k) => x === ids[k]));
  }

  /**
   * Adds a name. `same` tells whether two entries stand for the same term: one entry per term and word set is kept,
   * the first added (callers add the most trusted names first).
   */
  add(tokens: readonly Token[], key: (w: string) => string, entry: E, same: (a: E, b: E) => boolean): void {
    const units = nameUnits(tokens, key);
    if (!units) return;
    const nameTokens = tokens.filter((t) => t.kind !== PUNCT).length;
    for (const keys of units.joined.join(' ') === units.split.join(' ') ? [units.joined] : [units.joined, units.split]) {
      if (keys.length < 2 || keys.length > MAX_SET_WORDS) continue;
      const ids = keys.map((k) => this.idOf(k, true)).sort((x, y) => x - y);
      let bucket = this.bucket(ids);
      if (!bucket) {
        const h = this.hashOf(ids);
        let list = this.byHash.get(h);
        if (!list) this.byHash.set(h, (list = []));
        list.push((bucket = { ids, stored: [] }));
      }
      if (bucket.stored.some((x) => same(x.entry, entry))) continue;
      bucket.stored.push({ entry, nameTokens });
      for (const x of ids) for (const y of ids) this.partners[x]!.add(y);
    }
  }

  /** The id of a content key of some indexed name, or -1. */
  unit(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  /** The entries whose content words are exactly these keys (any order), if any. */
  lookup(keys: readonly string[]): readonly Stored<E>[] | undefined {
    if (keys.length < 2 || keys.length > MAX_SET_WORDS) return undefined;
    const ids = keys.map((k) => this.unit(k));
    if (ids.includes(-1)) return undefined;
    ids.sort((x, y) => x - y);
    return this.bucket(ids)?.stored;
  }

  /**
   * Every span of the text whose content words are those of a name: spans start and end on a content unit, run
   * inside one clause (no punctuation but the hyphens of glued groups) and have only linking words between their
   * units. `unitKey(first, end)` gives the unit id (see `unit`) of the token or glued run [first, end).
   */
  find(tokens: readonly Token[], unitKey: (first: number, end: number) => number): WordSetHit<E>[] {
    const out: WordSetHit<E>[] = [];
    const n = tokens.length;
    // Units of the text: per token starting a unit, its id (-1: not a content word of any name), and where it ends;
    // -2 marks linking words, -3 punctuation and glued tails.
    const id = new Int32Array(n).fill(-3);
    const end = new Int32Array(n);
    for (let j = 0; j < n; j += 1) {
      const t = tokens[j]!;
      if (t.kind === PUNCT || t.glued) continue;
      let g = j + 1;
      while (g < n && tokens[g]!.glued) g += 1;
      end[j] = g;
      id[j] = g === j + 1 && t.kind === WORD && LINKING_WORDS.has(t.lower) ? -2 : unitKey(j, g);
    }
    const window: number[] = [];
    const h1 = this.h1;
    const partnersOf = this.partners;
    const byHash = this.byHash;
    for (let i = 0; i < n; i += 1) {
      const first = id[i]!;
      if (first < 0) continue;
      const partners = partnersOf[first]!;
      window.length = 1;
      window[0] = first;
      let a = h1[first]!;
      let j = end[i]!;
      while (j < n && window.length < MAX_SPAN_WORDS) {
        let u = id[j]!;
        while (u === -2 && j + 1 < n) u = id[++j]!;
        if (u < 0 || !partners.has(u)) break;
        window.push(u);
        a = (a + h1[u]!) | 0;
        j = end[j]!;
        const list = byHash.get(a & 0x3fffffff);
        if (!list) continue;
        const sorted = window.slice().sort((x, y) => x - y);
        const bucket = list.find((bk) => bk.ids.length === sorted.length && bk.ids.every((x, k) => x === sorted[k]));
        if (!bucket) continue;
        for (const h of bucket.stored) out.push({ first: i, last: j, entry: h.entry, nameTokens: h.nameTokens });
      }
    }
    return out;
  }
}

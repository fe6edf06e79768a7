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
 * A multiset of content keys is looked up by an order-free hash: each key gets two random 32-bit numbers, a set the
 * sums of each (mod 2^32), combined into one exact integer below 2^53. A span's hash grows by one addition per word,
 * so trying every span costs no sorting or string building; a hit is confirmed on the sorted key ids.
 */
const HIGH = 2 ** 21;

export class WordSetIndex<E> {
  private readonly byHash = new Map<number, { ids: number[]; stored: Stored<E>[] }>();
  /** every content key of an indexed name, with its id: a span can only match while its words are among these */
  private readonly ids = new Map<string, number>();
  private readonly h1: number[] = [];
  private readonly h2: number[] = [];
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
      this.h1.push(this.random());
      this.h2.push(this.random() & (HIGH - 1));
      this.partners.push(new Set());
    }
    return id ?? -1;
  }

  private hashOf(ids: readonly number[]): number {
    let a = 0;
    let b = 0;
    for (const id of ids) {
      a = (a + this.h1[id]!) >>> 0;
      b = (b + this.h2[id]!) & (HIGH - 1);
    }
    return a * HIGH + b;
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
      const h = this.hashOf(ids);
      let bucket = this.byHash.get(h);
      if (!bucket) this.byHash.set(h, (bucket = { ids, stored: [] }));
      else if (bucket.ids.join() !== ids.join()) continue; // a hash collision between two word sets: keep the first
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
    const bucket = this.byHash.get(this.hashOf(ids));
    return bucket && bucket.ids.join() === ids.join() ? bucket.stored : undefined;
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
    for (let i = 0; i < n; i += 1) {
      if (id[i]! < 0) continue;
      window.length = 0;
      let a = 0;
      let b = 0;
      let j = i;
      const partners = this.partners[id[i]!]!;
      while (j < n && window.length < MAX_SET_WORDS) {
        const u = id[j]!;
        if (u === -2) {
          j += 1;
          continue;
        }
        if (u < 0 || (j > i && !partners.has(u))) break;
        window.push(u);
        a = (a + this.h1[u]!) >>> 0;
        b = (b + this.h2[u]!) & (HIGH - 1);
        j = end[j]!;
        if (window.length < 2) continue;
        const bucket = this.byHash.get(a * HIGH + b);
        if (!bucket || bucket.ids.length !== window.length) continue;
        const sorted = [...window].sort((x, y) => x - y);
        if (!sorted.every((x, k) => x === bucket.ids[k])) continue;
        for (const h of bucket.stored) out.push({ first: i, last: j, entry: h.entry, nameTokens: h.nameTokens });
      }
    }
    return out;
  }
}

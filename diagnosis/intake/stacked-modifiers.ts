import type { ConceptDictionary } from './concept-dictionary.js';
import type { ResolvedMatch } from './overlap-resolution.js';
import { NUMBER, PUNCT, WORD, tokenize, type Token } from './text-tokens.js';
import { LINKING_WORDS } from './word-set-index.js';

/** The word-set keys of a term's label (cached per dictionary and term). */
const labelCache = new WeakMap<ConceptDictionary, Map<number, string[]>>();
function labelKeys(dict: ConceptDictionary, term: number): string[] {
  let cache = labelCache.get(dict);
  if (!cache) labelCache.set(dict, (cache = new Map()));
  let keys = cache.get(term);
  if (!keys) {
    keys = tokenize(dict.terms[term]!.label)
      .filter((t) => t.kind === WORD && !LINKING_WORDS.has(t.lower))
      .map((t) => dict.setKey(dict.key(t.lower)));
    cache.set(term, keys);
  }
  return keys;
}

/**
 * Modifiers stacked before one head, each making its own finding: "low-set posteriorly rotated ears" (low-set ears
 * and posteriorly rotated ears), "short webbed neck" (short neck and webbed neck), "small low-set ears". The longest
 * name on the right is found first (it owns its modifiers); the free words right before it, with the head of that
 * name (its words after the first one, two, ...), are then looked up as a name of their own, in order or in any order
 * (the word-set index). The new finding spans from the modifier to the head, over the other name.
 */
const MAX_MODIFIER_WORDS = 2;
/** Words before a name that are no modifier of its head. */
const NOT_MODIFIERS = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'with', 'without', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'from', 'as', 'has', 'have',
  'had', 'is', 'are', 'was', 'were', 'be', 'been', 'his', 'her', 'their', 'its', 'no', 'not', 'any', 'some', 'which', 'that', 'who',
  'showed', 'shows', 'revealed', 'including', 'includes', 'include', 'mild', 'moderate', 'severe', 'marked', 'very', 'also', 'both',
  'bilateral', 'unilateral', 'left', 'right', 'possible', 'probable', 'likely', 'suspected', 'multiple', 'several', 'few', 'many',
]);

/**
 * Qualifiers that make a finding more specific when they stand before it, whatever the order of the name that has
 * them: "bilateral undescended testes" (bilateral cryptorchidism), "severe hypotonia", "progressive hearing loss".
 * Read only when the result is a descendant of the finding they stand before.
 */
const SPECIFYING = new Set(['bilateral', 'unilateral', 'mild', 'moderate', 'severe', 'profound', 'progressive', 'congenital', 'neonatal', 'infantile', 'recurrent', 'episodic', 'generalized', 'generalised', 'focal', 'multiple', 'left', 'right', 'partial', 'complete', 'total', 'diffuse', 'symmetric', 'asymmetric', 'proximal', 'distal', 'central', 'peripheral', 'intermittent', 'chronic', 'acute', 'persistent', 'transient']);

/** How a count of two or more is named in the HPO. */
const COUNT_READINGS = ['multiple', 'recurrent', 'frequent'];
const COUNT_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'several', 'numerous', 'many', 'countless', 'repeated', 'frequent', 'recurring', 'innumerable']);
/** "six", "several", "12", "repeated": a count of two or more (a number below 100 without a unit after it). */
function isCount(t: Token): boolean {
  if (t.kind === WORD) return COUNT_WORDS.has(t.lower);
  if (t.kind !== NUMBER) return false;
  const n = Number(t.lower);
  return Number.isInteger(n) && n >= 2 && n < 100;
}

export function stackedModifierMatches(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], matches: readonly ResolvedMatch[], isDescendant?: (term: number, of: number) => boolean): ResolvedMatch[] {
  const covered = new Uint8Array(tokens.length);
  for (const m of matches) covered.fill(1, m.first, m.last);
  const out: ResolvedMatch[] = [];
  const content = (from: number, to: number) => {
    const ks: string[] = [];
    for (let k = from; k < to; k += 1) if (tokens[k]!.kind === WORD && !['of', 'the', 'a', 'an', 'in', 'on', 'at'].includes(tokens[k]!.lower)) ks.push(dict.setKey(keys[k]!));
    return ks;
  };
  // Inside one name that stacks modifiers on its head (a PhenoTagger name such as "low-set posteriorly rotated
  // ears"): each leading modifier with the head, when that is a name of another term that is not its ancestor.
  for (const m of matches) {
    if (m.entry.capitals) continue;
    const units: [number, number][] = [];
    for (let k = m.first; k < m.last; ) {
      let g = k + 1;
      while (g < m.last && tokens[g]!.glued) g += 1;
      if (tokens[k]!.kind === WORD) units.push([k, g]);
      k = g;
    }
    if (units.length < 3) continue;
    const head = units[units.length - 1]!;
    const headKeys = keys.slice(head[0], head[1]);
    for (let u = 0; u < units.length - 2; u += 1) {
      const [a, b] = units[u]!;
      // only a modifier stacked on a name of the same term ("low-set" on "posteriorly rotated ears"), not a word of a
      // compound ("short femoral necks" is no short neck)
      const rest = [...keys.slice(m.first, a), ...keys.slice(b, m.last)].filter((k) => k !== '-');
      if (!dict.lookup(rest)?.some((e) => e.term === m.entry.term)) continue;
      const words = [...keys.slice(a, b), ...headKeys];
      const joined = b - a > 1 ? [dict.key(tokens.slice(a, b).map((t) => t.lower).join('')), ...headKeys] : undefined;
      const entries = dict.lookup(words) ?? (joined ? dict.lookup(joined) : undefined);
      const entry = entries?.find((e) => !e.capitals && !e.literal && e.term !== m.entry.term && !(isDescendant && isDescendant(m.entry.term, e.term)));
      if (entry) out.push({ first: m.first, last: m.last, entry, exact: false, length: words.length, ambiguous: false });
    }
  }
  // A specifying qualifier before a whole finding: the finding's more specific term, if it has one. A count of two
  // or more reads as "multiple", "recurrent" or "frequent" ("six cafe-au-lait macules" → Multiple cafe-au-lait
  // spots), whichever the ontology has below the finding.
  if (isDescendant) {
    for (const m of matches) {
      if (m.entry.capitals) continue;
      let s = m.first;
      for (let u = 0; u < MAX_MODIFIER_WORDS; u += 1) {
        const w = tokens[s - 1];
        if (!w || covered[s - 1]) break;
        const count = isCount(w);
        if (!count && (w.kind !== WORD || !SPECIFYING.has(w.lower))) break;
        s -= 1;
        // the qualifier with the finding's words, or with its term's label ("bilateral undescended testes" →
        // bilateral + Cryptorchidism → Bilateral cryptorchidism)
        const qualifiers = count ? COUNT_READINGS.map((q) => [dict.setKey(dict.key(q))]) : [content(s, m.first)];
        let entry: ResolvedMatch['entry'] | undefined;
        for (const qualifier of qualifiers) {
          const entries = (dict.wordSets.lookup([...qualifier, ...content(m.first, m.last)]) ?? dict.wordSets.lookup([...qualifier, ...labelKeys(dict, m.entry.term)]))?.map((x) => x.entry);
          entry = entries?.find((e) => !e.capitals && !e.literal && e.term !== m.entry.term && isDescendant(e.term, m.entry.term));
          if (entry) break;
        }
        if (entry) {
          out.push({ first: s, last: m.last, entry, exact: false, length: m.length + m.first - s, ambiguous: false });
          break;
        }
        if (count) break;
      }
    }
  }
  const isModifierWord = (k: number) => k >= 0 && tokens[k]!.kind === WORD && !covered[k] && !NOT_MODIFIERS.has(tokens[k]!.lower);
  for (const m of matches) {
    if (m.last - m.first < 2 || m.entry.capitals) continue;
    // Heads of the match: its tokens after each of its leading units (a glued run such as "low-set" is one unit).
    const heads: number[] = [];
    for (let h = m.first + 1; h < m.last; h += 1) if (!tokens[h]!.glued && tokens[h]!.kind === WORD) heads.push(h);
    if (heads.length === 0) continue;
    // Modifier units right before the match: each a word with its glued tail, no punctuation between.
    let start = m.first;
    for (let u = 0; u < MAX_MODIFIER_WORDS; u += 1) {
      let s = start - 1;
      while (s > 0 && tokens[s]!.glued) s -= 1;
      if (s < 0 || !isModifierWord(s) || tokens[start - 1]!.kind === PUNCT) break;
      let ok = true;
      for (let k = s; k < start && ok; k += 1) ok = tokens[k]!.kind !== PUNCT && !covered[k];
      if (!ok) break;
      start = s;
      const modifier = keys.slice(start, m.first);
      for (const h of heads) {
        const head = keys.slice(h, m.last);
        const entries =
          dict.lookup([...modifier, ...head]) ??
          dict.wordSets.lookup([...modifier, ...head].filter((k) => k !== '-').map((k) => dict.setKey(k)))?.map((x) => x.entry);
        const entry = entries?.find((e) => !e.capitals && !e.literal && e.term !== m.entry.term);
        if (!entry) continue;
        out.push({ first: start, last: m.last, entry, exact: false, length: modifier.length + head.length, ambiguous: (entries?.length ?? 0) > 1 });
        break;
      }
    }
  }
  return out;
}

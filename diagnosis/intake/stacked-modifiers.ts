import type { ConceptDictionary } from './concept-dictionary.js';
import type { ResolvedMatch } from './overlap-resolution.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';

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

export function stackedModifierMatches(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], matches: readonly ResolvedMatch[]): ResolvedMatch[] {
  const covered = new Uint8Array(tokens.length);
  for (const m of matches) covered.fill(1, m.first, m.last);
  const out: ResolvedMatch[] = [];
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

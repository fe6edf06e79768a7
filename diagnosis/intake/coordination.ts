import type { ConceptDictionary } from './concept-dictionary.js';
import type { ResolvedMatch } from './overlap-resolution.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';
import { LINKING_WORDS } from './word-set-index.js';

const CONJUNCTIONS = new Set(['and', 'or', 'and/or', 'nor']);
/** Words after which a list of modifiers may start. */
const LIST_OPENERS = new Set(['a', 'an', 'the', 'with', 'and', 'or', 'had', 'has', 'have', 'his', 'her', 'their', 'its', 'of', 'including', 'showed', 'shows', 'revealed', 'very', 'mildly', 'markedly', 'slightly', 'relatively']);
/** conjuncts of up to this many words ("posterior subcapsular or capsular cataract") */
const MAX_CONJUNCT_WORDS = 3;
const MAX_CONJUNCTS = 5;

/**
 * Findings that share words with a neighbour through a coordination: "palmar and plantar pits" (palmar pits),
 * "branchial, otic and renal anomalies" (branchial and ear anomalies), "hypopigmentation of skin or hair"
 * (hypopigmentation of hair), "cleft lip and palate" (cleft palate). For each match, the words before a conjunction
 * on its left replace its first word, and the word after a conjunction on its right replaces its last word; a
 * result that is a dictionary name (as written) is a finding spanning from the conjunct to the shared word. Words
 * already part of another finding are not taken as conjuncts.
 */
export function coordinatedMatches(dict: ConceptDictionary, tokens: readonly Token[], keys: readonly string[], matches: readonly ResolvedMatch[]): ResolvedMatch[] {
  const covered = new Uint8Array(tokens.length);
  for (const m of matches) covered.fill(1, m.first, m.last);
  const isConjunction = (k: number) => {
    const t = tokens[k];
    return !!t && ((t.kind === WORD && CONJUNCTIONS.has(t.lower)) || (t.kind === PUNCT && t.lower === ','));
  };
  const isFreeWord = (k: number) => k >= 0 && k < tokens.length && tokens[k]!.kind === WORD && !covered[k] && !CONJUNCTIONS.has(tokens[k]!.lower);
  const out: ResolvedMatch[] = [];
  const seen = new Set<string>();
  const add = (m: ResolvedMatch, first: number, last: number, words: string[]) => {
    let entries = dict.lookup(words)?.filter((e) => e.form === 'name' && !e.capitals && !e.literal);
    // In any order too ("pits of the palms and soles": pits of the soles, Plantar pits).
    if (!entries?.length) entries = dict.wordSets.lookup(words.filter((w) => !LINKING_WORDS.has(w) && w !== ',').map((w) => dict.setKey(w)))?.map((x) => x.entry);
    const entry = entries?.[0];
    if (!entry || entry.term === m.entry.term) return false;
    const k = `${entry.term}:${first}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ first, last, entry, exact: false, length: words.length, ambiguous: (entries?.length ?? 0) > 1 });
    }
    return true;
  };

  for (const m of matches) {
    if (m.last - m.first < 2 || m.entry.form === 'shortened') continue;
    // The match's first word with its hyphenated tail ("low-set"): what a conjunct on the left replaces.
    let head = m.first + 1;
    while (head < m.last && tokens[head]!.glued) head += 1;
    if (head >= m.last) continue;
    // Left: "A(, B)* and|or C head" with the match on "C head".
    let k = m.first - 1;
    for (let n = 0; n < MAX_CONJUNCTS && isConjunction(k); n += 1) {
      // ", and" / ", or"
      let j = k;
      while (j > 0 && isConjunction(j - 1)) j -= 1;
      // Only commas next to the match: stacked modifiers ("a broad, flat nasal bridge") if the conjunct is a
      // whole item of its own, not the end of another phrase ("broad thorax, severe platyspondyly").
      let commaOnly = n === 0;
      for (let x = j; x <= k && commaOnly; x += 1) commaOnly = tokens[x]!.kind === PUNCT;
      let found = false;
      for (let w = commaOnly ? 1 : MAX_CONJUNCT_WORDS; w >= 1 && !found; w -= 1) {
        let start = j - w;
        if (commaOnly) while (start > 0 && tokens[start]!.glued) start -= 1; // "low-set, dysplastic ears"
        if (start < 0) continue;
        if (commaOnly && start > 0 && tokens[start - 1]!.kind === WORD && !LIST_OPENERS.has(tokens[start - 1]!.lower) && !covered[start - 1]) continue;
        let ok = true;
        for (let x = start; x < j && ok; x += 1) ok = isFreeWord(x);
        if (!ok) continue;
        found = add(m, start, m.last, [...keys.slice(start, j), ...keys.slice(head, m.last)]);
        if (found) k = start - 1;
      }
      if (!found) {
        // A single word that is not itself a conjunct of a name may still precede another conjunct ("A, B and C x").
        if (!isFreeWord(j - 1)) break;
        k = j - 2;
      }
    }
    // Right: "head C or D" with the match on "head C".
    k = m.last;
    for (let n = 0; n < MAX_CONJUNCTS && isConjunction(k); n += 1) {
      let j = k;
      while (j + 1 < tokens.length && isConjunction(j + 1)) j += 1;
      const start = j + 1;
      let found = false;
      for (let w = MAX_CONJUNCT_WORDS; w >= 1 && !found; w -= 1) {
        const end = start + w;
        if (end > tokens.length) continue;
        let ok = true;
        for (let x = start; x < end && ok; x += 1) ok = isFreeWord(x);
        if (!ok) continue;
        found = add(m, m.first, end, [...keys.slice(m.first, m.last - 1), ...keys.slice(start, end)]);
        if (found) k = end;
      }
      if (!found) break;
    }
  }
  // Lists whose last item is no name with the shared head ("eye, ear, oral, and craniofacial anomalies"): each
  // single-word item before a conjunction with the head that follows the list.
  for (let h = 2; h < tokens.length; h += 1) {
    if (!isConjunction(h - 2) || !isFreeWord(h) || !isFreeWord(h - 1) || tokens[h]!.glued || tokens[h - 1]!.glued) continue;
    const items = [h - 1];
    let k = h - 2;
    let conjunction = false;
    while (items.length < MAX_CONJUNCTS + 1 && k > 0 && isConjunction(k)) {
      while (k > 0 && isConjunction(k)) {
        if (tokens[k]!.kind === WORD) conjunction = true;
        k -= 1;
      }
      if (!isFreeWord(k) || tokens[k]!.glued || (k > 0 && tokens[k - 1]!.kind === WORD && !covered[k - 1] && !LIST_OPENERS.has(tokens[k - 1]!.lower) && !isConjunction(k - 1))) break;
      items.push(k);
      k -= 1;
    }
    if (items.length < 2 || !conjunction) continue;
    for (const c of items) {
      if (out.some((o) => o.first === c)) continue;
      const words = [keys[c]!, keys[h]!];
      const entries = (dict.lookup(words)?.filter((e) => !e.capitals && !e.literal) ?? dict.wordSets.lookup(words.map((w) => dict.setKey(w)))?.map((x) => x.entry))?.filter((e) => !e.capitals && !e.literal);
      const entry = entries?.[0];
      if (entry) out.push({ first: c, last: h + 1, entry, exact: false, length: 2, ambiguous: (entries?.length ?? 0) > 1 });
    }
  }
  return out;
}

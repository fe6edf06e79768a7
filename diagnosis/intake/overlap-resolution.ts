import type { DictionaryTerm, NameSource } from './lexicon-names.js';
import type { Candidate } from './concept-matcher.js';
import type { TermHierarchy } from './term-hierarchy.js';

/** Lower is more trusted. */
export const sourceRank: Readonly<Record<NameSource, number>> = { label: 0, exact: 0, variant: 1, obsolete: 1, narrow: 2, related: 2, broad: 3 };

export interface ResolvedMatch extends Candidate {
  /** other terms the same words could also mean (unrelated to the chosen one): lowers confidence */
  ambiguous: boolean;
}

/**
 * Chooses non-overlapping matches: the longest first (a longer name is the more specific reading: "sensorineural
 * hearing loss" over "hearing loss"). For the same span: the names matched as written beat reordered forms, which
 * beat shortened ones ("renal anomalies" is "Abnormality of the kidney" reordered before it is "Abnormal renal
 * morphology" shortened), and a name in the text's exact words beats one reached through stemming or word
 * equivalences; among the most faithful, a term is dropped when another candidate is its descendant (the most
 * specific reading, and never a term with its own ancestor), then the more trusted name source and the higher
 * information content decide. Matches are returned in text order.
 */
export function resolveOverlaps(candidates: Candidate[], terms: readonly DictionaryTerm[], hierarchy: TermHierarchy | undefined): ResolvedMatch[] {
  if (candidates.length === 0) return [];
  const isAncestor = (a: number, d: number) => a !== d && hierarchy !== undefined && hierarchy.isAncestorOrSelf(terms[a]!.id, terms[d]!.id);

  // Group by span, settle each span's best term first.
  const bySpan = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = `${c.first}:${c.last}`;
    const list = bySpan.get(k);
    if (list) list.push(c);
    else bySpan.set(k, [c]);
  }
  const spans: ResolvedMatch[] = [];
  for (const list of bySpan.values()) {
    // Among the most faithful readings of the words (a name as written, and in the text's own words before one
    // reached through stemming or word equivalences), the most specific term.
    const faithfulness = (c: Candidate) => 2 * formRank(c) + (c.exact ? 0 : 1);
    const faithful = Math.min(...list.map(faithfulness));
    const best1 = list.filter((c) => faithfulness(c) === faithful);
    // A term's own label is not given up for a descendant that only lists the same words as a synonym or variant
    // ("Elbow contracture" is the label of HP:0034391 and a variant of Elbow flexion contracture).
    const specific = best1.filter((c) => !best1.some((o) => isAncestor(c.entry.term, o.entry.term) && !(c.entry.source === 'label' && o.entry.source !== 'label')));
    specific.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        rank(a) - rank(b) ||
        Number(b.entry.source === 'label') - Number(a.entry.source === 'label') ||
        terms[b.entry.term]!.ic - terms[a.entry.term]!.ic ||
        a.entry.term - b.entry.term,
    );
    const best = specific[0]!;
    const related = (o: Candidate) => isAncestor(o.entry.term, best.entry.term) || isAncestor(best.entry.term, o.entry.term);
    spans.push({ ...best, ambiguous: specific.some((o) => o.entry.term !== best.entry.term && !related(o)) });
  }

  spans.sort(
    (a, b) =>
      b.length - a.length ||
      rank(a) - rank(b) ||
      terms[b.entry.term]!.ic - terms[a.entry.term]!.ic ||
      a.first - b.first,
  );
  const taken = new Set<number>();
  const kept: ResolvedMatch[] = [];
  for (const m of spans) {
    let free = true;
    for (let k = m.first; k < m.last && free; k += 1) free = !taken.has(k);
    if (!free) continue;
    for (let k = m.first; k < m.last; k += 1) taken.add(k);
    kept.push(m);
  }
  return kept.sort((a, b) => a.first - b.first);
}

const formRank = (c: Candidate) => (c.entry.form === 'name' ? 0 : c.entry.form === 'reordered' ? 1 : 2);
const rank = (c: Candidate) => sourceRank[c.entry.source] + 0.5 * formRank(c);

/**
 * The names nested inside each resolved match that are ancestors of its term ("hearing loss" inside "sensorineural
 * hearing loss"): per nested span the reading resolveOverlaps would choose among the ancestors, without overlaps
 * between them.
 */
export function nestedAncestors(candidates: readonly Candidate[], resolved: readonly ResolvedMatch[], terms: readonly DictionaryTerm[], hierarchy: TermHierarchy | undefined): ResolvedMatch[] {
  if (!hierarchy) return [];
  const out: ResolvedMatch[] = [];
  for (const m of resolved) {
    if (m.last - m.first < 2) continue;
    const outer = terms[m.entry.term]!.id;
    const inner = candidates.filter(
      (c) => c.first >= m.first && c.last <= m.last && c.last - c.first < m.last - m.first && c.entry.term !== m.entry.term && hierarchy.isAncestorOrSelf(terms[c.entry.term]!.id, outer),
    );
    if (inner.length) out.push(...resolveOverlaps(inner, terms, hierarchy));
  }
  return out;
}

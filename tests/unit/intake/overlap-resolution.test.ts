import { describe, expect, it } from 'vitest';
import type { DictionaryEntry } from '../../../diagnosis/intake/concept-dictionary.js';
import type { Candidate } from '../../../diagnosis/intake/concept-matcher.js';
import type { DictionaryTerm } from '../../../diagnosis/intake/lexicon-names.js';
import { resolveOverlaps } from '../../../diagnosis/intake/overlap-resolution.js';
import { TermHierarchy } from '../../../diagnosis/intake/term-hierarchy.js';

//   A ─┬─ A1 ─ A1x
//      └─ A2        B (unrelated)
const terms: DictionaryTerm[] = [
  { id: 'A', label: 'A', ic: 1 },
  { id: 'A1', label: 'A1', ic: 2 },
  { id: 'A1x', label: 'A1x', ic: 3 },
  { id: 'A2', label: 'A2', ic: 2.5 },
  { id: 'B', label: 'B', ic: 1.5 },
];
const hierarchy = TermHierarchy.fromParents({ A1: ['A'], A1x: ['A1'], A2: ['A'], A: [], B: [] });
const entry = (term: number, extra: Partial<DictionaryEntry> = {}): DictionaryEntry => ({ term, source: 'label', words: [], capitals: false, literal: false, form: 'name', ...extra });
const cand = (first: number, last: number, term: number, extra: Partial<DictionaryEntry> = {}, exact = true): Candidate => ({ first, last, entry: entry(term, extra), exact, length: last - first });
const picked = (cs: Candidate[]) => resolveOverlaps(cs, terms, hierarchy).map((m) => [terms[m.entry.term]!.id, m.first, m.last, m.ambiguous]);

describe('overlap resolution', () => {
  it('keeps the longest of nested matches', () => {
    expect(picked([cand(1, 2, 0), cand(0, 3, 4), cand(2, 3, 1)])).toEqual([['B', 0, 3, false]]);
  });

  it('on the same words, drops a term whose descendant is also a reading, and never reports both', () => {
    expect(picked([cand(0, 2, 0), cand(0, 2, 2), cand(0, 2, 1)])).toEqual([['A1x', 0, 2, false]]);
  });

  it('on the same words, prefers the name as written, then the better source, then information content', () => {
    expect(picked([cand(0, 2, 3, { form: 'shortened' }), cand(0, 2, 4, { form: 'reordered' })])).toEqual([['B', 0, 2, false]]);
    expect(picked([cand(0, 2, 3, { source: 'broad' }), cand(0, 2, 4)])).toEqual([['B', 0, 2, true]]);
    expect(picked([cand(0, 2, 4), cand(0, 2, 3)])).toEqual([['A2', 0, 2, true]]);
  });

  it('resolves partial overlaps toward the longer, then the more specific match, and keeps disjoint ones', () => {
    expect(picked([cand(0, 2, 1), cand(1, 3, 2), cand(4, 5, 4)])).toEqual([
      ['A1x', 1, 3, false],
      ['B', 4, 5, false],
    ]);
    expect(picked([cand(0, 3, 1), cand(2, 4, 2)])).toEqual([['A1', 0, 3, false]]);
  });

  it('handles no candidates', () => {
    expect(picked([])).toEqual([]);
  });
});

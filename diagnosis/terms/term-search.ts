import type { LexiconEntry } from '../../graph-snapshot/query/graph-snapshot.js';
import type { RankingTables } from '../../graph-snapshot/snapshot/ranking-tables.js';

export interface TermSearchHit {
  id: string;
  label: string;
  /** the synonym that matched, when it was not the label */
  matched?: string;
  /** from the top of the phenotype branch down to the term's parent */
  path: { id: string; label: string }[];
}

interface Name {
  term: number;
  text: string;
  lower: string;
  isLabel: boolean;
}

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Autocomplete over HPO labels and synonyms for the term picker: every query word must start a word of the name;
 * label matches rank before synonym matches, then names starting with the query, then shorter and more general
 * terms. Only current phenotypic (and clinical-course) terms are offered. The path shows the term's place in the
 * hierarchy (the first parent at each level).
 */
export class TermSearch {
  private readonly names: Name[] = [];
  private readonly index: Map<string, number>;
  private readonly parents: number[][];

  constructor(
    lexicon: readonly LexiconEntry[],
    private readonly tables: RankingTables['terms'],
  ) {
    this.index = new Map(tables.ids.map((id, i) => [id, i]));
    this.parents = tables.parents;
    for (const e of lexicon) {
      if (e.obsolete || (e.aspect !== 'P' && e.aspect !== 'C')) continue;
      const t = this.index.get(e.id);
      if (t === undefined) continue;
      const seen = new Set<string>();
      for (const [text, isLabel] of [[e.label, true] as const, ...e.synonyms.map((s) => [s, false] as const), ...e.textVariants.map((s) => [s, false] as const)]) {
        const lower = text.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        this.names.push({ term: t, text, lower, isLabel });
      }
    }
  }

  search(query: string, limit = 10): TermSearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const byId = this.index.get(q.toUpperCase());
    if (byId !== undefined) return [this.hit(byId)];
    const qWords = words(q);
    if (qWords.length === 0) return [];
    const qLower = q.toLowerCase();
    const best = new Map<number, { score: number; name: Name }>();
    for (const n of this.names) {
      if (!n.lower.includes(qWords[0]!)) continue;
      const nWords = words(n.lower);
      if (!qWords.every((w) => nWords.some((nw) => nw.startsWith(w)))) continue;
      const score = (n.isLabel ? 0 : 100) + (n.lower.startsWith(qLower) ? 0 : 50) + nWords.length * 2 + (this.tables.depth[n.term] ?? 0);
      const prev = best.get(n.term);
      if (!prev || score < prev.score || (score === prev.score && n.isLabel)) best.set(n.term, { score, name: n });
    }
    return [...best.entries()]
      .sort((a, b) => a[1].score - b[1].score || a[1].name.text.localeCompare(b[1].name.text))
      .slice(0, limit)
      .map(([t, { name }]) => ({ ...this.hit(t), matched: name.isLabel ? undefined : name.text }));
  }

  private hit(t: number): TermSearchHit {
    const path: { id: string; label: string }[] = [];
    let p = this.parents[t]?.[0];
    while (p !== undefined && path.length < 30) {
      path.unshift({ id: this.tables.ids[p]!, label: this.tables.labels[p]! });
      p = this.parents[p]?.[0];
    }
    // Drop "All" and the branch root, which every phenotype shares.
    return { id: this.tables.ids[t]!, label: this.tables.labels[t]!, path: path.filter((x) => x.id !== 'HP:0000001' && x.id !== 'HP:0000118') };
  }
}

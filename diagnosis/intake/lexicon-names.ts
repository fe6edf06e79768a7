import type { LexiconEntry } from '../../graph-snapshot/query/graph-snapshot.js';

/** Where a name comes from; decides how far a match on it is trusted (see match-confidence.ts). */
export type NameSource = 'label' | 'exact' | 'related' | 'narrow' | 'broad' | 'variant' | 'obsolete';

export interface DictionaryTerm {
  id: string;
  label: string;
  ic: number;
}

export interface TermName {
  term: number;
  name: string;
  source: NameSource;
}

export interface LexiconNames {
  terms: DictionaryTerm[];
  names: TermName[];
  /** every id (primary, alt, obsolete) → index of the current term it stands for */
  resolve: Map<string, number>;
}

const scopeSource = (scope: string | undefined): NameSource => {
  const s = (scope ?? 'EXACT').split(':')[0]!.toUpperCase();
  return s === 'EXACT' ? 'exact' : s === 'BROAD' ? 'broad' : s === 'NARROW' ? 'narrow' : 'related';
};

/**
 * PhenoTagger keeps the names of terms merged into others with the prefix "obsolete ", and writes its names
 * tokenised, with spaces around hyphens and slashes ("low - set pinnae", "wide / broad thumb"): text writes them
 * joined, so they are joined back (a hyphen between spaces would be a punctuation token no text matches).
 */
const clean = (name: string) =>
  name
    .replace(/^obsolete\s+/i, '')
    .replace(/(\S)\s+([-/])\s+(?=\S)/g, '$1$2')
    .trim();

/**
 * The names to index for each current term of the chosen aspects (by default only "P", phenotypic abnormality:
 * modifiers such as "Mild" or "Bilateral" and clinical-course terms are qualifiers of findings, not findings),
 * with the names of obsolete terms folded onto their replacement.
 */
export function lexiconNames(lexicon: readonly LexiconEntry[], aspects: readonly string[] = ['P']): LexiconNames {
  const terms: DictionaryTerm[] = [];
  const names: TermName[] = [];
  const resolve = new Map<string, number>();
  const wanted = new Set(aspects);
  const seen = new Set<string>();
  const add = (t: number, raw: string, source: NameSource) => {
    const name = clean(raw);
    const k = `${t}\t${name.toLowerCase()}`;
    if (!name || seen.has(k)) return;
    seen.add(k);
    names.push({ term: t, name, source });
  };
  for (const e of lexicon) {
    if (e.obsolete || !wanted.has(e.aspect)) continue;
    const t = terms.length;
    terms.push({ id: e.id, label: e.label, ic: e.ic });
    resolve.set(e.id, t);
    for (const alt of e.altIds) resolve.set(alt, t);
    add(t, e.label, 'label');
    e.synonyms.forEach((s, i) => add(t, s, scopeSource(e.synonymScopes[i])));
    for (const v of e.textVariants) add(t, v, 'variant');
  }
  for (const e of lexicon) {
    if (!e.obsolete) continue;
    const t = resolve.get(e.replacedBy);
    if (t === undefined) continue;
    resolve.set(e.id, t);
    add(t, e.label, 'obsolete');
  }
  return { terms, names, resolve };
}

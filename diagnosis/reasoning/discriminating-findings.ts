import type { PhenotypeModel } from '../ranking/phenotype-model.js';

export interface DiscriminatingFinding {
  hpoId: string;
  label: string;
  /** expected reduction of uncertainty (bits) about which leading candidate is right, if this were examined */
  informationGain: number;
  /** leading candidates annotated with the finding (or a descendant) */
  presentIn: string[];
  absentIn: string[];
}

const entropy = (ps: number[]) => -ps.reduce((s, p) => (p > 0 ? s + p * Math.log2(p) : s), 0);

/**
 * The findings worth checking next: for each phenotype annotated to some but not all of the leading candidates and not
 * already observed or excluded, the expected information gain about which candidate it is, under the candidates'
 * current probabilities (renormalised among them). P(finding | candidate) is the annotation's frequency as the ranker
 * uses it (frequency-tables.ts: with its uncertainty, unknown as the stated default) if annotated, else a small
 * background rate. Computed from the graph; a model only phrases them.
 */
export function discriminatingFindings(
  m: PhenotypeModel,
  candidates: { index: number; id: string; probability: number }[],
  mentioned: readonly number[],
  options: { annotationFrequency: Float64Array; background?: number; limit?: number },
): DiscriminatingFinding[] {
  const background = options.background ?? 0.02;
  const total = candidates.reduce((s, c) => s + c.probability, 0) || 1;
  const prior = candidates.map((c) => c.probability / total);
  const h0 = entropy(prior);
  // P(term | candidate) over every term annotated (propagated) to any candidate
  const freq = new Map<number, number[]>();
  candidates.forEach((c, i) => {
    const d = c.index;
    for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
      const f = options.annotationFrequency[a]!;
      if (f === 0 || m.termAspects[m.annTerm[a]!] !== 'P') continue;
      const t = m.annTerm[a]!;
      const row = freq.get(t) ?? new Array<number>(candidates.length).fill(background);
      row[i] = Math.max(row[i]!, f);
      freq.set(t, row);
    }
  });
  const isMentioned = (t: number) => mentioned.some((q) => m.isAncestorOrSelf(q, t) || m.isAncestorOrSelf(t, q));
  const out: DiscriminatingFinding[] = [];
  for (const [t, row] of freq) {
    const annotatedCount = row.filter((f) => f > background).length;
    if (annotatedCount === 0 || annotatedCount === candidates.length) continue;
    if (isMentioned(t)) continue;
    const pPresent = row.reduce((s, f, i) => s + f * prior[i]!, 0);
    if (pPresent <= 0 || pPresent >= 1) continue;
    const post = (present: boolean) => {
      const w = row.map((f, i) => (present ? f : 1 - f) * prior[i]!);
      const z = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / z);
    };
    const gain = h0 - (pPresent * entropy(post(true)) + (1 - pPresent) * entropy(post(false)));
    out.push({
      hpoId: m.termIds[t]!,
      label: m.termLabels[t]!,
      informationGain: gain,
      presentIn: candidates.filter((_, i) => row[i]! > background).map((c) => c.id),
      absentIn: candidates.filter((_, i) => row[i]! <= background).map((c) => c.id),
    });
  }
  out.sort((a, b) => b.informationGain - a.informationGain || a.hpoId.localeCompare(b.hpoId));
  // Prefer specific findings: drop a term whose descendant with the same split is already listed.
  const kept: DiscriminatingFinding[] = [];
  for (const f of out) {
    if (kept.length >= (options.limit ?? 8)) break;
    const fi = m.resolveTerm(f.hpoId)!.index;
    if (kept.some((k) => m.isAncestorOrSelf(fi, m.resolveTerm(k.hpoId)!.index) && k.presentIn.join() === f.presentIn.join())) continue;
    kept.push(f);
  }
  return kept;
}

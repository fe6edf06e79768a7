import type { PhenotypeModel } from './phenotype-model.js';
import type { QueryTerm } from './query-terms.js';
import type { RankerParameters } from './ranker-parameters.js';
import { matchExcluded, matchObserved } from './term-match.js';
import type { ExcludedMatch, ObservedMatch } from './likelihood-ratio.js';

export interface TermRef {
  id: string;
  label: string;
}

export interface ObservedTermExplanation extends TermRef {
  match: ObservedMatch;
  /** the disease annotation the evidence rests on */
  diseaseTerm?: TermRef;
  /** the ancestor shared by patient and disease, for indirect matches */
  via?: TermRef;
  frequency: number;
  frequencyKnown: boolean;
  lr: number;
}

export interface ExcludedTermExplanation extends TermRef {
  match: ExcludedMatch;
  diseaseTerm?: TermRef;
  frequency: number;
  frequencyKnown: boolean;
  lr: number;
}

export interface MissingFeature extends TermRef {
  /** annotation frequency, when the source gives one */
  frequency?: number;
  informationContent: number;
}

/** Why a disease scored what it did, per term, in the style of LIRICAL's per-term likelihood ratios. */
export interface CandidateExplanation {
  observed: ObservedTermExplanation[];
  excluded: ExcludedTermExplanation[];
  /** the disease's most characteristic features the patient was not reported to have (or not to lack) */
  notReported: MissingFeature[];
  inheritance: TermRef[];
}

const ref = (m: PhenotypeModel, t: number | undefined): TermRef | undefined =>
  t === undefined ? undefined : { id: m.termIds[t]!, label: m.termLabels[t]! };

export function explainCandidate(
  m: PhenotypeModel,
  p: RankerParameters,
  d: number,
  present: QueryTerm[],
  excluded: QueryTerm[],
  maxNotReported = 8,
): CandidateExplanation {
  const observed = present.map((q): ObservedTermExplanation => {
    const e = matchObserved(m, p, q.index, d);
    return { id: q.id, label: q.label, match: e.match, diseaseTerm: ref(m, e.diseaseTerm), via: ref(m, e.via), frequency: e.frequency, frequencyKnown: e.frequencyKnown, lr: e.lr };
  });
  const excl = excluded.map((q): ExcludedTermExplanation => {
    const e = matchExcluded(m, p, q.index, d);
    return { id: q.id, label: q.label, match: e.match, diseaseTerm: ref(m, e.diseaseTerm), frequency: e.frequency, frequencyKnown: e.frequencyKnown, lr: e.lr };
  });
  const mentioned = [...present, ...excluded].map((q) => q.index);
  const notReported: MissingFeature[] = [];
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    if (m.isNegative(a)) continue;
    const t = m.annTerm[a]!;
    if (m.termAspects[t] !== 'P') continue;
    if (mentioned.some((q) => m.isAncestorOrSelf(q, t) || m.isAncestorOrSelf(t, q))) continue;
    const f = m.annFreq[a]!;
    notReported.push({ id: m.termIds[t]!, label: m.termLabels[t]!, frequency: Number.isNaN(f) ? undefined : f, informationContent: m.ic[t]! });
  }
  const weight = (x: MissingFeature) => (x.frequency ?? p.defaultFrequency) * x.informationContent;
  notReported.sort((a, b) => weight(b) - weight(a) || a.id.localeCompare(b.id));
  return {
    observed,
    excluded: excl,
    notReported: notReported.slice(0, maxNotReported),
    inheritance: m.inheritance[d]!.map((t) => ref(m, t)!),
  };
}

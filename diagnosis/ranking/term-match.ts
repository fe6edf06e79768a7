import { excludedLR, observedLR, type ExcludedMatch, type ObservedMatch } from './likelihood-ratio.js';
import type { PhenotypeModel } from './phenotype-model.js';
import type { RankerParameters } from './ranker-parameters.js';

export interface ObservedEvidence {
  match: ObservedMatch;
  /** the disease annotation the evidence rests on (term index), when there is one */
  diseaseTerm?: number;
  /** the shared ancestor (term index) for patient-more-specific and common-ancestor matches */
  via?: number;
  /** the frequency used: the annotation's, or the default */
  frequency: number;
  frequencyKnown: boolean;
  lr: number;
}

export interface ExcludedEvidence {
  match: ExcludedMatch;
  diseaseTerm?: number;
  frequency: number;
  frequencyKnown: boolean;
  lr: number;
}

/**
 * One observed term against one disease, with the reason. Same model as the vectorised TermScorer, computed from the
 * disease's own annotation list so it can say which annotation matched.
 */
export function matchObserved(m: PhenotypeModel, p: RankerParameters, t: number, d: number): ObservedEvidence {
  const lo = m.annOffsets[d]!;
  const hi = m.annOffsets[d + 1]!;
  for (let a = lo; a < hi; a += 1) {
    if (m.isNegative(a) && m.isAncestorOrSelf(m.annTerm[a]!, t)) {
      return { match: 'contradicted', diseaseTerm: m.annTerm[a]!, frequency: 0, frequencyKnown: true, lr: p.contradictedLR };
    }
  }
  for (const x of m.ancestorsBySpecificity(t)) {
    if (x !== t && m.share[x]! > p.maxSharedAncestorShare) break;
    let best = -1;
    let bestFreq = NaN;
    let direct = false;
    for (let a = lo; a < hi; a += 1) {
      if (m.isNegative(a)) continue;
      const at = m.annTerm[a]!;
      if (!m.isAncestorOrSelf(x, at)) continue;
      if (at === x) direct = true;
      const f = m.annFreq[a]!;
      if (!Number.isNaN(f) && (Number.isNaN(bestFreq) || f > bestFreq)) bestFreq = f;
      // the annotation shown: highest known frequency, then most specific
      if (best < 0 || prefer(m, a, best)) best = a;
    }
    if (best < 0) continue;
    const known = !Number.isNaN(bestFreq);
    const frequency = known ? bestFreq : p.defaultFrequency;
    const match: ObservedMatch = x === t ? (direct ? 'exact' : 'disease-more-specific') : direct ? 'patient-more-specific' : 'common-ancestor';
    const diseaseTerm = match === 'exact' ? t : match === 'patient-more-specific' ? x : m.annTerm[best]!;
    return {
      match,
      diseaseTerm,
      via: x === t ? undefined : x,
      frequency,
      frequencyKnown: known,
      lr: observedLR(match, frequency, m.share[t]!, m.share[x]!, p),
    };
  }
  return { match: 'none', frequency: 0, frequencyKnown: false, lr: p.noMatchLR };
}

function prefer(m: PhenotypeModel, a: number, b: number): boolean {
  const fa = m.annFreq[a]!;
  const fb = m.annFreq[b]!;
  const ka = Number.isNaN(fa) ? -1 : fa;
  const kb = Number.isNaN(fb) ? -1 : fb;
  if (ka !== kb) return ka > kb;
  const ia = m.ic[m.annTerm[a]!]!;
  const ib = m.ic[m.annTerm[b]!]!;
  if (ia !== ib) return ia > ib;
  return m.annTerm[a]! < m.annTerm[b]!;
}

/** One excluded term against one disease, with the reason (same model as TermScorer.addExcluded). */
export function matchExcluded(m: PhenotypeModel, p: RankerParameters, t: number, d: number): ExcludedEvidence {
  const lo = m.annOffsets[d]!;
  const hi = m.annOffsets[d + 1]!;
  let best = -1;
  let bestFreq = NaN;
  for (let a = lo; a < hi; a += 1) {
    if (m.isNegative(a) || !m.isAncestorOrSelf(t, m.annTerm[a]!)) continue;
    const f = m.annFreq[a]!;
    if (!Number.isNaN(f) && (Number.isNaN(bestFreq) || f > bestFreq)) bestFreq = f;
    if (best < 0 || prefer(m, a, best)) best = a;
  }
  if (best >= 0) {
    const known = !Number.isNaN(bestFreq);
    const frequency = known ? bestFreq : p.excludedDefaultFrequency;
    return { match: 'annotated', diseaseTerm: m.annTerm[best]!, frequency, frequencyKnown: known, lr: excludedLR('annotated', frequency, m.share[t]!, p) };
  }
  for (let a = lo; a < hi; a += 1) {
    if (m.isNegative(a) && m.isAncestorOrSelf(m.annTerm[a]!, t)) {
      return { match: 'consistent', diseaseTerm: m.annTerm[a]!, frequency: 0, frequencyKnown: true, lr: excludedLR('consistent', 0, m.share[t]!, p) };
    }
  }
  return { match: 'unrelated', frequency: 0, frequencyKnown: false, lr: 1 };
}

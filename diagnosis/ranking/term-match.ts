import type { FrequencyTables } from './frequency-tables.js';
import { excludedLR, observedLR, type ExcludedMatch, type ObservedMatch } from './likelihood-ratio.js';
import type { PhenotypeModel } from './phenotype-model.js';
import type { RankerParameters } from './ranker-parameters.js';

export interface ObservedEvidence {
  match: ObservedMatch;
  /** the disease annotation the evidence rests on (term index), when there is one */
  diseaseTerm?: number;
  /** that annotation's index (for its frequency evidence) */
  annotation?: number;
  /** the shared ancestor (term index) for patient-more-specific and common-ancestor matches */
  via?: number;
  /** P(the disease's patients show it), as used */
  frequency: number;
  /** P(patients with other diseases show it), as used */
  background: number;
  lr: number;
}

export interface ExcludedEvidence {
  match: ExcludedMatch;
  diseaseTerm?: number;
  annotation?: number;
  frequency: number;
  background: number;
  /** the feature is not yet due at the patient's age, so its absence says nothing */
  notYetDue?: boolean;
  lr: number;
}

/** The propagated entry of (term, disease), or −1: entries of a term are in disease order, so a binary search. */
export function propEntry(m: PhenotypeModel, t: number, d: number): number {
  let lo = m.propOffsets[t]!;
  let hi = m.propOffsets[t + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = m.propDisease[mid]!;
    if (v === d) return mid;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The disease's annotation at or under `x` that gives the entry its frequency (the most specific of the most frequent). */
function supportingAnnotation(m: PhenotypeModel, f: FrequencyTables, d: number, x: number, frequency: number): number {
  let best = -1;
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    if (f.annF[a] !== frequency || !m.isAncestorOrSelf(x, m.annTerm[a]!)) continue;
    if (best < 0 || m.ic[m.annTerm[a]!]! > m.ic[m.annTerm[best]!]! || (m.ic[m.annTerm[a]!] === m.ic[m.annTerm[best]!] && m.annTerm[a]! < m.annTerm[best]!)) best = a;
  }
  return best;
}

/**
 * One observed term against one disease, with the reason. Same model as the vectorised TermScorer, computed for one
 * pair so it can say which annotation matched and with which frequency.
 */
export function matchObserved(m: PhenotypeModel, f: FrequencyTables, p: RankerParameters, t: number, d: number): ObservedEvidence {
  const ancestors = m.ancestorsBySpecificity(t);
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    if (m.isNegative(a) && m.isAncestorOrSelf(m.annTerm[a]!, t)) {
      return { match: 'contradicted', diseaseTerm: m.annTerm[a]!, annotation: a, frequency: 0, background: f.bg[t]!, lr: p.contradictedLR };
    }
  }
  for (const x of ancestors) {
    if (x !== t && m.share[x]! > p.maxSharedAncestorShare) break;
    const k = propEntry(m, x, d);
    if (k < 0 || f.propF[k] === 0) continue;
    const frequency = f.propF[k]!;
    const direct = m.propDirect[k] === 1;
    const match: ObservedMatch = x === t ? (direct ? 'exact' : 'disease-more-specific') : direct ? 'patient-more-specific' : 'common-ancestor';
    const annotation = supportingAnnotation(m, f, d, x, frequency);
    const diseaseTerm = match === 'exact' ? t : match === 'patient-more-specific' ? x : m.annTerm[annotation]!;
    return { match, diseaseTerm, annotation, via: x === t ? undefined : x, frequency, background: f.bg[x]!, lr: observedLR(match, frequency, f.bg[x]!, p) };
  }
  return { match: 'none', frequency: 0, background: f.bg[t]!, lr: p.noMatchLR };
}

/** One excluded term against one disease, with the reason (same model as TermScorer.addExcluded). */
export function matchExcluded(m: PhenotypeModel, f: FrequencyTables, p: RankerParameters, t: number, d: number, ageYears?: number): ExcludedEvidence {
  const bg = f.bg[t]!;
  const k = propEntry(m, t, d);
  if (k >= 0 && f.propF[k]! > 0) {
    const frequency = f.propF[k]!;
    const annotation = supportingAnnotation(m, f, d, t, frequency);
    const diseaseTerm = m.annTerm[annotation]!;
    if (f.propOnsetLow[k]! > (ageYears ?? Infinity)) return { match: 'annotated', diseaseTerm, annotation, frequency, background: bg, notYetDue: true, lr: 1 };
    return { match: 'annotated', diseaseTerm, annotation, frequency, background: bg, lr: excludedLR('annotated', frequency, bg, p, m.specificity(t)) };
  }
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    if (m.isNegative(a) && m.isAncestorOrSelf(m.annTerm[a]!, t)) {
      return { match: 'consistent', diseaseTerm: m.annTerm[a]!, annotation: a, frequency: 0, background: bg, lr: excludedLR('consistent', 0, bg, p) };
    }
  }
  return { match: 'unrelated', frequency: 0, background: bg, lr: 1 };
}

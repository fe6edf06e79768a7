import type { RankerParameters } from './ranker-parameters.js';

/**
 * How a patient's observed term relates to a disease's annotations (the strongest relation wins):
 * - exact: the disease is annotated with the term itself;
 * - disease-more-specific: the disease is annotated with a descendant (patient "Seizure", disease "Focal seizure");
 * - patient-more-specific: the disease is annotated with an ancestor (patient "Focal seizure", disease "Seizure");
 * - common-ancestor: they share an ancestor that is still specific enough to mean something;
 * - none: nothing closer than very general ancestors;
 * - contradicted: the disease is explicitly annotated NOT to have the term or an ancestor of it.
 */
export type ObservedMatch = 'exact' | 'disease-more-specific' | 'patient-more-specific' | 'common-ancestor' | 'none' | 'contradicted';

/**
 * LR of one observed term for one disease: P(term | disease) / P(term | other diseases).
 *
 * The denominator is the chance that a patient with some other disease shows the term: the share of annotated
 * diseases having the term or a descendant (propagated), times the default frequency. The numerator is the
 * annotation's frequency (the default when the source gives none). When the match goes through an ancestor `a`
 * (patient more specific, or common ancestor), P(term | disease) = f(a) * P(term | a), and P(term | a) is estimated
 * by share(term) / share(a), so the LR reduces to that of `a` itself, scaled by a factor below 1 for a common
 * ancestor (the disease's own feature is a different branch).
 */
export function observedLR(
  match: ObservedMatch,
  frequency: number,
  shareOfTerm: number,
  shareOfAncestor: number,
  p: RankerParameters,
): number {
  const background = (share: number) => share * p.defaultFrequency;
  let lr: number;
  switch (match) {
    case 'exact':
    case 'disease-more-specific':
      lr = frequency / background(shareOfTerm);
      break;
    case 'patient-more-specific':
      lr = (p.descendantFactor * frequency) / background(shareOfAncestor);
      break;
    case 'common-ancestor':
      lr = (p.commonAncestorFactor * frequency) / background(shareOfAncestor);
      break;
    case 'contradicted':
      return p.contradictedLR;
    case 'none':
      return p.noMatchLR;
  }
  return Math.max(lr, p.noMatchLR);
}

/**
 * How a patient's excluded term relates to a disease:
 * - annotated: the disease is annotated with the term or a descendant (the patient lacks what the disease has);
 * - consistent: the disease is explicitly annotated NOT to have the term or an ancestor (both lack it);
 * - unrelated: the disease says nothing about it.
 */
export type ExcludedMatch = 'annotated' | 'consistent' | 'unrelated';

/**
 * LR of one excluded term: P(not term | disease) / P(not term | other diseases). The denominator uses the same
 * frequency assumption as the numerator (share of diseases with the feature times the excluded-feature frequency),
 * and the result is capped at 1, so lacking a feature can only lower a disease that has it, never raise it.
 */
export function excludedLR(match: ExcludedMatch, frequency: number, shareOfTerm: number, p: RankerParameters): number {
  const absentElsewhere = 1 - Math.min(shareOfTerm * p.excludedDefaultFrequency, 0.99);
  switch (match) {
    case 'annotated':
      // Capped at 1: lacking a feature of the disease never makes the disease more likely.
      return Math.min(1, Math.max((1 - frequency) / absentElsewhere, p.excludedAnnotatedFloor));
    case 'consistent':
      return 1 / absentElsewhere;
    case 'unrelated':
      return 1;
  }
}

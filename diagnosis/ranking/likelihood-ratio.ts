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
 * `frequency` is P(the disease's patients show the matched term or a descendant) (frequency-tables.ts: the annotation's
 * frequency with its uncertainty), `background` the same probability for a patient with another disease. When the
 * match goes through an ancestor `a` (patient more specific, or common ancestor), P(term | disease) = f(a) · P(term | a)
 * and P(term | a) = bg(term) / bg(a), so the LR reduces to f(a) / bg(a), scaled down for a common ancestor (the disease's
 * own feature is a different branch). Floored at the no-match LR: a weak match is never worse than none.
 */
export function observedLR(match: ObservedMatch, frequency: number, background: number, p: RankerParameters): number {
  switch (match) {
    case 'contradicted':
      return p.contradictedLR;
    case 'none':
      return p.noMatchLR;
    case 'exact':
    case 'disease-more-specific':
      return Math.max(frequency / background, p.noMatchLR);
    case 'patient-more-specific':
      return Math.max((p.descendantFactor * frequency) / background, p.noMatchLR);
    case 'common-ancestor':
      return Math.max((p.commonAncestorFactor * frequency) / background, p.noMatchLR);
  }
}

/**
 * How a patient's excluded term relates to a disease:
 * - annotated: the disease is annotated with the term or a descendant (the patient lacks what the disease has);
 * - consistent: the disease is explicitly annotated NOT to have the term or an ancestor (both lack it);
 * - unrelated: the disease says nothing about it.
 */
export type ExcludedMatch = 'annotated' | 'consistent' | 'unrelated';

/**
 * How much more often a feature of the disease is checked than average: the full ascertainment ratio for a specific
 * feature (checking it means the disease was considered), none for a general one that every clinician screens for
 * ("no intellectual disability", "no seizures"); in between by specificity (information content / its maximum).
 */
export const ascertainment = (p: RankerParameters, specificity: number) => 1 + (p.excludedAscertainment - 1) * specificity;

/**
 * LR of one excluded term. A feature is reported absent when it was checked and found absent: P(reported absent | D) =
 * P(checked | D) · (1 − f). Pertinent negatives are checked for their relevance, so a specific feature of the disease is
 * checked more often than average (ascertainment above): LR = ascertainment · (1 − f) / (1 − bg) for a disease with the
 * feature, floored. Lacking a very frequent feature stays real evidence against; lacking an occasional specific one
 * says the disease was considered. A disease explicitly annotated NOT to have it: 1 / (1 − bg).
 */
export function excludedLR(match: ExcludedMatch, frequency: number, background: number, p: RankerParameters, specificity = 1): number {
  const absentElsewhere = 1 - background;
  switch (match) {
    case 'annotated':
      return Math.max((ascertainment(p, specificity) * (1 - Math.min(frequency, 0.999))) / absentElsewhere, p.excludedAnnotatedFloor);
    case 'consistent':
      return 1 / absentElsewhere;
    case 'unrelated':
      return 1;
  }
}

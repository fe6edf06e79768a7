import type { ExtractedFinding } from './finding.js';
import { reportSections, sectionAt, type Section } from './report-sections.js';
import type { TermHierarchy } from './term-hierarchy.js';

/** The patient's findings of a whole document, as HPO id sets (what a case record or the ranker takes). */
export interface DocumentFindings {
  present: string[];
  excluded: string[];
}

/**
 * From mention-level findings to the patient's findings of a document:
 * - only mentions in the patient's own sections count when the document has such sections (a published case
 *   report's case presentation or results), else every mention outside literature sections (background,
 *   discussion, references: other patients and the disease in general); a clinical note without headings counts
 *   whole;
 * - present: ids with a present mention (historical included); excluded: ids with an excluded mention and none
 *   present; uncertain and family mentions are not the patient's findings;
 * - the most specific terms only: a present term implied by a more specific present term is dropped, as curated
 *   case annotations list the specific finding ("chorioretinal coloboma", not also "coloboma").
 */
export function documentFindings(text: string, findings: readonly ExtractedFinding[], hierarchy: TermHierarchy | undefined, sections: readonly Section[] = reportSections(text)): DocumentFindings {
  const hasPatientSections = sections.some((s) => s.kind === 'patient');
  const counts = (f: ExtractedFinding) => {
    const kind = sectionAt(sections, f.start)?.kind ?? 'front';
    return hasPatientSections ? kind === 'patient' : kind !== 'literature';
  };
  const used = findings.filter(counts);
  const present = new Set(used.filter((f) => f.status === 'present').map((f) => f.hpoId));
  const excluded = new Set(used.filter((f) => f.status === 'excluded' && !present.has(f.hpoId)).map((f) => f.hpoId));
  const mostSpecific = (ids: Set<string>) => [...ids].filter((a) => !hierarchy || ![...ids].some((b) => b !== a && hierarchy.isAncestorOrSelf(a, b)));
  const presentIds = mostSpecific(present);
  // An excluded term that is an ancestor of a present one contradicts it ("no eye anomaly" vs "coloboma"): dropped.
  const excludedIds = [...excluded].filter((e) => !hierarchy || !presentIds.some((p) => hierarchy.isAncestorOrSelf(e, p)));
  return { present: presentIds.sort(), excluded: excludedIds.sort() };
}

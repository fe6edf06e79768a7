import { normaliseHpoId } from '../case-input/hpo-id.js';
import type { ExtractedFinding } from '../intake/finding.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import type { RecordedFinding, RunFinding } from './run-types.js';

/**
 * The findings of a run: the recorded ones (ids normalised, labels from the ontology when missing) followed by those
 * the intake extracted from the narrative.
 */
export function collectFindings(model: PhenotypeModel, recorded: readonly RecordedFinding[], extracted: readonly ExtractedFinding[]): RunFinding[] {
  const labelOf = (id: string) => model.termLabels[model.resolveTerm(id)?.index ?? -1];
  const out: RunFinding[] = recorded.map((f) => {
    const hpoId = normaliseHpoId(f.hpoId);
    return { ...f, hpoId, label: f.label ?? labelOf(hpoId) ?? hpoId };
  });
  for (const f of extracted) {
    out.push({ hpoId: f.hpoId, label: f.label, status: f.status, source: 'extracted', start: f.start, end: f.end, text: f.text, confidence: f.confidence });
  }
  return out;
}

/**
 * What the ranker reads of the findings. The rules, in one place for every entry point:
 * - present and excluded findings are ranked; uncertain findings and findings of relatives are shown, never ranked;
 * - a term that is present anywhere (typed, or found present elsewhere in the text) is not also excluded: the
 *   clinician's or the text's positive statement wins over a negated mention of the same term;
 * - each id once, in first-seen order.
 */
export function rankedTerms(findings: readonly RunFinding[]): { present: string[]; excluded: string[] } {
  const present = [...new Set(findings.filter((f) => f.status === 'present').map((f) => f.hpoId))];
  const isPresent = new Set(present);
  const excluded = [...new Set(findings.filter((f) => f.status === 'excluded' && !isPresent.has(f.hpoId)).map((f) => f.hpoId))];
  return { present, excluded };
}

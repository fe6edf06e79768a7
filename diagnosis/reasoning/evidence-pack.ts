import type { DiseaseContext } from '../../graph-snapshot/query/graph-snapshot.js';
import type { CandidateExplanation } from '../ranking/explanation.js';
import type { DiscriminatingFinding } from './discriminating-findings.js';

export type EvidenceKind =
  | 'disease'
  | 'observed-term'
  | 'excluded-term'
  | 'not-reported'
  | 'gene'
  | 'genotype'
  | 'variant'
  | 'inheritance'
  | 'classification'
  | 'text-match';

/** One fact the model may cite. Ids are stable for the same case and snapshot (e.g. "P:OMIM:154700:HP:0001166"). */
export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  diseaseId?: string;
  /** one line, as shown to the model and to the clinician */
  text: string;
}

export interface EvidenceCandidate {
  diseaseId: string;
  /** every OMIM / ORPHA entry of the concept */
  ids: string[];
  label: string;
  mondo: string;
  /** how the candidate entered the pack */
  source: 'ranker' | 'text-retrieval';
  /** deterministic rank and post-test probability (ranker candidates) */
  rank?: number;
  probability?: number;
  evidenceIds: string[];
  context?: DiseaseContext;
  explanation?: CandidateExplanation;
}

export interface CaseSummary {
  sex?: string;
  ageYears?: number;
  observed: { id: string; label: string }[];
  excluded: { id: string; label: string }[];
  /** the first part of the narrative, when there is one */
  narrativeExcerpt?: string;
  variantsSummary?: string;
}

/** What the reasoning model sees, and the only facts it may cite. */
export interface EvidencePack {
  snapshotId: string;
  case: CaseSummary;
  candidates: EvidenceCandidate[];
  items: EvidenceItem[];
  discriminating: DiscriminatingFinding[];
  buildMs: number;
}

export function evidenceIndex(pack: EvidencePack): Map<string, EvidenceItem> {
  return new Map(pack.items.map((i) => [i.id, i]));
}

import type { CaseFindings, Sex } from '../case-input/case-findings.js';
import type { AcmgClassification, ListedInheritance, ListedVariant, ListedZygosity } from '../case-input/listed-variant.js';
import type { AffectedStatus, Pedigree } from '../case-input/pedigree.js';

/**
 * What the case store returns. These types are the contract the Electron main process and the loopback HTTP server
 * expose to the UI: plain JSON-serialisable objects, timestamps as ISO 8601 strings (UTC).
 */
export type { Sex };

/**
 * new: nothing run or decided yet; in progress: under work-up; solved: a final diagnosis stands; unsolved: work-up
 * exhausted (re-analysis picks these up); closed: no further action (e.g. lost to follow-up, or filed after solving)
 */
export type CaseStatus = 'new' | 'in-progress' | 'solved' | 'unsolved' | 'closed';
export type FindingStatus = 'present' | 'excluded' | 'uncertain';
/** typed by a clinician; extracted from a narrative (with its span); proposed by the local LLM and accepted by a clinician */
export type FindingSource = 'typed' | 'extracted' | 'llm-accepted';
export type RunKind = 'manual' | 'reanalysis';
/**
 * accept / reject a candidate, or "considered and excluded" (e.g. ruled out by a test); the final diagnosis (the case
 * becomes solved); mark solved (needs a final diagnosis), mark unsolved (work-up exhausted: a candidate for
 * re-analysis); reopen (back to in progress); close (no further action)
 */
export type DecisionKind = 'accept' | 'reject' | 'exclude' | 'final-diagnosis' | 'mark-solved' | 'mark-unsolved' | 'reopen' | 'close';
/** The decisions that name a candidate disease. */
export const CANDIDATE_DECISIONS: readonly DecisionKind[] = ['accept', 'reject', 'exclude', 'final-diagnosis'];
/** ACMG/AMP classes of a variant */
export type VariantClassification = 'pathogenic' | 'likely-pathogenic' | 'uncertain-significance' | 'likely-benign' | 'benign';
/** how sure the clinician is of a final diagnosis */
export type DiagnosisCertainty = 'confirmed' | 'probable' | 'possible';

export interface CaseRecord {
  id: string;
  label: string;
  sex: Sex;
  /** YYYY-MM-DD, when known */
  dateOfBirth: string | null;
  /** age at last encounter as an ISO 8601 duration (P6Y3M), when known */
  age: string | null;
  status: CaseStatus;
  /** the reason for referral, as the referral letter puts it */
  indication: string | null;
  /** the referring clinician or service */
  referrer: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface Narrative {
  id: number;
  caseId: string;
  /** where the text came from: "referral letter", "clinic note 2024-03-01" */
  source: string;
  text: string;
  createdAt: string;
  createdBy: string;
}

export interface TextSpan {
  narrativeId: number;
  /** character offsets into the narrative's text, end exclusive */
  start: number;
  end: number;
  text: string;
}

export interface StoredFinding {
  id: number;
  caseId: string;
  hpoId: string;
  label: string;
  status: FindingStatus;
  source: FindingSource;
  /** required for extracted findings; optional for accepted LLM proposals */
  span: TextSpan | null;
  /** for llm-accepted: the model that proposed it */
  proposedBy: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface VcfReference {
  id: number;
  caseId: string;
  path: string;
  sha256: string;
  sample: string | null;
  build: 'GRCh37' | 'GRCh38' | null;
  /** the reader's summary (records, passed, lifted, ...) */
  summary: Record<string, unknown>;
  addedAt: string;
  addedBy: string;
}

/** A run without its (large) results, as listed with a case. */
export interface RunSummary {
  id: number;
  caseId: string;
  kind: RunKind;
  snapshotId: string;
  modelId: string | null;
  /** candidate ids best first, as the ranking returned them */
  topCandidates: string[];
  /** the leading candidate's name, when the run recorded it */
  topLabel: string | null;
  /** the run this one re-analysed, and whether its top 5 changed (reanalysis runs) */
  previousRunId: number | null;
  topChanged: boolean | null;
  startedAt: string;
  finishedAt: string;
  createdBy: string;
}

export interface DiagnosisRun extends RunSummary {
  /** the findings, demographics and VCF the run saw */
  inputs: unknown;
  parameters: Record<string, unknown>;
  /** the hardware that ran the LLM, when one was used */
  hardware: Record<string, unknown> | null;
  results: unknown;
  /** milliseconds per step */
  timings: Record<string, number>;
}

export interface Decision {
  id: number;
  caseId: string;
  runId: number | null;
  kind: DecisionKind;
  /** the disease (OMIM:..., ORPHA:..., MONDO:...) for accept, reject, exclude and final-diagnosis */
  candidateId: string | null;
  candidateLabel: string | null;
  /** the reason or the clinician's note */
  note: string;
  /** final diagnosis only: the causal gene and variant, the variant's classification, the certainty */
  gene: string | null;
  variant: string | null;
  classification: VariantClassification | null;
  certainty: DiagnosisCertainty | null;
  decidedAt: string;
  decidedBy: string;
}

export interface Note {
  id: number;
  caseId: string;
  text: string;
  createdAt: string;
  createdBy: string;
}

export type { AffectedStatus, AcmgClassification, ListedInheritance, ListedZygosity };

/** One member of a case's family; ids are the VCF's sample names when the family was sequenced together. */
export interface StoredPedigreeMember {
  id: string;
  sex: Sex;
  affected: AffectedStatus;
  fatherId: string | null;
  motherId: string | null;
  proband: boolean;
}

/** The family of a case, as the clinician typed it or a PED file gave it (migration 4). */
export interface StoredPedigree {
  caseId: string;
  familyId: string;
  /** stated consanguinity of the proband's parents (a pedigree with a shared ancestor says it too) */
  consanguineous: boolean;
  /** "typed in the app", or the PED file's name */
  source: string;
  members: StoredPedigreeMember[];
  updatedAt: string;
  updatedBy: string;
}

/** A variant of a lab's prioritized list: coordinates, or a gene and an HGVS description, or both. */
export interface StoredCandidateVariant {
  gene: string | null;
  hgvsC: string | null;
  hgvsP: string | null;
  transcript: string | null;
  chrom: string | null;
  pos: number | null;
  ref: string | null;
  alt: string | null;
  assembly: 'GRCh37' | 'GRCh38' | null;
  zygosity: ListedZygosity | null;
  inheritance: ListedInheritance | null;
  acmg: AcmgClassification | null;
  /** "typed", or file:line of the CSV/TSV it was read from */
  source: string;
}

export interface StoredCandidateList {
  caseId: string;
  /** "typed in the app", or the list file's name */
  source: string;
  variants: StoredCandidateVariant[];
  updatedAt: string;
  updatedBy: string;
}

/** Everything about one case (run results are fetched one at a time with getRun). */
export interface CaseDetail {
  case: CaseRecord;
  narratives: Narrative[];
  findings: StoredFinding[];
  vcfs: VcfReference[];
  runs: RunSummary[];
  decisions: Decision[];
  notes: Note[];
  /** the final diagnosis that stands (the latest, unless the case was reopened or marked unsolved since) */
  finalDiagnosis: Decision | null;
  /** the family (schema 4) */
  pedigree: StoredPedigree | null;
  /** the lab's candidate variants (schema 4) */
  candidateVariants: StoredCandidateList | null;
}

/** One row of the case list. */
export interface CaseSummary extends CaseRecord {
  present: number;
  excluded: number;
  uncertain: number;
  lastRun: { id: number; snapshotId: string; finishedAt: string; topCandidate: string | null; topLabel: string | null } | null;
  finalDiagnosis: { id: string; label: string | null } | null;
}

export interface SearchHit {
  kind: 'narrative' | 'note';
  itemId: number;
  /** the narrative's source; null for notes */
  source: string | null;
  /** a few words around the matches, each match between « and » */
  snippet: string;
}

export interface SearchResult {
  caseId: string;
  label: string;
  status: CaseStatus;
  /** best first, at most 3 per case */
  hits: SearchHit[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  caseId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; rows: number; headHash: string }
  | {
      ok: false;
      rows: number;
      /** the first row that does not verify */
      brokenAt: { seq: number; at: string | null; actor: string | null; action: string | null };
      problem: string;
    };

/** A case as a run reads it: present and excluded findings, demographics, the latest VCF. */
export interface StoredCaseInputs {
  caseId: string;
  /** present and excluded HPO ids, sex, age in years (from the recorded age, else from the date of birth) */
  findings: CaseFindings;
  /** uncertain findings: not ranked, listed so a run's inputs are complete */
  uncertain: string[];
  /** the most recently attached VCF; `samples`: the VCF's sample names when its attachment recorded them */
  vcf: { path: string; sha256: string; sample: string | null; build: 'GRCh37' | 'GRCh38' | null; samples?: string[] } | null;
  /** the case's family, checked (its proband the flagged member); a run applies it to a multi-sample VCF */
  pedigree?: { pedigree: Pedigree; source: string };
  /** the lab's candidate variants; a run weighs them when the case has no VCF */
  candidateVariants?: { variants: ListedVariant[]; source: string };
}

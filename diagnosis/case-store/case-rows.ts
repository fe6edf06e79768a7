import type {
  CaseRecord,
  CaseStatus,
  Decision,
  DecisionKind,
  DiagnosisRun,
  StoredFinding,
  FindingSource,
  FindingStatus,
  Narrative,
  Note,
  RunKind,
  RunSummary,
  Sex,
  VcfReference,
} from './case-types.js';

/** Rows as SQLite returns them (snake_case columns) and their mapping to the store's types. */

export interface CaseRow {
  id: string;
  label: string;
  sex: string;
  date_of_birth: string | null;
  age: string | null;
  status: string;
  indication: string | null;
  referrer: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export const toCase = (r: CaseRow): CaseRecord => ({
  id: r.id,
  label: r.label,
  sex: r.sex as Sex,
  dateOfBirth: r.date_of_birth,
  age: r.age,
  status: r.status as CaseStatus,
  indication: r.indication,
  referrer: r.referrer,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

export interface NarrativeRow {
  id: number;
  case_id: string;
  source: string;
  text: string;
  created_at: string;
  created_by: string;
}

export const toNarrative = (r: NarrativeRow): Narrative => ({
  id: r.id,
  caseId: r.case_id,
  source: r.source,
  text: r.text,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export interface FindingRow {
  id: number;
  case_id: string;
  hpo_id: string;
  label: string;
  status: string;
  source: string;
  narrative_id: number | null;
  span_start: number | null;
  span_end: number | null;
  span_text: string | null;
  proposed_by: string | null;
  recorded_at: string;
  recorded_by: string;
}

export const toFinding = (r: FindingRow): StoredFinding => ({
  id: r.id,
  caseId: r.case_id,
  hpoId: r.hpo_id,
  label: r.label,
  status: r.status as FindingStatus,
  source: r.source as FindingSource,
  span:
    r.narrative_id === null || r.span_start === null || r.span_end === null
      ? null
      : { narrativeId: r.narrative_id, start: r.span_start, end: r.span_end, text: r.span_text ?? '' },
  proposedBy: r.proposed_by,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export interface VcfRow {
  id: number;
  case_id: string;
  path: string;
  sha256: string;
  sample: string | null;
  build: string | null;
  summary: string;
  added_at: string;
  added_by: string;
}

export const toVcf = (r: VcfRow): VcfReference => ({
  id: r.id,
  caseId: r.case_id,
  path: r.path,
  sha256: r.sha256,
  sample: r.sample,
  build: r.build as VcfReference['build'],
  summary: JSON.parse(r.summary) as Record<string, unknown>,
  addedAt: r.added_at,
  addedBy: r.added_by,
});

export interface RunRow {
  id: number;
  case_id: string;
  kind: string;
  snapshot_id: string;
  model_id: string | null;
  hardware: string | null;
  inputs: string;
  parameters: string;
  results: string;
  top_candidates: string;
  top_label: string | null;
  timings: string;
  previous_run_id: number | null;
  top_changed: number | null;
  started_at: string;
  finished_at: string;
  created_by: string;
}

/** The columns of a run without its large JSON (inputs, results): for lists. */
export const runSummaryColumns =
  'id, case_id, kind, snapshot_id, model_id, top_candidates, top_label, previous_run_id, top_changed, started_at, finished_at, created_by';

export const toRunSummary = (
  r: Pick<RunRow, 'id' | 'case_id' | 'kind' | 'snapshot_id' | 'model_id' | 'top_candidates' | 'top_label' | 'previous_run_id' | 'top_changed' | 'started_at' | 'finished_at' | 'created_by'>,
): RunSummary => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind as RunKind,
  snapshotId: r.snapshot_id,
  modelId: r.model_id,
  topCandidates: JSON.parse(r.top_candidates) as string[],
  topLabel: r.top_label,
  previousRunId: r.previous_run_id,
  topChanged: r.top_changed === null ? null : r.top_changed === 1,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  createdBy: r.created_by,
});

export const toRun = (r: RunRow): DiagnosisRun => ({
  ...toRunSummary(r),
  inputs: JSON.parse(r.inputs) as unknown,
  parameters: JSON.parse(r.parameters) as Record<string, unknown>,
  hardware: r.hardware === null ? null : (JSON.parse(r.hardware) as Record<string, unknown>),
  results: JSON.parse(r.results) as unknown,
  timings: JSON.parse(r.timings) as Record<string, number>,
});

export interface DecisionRow {
  id: number;
  case_id: string;
  run_id: number | null;
  kind: string;
  candidate_id: string | null;
  candidate_label: string | null;
  note: string;
  gene: string | null;
  variant: string | null;
  classification: string | null;
  certainty: string | null;
  decided_at: string;
  decided_by: string;
}

export const toDecision = (r: DecisionRow): Decision => ({
  id: r.id,
  caseId: r.case_id,
  runId: r.run_id,
  kind: r.kind as DecisionKind,
  candidateId: r.candidate_id,
  candidateLabel: r.candidate_label,
  note: r.note,
  gene: r.gene,
  variant: r.variant,
  classification: r.classification as Decision['classification'],
  certainty: r.certainty as Decision['certainty'],
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

export interface NoteRow {
  id: number;
  case_id: string;
  text: string;
  created_at: string;
  created_by: string;
}

export const toNote = (r: NoteRow): Note => ({ id: r.id, caseId: r.case_id, text: r.text, createdAt: r.created_at, createdBy: r.created_by });

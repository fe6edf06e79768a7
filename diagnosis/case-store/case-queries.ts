import type Database from 'better-sqlite3-multiple-ciphers';
import { durationToYears } from '../case-input/iso8601-duration.js';
import { CaseInputError, CaseNotFoundError } from './case-errors.js';
import { listedVariantsOf, pedigreeOf, readCandidates, readPedigree } from './family-records.js';
import {
  runSummaryColumns,
  toCase,
  toDecision,
  toFinding,
  toNarrative,
  toNote,
  toRunSummary,
  toVcf,
  type CaseRow,
  type DecisionRow,
  type FindingRow,
  type NarrativeRow,
  type NoteRow,
  type RunRow,
  type VcfRow,
} from './case-rows.js';
import type { CaseDetail, CaseRecord, CaseStatus, CaseSummary, Decision, StoredCaseInputs } from './case-types.js';

/** Read-only queries of the store: one case in full, the case list, what the ranker reads. */

export function caseRecord(db: Database.Database, caseId: string): CaseRecord {
  const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
  if (!row) throw new CaseNotFoundError(`case with id "${caseId}"`);
  return toCase(row);
}

/**
 * The final diagnosis that stands: the latest one, unless the case was reopened or marked unsolved after it (a later
 * "mark solved" brings it back). Closing a solved case keeps it: the case was filed with its diagnosis.
 */
export function standingFinalDiagnosis(decisions: readonly Pick<Decision, 'kind'>[]): number | null {
  let latest: number | null = null;
  let stands = false;
  decisions.forEach((d, i) => {
    if (d.kind === 'final-diagnosis') {
      latest = i;
      stands = true;
    } else if (d.kind === 'reopen' || d.kind === 'mark-unsolved') stands = false;
    else if (d.kind === 'mark-solved' && latest !== null) stands = true;
  });
  return stands ? latest : null;
}

export function caseDetail(db: Database.Database, caseId: string): CaseDetail {
  const c = caseRecord(db, caseId);
  const all = <R>(sql: string) => db.prepare(sql).all(caseId) as R[];
  const decisions = all<DecisionRow>('SELECT * FROM decisions WHERE case_id = ? ORDER BY id').map(toDecision);
  return {
    case: c,
    narratives: all<NarrativeRow>('SELECT * FROM narratives WHERE case_id = ? ORDER BY id').map(toNarrative),
    findings: all<FindingRow>('SELECT * FROM findings WHERE case_id = ? ORDER BY id').map(toFinding),
    vcfs: all<VcfRow>('SELECT * FROM vcf_files WHERE case_id = ? ORDER BY id').map(toVcf),
    runs: all<RunRow>(`SELECT ${runSummaryColumns} FROM diagnosis_runs WHERE case_id = ? ORDER BY id`).map(toRunSummary),
    decisions,
    notes: all<NoteRow>('SELECT * FROM notes WHERE case_id = ? ORDER BY id').map(toNote),
    finalDiagnosis: decisions[standingFinalDiagnosis(decisions) ?? -1] ?? null,
    pedigree: readPedigree(db, caseId),
    candidateVariants: readCandidates(db, caseId),
  };
}

export function listCaseSummaries(db: Database.Database, filter: { status?: CaseStatus } = {}): CaseSummary[] {
  const rows = db
    .prepare(
      `SELECT c.*,
              (SELECT count(*) FROM findings f WHERE f.case_id = c.id AND f.status = 'present') AS n_present,
              (SELECT count(*) FROM findings f WHERE f.case_id = c.id AND f.status = 'excluded') AS n_excluded,
              (SELECT count(*) FROM findings f WHERE f.case_id = c.id AND f.status = 'uncertain') AS n_uncertain,
              r.id AS run_id, r.snapshot_id AS run_snapshot, r.finished_at AS run_finished, r.top_candidates ->> '$[0]' AS run_top, r.top_label AS run_top_label
         FROM cases c
         LEFT JOIN diagnosis_runs r ON r.id = (SELECT max(id) FROM diagnosis_runs WHERE case_id = c.id)
        WHERE @status IS NULL OR c.status = @status
        ORDER BY c.updated_at DESC, c.id`,
    )
    .all({ status: filter.status ?? null }) as (CaseRow & {
    n_present: number;
    n_excluded: number;
    n_uncertain: number;
    run_id: number | null;
    run_snapshot: string | null;
    run_finished: string | null;
    run_top: string | null;
    run_top_label: string | null;
  })[];
  // the decisions that decide whether a final diagnosis stands, of every case at once (a list is hundreds of cases)
  const statusDecisions = new Map<string, DecisionRow[]>();
  const decisionRows = db
    .prepare("SELECT * FROM decisions WHERE kind IN ('final-diagnosis', 'mark-solved', 'mark-unsolved', 'reopen') ORDER BY case_id, id")
    .all() as DecisionRow[];
  for (const d of decisionRows) (statusDecisions.get(d.case_id) ?? statusDecisions.set(d.case_id, []).get(d.case_id)!).push(d);
  return rows.map((r) => {
    const decisions = statusDecisions.get(r.id) ?? [];
    const dx = decisions[standingFinalDiagnosis(decisions.map(toDecision)) ?? -1];
    return {
      ...toCase(r),
      present: r.n_present,
      excluded: r.n_excluded,
      uncertain: r.n_uncertain,
      lastRun:
        r.run_id === null ? null : { id: r.run_id, snapshotId: r.run_snapshot!, finishedAt: r.run_finished!, topCandidate: r.run_top, topLabel: r.run_top_label },
      finalDiagnosis: dx ? { id: dx.candidate_id!, label: dx.candidate_label } : null,
    };
  });
}

/** A full case id, or a unique prefix of one (at least 4 characters), as typed on the command line. */
export function resolveCaseId(db: Database.Database, idOrPrefix: string): string {
  if (db.prepare('SELECT 1 FROM cases WHERE id = ?').get(idOrPrefix)) return idOrPrefix;
  if (idOrPrefix.length < 4) throw new CaseNotFoundError(`case with id "${idOrPrefix}"`);
  const like = `${idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ids = db.prepare("SELECT id FROM cases WHERE id LIKE ? ESCAPE '\\' LIMIT 2").pluck().all(like) as string[];
  if (ids.length === 0) throw new CaseNotFoundError(`case with id "${idOrPrefix}"`);
  if (ids.length > 1) throw new CaseInputError('id', `"${idOrPrefix}" is the start of more than one case id: give more of it`);
  return ids[0]!;
}

/** Age in whole years between a date of birth and a day. */
function yearsSince(dateOfBirth: string, now: Date): number {
  const dob = new Date(`${dateOfBirth}T00:00:00Z`);
  let years = now.getUTCFullYear() - dob.getUTCFullYear();
  const beforeBirthday = now.getUTCMonth() < dob.getUTCMonth() || (now.getUTCMonth() === dob.getUTCMonth() && now.getUTCDate() < dob.getUTCDate());
  if (beforeBirthday) years -= 1;
  return Math.max(0, years);
}

export function caseInputs(db: Database.Database, caseId: string, now: Date): StoredCaseInputs {
  const c = caseRecord(db, caseId);
  const findings = db.prepare('SELECT hpo_id, status FROM findings WHERE case_id = ? ORDER BY id').all(caseId) as { hpo_id: string; status: string }[];
  const ids = (status: string) => findings.filter((f) => f.status === status).map((f) => f.hpo_id);
  const vcfRow = db.prepare('SELECT path, sha256, sample, build, summary FROM vcf_files WHERE case_id = ? ORDER BY id DESC LIMIT 1').get(caseId) as
    | { path: string; sha256: string; sample: string | null; build: 'GRCh37' | 'GRCh38' | null; summary: string }
    | undefined;
  let vcf: StoredCaseInputs['vcf'] = null;
  if (vcfRow) {
    const { summary, ...rest } = vcfRow;
    // attachments since schema 4 record the VCF's samples: a run then knows whether the family was sequenced with it
    const samples = (JSON.parse(summary) as { samples?: unknown }).samples;
    vcf = { ...rest, ...(Array.isArray(samples) && samples.every((x) => typeof x === 'string') ? { samples: samples as string[] } : {}) };
  }
  const pedigree = readPedigree(db, caseId);
  const candidates = readCandidates(db, caseId);
  const ageYears = c.age ? durationToYears(c.age) : c.dateOfBirth ? yearsSince(c.dateOfBirth, now) : undefined;
  return {
    caseId,
    findings: { id: caseId, present: ids('present'), excluded: ids('excluded'), sex: c.sex, ...(ageYears === undefined ? {} : { ageYears }) },
    uncertain: ids('uncertain'),
    vcf,
    ...(pedigree ? { pedigree: { pedigree: pedigreeOf(pedigree), source: pedigree.source } } : {}),
    ...(candidates ? { candidateVariants: { variants: listedVariantsOf(candidates), source: candidates.source } } : {}),
  };
}

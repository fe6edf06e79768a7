/**
 * Schema version 1: the case records and the audit log.
 *
 * STRICT tables, so a wrong type is an error rather than a silent conversion. Narratives, notes, runs and decisions
 * are never updated in place (a correction is a new row); findings are one row per HPO term and case, changed in
 * place, with every change in the audit log.
 */
export const caseRecordsSql = `
CREATE TABLE cases (
  id            TEXT PRIMARY KEY,
  label         TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  sex           TEXT NOT NULL DEFAULT 'UNKNOWN_SEX' CHECK (sex IN ('MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX')),
  date_of_birth TEXT,
  age           TEXT,
  status        TEXT NOT NULL DEFAULT 'in-progress' CHECK (status IN ('in-progress', 'solved', 'unsolved')),
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE narratives (
  id         INTEGER PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  text       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX narratives_by_case ON narratives (case_id);

CREATE TABLE findings (
  id           INTEGER PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  hpo_id       TEXT NOT NULL CHECK (hpo_id GLOB 'HP:[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  label        TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('present', 'excluded', 'uncertain')),
  source       TEXT NOT NULL CHECK (source IN ('typed', 'extracted', 'llm-accepted')),
  narrative_id INTEGER REFERENCES narratives (id),
  span_start   INTEGER,
  span_end     INTEGER,
  span_text    TEXT,
  proposed_by  TEXT,
  recorded_at  TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  UNIQUE (case_id, hpo_id),
  CHECK (source <> 'extracted' OR narrative_id IS NOT NULL),
  CHECK ((narrative_id IS NULL) = (span_start IS NULL) AND (span_start IS NULL) = (span_end IS NULL)),
  CHECK (span_start IS NULL OR (span_start >= 0 AND span_end > span_start))
) STRICT;

CREATE TABLE vcf_files (
  id       INTEGER PRIMARY KEY,
  case_id  TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  path     TEXT NOT NULL,
  sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
  sample   TEXT,
  build    TEXT CHECK (build IN ('GRCh37', 'GRCh38')),
  summary  TEXT NOT NULL CHECK (json_valid(summary)),
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
) STRICT;
CREATE INDEX vcf_files_by_case ON vcf_files (case_id);

CREATE TABLE diagnosis_runs (
  id              INTEGER PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('manual', 'reanalysis')),
  snapshot_id     TEXT NOT NULL,
  model_id        TEXT,
  hardware        TEXT CHECK (hardware IS NULL OR json_valid(hardware)),
  inputs          TEXT NOT NULL CHECK (json_valid(inputs)),
  parameters      TEXT NOT NULL CHECK (json_valid(parameters)),
  results         TEXT NOT NULL CHECK (json_valid(results)),
  top_candidates  TEXT NOT NULL CHECK (json_valid(top_candidates)),
  timings         TEXT NOT NULL CHECK (json_valid(timings)),
  previous_run_id INTEGER REFERENCES diagnosis_runs (id),
  top_changed     INTEGER CHECK (top_changed IN (0, 1)),
  started_at      TEXT NOT NULL,
  finished_at     TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  -- the hardware is what makes an LLM run reproducible: no model without it
  CHECK (model_id IS NULL OR hardware IS NOT NULL)
) STRICT;
CREATE INDEX diagnosis_runs_by_case ON diagnosis_runs (case_id, id);

CREATE TABLE decisions (
  id              INTEGER PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  run_id          INTEGER REFERENCES diagnosis_runs (id),
  kind            TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'final-diagnosis', 'mark-solved', 'mark-unsolved', 'reopen')),
  candidate_id    TEXT,
  candidate_label TEXT,
  note            TEXT NOT NULL,
  decided_at      TEXT NOT NULL,
  decided_by      TEXT NOT NULL,
  CHECK ((kind IN ('accept', 'reject', 'final-diagnosis')) = (candidate_id IS NOT NULL))
) STRICT;
CREATE INDEX decisions_by_case ON decisions (case_id, id);

CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_case ON notes (case_id);

-- Append-only: hash = sha256(prev_hash || canonical row), see audit-log.ts.
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  case_id   TEXT,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_by_case ON audit_log (case_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
`;

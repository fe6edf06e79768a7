/**
 * Schema version 3: the clinical workflow.
 *
 * - Case statuses new / in progress / solved / unsolved / closed, and the referral (indication, referring clinician).
 * - Decisions: "considered and excluded" per candidate, closing a case, and a structured final diagnosis (gene,
 *   variant, ACMG-style classification of the variant, certainty).
 * - The label of each run's leading candidate, so the case list names it without reading the run's results.
 * - Settings kept with the cases (the report header: institution, clinician).
 *
 * SQLite cannot change a CHECK constraint in place: `cases` and `decisions` are rebuilt (new table, copy, drop,
 * rename), which is SQLite's documented procedure and needs foreign keys off while it runs (else dropping `cases`
 * would cascade to every child row). migrate.ts turns them off around this migration and checks every reference with
 * `PRAGMA foreign_key_check` before it commits.
 */
export const clinicalWorkflowSql = `
CREATE TABLE cases_v3 (
  id            TEXT PRIMARY KEY,
  label         TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  sex           TEXT NOT NULL DEFAULT 'UNKNOWN_SEX' CHECK (sex IN ('MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX')),
  date_of_birth TEXT,
  age           TEXT,
  status        TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'solved', 'unsolved', 'closed')),
  indication    TEXT,
  referrer      TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
INSERT INTO cases_v3 (id, label, sex, date_of_birth, age, status, created_at, created_by, updated_at)
  SELECT id, label, sex, date_of_birth, age, status, created_at, created_by, updated_at FROM cases;
DROP TABLE cases;
ALTER TABLE cases_v3 RENAME TO cases;

CREATE TABLE decisions_v3 (
  id              INTEGER PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  run_id          INTEGER REFERENCES diagnosis_runs (id),
  kind            TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'exclude', 'final-diagnosis', 'mark-solved', 'mark-unsolved', 'reopen', 'close')),
  candidate_id    TEXT,
  candidate_label TEXT,
  note            TEXT NOT NULL,
  gene            TEXT,
  variant         TEXT,
  classification  TEXT CHECK (classification IS NULL OR classification IN ('pathogenic', 'likely-pathogenic', 'uncertain-significance', 'likely-benign', 'benign')),
  certainty       TEXT CHECK (certainty IS NULL OR certainty IN ('confirmed', 'probable', 'possible')),
  decided_at      TEXT NOT NULL,
  decided_by      TEXT NOT NULL,
  CHECK ((kind IN ('accept', 'reject', 'exclude', 'final-diagnosis')) = (candidate_id IS NOT NULL)),
  -- gene, variant, classification and certainty describe a final diagnosis and nothing else
  CHECK (kind = 'final-diagnosis' OR (gene IS NULL AND variant IS NULL AND classification IS NULL AND certainty IS NULL))
) STRICT;
INSERT INTO decisions_v3 (id, case_id, run_id, kind, candidate_id, candidate_label, note, decided_at, decided_by)
  SELECT id, case_id, run_id, kind, candidate_id, candidate_label, note, decided_at, decided_by FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_v3 RENAME TO decisions;
CREATE INDEX decisions_by_case ON decisions (case_id, id);

ALTER TABLE diagnosis_runs ADD COLUMN top_label TEXT;
-- runs stored by the app, diagnose --save and re-analysis keep the contract's run view: its first candidate's label
UPDATE diagnosis_runs SET top_label = results ->> '$.candidates[0].label'
  WHERE json_type(results, '$.candidates[0].label') = 'text';

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
`;

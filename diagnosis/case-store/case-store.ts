import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { contentHashes, verifyAuditContents, type ContentVerification } from './audit-contents.js';
import { appendAudit, readAudit, verifyAuditChain, type AuditRecord } from './audit-log.js';
import { CaseInputError, CaseNotFoundError, CaseStoreOpenError } from './case-errors.js';
import {
  candidateListInput,
  casePatchInput,
  decisionInput,
  findingInput,
  narrativeInput,
  newCaseInput,
  noteInput,
  parseInput,
  pedigreeInput,
  runInput,
  settingInput,
  vcfInput,
  type CandidateListInput,
  type CasePatchInput,
  type DecisionInput,
  type FindingInput,
  type NarrativeInput,
  type NewCaseInput,
  type NoteInput,
  type ParsedFinding,
  type PedigreeInput,
  type RunInput,
  type SettingInput,
  type VcfInput,
} from './case-inputs.js';
import { checkCandidates, checkPedigree, readCandidates, readPedigree, writeCandidates, writePedigree } from './family-records.js';
import { caseDetail, caseInputs, caseRecord, listCaseSummaries, resolveCaseId } from './case-queries.js';
import { toDecision, toFinding, toNarrative, toNote, toRun, toVcf, type DecisionRow, type FindingRow, type NarrativeRow, type NoteRow, type RunRow, type VcfRow } from './case-rows.js';
import type {
  AuditEntry,
  AuditVerification,
  CaseDetail,
  CaseRecord,
  CaseStatus,
  CaseSummary,
  Decision,
  DiagnosisRun,
  StoredFinding,
  Narrative,
  Note,
  SearchResult,
  StoredCandidateList,
  StoredCaseInputs,
  StoredPedigree,
  VcfReference,
} from './case-types.js';
import { migrate, schemaVersion } from './migrate.js';
import { caseToPhenopacket, type PhenopacketV2, type ResourceVersions } from './phenopacket-export.js';
import { phenopacketToCase } from './phenopacket-import.js';
import { caseToFamily, familyToCase, looksLikeFamily, type PhenopacketFamilyV2 } from './phenopacket-family-io.js';
import { topChange } from './top-change.js';
import { backupStore, restoreStore, type BackupReport, type RestoreOptions, type RestoreReport } from './store-backup.js';
import { openEncryptedDatabase } from './store-connection.js';
import type { CaseStoreKey } from './store-key.js';
import { searchCaseText } from './text-search.js';

export interface CaseStoreOptions {
  /** the store file; created (with its directory) when missing unless `create` is false */
  path: string;
  key: CaseStoreKey;
  /** who makes the changes through this handle: recorded with every change and in the audit log */
  actor: string;
  create?: boolean;
  /** check every page at open (PRAGMA quick_check; linear in the file size): the app and the command line do */
  quickCheck?: boolean;
  /** the clock (tests) */
  now?: () => Date;
}

/** Content is not copied into the audit log (it is kept forever): its length and hash identify it. */
const digest = (text: string) => ({ length: text.length, sha256: createHash('sha256').update(text, 'utf8').digest('hex') });

interface Shared {
  db: Database.Database;
  path: string;
  key: CaseStoreKey;
  now: () => Date;
}

/**
 * The case store: one encrypted SQLite file (SQLCipher scheme, WAL, foreign keys on), versioned migrations, every
 * change in one IMMEDIATE transaction together with its audit-log entry. Synchronous (better-sqlite3): a call either
 * completed or changed nothing. One handle per process; several processes may share the file (10 s busy timeout).
 *
 * Inputs are validated with zod (case-inputs.ts): bad input is a CaseInputError naming the field, an unknown id a
 * CaseNotFoundError, a store that cannot be opened a CaseStoreOpenError.
 */
export class CaseStore {
  private constructor(
    private readonly shared: Shared,
    readonly actor: string,
  ) {}

  static open(options: CaseStoreOptions): CaseStore {
    const actor = options.actor.trim();
    if (!actor) throw new CaseInputError('actor', 'say who is making changes');
    const now = options.now ?? (() => new Date());
    const db = openEncryptedDatabase(options.path, options.key, { create: options.create ?? true, quickCheck: options.quickCheck });
    try {
      const foreign = db.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").pluck().get() as number;
      if (schemaVersion(db) === 0 && foreign > 0) throw new CaseStoreOpenError(options.path, 'not-a-case-store', 'this encrypted database is not a case store');
      migrate(db, options.path, actor, () => now().toISOString());
    } catch (err) {
      db.close();
      throw err;
    }
    return new CaseStore({ db, path: options.path, key: options.key, now }, actor);
  }

  /** Restores a backup over a store that is not open (see store-backup.ts). */
  static restore(options: RestoreOptions): RestoreReport {
    return restoreStore(options);
  }

  /** The same store, with changes recorded under another actor (the HTTP server: one per signed-in clinician). */
  withActor(actor: string): CaseStore {
    if (!actor.trim()) throw new CaseInputError('actor', 'say who is making changes');
    return new CaseStore(this.shared, actor.trim());
  }

  get path(): string {
    return this.shared.path;
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** Closes the file for every handle of this store (withActor shares the connection). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private get db(): Database.Database {
    return this.shared.db;
  }

  private now(): string {
    return this.shared.now().toISOString();
  }

  /** One IMMEDIATE transaction (the write lock from the start: the audit chain needs one writer at a time). */
  private write<T>(fn: (at: string) => T): T {
    return this.db.transaction(() => fn(this.now())).immediate();
  }

  /** Appends the audit row of a change, after the change: it records the hashes of what the change left (audit-contents.ts). */
  private audit(at: string, record: Omit<AuditRecord, 'actor'>): void {
    appendAudit(this.db, { ...record, actor: this.actor, details: { ...record.details, ...contentHashes(this.db, record) } }, at);
  }

  private touch(caseId: string, at: string): void {
    if (this.db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at, caseId).changes !== 1) throw new CaseNotFoundError(`case with id "${caseId}"`);
  }

  // ---- cases ----

  /** A new case, with its first narratives, typed findings and notes, in one transaction. */
  createCase(input: NewCaseInput): CaseDetail {
    const c = parseInput(newCaseInput, input);
    (c.findings ?? []).forEach((f, i) => {
      if (f.span) throw new CaseInputError(`findings.${i}.span`, 'record extracted findings with addNarrative, once the narrative exists');
    });
    const id = randomUUID();
    this.write((at) => {
      this.db
        .prepare(
          'INSERT INTO cases (id, label, sex, date_of_birth, age, status, indication, referrer, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, c.label, c.sex ?? 'UNKNOWN_SEX', c.dateOfBirth ?? null, c.age ?? null, 'new', c.indication ?? null, c.referrer ?? null, at, this.actor, at);
      this.audit(at, {
        action: 'case.create',
        entity: 'case',
        entityId: id,
        caseId: id,
        details: { narratives: c.narratives?.length ?? 0, findings: c.findings?.length ?? 0, notes: c.notes?.length ?? 0 },
      });
      for (const n of c.narratives ?? []) this.insertNarrative(id, n, at);
      if (c.findings?.length) this.upsertFindings(id, c.findings, at);
      for (const text of c.notes ?? []) this.insertNote(id, text, at);
    });
    return this.getCase(id);
  }

  updateCase(caseId: string, patch: CasePatchInput): CaseRecord {
    const p = parseInput(casePatchInput, patch);
    const columns: Record<string, string> = { label: 'label', sex: 'sex', dateOfBirth: 'date_of_birth', age: 'age', indication: 'indication', referrer: 'referrer' };
    const fields = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined);
    if (fields.length === 0) return this.getCaseRecord(caseId);
    this.write((at) => {
      this.touch(caseId, at);
      for (const f of fields) this.db.prepare(`UPDATE cases SET ${columns[f]!} = ? WHERE id = ?`).run((p as Record<string, unknown>)[f] ?? null, caseId);
      // which fields changed, not their values: a date of birth does not belong in a log kept forever
      this.audit(at, { action: 'case.update', entity: 'case', entityId: caseId, caseId, details: { fields } });
    });
    return this.getCaseRecord(caseId);
  }

  getCase(caseId: string): CaseDetail {
    return caseDetail(this.db, caseId);
  }

  getCaseRecord(caseId: string): CaseRecord {
    return caseRecord(this.db, caseId);
  }

  listCases(filter: { status?: CaseStatus } = {}): CaseSummary[] {
    return listCaseSummaries(this.db, filter);
  }

  /** A full id or a unique prefix (≥ 4 characters) → the full id. */
  resolveCaseId(idOrPrefix: string): string {
    return resolveCaseId(this.db, idOrPrefix.trim());
  }

  // ---- narratives, findings, notes ----

  /**
   * A narrative, and the findings extracted from it, in one transaction. Spans of `extracted` may leave out
   * narrativeId: they refer to this narrative.
   */
  addNarrative(caseId: string, input: NarrativeInput, extracted: FindingInput[] = []): { narrative: Narrative; findings: StoredFinding[] } {
    const n = parseInput(narrativeInput, input);
    const findings = extracted.map((f, i) => parseInput(findingInput, f, `extracted.${i}`));
    return this.write((at) => {
      this.touch(caseId, at);
      const narrativeId = this.insertNarrative(caseId, n, at);
      const withSpans = findings.map((f) => (f.span ? { ...f, span: { ...f.span, narrativeId: f.span.narrativeId ?? narrativeId } } : f));
      return {
        narrative: toNarrative(this.db.prepare('SELECT * FROM narratives WHERE id = ?').get(narrativeId) as NarrativeRow),
        findings: withSpans.length ? this.upsertFindings(caseId, withSpans, at, 'extracted') : [],
      };
    });
  }

  private insertNarrative(caseId: string, n: { text: string; source: string }, at: string): number {
    const id = Number(
      this.db.prepare('INSERT INTO narratives (case_id, source, text, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(caseId, n.source, n.text, at, this.actor)
        .lastInsertRowid,
    );
    this.audit(at, { action: 'narrative.add', entity: 'narrative', entityId: id, caseId, details: { source: n.source, text: digest(n.text) } });
    return id;
  }

  /** Records findings: one per HPO term and case, so a term already there takes the new status and source. */
  recordFindings(caseId: string, findings: FindingInput[]): StoredFinding[] {
    const parsed = findings.map((f, i) => parseInput(findingInput, f, `findings.${i}`));
    return this.write((at) => {
      this.touch(caseId, at);
      return this.upsertFindings(caseId, parsed, at);
    });
  }

  private upsertFindings(caseId: string, findings: ParsedFinding[], at: string, field = 'findings'): StoredFinding[] {
    const seen = new Set<string>();
    const changes: Record<string, unknown>[] = [];
    const out = findings.map((f, i) => {
      if (seen.has(f.hpoId)) throw new CaseInputError(`${field}.${i}.hpoId`, `${f.hpoId} is listed twice`);
      seen.add(f.hpoId);
      const span = f.span ? this.checkSpan(caseId, f.span, `${field}.${i}.span`) : null;
      const before = this.db.prepare('SELECT status, source FROM findings WHERE case_id = ? AND hpo_id = ?').get(caseId, f.hpoId) as
        | { status: string; source: string }
        | undefined;
      this.db
        .prepare(
          `INSERT INTO findings (case_id, hpo_id, label, status, source, narrative_id, span_start, span_end, span_text, proposed_by, recorded_at, recorded_by)
           VALUES (@caseId, @hpoId, @label, @status, @source, @narrativeId, @start, @end, @text, @proposedBy, @at, @actor)
           ON CONFLICT (case_id, hpo_id) DO UPDATE SET label = excluded.label, status = excluded.status, source = excluded.source,
             narrative_id = excluded.narrative_id, span_start = excluded.span_start, span_end = excluded.span_end, span_text = excluded.span_text,
             proposed_by = excluded.proposed_by, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
        )
        .run({
          caseId,
          hpoId: f.hpoId,
          label: f.label,
          status: f.status,
          source: f.source,
          narrativeId: span?.narrativeId ?? null,
          start: span?.start ?? null,
          end: span?.end ?? null,
          text: span?.text ?? null,
          proposedBy: f.proposedBy ?? null,
          at,
          actor: this.actor,
        });
      changes.push({ hpoId: f.hpoId, status: f.status, source: f.source, ...(before ? { before } : {}) });
      return toFinding(this.db.prepare('SELECT * FROM findings WHERE case_id = ? AND hpo_id = ?').get(caseId, f.hpoId) as FindingRow);
    });
    this.audit(at, { action: 'findings.record', entity: 'finding', entityId: null, caseId, details: { changes } });
    return out;
  }

  /** A span must lie inside a narrative of the same case; its text, when given, must be the narrative's text there. */
  private checkSpan(caseId: string, span: { narrativeId?: number; start: number; end: number; text?: string }, field: string) {
    if (span.narrativeId === undefined) throw new CaseInputError(`${field}.narrativeId`, 'which narrative the span is in');
    const n = this.db.prepare('SELECT case_id, text FROM narratives WHERE id = ?').get(span.narrativeId) as { case_id: string; text: string } | undefined;
    if (!n || n.case_id !== caseId) throw new CaseInputError(`${field}.narrativeId`, `no narrative ${span.narrativeId} in this case`);
    if (span.end > n.text.length) throw new CaseInputError(`${field}.end`, `beyond the end of the narrative (${n.text.length} characters)`);
    const text = n.text.slice(span.start, span.end);
    if (span.text !== undefined && span.text !== text) throw new CaseInputError(`${field}.text`, `the narrative says "${text}" there`);
    return { narrativeId: span.narrativeId, start: span.start, end: span.end, text };
  }

  /**
   * Makes the case's findings exactly `findings` (the UI's "save findings"), in one transaction: terms not listed are
   * removed, the others recorded as by recordFindings.
   */
  replaceFindings(caseId: string, findings: FindingInput[]): StoredFinding[] {
    const parsed = findings.map((f, i) => parseInput(findingInput, f, `findings.${i}`));
    return this.write((at) => {
      this.touch(caseId, at);
      const keep = new Set(parsed.map((f) => f.hpoId));
      const current = this.db.prepare('SELECT hpo_id FROM findings WHERE case_id = ? ORDER BY id').pluck().all(caseId) as string[];
      for (const hpoId of current) if (!keep.has(hpoId)) this.deleteFinding(caseId, hpoId, at);
      return parsed.length ? this.upsertFindings(caseId, parsed, at) : [];
    });
  }

  removeFinding(caseId: string, hpoId: string): void {
    this.write((at) => {
      this.touch(caseId, at);
      this.deleteFinding(caseId, hpoId, at);
    });
  }

  private deleteFinding(caseId: string, hpoId: string, at: string): void {
    const before = this.db.prepare('SELECT status, source FROM findings WHERE case_id = ? AND hpo_id = ?').get(caseId, hpoId);
    if (!before) throw new CaseNotFoundError(`finding ${hpoId} in case "${caseId}"`);
    this.db.prepare('DELETE FROM findings WHERE case_id = ? AND hpo_id = ?').run(caseId, hpoId);
    this.audit(at, { action: 'finding.remove', entity: 'finding', entityId: hpoId, caseId, details: { before } });
  }

  addNote(caseId: string, input: NoteInput): Note {
    const n = parseInput(noteInput, input);
    return this.write((at) => {
      this.touch(caseId, at);
      const id = this.insertNote(caseId, n.text, at);
      return toNote(this.db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow);
    });
  }

  private insertNote(caseId: string, text: string, at: string): number {
    const id = Number(this.db.prepare('INSERT INTO notes (case_id, text, created_at, created_by) VALUES (?, ?, ?, ?)').run(caseId, text, at, this.actor).lastInsertRowid);
    this.audit(at, { action: 'note.add', entity: 'note', entityId: id, caseId, details: { text: digest(text) } });
    return id;
  }

  // ---- VCF, runs, decisions ----

  attachVcf(caseId: string, input: VcfInput): VcfReference {
    const v = parseInput(vcfInput, input);
    return this.write((at) => {
      this.touch(caseId, at);
      const id = Number(
        this.db
          .prepare('INSERT INTO vcf_files (case_id, path, sha256, sample, build, summary, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(caseId, v.path, v.sha256, v.sample ?? null, v.build ?? null, JSON.stringify(v.summary ?? {}), at, this.actor).lastInsertRowid,
      );
      this.audit(at, { action: 'vcf.attach', entity: 'vcf', entityId: id, caseId, details: { path: v.path, sha256: v.sha256, sample: v.sample, build: v.build } });
      return toVcf(this.db.prepare('SELECT * FROM vcf_files WHERE id = ?').get(id) as VcfRow);
    });
  }

  /**
   * Stores a run; it is linked to the case's previous run and marked when its top 5 differ from that run's. A new
   * case's first run puts it in progress.
   */
  recordRun(caseId: string, input: RunInput): DiagnosisRun {
    const r = parseInput(runInput, input);
    return this.write((at) => {
      const before = caseRecord(this.db, caseId).status;
      this.touch(caseId, at);
      if (before === 'new') this.db.prepare("UPDATE cases SET status = 'in-progress' WHERE id = ?").run(caseId);
      const previous = this.db.prepare('SELECT id, top_candidates FROM diagnosis_runs WHERE case_id = ? ORDER BY id DESC LIMIT 1').get(caseId) as
        | { id: number; top_candidates: string }
        | undefined;
      const change = previous ? topChange(JSON.parse(previous.top_candidates) as string[], r.topCandidates) : null;
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO diagnosis_runs (case_id, kind, snapshot_id, model_id, hardware, inputs, parameters, results, top_candidates, top_label, timings,
               previous_run_id, top_changed, started_at, finished_at, created_by)
             VALUES (@caseId, @kind, @snapshotId, @modelId, @hardware, @inputs, @parameters, @results, @top, @topLabel, @timings, @previous, @changed, @started, @finished, @actor)`,
          )
          .run({
            caseId,
            kind: r.kind ?? 'manual',
            snapshotId: r.snapshotId,
            modelId: r.modelId ?? null,
            hardware: r.hardware ? JSON.stringify(r.hardware) : null,
            inputs: JSON.stringify(r.inputs),
            parameters: JSON.stringify(r.parameters ?? {}),
            results: JSON.stringify(r.results),
            top: JSON.stringify(r.topCandidates),
            topLabel: r.topLabel ?? null,
            timings: JSON.stringify(r.timings ?? {}),
            previous: previous?.id ?? null,
            changed: change === null ? null : change.changed ? 1 : 0,
            started: r.startedAt ?? at,
            finished: r.finishedAt ?? at,
            actor: this.actor,
          }).lastInsertRowid,
      );
      this.audit(at, {
        action: 'run.record',
        entity: 'run',
        entityId: id,
        caseId,
        details: {
          kind: r.kind ?? 'manual',
          snapshotId: r.snapshotId,
          modelId: r.modelId,
          top: r.topCandidates.slice(0, 5),
          previousRunId: previous?.id,
          topChanged: change?.changed,
          ...(before === 'new' ? { status: { from: 'new', to: 'in-progress' } } : {}),
        },
      });
      return toRun(this.db.prepare('SELECT * FROM diagnosis_runs WHERE id = ?').get(id) as RunRow);
    });
  }

  getRun(runId: number): DiagnosisRun {
    const row = this.db.prepare('SELECT * FROM diagnosis_runs WHERE id = ?').get(runId) as RunRow | undefined;
    if (!row) throw new CaseNotFoundError(`run ${runId}`);
    return toRun(row);
  }

  /**
   * A clinician's decision, and the case status it sets: final-diagnosis solves the case; mark-solved needs a final
   * diagnosis already; mark-unsolved, reopen and close set the status; accept, reject and exclude leave it (a new case
   * goes in progress).
   */
  recordDecision(caseId: string, input: DecisionInput): Decision {
    const d = parseInput(decisionInput, input);
    return this.write((at) => {
      const c = caseRecord(this.db, caseId);
      if (d.runId !== undefined) {
        const run = this.db.prepare('SELECT case_id FROM diagnosis_runs WHERE id = ?').get(d.runId) as { case_id: string } | undefined;
        if (!run || run.case_id !== caseId) throw new CaseInputError('runId', `no run ${d.runId} in this case`);
      }
      if (d.kind === 'mark-solved' && !this.db.prepare("SELECT 1 FROM decisions WHERE case_id = ? AND kind = 'final-diagnosis'").get(caseId)) {
        throw new CaseInputError('kind', 'a case is solved by a final diagnosis: record one first');
      }
      const status = statusAfter(d.kind, c.status);
      this.touch(caseId, at);
      if (status !== c.status) this.db.prepare('UPDATE cases SET status = ? WHERE id = ?').run(status, caseId);
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO decisions (case_id, run_id, kind, candidate_id, candidate_label, note, gene, variant, classification, certainty, decided_at, decided_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(caseId, d.runId ?? null, d.kind, d.candidateId ?? null, d.candidateLabel ?? null, d.note ?? '', d.gene ?? null, d.variant ?? null, d.classification ?? null, d.certainty ?? null, at, this.actor)
          .lastInsertRowid,
      );
      this.audit(at, {
        action: `decision.${d.kind}`,
        entity: 'decision',
        entityId: id,
        caseId,
        details: {
          candidateId: d.candidateId,
          runId: d.runId,
          status: { from: c.status, to: status },
          note: digest(d.note ?? ''),
          ...(d.kind === 'final-diagnosis' ? { gene: d.gene, variant: d.variant, classification: d.classification, certainty: d.certainty } : {}),
        },
      });
      return toDecision(this.db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow);
    });
  }

  // ---- family and candidate variants ----

  /**
   * Replaces the case's family (null removes it), checked as a run reads it (case-input/pedigree.ts); the audit log
   * records how many members, the source and the consanguinity, and the hash of what was stored.
   */
  setPedigree(caseId: string, input: PedigreeInput | null): StoredPedigree | null {
    const p = input === null ? null : checkPedigree(parseInput(pedigreeInput, input));
    return this.write((at) => {
      const before = readPedigree(this.db, caseId);
      this.touch(caseId, at);
      writePedigree(this.db, caseId, p, at, this.actor);
      this.audit(at, {
        action: p ? 'pedigree.set' : 'pedigree.remove',
        entity: 'pedigree',
        entityId: caseId,
        caseId,
        details: p ? { members: p.members.length, consanguineous: p.consanguineous, source: p.source, replaced: before !== null } : { replaced: before !== null },
      });
      return readPedigree(this.db, caseId);
    });
  }

  /** Replaces the case's candidate variant list (an empty list or null removes it); every row is checked first. */
  setCandidateVariants(caseId: string, input: CandidateListInput | null): StoredCandidateList | null {
    const parsed = input === null ? null : checkCandidates(parseInput(candidateListInput, input));
    const list = parsed && parsed.variants.length > 0 ? parsed : null;
    return this.write((at) => {
      const before = readCandidates(this.db, caseId);
      this.touch(caseId, at);
      writeCandidates(this.db, caseId, list, at, this.actor);
      this.audit(at, {
        action: list ? 'candidates.set' : 'candidates.remove',
        entity: 'candidate-list',
        entityId: caseId,
        caseId,
        details: list ? { variants: list.variants.length, source: list.source, replaced: before !== null } : { replaced: before !== null },
      });
      return readCandidates(this.db, caseId);
    });
  }

  // ---- settings ----

  /** A setting's value (an object), or undefined when it was never set. */
  getSetting(key: string): Record<string, unknown> | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return row === undefined ? undefined : (JSON.parse(row) as Record<string, unknown>);
  }

  /** Replaces a setting's value; the audit log names the fields that changed (not their values). */
  setSetting(input: SettingInput): Record<string, unknown> {
    const s = parseInput(settingInput, input);
    this.write((at) => {
      const before = this.getSetting(s.key) ?? {};
      const keys = [...new Set([...Object.keys(before), ...Object.keys(s.value)])];
      const fields = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(s.value[k]));
      this.db
        .prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by')
        .run(s.key, JSON.stringify(s.value), at, this.actor);
      this.audit(at, { action: 'settings.update', entity: 'setting', entityId: s.key, details: { fields } });
    });
    return this.getSetting(s.key)!;
  }

  // ---- search, audit ----

  /** Full-text search over narratives and notes: every word must occur; "a phrase"; prefix*. */
  search(text: string, options: { limit?: number } = {}): SearchResult[] {
    return searchCaseText(this.db, text, options.limit);
  }

  /** The latest audit entries, of one case if given, oldest first. */
  auditTrail(filter: { caseId?: string; limit?: number } = {}): AuditEntry[] {
    return readAudit(this.db, filter);
  }

  /** Re-hashes the whole chain; names the first row that does not verify. */
  verifyAuditChain(expectedHead?: { seq: number; hash: string }): AuditVerification {
    return verifyAuditChain(this.db, expectedHead);
  }

  /** The stored rows against the hashes the audit log recorded for them (run after verifyAuditChain says the log is whole). */
  verifyAuditContents(): ContentVerification {
    return verifyAuditContents(this.db);
  }

  /** SQLite's own check of the file (b-trees, indexes, free pages): "ok" or the problems found. */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  }

  // ---- phenopackets ----

  exportPhenopacket(caseId: string, options: { versions?: ResourceVersions } = {}): PhenopacketV2 {
    const detail = this.getCase(caseId);
    const packet = caseToPhenopacket(detail, { created: this.now(), createdBy: this.actor, versions: options.versions });
    this.write((at) => this.audit(at, { action: 'case.export', entity: 'case', entityId: caseId, caseId, details: { format: 'phenopacket-v2' } }));
    return packet;
  }

  /** The case and its family as a Phenopacket v2 Family (null when the case has no family). */
  exportFamily(caseId: string, options: { versions?: ResourceVersions } = {}): PhenopacketFamilyV2 | null {
    const family = caseToFamily(this.getCase(caseId), { created: this.now(), createdBy: this.actor, versions: options.versions });
    if (family) this.write((at) => this.audit(at, { action: 'case.export', entity: 'case', entityId: caseId, caseId, details: { format: 'phenopacket-v2-family' } }));
    return family;
  }

  /**
   * Imports a phenopacket v2 as a new case (never over an existing one); a SOLVED interpretation becomes its final
   * diagnosis. A v2 Family is read as its proband's phenopacket with the pedigree stored as the case's family.
   */
  importPhenopacket(value: unknown, options: { file?: string } = {}): CaseDetail {
    let imported;
    let family: ReturnType<typeof familyToCase> | undefined;
    try {
      if (looksLikeFamily(value)) family = familyToCase(value);
      imported = phenopacketToCase(family ? family.proband : value);
    } catch (err) {
      if (err instanceof CaseInputError && options.file) throw new CaseInputError(err.field, err.detail, options.file);
      throw err;
    }
    const { newCase, finalDiagnosis, phenopacketId } = imported;
    const id = this.write((at) => {
      const detail = this.createCase(newCase);
      this.audit(at, {
        action: 'case.import',
        entity: 'case',
        entityId: detail.case.id,
        caseId: detail.case.id,
        details: { format: family ? 'phenopacket-v2-family' : 'phenopacket-v2', phenopacketId, file: options.file, ...(family ? { familyId: family.familyId } : {}) },
      });
      if (family) this.setPedigree(detail.case.id, family.pedigree);
      if (finalDiagnosis) {
        this.recordDecision(detail.case.id, {
          kind: 'final-diagnosis',
          candidateId: finalDiagnosis.id,
          candidateLabel: finalDiagnosis.label,
          note: `from interpretation ${finalDiagnosis.interpretationId} of phenopacket ${phenopacketId}`,
        });
      }
      return detail.case.id;
    });
    return this.getCase(id);
  }

  // ---- run inputs ----

  /** The case as a run reads it (re-analysis runs it through diagnosis/pipeline). */
  caseInputs(caseId: string): StoredCaseInputs {
    return caseInputs(this.db, caseId, this.shared.now());
  }

  // ---- backup ----

  /** A verified, encrypted copy of the whole store (see store-backup.ts); recorded in the audit log with its head hash. */
  backup(destination: string): BackupReport {
    const report = backupStore(this.db, this.shared.key, destination);
    this.write((at) =>
      this.audit(at, { action: 'store.backup', entity: 'store', details: { file: report.file, sha256: report.sha256, auditRows: report.auditRows, headHash: report.headHash } }),
    );
    return report;
  }
}

/** The case status after a decision. */
function statusAfter(kind: DecisionInput['kind'], current: CaseStatus): CaseStatus {
  switch (kind) {
    case 'final-diagnosis':
    case 'mark-solved':
      return 'solved';
    case 'mark-unsolved':
      return 'unsolved';
    case 'reopen':
      return 'in-progress';
    case 'close':
      return 'closed';
    default:
      return current === 'new' ? 'in-progress' : current;
  }
}

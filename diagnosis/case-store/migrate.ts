import type Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from './audit-log.js';
import { CaseStoreOpenError } from './case-errors.js';
import { caseRecordsSql } from './migration-001-case-records.js';
import { textSearchSql } from './migration-002-text-search.js';
import { clinicalWorkflowSql } from './migration-003-clinical-workflow.js';
import { familyAndCandidatesSql } from './migration-004-family-and-candidates.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds tables that others reference (SQLite's way to change a constraint): foreign keys are off
   * while it runs, so dropping the old table does not cascade, and every reference is checked before it commits.
   */
  rebuildsTables?: boolean;
}

/** Every schema change, in order. Never edit a released migration: add the next one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'case records and audit log', sql: caseRecordsSql },
  { version: 2, name: 'full-text search over narratives and notes', sql: textSearchSql },
  { version: 3, name: 'clinical workflow: statuses, exclusions, structured final diagnosis, referral, settings', sql: clinicalWorkflowSql, rebuildsTables: true },
  { version: 4, name: 'family pedigree and candidate variant list of a case', sql: familyAndCandidatesSql },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  return (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').pluck().get() as number) ?? 0;
}

/**
 * Brings the schema to `target` (default: the latest), one migration per IMMEDIATE transaction, each recorded in
 * schema_migrations and in the audit log: an interrupted upgrade leaves the store at the last complete version.
 * A store written by a newer program is refused rather than guessed at.
 */
export function migrate(db: Database.Database, file: string, actor: string, now: () => string, target = LATEST_SCHEMA_VERSION): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new CaseStoreOpenError(file, 'newer-schema', `the case store has schema version ${current}, newer than this program knows (${LATEST_SCHEMA_VERSION}): update rarediag`);
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    // a no-op inside a transaction: set before it starts
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      const done = db.transaction(() => {
        // another process may have applied it while this one waited for the write lock
        if (schemaVersion(db) >= m.version) return false;
        db.exec(m.sql);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
          if (broken.length > 0) throw new Error(`${broken.length} row(s) would lose their reference, e.g. ${broken[0]!.table} row ${broken[0]!.rowid} → ${broken[0]!.parent}`);
        }
        const at = now();
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, at);
        appendAudit(db, { actor, action: 'schema.migrate', entity: 'store', entityId: null, details: { from: m.version - 1, to: m.version, name: m.name } }, at);
        return true;
      }).immediate();
      if (done) applied.push(m.version);
    } catch (err) {
      const detail = `upgrading the case store to schema version ${m.version} (${m.name}) failed: ${(err as Error).message}; it stays at version ${m.version - 1}`;
      throw new CaseStoreOpenError(file, 'migration-failed', detail, { cause: err });
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

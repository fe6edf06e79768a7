import { createHash } from 'node:crypto';
import { chmodSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit, verifyAuditChain } from './audit-log.js';
import { CaseInputError, CaseStoreOpenError } from './case-errors.js';
import type { AuditVerification } from './case-types.js';
import { migrate, schemaVersion } from './migrate.js';
import { openEncryptedDatabase } from './store-connection.js';
import { applyKey, type CaseStoreKey } from './store-key.js';

/**
 * Backup and restore of the whole store.
 *
 * Why VACUUM INTO and not sqlite3_backup (db.backup()): better-sqlite3 opens the backup's destination itself, without
 * a key, and SQLite3 Multiple Ciphers refuses an online backup between an encrypted source and an unencrypted
 * destination ("backup is not supported with incompatible source and target databases"). VACUUM INTO is SQLite's
 * other online backup: one read transaction (writers carry on, WAL), a consistent copy, and SQLite3 Multiple
 * Ciphers writes it with the source's cipher and key, so a backup is encrypted like the store.
 */

export interface BackupReport {
  file: string;
  bytes: number;
  sha256: string;
  schemaVersion: number;
  /** the audit chain of the backup: rows and head hash (keep the hash elsewhere to detect a cut-off chain later) */
  auditRows: number;
  headHash: string;
  seconds: number;
}

export interface StoreFileCheck {
  schemaVersion: number;
  integrity: string;
  audit: AuditVerification;
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Opens a store file read-only with the key and checks it: SQLite integrity, schema version, audit chain. */
export function checkStoreFile(path: string, key: CaseStoreKey): StoreFileCheck {
  const db = openEncryptedDatabase(path, key, { create: false, readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    return { schemaVersion: schemaVersion(db), integrity, audit: verifyAuditChain(db) };
  } finally {
    db.close();
  }
}

/**
 * Writes a verified, encrypted copy of the open store to `destination` (which must not exist): VACUUM INTO a
 * partial file, open it with the key, check it, then rename it into place. A failed backup leaves no file behind.
 */
export function backupStore(db: Database.Database, key: CaseStoreKey, destination: string): BackupReport {
  const started = performance.now();
  const file = resolve(destination);
  if (existsSync(file)) throw new CaseInputError('', 'already exists: a backup never overwrites a file', file);
  if (!existsSync(dirname(file))) throw new CaseInputError('', 'the directory does not exist', file);
  const partial = `${file}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    chmodSync(partial, 0o600);
    const check = checkStoreFile(partial, key);
    if (check.integrity !== 'ok') throw new Error(`the backup failed its integrity check: ${check.integrity}`);
    if (!check.audit.ok) throw new Error(`the backup's audit chain does not verify at row ${check.audit.brokenAt.seq}: ${check.audit.problem}`);
    fsyncPath(partial);
    renameSync(partial, file);
    fsyncPath(dirname(file));
    return {
      file,
      bytes: statSync(file).size,
      sha256: sha256File(file),
      schemaVersion: check.schemaVersion,
      auditRows: check.audit.rows,
      headHash: check.audit.headHash,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(partial, { force: true });
  }
}

export interface RestoreOptions {
  storePath: string;
  backupPath: string;
  key: CaseStoreKey;
  actor: string;
  now?: () => Date;
}

export interface RestoreReport {
  storePath: string;
  restoredFrom: string;
  backupSha256: string;
  /** the store that was replaced, kept beside it (null if there was none) */
  previousStoreKeptAt: string | null;
  schemaVersion: number;
  auditRows: number;
  headHash: string;
}

/**
 * Fails if another connection has the store open (the workstation app, another CLI): replacing the file under it
 * would send its later writes to the old file. A store that no longer opens with this key is not checked: replacing
 * it is the point of the restore.
 */
function assertNotInUse(storePath: string, key: CaseStoreKey): void {
  if (!existsSync(storePath)) return;
  const db = new Database(storePath, { timeout: 0, fileMustExist: true });
  try {
    applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      return;
    }
    try {
      // In WAL mode an exclusive lock is refused while any other connection has the file open.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new CaseStoreOpenError(storePath, 'in-use', 'the case store is open in another program: close it before restoring');
      }
      throw err;
    }
  } finally {
    db.close();
  }
}

/**
 * Restores a backup over the store. The backup is copied next to the store, opened with the key, upgraded to the
 * current schema if older, checked (integrity, audit chain) and given a `store.restore` audit entry; only then is it
 * renamed over the store, which is one atomic rename. The replaced store is kept as `<store>.pre-restore-<time>`
 * (with its WAL, if it had one). Any failure before the rename leaves the store untouched.
 */
export function restoreStore(options: RestoreOptions): RestoreReport {
  const storePath = resolve(options.storePath);
  const backupPath = resolve(options.backupPath);
  const now = options.now ?? (() => new Date());
  if (!existsSync(backupPath)) throw new CaseInputError('', 'no such backup file', backupPath);
  assertNotInUse(storePath, options.key);
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const staging = `${storePath}.restoring-${process.pid}`;
  const cleanStaging = () => ['', '-wal', '-shm', '-journal'].forEach((s) => rmSync(`${staging}${s}`, { force: true }));
  cleanStaging();
  let report: Omit<RestoreReport, 'previousStoreKeptAt'>;
  try {
    copyFileSync(backupPath, staging, constants.COPYFILE_EXCL);
    chmodSync(staging, 0o600);
    const backupSha256 = sha256File(staging);
    let db: Database.Database;
    try {
      db = openEncryptedDatabase(staging, options.key, { create: false });
    } catch (err) {
      if (err instanceof CaseStoreOpenError) throw new CaseStoreOpenError(backupPath, err.problem, err.detail, { cause: err });
      throw err;
    }
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
      if (integrity !== 'ok') throw new CaseStoreOpenError(backupPath, 'corrupt', `the backup failed its integrity check: ${integrity}`);
      const before = verifyAuditChain(db);
      if (!before.ok) throw new CaseStoreOpenError(backupPath, 'corrupt', `the backup's audit chain does not verify at row ${before.brokenAt.seq}: ${before.problem}`);
      const at = () => now().toISOString();
      migrate(db, backupPath, options.actor, at);
      db.transaction(() =>
        appendAudit(db, { actor: options.actor, action: 'store.restore', entity: 'store', details: { from: backupPath, sha256: backupSha256, headBefore: before.headHash } }, at()),
      ).immediate();
      const after = verifyAuditChain(db);
      if (!after.ok) throw new Error(`audit chain broken after restore at row ${after.brokenAt.seq}`);
      // Fold the WAL into the file: the staging file must be complete on its own before it is renamed.
      db.pragma('wal_checkpoint(TRUNCATE)');
      report = { storePath, restoredFrom: backupPath, backupSha256, schemaVersion: schemaVersion(db), auditRows: after.rows, headHash: after.headHash };
    } finally {
      db.close();
    }
    fsyncPath(staging);
    const previousStoreKeptAt = swapIntoPlace(staging, storePath, `${storePath}.pre-restore-${stamp}`);
    return { ...report, previousStoreKeptAt };
  } finally {
    cleanStaging();
  }
}

/**
 * Renames `staging` over `storePath` (atomic). The old store stays reachable as `aside` (a hard link, so it is never
 * copied or half-moved), and its -wal/-shm move with it: a WAL left next to the new file would be replayed into it.
 */
function swapIntoPlace(staging: string, storePath: string, aside: string): string | null {
  if (!existsSync(storePath)) {
    renameSync(staging, storePath);
    fsyncPath(dirname(storePath));
    return null;
  }
  try {
    linkSync(storePath, aside);
  } catch {
    copyFileSync(storePath, aside, constants.COPYFILE_EXCL);
  }
  const moved: string[] = [];
  try {
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(`${storePath}${suffix}`)) {
        renameSync(`${storePath}${suffix}`, `${aside}${suffix}`);
        moved.push(suffix);
      }
    }
    renameSync(staging, storePath);
  } catch (err) {
    for (const suffix of moved) renameSync(`${aside}${suffix}`, `${storePath}${suffix}`);
    rmSync(aside, { force: true });
    throw err;
  }
  fsyncPath(dirname(storePath));
  return aside;
}

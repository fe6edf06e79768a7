import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CaseStoreOpenError } from './case-errors.js';
import { applyKey, type CaseStoreKey } from './store-key.js';

const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The first 16 bytes of a file (an encrypted store starts with its random salt, a plain SQLite file with its magic). */
function fileStart(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates an empty encrypted store at `path`, atomically. SQLCipher picks the file's salt when it first writes it, so
 * two processes creating the same file at once would each key it with their own salt, and one would then read the
 * other's pages as garbage ("wrong key"). The file is therefore made complete under a temporary name and linked into
 * place only if nothing is there yet: a process sees no store or a whole one.
 */
function createStoreFile(path: string, key: CaseStoreKey): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.creating-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const db = new Database(tmp);
    try {
      applyKey(db, key);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    } finally {
      db.close();
    }
    chmodSync(tmp, 0o600);
    if (existsSync(path) && statSync(path).size === 0) {
      renameSync(tmp, path); // an empty file (touch): nothing to lose
      return;
    }
    try {
      linkSync(tmp, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process created it first: use theirs
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  }
}

/**
 * Opens an encrypted store file and checks the key before anything else touches it.
 *
 * Order matters: the key is applied and verified with a read of the schema before any pragma that could write (WAL
 * switch, migrations). A wrong key fails on that first read (SQLCipher: the page HMAC and the header do not
 * decrypt) and the file, and a WAL left by a crash, are left exactly as they were. `readonly` is for checking a
 * backup: no journal-mode switch, nothing written.
 */
export function openEncryptedDatabase(path: string, key: CaseStoreKey, options: { create: boolean; readonly?: boolean; quickCheck?: boolean }): Database.Database {
  const exists = existsSync(path) && statSync(path).size > 0;
  if (!exists && (!options.create || options.readonly)) throw new CaseStoreOpenError(path, 'missing', 'no case store at this path');
  if (exists && fileStart(path).equals(SQLITE_PLAIN_HEADER)) {
    throw new CaseStoreOpenError(path, 'not-encrypted', 'this is a plain (unencrypted) SQLite file, not an encrypted case store');
  }
  if (!exists) createStoreFile(path, key);
  // 10 s: another process (the app and the CLI) may hold the write lock for a moment
  const db = new Database(path, { timeout: 10_000, readonly: !!options.readonly, fileMustExist: true });
  try {
    applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') {
        throw new CaseStoreOpenError(path, 'wrong-key', 'cannot open the case store: wrong key (or not a case store file)', { cause: err });
      }
      throw new CaseStoreOpenError(path, 'corrupt', `cannot read the case store: ${(err as Error).message}`, { cause: err });
    }
    // A damaged page is otherwise met only by the query that reads it (a list may succeed over a store whose
    // narratives are unreadable): the app and the command line check every page's structure once, at open.
    if (options.quickCheck) {
      let verdict: string;
      try {
        verdict = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
      } catch (err) {
        verdict = (err as Error).message;
      }
      if (verdict !== 'ok') throw new CaseStoreOpenError(path, 'corrupt', `the case store is damaged (${verdict.slice(0, 200)})`);
    }
    // Temporary tables and sort spills in memory: a temp file would hold decrypted rows on disk.
    db.pragma('temp_store = MEMORY');
    if (options.readonly) return db;
    db.pragma('journal_mode = WAL');
    // FULL: a committed transaction survives a power cut, not only a process crash (one fsync of the WAL per commit).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { CaseStoreOpenError } from '../../../diagnosis/case-store/case-errors.js';
import { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import { readKeyFile } from '../../../diagnosis/case-store/store-key.js';
import { scratchDir } from '../../helpers/paths.js';
import { PASSPHRASE, fileHashes, marfanCase, openStore, rawConnection, storeFile } from './store-fixtures.js';

const NARRATIVE_MARKER = 'Bilateral ectopia lentis diagnosed at age 9';

describe('case store encryption at rest', () => {
  const dir = scratchDir('rarediag-cases-crypt-');

  it('never writes narrative text, notes or HPO labels in plaintext: neither the file nor its WAL', () => {
    const path = storeFile(dir, 'plain-check.db');
    const store = openStore(path);
    const c = store.createCase(marfanCase('Zebrafish-Unique-Label'));
    store.addNote(c.case.id, { text: 'Ophthalmology review booked: lens subluxation confirmed' });
    // still open: the changes sit in the WAL, which must be encrypted too
    const check = (bytes: Buffer) => {
      for (const secret of [NARRATIVE_MARKER, 'lens subluxation', 'Zebrafish-Unique-Label', 'Arachnodactyly', 'CREATE TABLE', 'SQLite format 3']) {
        expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      }
    };
    check(readFileSync(path));
    check(readFileSync(`${path}-wal`));
    store.close();
    check(readFileSync(path));
    // and the content is all there with the key
    expect(openStore(path).getCase(c.case.id).narratives[0]!.text).toContain(NARRATIVE_MARKER);
  });

  it('refuses a wrong key with a clear error and leaves the file and its WAL exactly as they were', () => {
    const path = storeFile(dir, 'wrong-key.db');
    const writer = openStore(path);
    const id = writer.createCase(marfanCase()).case.id;
    const before = fileHashes(path);
    expect(before['-wal']).not.toBe('absent');

    let error: unknown;
    try {
      CaseStore.open({ path, key: 'not the passphrase', actor: 'intruder' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CaseStoreOpenError);
    expect((error as CaseStoreOpenError).problem).toBe('wrong-key');
    expect((error as Error).message).toBe(`${path}: cannot open the case store: wrong key (or not a case store file)`);
    expect(fileHashes(path)).toEqual(before);

    writer.close();
    const again = openStore(path);
    expect(again.getCase(id).findings).toHaveLength(5);
    expect(again.verifyAuditChain().ok).toBe(true);
    again.close();
  });

  it('takes a raw 32-byte key (Electron safeStorage) without key derivation; the passphrase of its hex does not open it', () => {
    const path = storeFile(dir, 'raw-key.db');
    const key = new Uint8Array(randomBytes(32));
    const t0 = performance.now();
    const store = CaseStore.open({ path, key, actor: 'app' });
    const openMs = performance.now() - t0;
    store.createCase(marfanCase());
    store.close();
    expect(() => CaseStore.open({ path, key: Buffer.from(key).toString('hex'), actor: 'x' })).toThrow(/wrong key/);
    expect(() => CaseStore.open({ path, key: new Uint8Array(16), actor: 'x' })).toThrow(/a raw key must be 32 bytes, got 16/);
    const t1 = performance.now();
    const reopened = CaseStore.open({ path, key, actor: 'app' });
    const reopenMs = performance.now() - t1;
    expect(reopened.listCases()).toHaveLength(1);
    reopened.close();
    // no PBKDF2: opening with a raw key is far quicker than with a passphrase (≈0.13 s)
    expect(reopenMs).toBeLessThan(100);
    process.stderr.write(`raw-key store: create+migrate ${openMs.toFixed(1)} ms, reopen ${reopenMs.toFixed(1)} ms\n`);
  });

  it('says so when the file is a plain SQLite database, and when it is encrypted but not a case store', () => {
    const plain = storeFile(dir, 'plain.sqlite');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    expect(() => openStore(plain)).toThrow(expect.objectContaining({ problem: 'not-encrypted' }));

    const other = storeFile(dir, 'other.db');
    const raw = rawConnection(other);
    raw.exec('CREATE TABLE invoices (id INTEGER)');
    raw.close();
    expect(() => openStore(other)).toThrow(expect.objectContaining({ problem: 'not-a-case-store', message: `${other}: this encrypted database is not a case store` }));
  });

  it('runs in WAL mode with foreign keys on and the SQLCipher scheme', () => {
    const path = storeFile(dir, 'pragmas.db');
    openStore(path).close();
    const raw = rawConnection(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('cipher', { simple: true })).toBe('sqlcipher');
    raw.close();
    // foreign keys: a finding for a case that does not exist is refused by SQLite itself
    const store = openStore(path);
    const db = (store as unknown as { shared: { db: Database.Database } }).shared.db;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db.prepare("INSERT INTO findings (case_id, hpo_id, label, status, source, recorded_at, recorded_by) VALUES ('nope', 'HP:0000001', 'x', 'present', 'typed', '', '')").run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    store.close();
  });

  it('reads key files: 32 raw bytes, 64 hex digits, or a passphrase with its trailing newline ignored', () => {
    const bytes = randomBytes(32);
    writeFileSync(join(dir, 'k.bin'), bytes);
    writeFileSync(join(dir, 'k.hex'), `${bytes.toString('hex')}\n`);
    writeFileSync(join(dir, 'k.txt'), `${PASSPHRASE}\n`);
    writeFileSync(join(dir, 'k.bad'), Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    expect(Buffer.from(readKeyFile(join(dir, 'k.bin')) as Uint8Array).equals(bytes)).toBe(true);
    expect(Buffer.from(readKeyFile(join(dir, 'k.hex')) as Uint8Array).equals(bytes)).toBe(true);
    expect(readKeyFile(join(dir, 'k.txt'))).toBe(PASSPHRASE);
    expect(() => readKeyFile(join(dir, 'k.bad'))).toThrow(/32 bytes, 64 hex digits or a UTF-8 passphrase/);
    expect(() => readKeyFile(join(dir, 'missing.key'))).toThrow(/cannot read the key file: ENOENT/);
  });
});

import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import { LATEST_SCHEMA_VERSION } from '../../../diagnosis/case-store/migrate.js';
import { scratchDir } from '../../helpers/paths.js';
import { PASSPHRASE, fileHashes, marfanCase, openStore, rawConnection, storeFile } from './store-fixtures.js';

describe('backup and restore of the whole store', () => {
  const dir = scratchDir('rarediag-cases-backup-');

  /** A store with two cases, closed. Returns the id of the first. */
  function seed(path: string): string {
    const store = openStore(path);
    const id = store.createCase(marfanCase('kept in the backup')).case.id;
    store.createCase(marfanCase('second case'));
    store.close();
    return id;
  }

  it('writes an encrypted, verified copy while the store is open, and records it in the audit log', () => {
    const path = storeFile(dir, 'live.db');
    seed(path);
    const store = openStore(path);
    const report = store.backup(storeFile(dir, 'live.backup'));
    expect(report).toMatchObject({ file: storeFile(dir, 'live.backup'), schemaVersion: LATEST_SCHEMA_VERSION, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(statSync(report.file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(report.file);
    expect(bytes.includes(Buffer.from('ectopia lentis'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    // the backup opens with the same key and holds the cases
    const copy = CaseStore.open({ path: report.file, key: PASSPHRASE, actor: 'check', create: false });
    expect(copy.listCases().map((c) => c.label).sort()).toEqual(['kept in the backup', 'second case']);
    expect(copy.verifyAuditChain()).toMatchObject({ ok: true, rows: report.auditRows, headHash: report.headHash });
    copy.close();
    expect(store.auditTrail().at(-1)).toMatchObject({ action: 'store.backup', details: { file: report.file, sha256: report.sha256, headHash: report.headHash } });
    expect(() => store.backup(report.file)).toThrow(/already exists: a backup never overwrites a file/);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    store.close();
  });

  it('restores a backup over a changed store; the replaced store is kept beside it', () => {
    const path = storeFile(dir, 'restore.db');
    const keptId = seed(path);
    const store = openStore(path);
    const backup = store.backup(storeFile(dir, 'restore.backup'));
    store.createCase(marfanCase('added after the backup'));
    store.close();

    const report = CaseStore.restore({ storePath: path, backupPath: backup.file, key: PASSPHRASE, actor: 'dr.admin' });
    expect(report).toMatchObject({ storePath: path, restoredFrom: backup.file, backupSha256: backup.sha256, auditRows: backup.auditRows + 1 });
    expect(report.previousStoreKeptAt).toMatch(/restore\.db\.pre-restore-/);
    const restored = openStore(path);
    expect(restored.listCases().map((c) => c.label).sort()).toEqual(['kept in the backup', 'second case']);
    expect(restored.getCase(keptId).findings).toHaveLength(5);
    expect(restored.verifyAuditChain()).toMatchObject({ ok: true });
    expect(restored.auditTrail().at(-1)).toMatchObject({ actor: 'dr.admin', action: 'store.restore', details: { from: backup.file, sha256: backup.sha256, headBefore: backup.headHash } });
    restored.close();
    const previous = openStore(report.previousStoreKeptAt!);
    expect(previous.listCases().map((c) => c.label)).toContain('added after the backup');
    previous.close();
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([]);
  });

  it('never replaces the good store when the backup is bad: wrong key, truncated, not a store, tampered chain, store in use', () => {
    const path = storeFile(dir, 'good.db');
    seed(path);
    const good = openStore(path);
    const backup = good.backup(storeFile(dir, 'good.backup'));
    good.close();
    const before = fileHashes(path);

    const attempt = (backupPath: string, key = PASSPHRASE) => () => CaseStore.restore({ storePath: path, backupPath, key, actor: 'dr.admin' });

    // a backup made with another key (or the wrong key typed)
    expect(attempt(backup.file, 'wrong passphrase')).toThrow(`${backup.file}: cannot open the case store: wrong key (or not a case store file)`);
    // a backup cut short by a full disk
    const truncated = storeFile(dir, 'truncated.backup');
    copyFileSync(backup.file, truncated);
    truncateSync(truncated, Math.floor(backup.bytes / 2));
    expect(attempt(truncated)).toThrow(new RegExp(`^${truncated}: `));
    // something else entirely
    const junk = storeFile(dir, 'junk.backup');
    writeFileSync(junk, 'these are not the droids you are looking for'.repeat(200));
    expect(attempt(junk)).toThrow(/wrong key \(or not a case store file\)/);
    // a backup whose audit chain was edited around the triggers
    const tampered = storeFile(dir, 'tampered.backup');
    copyFileSync(backup.file, tampered);
    const raw = rawConnection(tampered);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'nobody' WHERE seq = 3;");
    raw.close();
    expect(attempt(tampered)).toThrow(`${tampered}: the backup's audit chain does not verify at row 3: the row was changed after it was written (its hash does not match its content)`);
    expect(attempt(storeFile(dir, 'no-such.backup'))).toThrow(/no such backup file/);
    // the store open in another program (the workstation app)
    const inUse = openStore(path);
    expect(attempt(backup.file)).toThrow(`${path}: the case store is open in another program: close it before restoring`);
    inUse.close();

    expect(fileHashes(path)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('good.db.'))).toEqual([]);
    const still = openStore(path);
    expect(still.listCases()).toHaveLength(2);
    expect(still.verifyAuditChain().ok).toBe(true);
    still.close();
  });

  it('restores into a place with no store yet (a new machine)', () => {
    const source = storeFile(dir, 'old-machine.db');
    seed(source);
    const s = openStore(source);
    const backup = s.backup(storeFile(dir, 'old-machine.backup'));
    s.close();
    const target = storeFile(dir, 'new-machine.db');
    const report = CaseStore.restore({ storePath: target, backupPath: backup.file, key: PASSPHRASE, actor: 'it' });
    expect(report.previousStoreKeptAt).toBeNull();
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(openStore(target).listCases()).toHaveLength(2);
  });
});

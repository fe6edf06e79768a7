import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, openSync, readSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../diagnosis/case-store/audit-log.js';
import { canonicalJson } from '../../../diagnosis/case-store/canonical-json.js';
import { scratchDir } from '../../helpers/paths.js';
import { marfanCase, openStore, rawConnection, storeFile } from './store-fixtures.js';

/** A store with some history: 2 migrations, 3 cases, findings, a note, a run and decisions. */
function storeWithHistory(path: string): { headSeq: number; headHash: string } {
  const store = openStore(path);
  for (const label of ['A', 'B', 'C']) {
    const id = store.createCase(marfanCase(label)).case.id;
    store.addNote(id, { text: `note for ${label}` });
    const run = store.recordRun(id, { snapshotId: 'snap-1', inputs: {}, results: {}, topCandidates: ['OMIM:154700'] });
    store.withActor('dr.okafor').recordDecision(id, { kind: 'reject', candidateId: 'OMIM:154700', runId: run.id, note: 'no' });
  }
  const v = store.verifyAuditChain();
  store.close();
  if (!v.ok) throw new Error('fresh chain does not verify');
  return { headSeq: v.rows, headHash: v.headHash };
}

/** What someone with the key (and sqlite skills) can do outside the app: drop the triggers that guard the log. */
function tamper(path: string, sql: string): void {
  const raw = rawConnection(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('append-only, hash-chained audit log', () => {
  const dir = scratchDir('rarediag-cases-audit-');

  it('chains every row: hash = sha256(prev_hash + canonical row), from 64 zeros', () => {
    const path = storeFile(dir, 'chain.db');
    const { headSeq } = storeWithHistory(path);
    const store = openStore(path);
    const trail = store.auditTrail();
    expect(trail).toHaveLength(headSeq);
    expect(trail[0]!.prevHash).toBe(GENESIS_HASH);
    trail.forEach((e, i) => {
      if (i > 0) expect(e.prevHash).toBe(trail[i - 1]!.hash);
      const canonical = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, caseId: e.caseId, details: canonicalJson(e.details) });
      expect(e.hash).toBe(createHash('sha256').update(e.prevHash).update(canonical).digest('hex'));
    });
    expect(new Set(trail.map((e) => e.actor))).toEqual(new Set(['dr.lee', 'dr.okafor']));
    store.close();
  });

  it('cannot be changed or deleted through SQL: triggers raise an error, even with the key', () => {
    const path = storeFile(dir, 'triggers.db');
    storeWithHistory(path);
    const raw = rawConnection(path);
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").run()).toThrow('audit_log is append-only: rows cannot be changed');
    expect(() => raw.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow('audit_log is append-only: rows cannot be deleted');
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    raw.close();
    expect(openStore(path).verifyAuditChain().ok).toBe(true);
  });

  it('detects a row edited around the triggers, and names it', () => {
    const path = storeFile(dir, 'edited.db');
    storeWithHistory(path);
    const raw = rawConnection(path);
    const target = raw.prepare("SELECT seq FROM audit_log WHERE action = 'decision.reject' ORDER BY seq LIMIT 1").pluck().get() as number;
    raw.close();
    // pretend a different clinician made the decision
    tamper(path, `UPDATE audit_log SET actor = 'dr.lee' WHERE seq = ${target}`);
    const v = openStore(path).verifyAuditChain();
    expect(v).toEqual({
      ok: false,
      rows: target - 1,
      brokenAt: { seq: target, at: expect.any(String), actor: 'dr.lee', action: 'decision.reject' },
      problem: 'the row was changed after it was written (its hash does not match its content)',
    });
  });

  it('detects a row re-hashed by someone who knows the algorithm: the next row no longer points at it', () => {
    const path = storeFile(dir, 'rehashed.db');
    storeWithHistory(path);
    const raw = rawConnection(path);
    const row = raw.prepare('SELECT * FROM audit_log WHERE seq = 5').get() as Record<string, string | number | null>;
    raw.close();
    const details = canonicalJson({ ...JSON.parse(row['details'] as string), forged: true });
    const canonical = canonicalJson({ seq: 5, at: row['at'], actor: row['actor'], action: row['action'], entity: row['entity'], entityId: row['entity_id'], caseId: row['case_id'], details });
    const hash = createHash('sha256').update(row['prev_hash'] as string).update(canonical).digest('hex');
    tamper(path, `UPDATE audit_log SET details = '${details}', hash = '${hash}' WHERE seq = 5`);
    const v = openStore(path).verifyAuditChain();
    expect(v).toMatchObject({ ok: false, rows: 5, brokenAt: { seq: 6 }, problem: 'prev_hash does not match the hash of row 5' });
  });

  it('detects a deleted row, and rows cut off the end when the head was recorded elsewhere', () => {
    const path = storeFile(dir, 'deleted.db');
    const head = storeWithHistory(path);
    const copy = storeFile(dir, 'deleted-tail.db');
    copyFileSync(path, copy);
    tamper(path, 'DELETE FROM audit_log WHERE seq = 7');
    expect(openStore(path).verifyAuditChain()).toMatchObject({ ok: false, rows: 6, brokenAt: { seq: 8 }, problem: 'rows 7..7 are missing before this row' });

    tamper(copy, `DELETE FROM audit_log WHERE seq > ${head.headSeq - 2}`);
    const store = openStore(copy);
    // the remaining chain is consistent on its own...
    expect(store.verifyAuditChain()).toMatchObject({ ok: true, rows: head.headSeq - 2 });
    // ...but not with the head printed by an earlier backup or audit-verify
    expect(store.verifyAuditChain({ seq: head.headSeq, hash: head.headHash })).toMatchObject({
      ok: false,
      brokenAt: { seq: head.headSeq },
      problem: `the chain ends at row ${head.headSeq - 2}: rows up to ${head.headSeq} were recorded elsewhere`,
    });
    store.close();
  });

  it('edited bytes of the encrypted file cannot forge a row: the page authentication fails loudly', () => {
    const path = storeFile(dir, 'bytes.db');
    storeWithHistory(path);
    const raw = rawConnection(path);
    const root = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").pluck().get() as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    // flip one byte in the middle of the audit table's root page
    const fd = openSync(path, 'r+');
    const offset = (root - 1) * pageSize + 1500;
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, offset);
    writeSync(fd, Buffer.from([b[0]! ^ 0x5a]), 0, 1, offset);
    closeSync(fd);
    const store = openStore(path);
    expect(() => store.verifyAuditChain()).toThrow(/malformed|corrupt|not a database/i);
    expect(() => {
      const r = store.integrityCheck();
      if (r !== 'ok') throw new Error(`corrupt: ${r}`);
    }).toThrow(/corrupt|malformed/i);
    store.close();
  });
});

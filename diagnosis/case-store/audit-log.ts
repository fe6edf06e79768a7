import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from './canonical-json.js';
import type { AuditEntry, AuditVerification } from './case-types.js';

/**
 * The append-only, hash-chained audit log.
 *
 * Each row's hash is sha256(prev_hash + canonical row), the canonical row being the canonical JSON of
 * {seq, at, actor, action, entity, entityId, caseId, details}; the first row's prev_hash is 64 zeros. Triggers make UPDATE
 * and DELETE on the table fail; the chain is what catches a change made around them (a connection that drops the
 * triggers, edited bytes): changing, removing or re-ordering a row breaks the chain at that row. Appending happens in
 * the transaction of the change it records, so the two commit together or not at all.
 *
 * What a chain cannot show on its own: that rows were cut off the end, or that someone holding the key rewrote the
 * whole chain. For that, compare the head hash (printed by `cases audit-verify`, recorded with every backup) with a
 * copy kept elsewhere: verifyAuditChain(db, expectedHead).
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  /** the case the change belongs to, so a case's trail is one index lookup */
  caseId?: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  case_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function rowHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    caseId: row.case_id,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Appends one entry. Call inside the write transaction of the change it records (IMMEDIATE: one writer at a time). */
export function appendAudit(db: Database.Database, record: AuditRecord, at: string): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: record.actor,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
    case_id: record.caseId ?? null,
    details: canonicalJson(record.details ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = rowHash(prevHash, row);
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, case_id, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @case_id, @details, @prev_hash, @hash)',
  ).run({ ...row, prev_hash: prevHash, hash });
  return toEntry({ ...row, prev_hash: prevHash, hash });
}

/** Walks the whole chain in order; stops at the first row that does not verify and says which and why. */
export function verifyAuditChain(db: Database.Database, expectedHead?: { seq: number; hash: string }): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  const broken = (r: Partial<AuditRow> & { seq: number }, problem: string): AuditVerification => ({
    ok: false,
    rows,
    brokenAt: { seq: r.seq, at: r.at ?? null, actor: r.actor ?? null, action: r.action ?? null },
    problem,
  });
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    if (r.seq !== expectedSeq) {
      return broken(r, r.seq > expectedSeq ? `rows ${expectedSeq}..${r.seq - 1} are missing before this row` : `sequence number ${r.seq} out of order (expected ${expectedSeq})`);
    }
    if (r.prev_hash !== expectedPrev) return broken(r, `prev_hash does not match the hash of row ${r.seq - 1}`);
    if (rowHash(r.prev_hash, r) !== r.hash) return broken(r, 'the row was changed after it was written (its hash does not match its content)');
    try {
      JSON.parse(r.details);
    } catch {
      return broken(r, 'details are not valid JSON');
    }
    expectedPrev = r.hash;
    expectedSeq += 1;
    rows += 1;
  }
  if (expectedHead) {
    const head = db.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(expectedHead.seq) as { seq: number; hash: string } | undefined;
    if (!head) return broken({ seq: expectedHead.seq }, `the chain ends at row ${rows}: rows up to ${expectedHead.seq} were recorded elsewhere`);
    if (head.hash !== expectedHead.hash) return broken({ seq: expectedHead.seq }, 'this row differs from the head hash recorded elsewhere');
  }
  return { ok: true, rows, headHash: expectedPrev };
}

export function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    caseId: r.case_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The latest entries (of one case, if given), oldest first. */
export function readAudit(db: Database.Database, filter: { caseId?: string; limit?: number } = {}): AuditEntry[] {
  const limit = filter.limit ?? 1000;
  const rows = (
    filter.caseId === undefined
      ? db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
      : db.prepare('SELECT * FROM audit_log WHERE case_id = ? ORDER BY seq DESC LIMIT ?').all(filter.caseId, limit)
  ) as AuditRow[];
  return rows.reverse().map(toEntry);
}

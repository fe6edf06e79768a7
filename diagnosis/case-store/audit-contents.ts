import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from './canonical-json.js';

/**
 * What the audit log vouches for, beyond its own chain: the stored rows themselves.
 *
 * The chain (audit-log.ts) shows that the log was not edited; it says nothing about a narrative, a note or a case row
 * edited or deleted by someone who holds the key and writes SQL around the store. So every audited change records, in
 * its audit row, the hash of what it left behind: `row` for the entity it wrote (a narrative, note, decision, VCF
 * reference, run or setting; null when the change removed it) and `state` for the case it touched (its row and its
 * whole finding set). `verifyAuditContents` replays the log and compares the last recorded hashes with the rows as they
 * are now, and the set of cases with the cases the log created.
 *
 * Hashes drop null columns, so a migration that adds a nullable column does not make every earlier row look changed.
 * Stores written before row hashes were recorded are checked where the log allows (a narrative's and a note's text
 * were always hashed) and the rest is counted as not covered, never reported as tampered.
 */

/**
 * Audited entities whose rows are hashed, and the table each lives in, keyed by the audit row's `entity`. `derived`
 * columns are copies of hashed content kept for reading speed and are left out: a run's `top_label` is its first
 * candidate's label in `results`, backfilled by migration 3 into runs stored before it.
 */
const ENTITY_TABLES: Record<string, { table: string; key: string; derived?: Set<string>; children?: { table: string; key: string; order: string } }> = {
  narrative: { table: 'narratives', key: 'id' },
  note: { table: 'notes', key: 'id' },
  decision: { table: 'decisions', key: 'id' },
  vcf: { table: 'vcf_files', key: 'id' },
  run: { table: 'diagnosis_runs', key: 'id', derived: new Set(['top_label']) },
  setting: { table: 'settings', key: 'key' },
  // a case's family and candidate list are replaced as a whole: the hash covers the head row and every child row
  pedigree: { table: 'pedigrees', key: 'case_id', children: { table: 'pedigree_members', key: 'case_id', order: 'position' } },
  'candidate-list': { table: 'candidate_lists', key: 'case_id', children: { table: 'candidate_variants', key: 'case_id', order: 'position' } },
};

/** `updated_at` moves with every change to a case (see CaseStore.touch); it carries no content. */
const CASE_VOLATILE = new Set(['updated_at']);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function withoutNulls(row: Record<string, unknown>, drop?: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null && !drop?.has(k)));
}

function tableExists(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** The hash of one audited entity's row as stored now: null when it is gone, undefined when the entity is not hashed. */
export function entityRowHash(db: Database.Database, entity: string, id: string | number): string | null | undefined {
  const spec = ENTITY_TABLES[entity];
  if (!spec || !tableExists(db, spec.table)) return undefined;
  const row = db.prepare(`SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const own = withoutNulls(row, spec.derived);
  if (!spec.children) return sha256(canonicalJson(own));
  const c = spec.children;
  const children = db.prepare(`SELECT * FROM ${c.table} WHERE ${c.key} = ? ORDER BY ${c.order}`).all(id) as Record<string, unknown>[];
  return sha256(canonicalJson({ row: own, children: children.map((r) => withoutNulls(r)) }));
}

export interface CaseStateHashes {
  /** the case row without its updated_at; null when the case is gone */
  case: string | null;
  /** every finding of the case, in term order */
  findings: string;
}

export function caseStateHashes(db: Database.Database, caseId: string): CaseStateHashes {
  const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Record<string, unknown> | undefined;
  const findings = db.prepare('SELECT * FROM findings WHERE case_id = ? ORDER BY hpo_id').all(caseId) as Record<string, unknown>[];
  return {
    case: row ? sha256(canonicalJson(withoutNulls(row, CASE_VOLATILE))) : null,
    findings: sha256(canonicalJson(findings.map((f) => withoutNulls(f)))),
  };
}

/** The hashes an audit row records for the change it describes (call after the change, in its transaction). */
export function contentHashes(db: Database.Database, record: { entity: string; entityId?: string | number | null; caseId?: string | null }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (record.entityId !== undefined && record.entityId !== null) {
    const row = entityRowHash(db, record.entity, record.entityId);
    if (row !== undefined) out['row'] = row;
  }
  if (record.caseId) out['state'] = caseStateHashes(db, record.caseId);
  return out;
}

export interface ContentVerification {
  ok: boolean;
  /** cases and entity rows compared with a hash the log recorded */
  checked: number;
  /** rows of stores written before row hashes were recorded, which the log cannot vouch for */
  notCovered: number;
  /** what differs, one line each (the first 50) */
  problems: string[];
}

interface Recorded {
  seq: number;
  hash: string | null;
}

const MAX_PROBLEMS = 50;

/** Replays the audit log against the rows as they are now. Linear in the log and the tables; reads one row at a time. */
export function verifyAuditContents(db: Database.Database): ContentVerification {
  const createdCases = new Map<string, number>();
  const states = new Map<string, { seq: number; state: CaseStateHashes }>();
  const rows = new Map<string, Recorded>();
  const legacyText = new Map<string, Recorded>();
  const mentioned = new Set<string>();
  const audit = db.prepare('SELECT seq, action, entity, entity_id, case_id, details FROM audit_log ORDER BY seq').iterate() as IterableIterator<{
    seq: number;
    action: string;
    entity: string;
    entity_id: string | null;
    case_id: string | null;
    details: string;
  }>;
  for (const a of audit) {
    const details = JSON.parse(a.details) as Record<string, unknown>;
    if (a.action === 'case.create' && a.case_id) createdCases.set(a.case_id, a.seq);
    if (a.case_id && isState(details['state'])) states.set(a.case_id, { seq: a.seq, state: details['state'] });
    if (a.entity_id === null || !ENTITY_TABLES[a.entity]) continue;
    const key = `${a.entity} ${a.entity_id}`;
    mentioned.add(key);
    if (typeof details['row'] === 'string' || details['row'] === null) {
      rows.set(key, { seq: a.seq, hash: details['row'] as string | null });
      legacyText.delete(key);
    } else if (!rows.has(key)) {
      const text = details['text'] as { sha256?: unknown } | undefined;
      if (typeof text?.sha256 === 'string') legacyText.set(key, { seq: a.seq, hash: text.sha256 });
    }
  }

  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else if (problems.length === MAX_PROBLEMS) problems.push('... and more');
  };
  let checked = 0;
  let notCovered = 0;

  const present = new Set<string>();
  for (const c of db.prepare('SELECT id FROM cases').pluck().iterate() as IterableIterator<string>) {
    present.add(c);
    if (!createdCases.has(c)) problem(`case ${c} is not in the audit log: it was added around the store`);
    const recorded = states.get(c);
    if (!recorded) {
      notCovered += 1;
      continue;
    }
    checked += 1;
    const now = caseStateHashes(db, c);
    if (now.case !== recorded.state.case) problem(`case ${c}: the case row differs from what audit row ${recorded.seq} recorded`);
    if (now.findings !== recorded.state.findings) problem(`case ${c}: the findings differ from what audit row ${recorded.seq} recorded`);
  }
  for (const [c, seq] of createdCases) if (!present.has(c)) problem(`case ${c} (created at audit row ${seq}) is missing from the store`);

  for (const [entity, spec] of Object.entries(ENTITY_TABLES)) {
    if (!tableExists(db, spec.table)) continue;
    const seen = new Set<string>();
    for (const id of db.prepare(`SELECT ${spec.key} FROM ${spec.table}`).pluck().iterate() as IterableIterator<string | number>) {
      const key = `${entity} ${id}`;
      seen.add(key);
      const recorded = rows.get(key);
      if (recorded) {
        checked += 1;
        const now = entityRowHash(db, entity, id);
        if (recorded.hash === null) problem(`${entity} ${id} was removed at audit row ${recorded.seq} but is in the store`);
        else if (now !== recorded.hash) problem(`${entity} ${id} differs from what audit row ${recorded.seq} recorded`);
        continue;
      }
      const legacy = legacyText.get(key);
      if (legacy) {
        checked += 1;
        const text = db.prepare(`SELECT text FROM ${spec.table} WHERE ${spec.key} = ?`).pluck().get(id) as string;
        if (sha256(text) !== legacy.hash) problem(`${entity} ${id}: its text differs from what audit row ${legacy.seq} recorded`);
      } else if (mentioned.has(key)) notCovered += 1;
      else problem(`${entity} ${id} is not in the audit log: it was added around the store`);
    }
    for (const [key, recorded] of [...rows, ...legacyText]) {
      if (key.startsWith(`${entity} `) && recorded.hash !== null && !seen.has(key)) problem(`${key} (audit row ${recorded.seq}) is missing from the store`);
    }
  }
  return { ok: problems.length === 0, checked, notCovered, problems };
}

function isState(v: unknown): v is CaseStateHashes {
  return typeof v === 'object' && v !== null && typeof (v as CaseStateHashes).findings === 'string';
}

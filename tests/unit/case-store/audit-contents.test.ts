import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../diagnosis/case-store/audit-log.js';
import { scratchDir } from '../../helpers/paths.js';
import { marfanCase, openStore, rawConnection, storeFile } from './store-fixtures.js';

/** Two cases with narratives, findings, notes, a run and decisions; returns their ids. */
function storeWithCases(path: string): { a: string; b: string } {
  const store = openStore(path);
  const a = store.createCase(marfanCase('A')).case.id;
  const b = store.createCase(marfanCase('B')).case.id;
  for (const id of [a, b]) {
    store.addNote(id, { text: `note for ${id.slice(0, 4)}` });
    const run = store.recordRun(id, { snapshotId: 'snap-1', inputs: {}, results: {}, topCandidates: ['OMIM:154700'] });
    store.recordDecision(id, { kind: 'accept', candidateId: 'OMIM:154700', runId: run.id, note: 'fits' });
  }
  store.removeFinding(a, 'HP:0000545');
  store.updateCase(b, { label: 'B, renamed' });
  store.close();
  return { a, b };
}

/** What someone holding the key can do with sqlite outside the app: the audit chain itself stays whole. */
function around(path: string, sql: string, ...params: unknown[]): void {
  const raw = rawConnection(path);
  raw.pragma('foreign_keys = OFF');
  raw.prepare(sql).run(...params);
  raw.close();
}

function verify(path: string) {
  const store = openStore(path);
  try {
    expect(store.verifyAuditChain().ok).toBe(true);
    return store.verifyAuditContents();
  } finally {
    store.close();
  }
}

describe('audit-verify compares the stored rows with the hashes the audit log recorded', () => {
  const dir = scratchDir('rarediag-audit-contents-');

  it('passes on a store changed only through the app, every row covered', () => {
    const path = storeFile(dir, 'clean.db');
    storeWithCases(path);
    const v = verify(path);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.notCovered).toBe(0);
    // 2 cases + 2 narratives + 2 notes + 2 runs + 2 decisions
    expect(v.checked).toBe(10);
  });

  it.each([
    ['a narrative edited', "UPDATE narratives SET text = replace(text, 'Bilateral', 'Unilateral') WHERE id = 1", /^narrative 1 differs from what audit row \d+ recorded$/],
    ['a narrative deleted', 'DELETE FROM narratives WHERE id = 2', /^narrative 2 \(audit row \d+\) is missing from the store$/],
    ['a note edited', "UPDATE notes SET text = 'nothing to see' WHERE id = 1", /^note 1 differs/],
    ['a note deleted', 'DELETE FROM notes WHERE id = 2', /^note 2 \(audit row \d+\) is missing/],
    ['a case row edited', "UPDATE cases SET date_of_birth = '2001-01-01' WHERE label = 'A'", /^case [0-9a-f-]+: the case row differs from what audit row \d+ recorded$/],
    ['a finding flipped to excluded', "UPDATE findings SET status = 'excluded' WHERE hpo_id = 'HP:0001083' AND id = 2", /^case [0-9a-f-]+: the findings differ/],
    ['a finding added', "INSERT INTO findings (case_id, hpo_id, label, status, source, recorded_at, recorded_by) SELECT id, 'HP:0001250', 'Seizure', 'present', 'typed', '2025-01-01', 'x' FROM cases WHERE label = 'A' ON CONFLICT DO UPDATE SET status = 'present'", /the findings differ/],
    ['a decision note edited', "UPDATE decisions SET note = 'does not fit' WHERE id = 1", /^decision 1 differs/],
    ['a run result edited', "UPDATE diagnosis_runs SET top_candidates = '[\"OMIM:000000\"]' WHERE id = 2", /^run 2 differs/],
  ])('names %s', (_what, sql, expected) => {
    const path = storeFile(dir, `${_what.replace(/\W+/g, '-')}.db`);
    storeWithCases(path);
    around(path, sql);
    const v = verify(path);
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => expected.test(p)), v.problems.join('\n')).toBe(true);
  });

  it('names a case added or removed around the store', () => {
    const path = storeFile(dir, 'cases.db');
    const { b } = storeWithCases(path);
    around(path, "INSERT INTO cases (id, label, sex, status, created_at, created_by, updated_at) VALUES ('11111111-2222-3333-4444-555555555555', 'ghost', 'UNKNOWN_SEX', 'in-progress', 'x', 'x', 'x')");
    for (const table of ['findings', 'narratives', 'notes', 'decisions', 'diagnosis_runs']) around(path, `DELETE FROM ${table} WHERE case_id = ?`, b);
    around(path, 'DELETE FROM cases WHERE id = ?', b);
    const v = verify(path);
    expect(v.problems).toContain('case 11111111-2222-3333-4444-555555555555 is not in the audit log: it was added around the store');
    expect(v.problems.some((p) => p.startsWith(`case ${b} (created at audit row`))).toBe(true);
    expect(v.problems.some((p) => /^narrative \d+ \(audit row \d+\) is missing/.test(p))).toBe(true);
  });

  it('checks what an older store recorded (text hashes) and counts the rest as not covered, not as tampered', () => {
    const path = storeFile(dir, 'legacy.db');
    const { a } = storeWithCases(path);
    // a narrative and a run written the way releases before row hashes wrote them
    const raw = rawConnection(path);
    const text = 'Older letter: seizures since infancy.';
    raw.transaction(() => {
      const n = Number(raw.prepare("INSERT INTO narratives (case_id, source, text, created_at, created_by) VALUES (?, 'letter', ?, 'x', 'x')").run(a, text).lastInsertRowid);
      appendAudit(raw, { actor: 'x', action: 'narrative.add', entity: 'narrative', entityId: n, caseId: null, details: { text: { length: text.length, sha256: createHash('sha256').update(text).digest('hex') } } }, 'x');
      const r = Number(
        raw
          .prepare("INSERT INTO diagnosis_runs (case_id, kind, snapshot_id, inputs, parameters, results, top_candidates, timings, started_at, finished_at, created_by) VALUES (?, 'manual', 's', '{}', '{}', '{}', '[]', '{}', 'x', 'x', 'x')")
          .run(a).lastInsertRowid,
      );
      appendAudit(raw, { actor: 'x', action: 'run.record', entity: 'run', entityId: r, caseId: null, details: {} }, 'x');
    })();
    raw.close();
    const v = verify(path);
    expect(v.problems).toEqual([]);
    expect(v.notCovered).toBe(1);
    around(path, "UPDATE narratives SET text = 'Older letter: no seizures.' WHERE text LIKE 'Older letter%'");
    expect(verify(path).problems.some((p) => /^narrative \d+: its text differs from what audit row \d+ recorded$/.test(p))).toBe(true);
  });
});

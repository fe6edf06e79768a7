import { describe, expect, it } from 'vitest';
import { CaseStoreOpenError } from '../../../diagnosis/case-store/case-errors.js';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from '../../../diagnosis/case-store/migrate.js';
import { openEncryptedDatabase } from '../../../diagnosis/case-store/store-connection.js';
import { scratchDir } from '../../helpers/paths.js';
import { PASSPHRASE, openStore, rawConnection, storeFile } from './store-fixtures.js';

const at = () => '2024-01-10T08:00:00.000Z';

/** A store as version 1 of the program left it: schema 1, a case with a narrative and a note written by that version. */
function versionOneStore(path: string): void {
  const db = openEncryptedDatabase(path, PASSPHRASE, { create: true });
  migrate(db, path, 'installer', at, 1);
  db.exec(`
    INSERT INTO cases (id, label, sex, status, created_at, created_by, updated_at)
      VALUES ('c-2024-001', 'Twins, older sibling', 'FEMALE', 'unsolved', '2024-01-10T08:05:00Z', 'dr.old', '2024-01-10T08:05:00Z');
    INSERT INTO narratives (case_id, source, text, created_at, created_by)
      VALUES ('c-2024-001', 'clinic letter', 'Progressive ataxia from age 4 with oculomotor apraxia and telangiectasia.', '2024-01-10T08:05:00Z', 'dr.old');
    INSERT INTO notes (case_id, text, created_at, created_by)
      VALUES ('c-2024-001', 'Alpha-fetoprotein raised: request ATM sequencing.', '2024-01-10T08:06:00Z', 'dr.old');
  `);
  db.close();
}

describe('case store migrations', () => {
  const dir = scratchDir('rarediag-cases-migrate-');

  it('creates a new store at the latest version, each migration recorded in schema_migrations and the audit log', () => {
    const path = storeFile(dir, 'fresh.db');
    const store = openStore(path);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
    const audit = store.auditTrail().filter((e) => e.action === 'schema.migrate');
    expect(audit.map((e) => e.details)).toEqual(migrations.map((m) => ({ from: m.version - 1, to: m.version, name: m.name })));
    store.close();
    const raw = rawConnection(path);
    expect(raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    raw.close();
  });

  it('upgrades a version-1 store: data kept, the new full-text index built from the existing narratives and notes', () => {
    const path = storeFile(dir, 'v1.db');
    versionOneStore(path);
    const store = openStore(path, { actor: 'dr.new' });
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const c = store.getCase('c-2024-001');
    expect(c.case).toMatchObject({ label: 'Twins, older sibling', status: 'unsolved', createdBy: 'dr.old' });
    expect(store.search('telangiectasia').map((r) => r.caseId)).toEqual(['c-2024-001']);
    expect(store.search('fetoprotein ATM')[0]!.hits[0]).toMatchObject({ kind: 'note' });
    // rows written after the upgrade are indexed by the triggers
    store.addNarrative('c-2024-001', { source: 'MRI report', text: 'Cerebellar atrophy, vermis predominant.' });
    expect(store.search('vermis')).toHaveLength(1);
    const upgrade = store.auditTrail().filter((e) => e.action === 'schema.migrate');
    expect(upgrade.map((e) => [e.actor, e.details['to']])).toEqual([
      ['installer', 1],
      ['dr.new', 2],
      ['dr.new', 3],
      ['dr.new', 4],
    ]);
    expect(store.verifyAuditChain()).toMatchObject({ ok: true });
    store.close();
  });

  it('upgrades a version-2 store to the clinical workflow: rebuilt tables keep every row and reference, old runs get their leading name', () => {
    const path = storeFile(dir, 'v2.db');
    const db = openEncryptedDatabase(path, PASSPHRASE, { create: true });
    migrate(db, path, 'installer', at, 2);
    db.exec(`
      INSERT INTO cases (id, label, sex, status, created_at, created_by, updated_at)
        VALUES ('c-1', 'NF1 query', 'MALE', 'solved', '2024-01-10T08:05:00Z', 'dr.old', '2024-01-10T08:05:00Z'),
               ('c-2', 'Short stature', 'FEMALE', 'in-progress', '2024-01-11T08:05:00Z', 'dr.old', '2024-01-11T08:05:00Z');
      INSERT INTO narratives (case_id, source, text, created_at, created_by) VALUES ('c-1', 'letter', 'Café-au-lait macules and axillary freckling.', '2024-01-10T08:05:00Z', 'dr.old');
      INSERT INTO findings (case_id, hpo_id, label, status, source, recorded_at, recorded_by) VALUES ('c-1', 'HP:0000957', 'Cafe-au-lait spot', 'present', 'typed', '2024-01-10T08:05:00Z', 'dr.old');
      INSERT INTO diagnosis_runs (case_id, kind, snapshot_id, inputs, parameters, results, top_candidates, timings, started_at, finished_at, created_by)
        VALUES ('c-1', 'manual', 'snap-1', '{}', '{}', '{"candidates":[{"id":"OMIM:162200","label":"Neurofibromatosis, type 1"}]}', '["OMIM:162200"]', '{}', '2024-01-10T08:06:00Z', '2024-01-10T08:06:01Z', 'dr.old'),
               ('c-2', 'manual', 'snap-1', '{}', '{}', '{"diseases":[]}', '[]', '{}', '2024-01-11T08:06:00Z', '2024-01-11T08:06:01Z', 'dr.old');
      INSERT INTO decisions (case_id, run_id, kind, candidate_id, candidate_label, note, decided_at, decided_by)
        VALUES ('c-1', 1, 'final-diagnosis', 'OMIM:162200', 'Neurofibromatosis, type 1', 'NF1 c.1466A>G', '2024-01-10T08:07:00Z', 'dr.old');
    `);
    db.close();

    const store = openStore(path, { actor: 'dr.new' });
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.getCase('c-1')).toMatchObject({
      case: { status: 'solved', indication: null, referrer: null, createdBy: 'dr.old' },
      findings: [{ hpoId: 'HP:0000957' }],
      narratives: [{ source: 'letter' }],
      finalDiagnosis: { candidateId: 'OMIM:162200', note: 'NF1 c.1466A>G', gene: null, classification: null, certainty: null },
      runs: [{ topLabel: 'Neurofibromatosis, type 1' }],
    });
    expect(store.getCase('c-2')).toMatchObject({ case: { status: 'in-progress' }, runs: [{ topLabel: null }] });
    expect(store.search('freckling').map((r) => r.caseId)).toEqual(['c-1']);
    // the new statuses and decision kinds are accepted, and foreign keys are enforced again
    store.recordDecision('c-2', { kind: 'close', note: 'lost to follow-up' });
    expect(store.getCaseRecord('c-2').status).toBe('closed');
    store.close();
    const raw = rawConnection(path);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(() => raw.prepare("INSERT INTO notes (case_id, text, created_at, created_by) VALUES ('no-such-case', 'x', 'now', 'me')").run()).toThrow(/FOREIGN KEY/);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_v3'").all()).toEqual([]);
    raw.close();
  });

  it('runs each migration in its own transaction: a failing upgrade leaves the store at the last complete version', () => {
    const path = storeFile(dir, 'v1-blocked.db');
    versionOneStore(path);
    // an object in the way of migration 2 (as a hand edit or a half-installed plug-in might leave)
    const raw = rawConnection(path);
    raw.exec('CREATE TABLE notes_fts (x)');
    raw.close();
    expect(() => openStore(path)).toThrow(
      expect.objectContaining({
        problem: 'migration-failed',
        message: `${path}: upgrading the case store to schema version 2 (full-text search over narratives and notes) failed: table notes_fts already exists; it stays at version 1`,
      }),
    );
    const after = rawConnection(path);
    expect(schemaVersion(after)).toBe(1);
    // nothing of migration 2 stayed behind (its first statements did run before the failure)
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'narratives_fts%'").all()).toEqual([]);
    expect(after.prepare('SELECT count(*) AS n FROM narratives').get()).toEqual({ n: 1 });
    after.close();
  });

  it('refuses a store written by a newer program instead of guessing', () => {
    const path = storeFile(dir, 'future.db');
    openStore(path).close();
    const raw = rawConnection(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00Z')").run();
    raw.close();
    let error: unknown;
    try {
      openStore(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CaseStoreOpenError);
    expect((error as CaseStoreOpenError).problem).toBe('newer-schema');
    expect((error as Error).message).toContain(`schema version 99, newer than this program knows (${LATEST_SCHEMA_VERSION})`);
  });
});

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CaseStore } from '../../diagnosis/case-store/case-store.js';
import { LATEST_SCHEMA_VERSION } from '../../diagnosis/case-store/migrate.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { rawConnection } from '../unit/case-store/store-fixtures.js';

const KEY = 'cli test passphrase';
const fixture = resolve('tests/fixtures/cases/marfan-proband.phenopacket.json');

describe('rarediag cases (CLI)', () => {
  const home = scratchDir('rarediag-cases-cli-');
  const storePath = join(home, 'cases.db');
  // never ~/.rarediag: the store is <RAREDIAG_HOME>/cases.db
  const env = { RAREDIAG_HOME: home, RAREDIAG_CASES_KEY: KEY, RAREDIAG_ACTOR: 'dr.cli' };
  const cases = (...args: string[]) => runCli(['cases', ...args], env);
  const open = () => CaseStore.open({ path: storePath, key: KEY, actor: 'test-seed' });

  it('has --help for every command, naming the key options', async () => {
    for (const sub of ['list', 'show', 'search', 'export', 'import', 'backup', 'restore', 'audit-verify', 'reanalyze']) {
      const r = await cases(sub, '--help');
      expect(r.code, sub).toBe(0);
      expect(r.stdout).toContain(`Usage: rarediag cases ${sub}`);
      expect(r.stdout).toContain('--key-file');
      expect(r.stdout).toContain('RAREDIAG_CASES_KEY');
    }
    const top = await cases('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/audit-verify/);
  });

  it('says which key is missing, and refuses a wrong one with exit code 3 and the file named', async () => {
    const missing = await runCli(['cases', 'list'], { ...env, RAREDIAG_CASES_KEY: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('rarediag: no key for the case store: set RAREDIAG_CASES_KEY (a passphrase) or pass --key-file FILE\n');
    // a read command never creates a store: on a wrong path it says so
    const none = await cases('list');
    expect(none.code).toBe(3);
    expect(none.stderr).toBe(`rarediag: ${storePath}: no case store at this path\n`);
    open().close();
    expect((await cases('list')).stdout).toBe(`No cases in ${storePath}\n`);
    const wrong = await runCli(['cases', 'list'], { ...env, RAREDIAG_CASES_KEY: 'guess' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toBe(`rarediag: ${storePath}: cannot open the case store: wrong key (or not a case store file)\n`);
  });

  it('imports a phenopacket, lists, shows and exports it (round trip)', async () => {
    const imported = await cases('import', fixture, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const detail = JSON.parse(imported.stdout) as { case: { id: string; label: string; createdBy: string } };
    expect(detail.case).toMatchObject({ label: 'F7-II-1', createdBy: 'dr.cli' });
    const id = detail.case.id;

    const list = await cases('list');
    expect(list.stdout).toMatch(new RegExp(`${id.slice(0, 8)}\\s+F7-II-1\\s+solved\\s+male\\s+P13Y2M\\s+4/2\\s+OMIM:154700 Marfan syndrome`));
    expect(JSON.parse((await cases('list', '--json', '--status', 'solved')).stdout)).toHaveLength(1);
    expect(JSON.parse((await cases('list', '--json', '--status', 'unsolved')).stdout)).toHaveLength(0);

    const show = await cases('show', id.slice(0, 8));
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`F7-II-1  (${id})`);
    expect(show.stdout).toContain('final diagnosis: OMIM:154700 Marfan syndrome');
    expect(show.stdout).toMatch(/HP:0001250\s+Seizure\s+excluded\s+typed\s+dr\.cli/);
    expect(JSON.parse((await cases('show', id, '--json')).stdout)).toMatchObject({ case: { id }, findings: expect.any(Array) });

    const out = join(home, 'export.json');
    const exported = await cases('export', id.slice(0, 6), '--out', out);
    expect(exported.stdout).toBe(`Exported case ${id} (6 features, final diagnosis) to ${out}\n`);
    const packet = JSON.parse(readFileSync(out, 'utf8')) as { phenotypicFeatures: unknown[]; metaData: { phenopacketSchemaVersion: string } };
    const original = JSON.parse(readFileSync(fixture, 'utf8')) as { phenotypicFeatures: { type: unknown; excluded?: boolean }[] };
    expect(packet.phenotypicFeatures).toEqual(original.phenotypicFeatures.map((f) => ({ type: f.type, ...(f.excluded ? { excluded: true } : {}) })));
    expect(packet.metaData.phenopacketSchemaVersion).toBe('2.0');
  });

  it('exports a case with its family as a Phenopacket v2 Family (--family), imported back with the same pedigree', async () => {
    const store = open();
    const id = store.createCase({ label: 'F8 proband', sex: 'FEMALE', findings: [{ hpoId: 'HP:0004322', label: 'Short stature', status: 'present', source: 'typed' }] }).case.id;
    const without = store.createCase({ label: 'No family', findings: [] }).case.id;
    store.setPedigree(id, {
      source: 'typed in the app',
      members: [
        { id: 'P1', sex: 'FEMALE', affected: 'affected', fatherId: 'F1', motherId: 'M1', proband: true },
        { id: 'F1', sex: 'MALE', affected: 'unaffected' },
        { id: 'M1', sex: 'FEMALE', affected: 'unaffected' },
      ],
    });
    store.close();
    const out = join(home, 'family.json');
    const exported = await cases('export', id, '--family', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(`Exported case ${id} as a family of 3 (1 features) to ${out}\n`);
    const family = JSON.parse(readFileSync(out, 'utf8')) as { proband: { subject: { id: string } }; pedigree: { persons: { individualId: string }[] } };
    expect(family.proband.subject.id).toBe('P1');
    expect(family.pedigree.persons.map((p) => p.individualId)).toEqual(['P1', 'F1', 'M1']);
    const imported = await cases('import', out, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ case: { label: 'P1' }, pedigree: { members: [{ id: 'P1', proband: true, fatherId: 'F1' }, { id: 'F1' }, { id: 'M1' }] } });
    const refused = await cases('export', without, '--family', '--out', join(home, 'none.json'));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('the case has no family (pedigree) to export');
  });

  it('exits 3 naming the file and field for a bad phenopacket, and the store for an unknown case', async () => {
    const bad = join(home, 'bad.json');
    const p = JSON.parse(readFileSync(fixture, 'utf8')) as { phenotypicFeatures: { type: { id: string } }[] };
    p.phenotypicFeatures[2]!.type.id = 'HP:2616';
    writeFileSync(bad, JSON.stringify(p));
    const r = await cases('import', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`rarediag: ${bad}: field phenotypicFeatures.2.type.id: expected an HPO id such as HP:0001250\n`);
    const notJson = join(home, 'not.json');
    writeFileSync(notJson, '{"id": ');
    const r2 = await cases('import', notJson);
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(new RegExp(`^rarediag: ${notJson}: invalid JSON: `));
    const r3 = await cases('show', 'deadbeef');
    expect(r3.code).toBe(3);
    expect(r3.stderr).toBe(`rarediag: ${storePath}: no case with id "deadbeef"\n`);
  });

  it('searches narratives and notes', async () => {
    const store = open();
    const id = store.createCase({ label: 'search me', narratives: [{ source: 'referral', text: 'Episodic ataxia triggered by stress, with interictal nystagmus.' }] }).case.id;
    store.addNote(id, { text: 'CACNA1A sequencing requested.' });
    store.close();
    const r = await cases('search', 'ataxia', 'nystagmus');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${id.slice(0, 8)}\\s+search me\\s+referral\\s+Episodic «ataxia» triggered by stress, with interictal «nystagmus».`));
    expect(JSON.parse((await cases('search', 'cacna1a', '--json')).stdout)).toEqual([expect.objectContaining({ caseId: id, hits: [expect.objectContaining({ kind: 'note' })] })]);
    expect((await cases('search', 'zebra')).stdout).toBe('No case matches.\n');
  });

  it('backs up and restores the store', async () => {
    const backup = join(home, 'cases.backup');
    const b = await cases('backup', '--out', backup);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(new RegExp(`^Backed up ${storePath} to ${backup}: [\\d,]+ bytes`));
    const store = open();
    store.createCase({ label: 'after the backup' });
    store.close();
    const r = await cases('restore', backup);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Restored ${storePath} from ${backup} \\(schema ${LATEST_SCHEMA_VERSION}, \\d+ audit rows`));
    expect(r.stdout).toContain('the replaced store is kept at');
    const labels = (JSON.parse((await cases('list', '--json')).stdout) as { label: string }[]).map((c) => c.label);
    expect(labels).not.toContain('after the backup');
    const again = await cases('backup', '--out', backup);
    expect(again.code).toBe(3);
    expect(again.stderr).toBe(`rarediag: ${backup}: already exists: a backup never overwrites a file\n`);
    const wrongKey = await runCli(['cases', 'restore', backup], { ...env, RAREDIAG_CASES_KEY: 'guess' });
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.stderr).toBe(`rarediag: ${backup}: cannot open the case store: wrong key (or not a case store file)\n`);
  });

  it('verifies the audit chain, and exits 4 naming the row when it was tampered with', async () => {
    const ok = await cases('audit-verify');
    expect(ok.code, ok.stderr).toBe(0);
    const m = /^OK: (\d+) audit rows verify, head (\d+:[0-9a-f]{64}); (\d+) cases and rows match the log; SQLite integrity ok\n$/.exec(ok.stdout);
    expect(m, ok.stdout).not.toBeNull();
    expect(Number(m![3])).toBeGreaterThan(0);
    expect((await cases('audit-verify', '--head', m![2]!)).code).toBe(0);
    expect((await cases('audit-verify', '--head', 'nonsense')).code).toBe(2);

    // a case edited by someone holding the key: the chain is whole, the row no longer matches its audit hash
    const edit = rawConnection(storePath, KEY);
    const edited1 = edit.prepare('SELECT id FROM cases ORDER BY created_at LIMIT 1').pluck().get() as string;
    edit.prepare("UPDATE cases SET label = label || ' (edited)' WHERE id = ?").run(edited1);
    edit.close();
    const edited = await cases('audit-verify');
    expect(edited.code).toBe(4);
    expect(edited.stdout).toMatch(new RegExp(`^FAILED: ${storePath}: the stored data differs from the audit log:\\n  case ${edited1}: the case row differs from what audit row \\d+ recorded\\n$`));

    const raw = rawConnection(storePath, KEY);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 4;");
    raw.close();
    const broken = await cases('audit-verify');
    expect(broken.code).toBe(4);
    expect(broken.stdout).toMatch(
      new RegExp(`^FAILED: ${storePath}: audit chain broken at row 4 \\(\\S+ someone else [\\w.-]+\\): the row was changed after it was written \\(its hash does not match its content\\)\\n$`),
    );
    const json = JSON.parse((await cases('audit-verify', '--json')).stdout) as { ok: boolean; brokenAt: { seq: number } };
    expect(json).toMatchObject({ ok: false, brokenAt: { seq: 4 } });
  });

  it('works with a key file and another store file', async () => {
    const keyFile = join(home, 'store.key');
    writeFileSync(keyFile, randomBytes(32));
    const other = join(home, 'other', 'cases.db');
    const args = ['--store', other, '--key-file', keyFile];
    expect((await runCli(['cases', 'import', fixture, ...args], { RAREDIAG_HOME: home, RAREDIAG_CASES_KEY: '' })).code).toBe(0);
    const list = await runCli(['cases', 'list', '--json', ...args], { RAREDIAG_HOME: home, RAREDIAG_CASES_KEY: '' });
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    // the passphrase does not open a store keyed with the file
    expect((await runCli(['cases', 'list', '--store', other], env)).code).toBe(3);
  });

  it('re-analyses unsolved cases with the current snapshot and prints the cases whose top 5 changed', async () => {
    const snapshot = inject('realSnapshotDir');
    const store = open();
    const id = store.createCase({
      label: 'Marfan-like, unsolved',
      sex: 'FEMALE',
      findings: [
        { hpoId: 'HP:0001166', label: 'Arachnodactyly', status: 'present', source: 'typed' },
        { hpoId: 'HP:0001083', label: 'Ectopia lentis', status: 'present', source: 'typed' },
        { hpoId: 'HP:0002616', label: 'Aortic root aneurysm', status: 'present', source: 'typed' },
        { hpoId: 'HP:0000545', label: 'Myopia', status: 'present', source: 'typed' },
      ],
    }).case.id;
    // ranked two years ago on an older snapshot, whose top 5 did not have today's candidates
    store.recordRun(id, { snapshotId: 'snapshot-of-2023', inputs: store.caseInputs(id), results: {}, topCandidates: ['OMIM:000001', 'OMIM:000002', 'OMIM:000003', 'OMIM:000004', 'OMIM:000005'] });
    store.recordDecision(id, { kind: 'mark-unsolved', note: 'panel negative' });
    store.close();

    const r = await cases('reanalyze', '--snapshot', snapshot);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Snapshot \S+: re-ran 1 case\(s\), 1 flagged for review; 0 already up to date, \d+ never run\n/);
    expect(r.stdout).toMatch(new RegExp(`${id.slice(0, 8)}\\s+Marfan-like, unsolved\\s+top 5 changed\\s+snapshot-of-2023\\s+OMIM:\\d+`));
    const after = open();
    const run = after.getRun(after.getCase(id).runs.at(-1)!.id);
    after.close();
    expect(run).toMatchObject({ kind: 'reanalysis', topChanged: true, createdBy: 'dr.cli' });
    expect(run.topCandidates.slice(0, 5).join(' ')).toMatch(/OMIM:154700|ORPHA:558/);
    // a re-analysis run is stored like any run (the UI's run view), so it opens in the app
    expect(run.results).toMatchObject({ candidates: expect.any(Array), genes: expect.any(Array), snapshotId: run.snapshotId });

    const again = await cases('reanalyze', '--snapshot', snapshot, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ rerun: 0, upToDate: 1, flagged: [] });
  });
});

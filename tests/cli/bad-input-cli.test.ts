import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';

/** No raw stack trace, ever: an expected failure is one line naming the file, line or field. */
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Error: .*\n.*node:internal/);

describe('the same input is read the same way by every entry point, and bad input gets one clear line', () => {
  const snapshot = inject('realSnapshotDir');
  const home = scratchDir('rarediag-bad-input-');
  mkdirSync(home, { recursive: true });
  const env = { RAREDIAG_HOME: home, RAREDIAG_CASES_KEY: 'bad input test', RAREDIAG_ACTOR: 'dr.cli' };

  it('reads HPO ids in any usual spelling in rank --hpo, rank --phenopackets, diagnose and cases import', async () => {
    const spellings = ['hp:0001166', ' HP_0001083 ', 'http://purl.obolibrary.org/obo/HP_0001519'];
    const canonical = ['HP:0001166', 'HP:0001083', 'HP:0001519'];

    const adHoc = await runCli(['rank', '--hpo', spellings.join(','), '--json', '--top', '3', '--snapshot', snapshot], env);
    expect(adHoc.code, adHoc.stderr).toBe(0);
    const reference = await runCli(['rank', '--hpo', canonical.join(','), '--json', '--top', '3', '--snapshot', snapshot], env);
    const top = (out: string) => (JSON.parse(out) as { diseases: { id: string; probability: number }[] }).diseases.map((d) => [d.id, d.probability]);
    expect(top(adHoc.stdout)).toEqual(top(reference.stdout));

    const packet = (ids: string[]) => ({
      id: 'p1',
      subject: { id: 'p1', sex: 'FEMALE' },
      phenotypicFeatures: ids.map((id) => ({ type: { id, label: 'x' } })),
      metaData: { created: '2024-01-01T00:00:00Z', phenopacketSchemaVersion: '2.0', resources: [] },
    });
    const batch = join(home, 'spellings.jsonl');
    writeFileSync(batch, `${JSON.stringify(packet(spellings))}\n${JSON.stringify(packet(canonical))}\n`);
    const ranked = await runCli(['rank', '--phenopackets', batch, '--top', '3', '--snapshot', snapshot], env);
    expect(ranked.code, ranked.stderr).toBe(0);
    const [a, b] = ranked.stdout.trim().split('\n').map((l) => JSON.parse(l) as { diseases: unknown[]; skipped?: unknown });
    expect(a!.skipped).toBeUndefined();
    expect(a!.diseases).toEqual(b!.diseases);

    const caseFile = join(home, 'case.json');
    writeFileSync(caseFile, JSON.stringify({ sex: 'female', hpo: spellings, excluded: ['hp:0001250'] }));
    const diagnosed = await runCli(['diagnose', caseFile, '--json', '--snapshot', snapshot], env);
    expect(diagnosed.code, diagnosed.stderr).toBe(0);
    const findings = (JSON.parse(diagnosed.stdout) as { findings: { hpoId: string; status: string }[] }).findings;
    expect(findings.map((f) => `${f.hpoId} ${f.status}`).sort()).toEqual([...canonical.map((id) => `${id} present`), 'HP:0001250 excluded'].sort());

    const importFile = join(home, 'import.json');
    writeFileSync(importFile, JSON.stringify(packet(spellings)));
    const imported = await runCli(['cases', 'import', importFile, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { findings: { hpoId: string }[] }).findings.map((f) => f.hpoId).sort()).toEqual([...canonical].sort());
  }, 120_000);

  it('refuses what cannot be read with exit code 3 and one line naming the file (and line)', async () => {
    const deep = join(home, 'deep.json');
    writeFileSync(deep, `{"hpo":["HP:0001166"],"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    const deepLines = join(home, 'deep.jsonl');
    writeFileSync(deepLines, `${JSON.stringify({ id: 'ok', phenotypicFeatures: [{ type: { id: 'HP:0001166' } }] })}\n{"id":"deep","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}\n`);
    const longLine = join(home, 'long.jsonl');
    writeFileSync(longLine, `{"id":"${'x'.repeat(9 * 1024 * 1024)}"}\n`);

    const cases: { args: string[]; code: number; message: RegExp }[] = [
      { args: ['diagnose', deep, '--snapshot', snapshot], code: 3, message: new RegExp(`^rarediag: ${deep}: invalid JSON: nested deeper than 200 levels\\n$`) },
      { args: ['cases', 'import', deep], code: 3, message: new RegExp(`^rarediag: ${deep}: invalid JSON: nested deeper than 200 levels\\n$`) },
      { args: ['diagnose', home, '--snapshot', snapshot], code: 3, message: new RegExp(`^rarediag: ${home}: is a directory, expected a JSON file\\n$`) },
      { args: ['rank', '--hpo', 'HP:0001166', '--vcf', home, '--snapshot', snapshot], code: 3, message: new RegExp(`rarediag: ${home}: is a directory, expected a file\\n$`) },
      { args: ['rank', '--phenopackets', longLine, '--snapshot', snapshot], code: 3, message: new RegExp(`^rarediag: ${longLine}:1: line longer than 8,388,608 characters`) },
      { args: ['extract', '--input', longLine, '--snapshot', snapshot], code: 3, message: new RegExp(`rarediag: ${longLine}:1: line longer than`) },
      { args: ['rank', '--hpo', 'HP:9999999', '--snapshot', snapshot], code: 3, message: /HP:9999999/ },
    ];
    for (const c of cases) {
      const r = await runCli(c.args, env);
      expect(r.code, `${c.args.join(' ')}: ${r.stderr}`).toBe(c.code);
      expect(r.stderr, c.args.join(' ')).toMatch(c.message);
      noStack(r.stderr);
    }

    // in a batch, the deep line is an error line and the batch goes on
    const batch = await runCli(['rank', '--phenopackets', deepLines, '--top', '1', '--snapshot', snapshot], env);
    expect(batch.code, batch.stderr).toBe(0);
    const lines = batch.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; error?: string });
    expect(lines[0]!.error).toBeUndefined();
    expect(lines[1]!.error).toBe('line 2: invalid JSON: nested deeper than 200 levels');
  }, 180_000);

  it('prints a readable table of a long text (formatTable is tested with 400,000 rows)', async () => {
    const text = join(home, 'long-notes.txt');
    writeFileSync(text, 'The patient has seizures and a short stature.\n'.repeat(30_000));
    const r = await runCli(['extract', '--file', text, '--snapshot', snapshot], env);
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
    expect(r.stdout.match(/HP:0001250/g)).toHaveLength(30_000);
    noStack(r.stderr);
  }, 180_000);

  it('reports a snapshot refused inside a worker thread as what it is (exit 4), not as an unexpected failure', async () => {
    // the snapshot's files linked, its manifest copied and changed: the workers that open it refuse it
    const copy = join(home, 'changed-snapshot');
    mkdirSync(copy, { recursive: true });
    for (const f of readdirSync(snapshot)) if (f !== 'manifest.json') symlinkSync(join(snapshot, f), join(copy, f));
    writeFileSync(join(copy, 'manifest.json'), readFileSync(join(snapshot, 'manifest.json'), 'utf8').replace('"builtAt": "', '"builtAt": "1'));
    const phenopackets = join(home, 'two.jsonl');
    writeFileSync(phenopackets, `${JSON.stringify({ id: 'a', phenotypicFeatures: [{ type: { id: 'HP:0001166' } }] })}\n`);
    const r = await runCli(['fit', 'calibration', '--input', phenopackets, '--snapshot', copy, '--folds', '2'], env);
    expect(r.stderr).not.toMatch(/unexpected failure/);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(new RegExp(`^rarediag: ${copy}/manifest\\.(json|seal)`));
    noStack(r.stderr);
  }, 120_000);
});

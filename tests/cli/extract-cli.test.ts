import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';

describe('rarediag extract (the command-line contract)', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');

  it('extracts a .jsonl.gz batch in input order, one line per record, with per-line error lines', async () => {
    const lines = [
      JSON.stringify({ id: 'A', text: 'No seizures but marked hypotonia. Mother has epilepsy.' }),
      'this is not json',
      JSON.stringify({ pmid: '12345', text: 'Possible ptosis. CK 5000 U/L.' }),
      JSON.stringify({ id: 'C' }),
      JSON.stringify({ id: 'D', text: '' }),
    ];
    const input = join(dir, 'notes.jsonl.gz');
    writeFileSync(input, gzipSync(`${lines.join('\n')}\n`));
    const out = join(dir, 'out.jsonl');
    const r = await runCli(['extract', '--input', input, '--out', out, '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['A', null, '12345', 'C', 'D']);
    expect(rows[0].findings).toEqual([
      { hpoId: 'HP:0001250', label: 'Seizure', status: 'excluded', start: 3, end: 11, text: 'seizures', confidence: expect.any(Number) },
      { hpoId: 'HP:0001252', label: 'Hypotonia', status: 'present', start: 23, end: 32, text: 'hypotonia', confidence: expect.any(Number) },
      { hpoId: 'HP:0001250', label: 'Seizure', status: 'family', start: 45, end: 53, text: 'epilepsy', confidence: expect.any(Number) },
    ]);
    expect(rows[1].error).toMatch(/^line 2: invalid JSON/);
    expect(rows[2].findings.map((f: { hpoId: string; status: string }) => [f.hpoId, f.status])).toEqual([
      ['HP:0000508', 'uncertain'],
      ['HP:0003236', 'present'],
    ]);
    expect(rows[2].findings[1]).toMatchObject({ text: 'CK 5000 U/L', evidence: 'lab' });
    expect(rows[3].error).toMatch(/^line 4: /);
    expect(rows[4].findings).toEqual([]);
    expect(r.stderr).toContain('2 with an error line');
  });

  it('prints a readable table for --text, and JSON with --json', async () => {
    const r = await runCli(['extract', '--text', 'Global developmental delay and no seizures. History of febrile seizures.', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/present\s+HP:0001263\s+Global developmental delay/);
    expect(r.stdout).toMatch(/excluded\s+HP:0001250\s+Seizure/);
    expect(r.stdout).toContain('historical');
    const j = await runCli(['extract', '--text', 'Normal hearing; ptosis.', '--json', '--snapshot', snapshot]);
    expect(j.code, j.stderr).toBe(0);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.findings.map((f: { hpoId: string; status: string }) => [f.hpoId, f.status])).toEqual([
      ['HP:0000365', 'excluded'],
      ['HP:0000508', 'present'],
    ]);
    expect(parsed.patient).toEqual({ present: ['HP:0000508'], excluded: ['HP:0000365'] });
  });

  it('reads a --file that is not valid UTF-8 (replaced and reported) or is HTML', async () => {
    const file = join(dir, 'note.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('Hypotonia and scoliosis. Caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' end.\n')]));
    const r = await runCli(['extract', '--file', file, '--json', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('note.txt: 2 byte sequence(s)');
    const parsed = JSON.parse(r.stdout);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.findings.map((f: { hpoId: string }) => f.hpoId)).toEqual(['HP:0001252', 'HP:0002650']);
    const html = join(dir, 'note.html');
    writeFileSync(html, '<html><body><p>The boy has <b>ptosis</b></p><p>and no scoliosis.</p></body></html>');
    const h = await runCli(['extract', '--file', html, '--snapshot', snapshot]);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/present\s+HP:0000508/);
    expect(h.stdout).toMatch(/excluded\s+HP:0002650/);
    expect(h.stdout).toContain('html markup stripped');
  });

  it('prints "no HPO findings" for an empty text', async () => {
    const r = await runCli(['extract', '--text', '', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('no HPO findings');
  });

  it('exits 2 without an input or with two, and 3 naming a missing file', async () => {
    expect((await runCli(['extract', '--snapshot', snapshot])).code).toBe(2);
    expect((await runCli(['extract', '--text', 'x', '--file', 'y.txt', '--snapshot', snapshot])).code).toBe(2);
    const missing = await runCli(['extract', '--input', join(dir, 'missing.jsonl'), '--snapshot', snapshot]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('missing.jsonl: file not found');
    const missingFile = await runCli(['extract', '--file', join(dir, 'missing.txt'), '--snapshot', snapshot]);
    expect(missingFile.code).toBe(3);
    expect(missingFile.stderr).toContain('missing.txt: file not found');
  });
});

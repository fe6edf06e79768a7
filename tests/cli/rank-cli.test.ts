import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';

const packet = (id: string, present: string[], excluded: string[] = []) => ({
  id,
  subject: { id: 's', sex: 'MALE' },
  phenotypicFeatures: [...present.map((h) => ({ type: { id: h } })), ...excluded.map((h) => ({ type: { id: h }, excluded: true }))],
  interpretations: [{ diagnosis: { disease: { id: 'OMIM:100800' } } }],
});

describe('rarediag rank (the command-line contract)', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');
  const achondroplasia = ['HP:0003026', 'HP:0004322', 'HP:0000256', 'HP:0002007', 'HP:0004060', 'HP:0011800'];

  it('ranks a .jsonl.gz batch in input order, one line per case, with per-case error lines', async () => {
    const lines = [
      JSON.stringify({ cohort: 'FGFR3', phenopacket: packet('A', achondroplasia) }),
      'this is not json',
      JSON.stringify(packet('B', [], ['HP:0001250'])),
      JSON.stringify(packet('C', ['HP:0001166', 'HP:0001083', 'HP:0002616', 'HP:0000545'])),
    ];
    const input = join(dir, 'cases.jsonl.gz');
    writeFileSync(input, gzipSync(`${lines.join('\n')}\n`));
    const out = join(dir, 'out.jsonl');
    const r = await runCli(['rank', '--phenopackets', input, '--out', out, '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['A', null, 'B', 'C']);
    expect(rows[0].diseases).toHaveLength(5);
    expect(rows[0].diseases[0]).toEqual(expect.objectContaining({ id: 'OMIM:100800', label: 'Achondroplasia', rank: 1, score: expect.any(Number), probability: expect.any(Number), mondo: expect.stringMatching(/^MONDO:/) }));
    expect(rows[0].genes[0]).toEqual(expect.objectContaining({ symbol: 'FGFR3', ncbiGeneId: 2261, rank: 1, score: expect.any(Number) }));
    expect(rows[1].error).toMatch(/^line 2: invalid JSON/);
    expect(rows[2].error).toMatch(/^line 3: no observed phenotypic feature/);
    expect(rows[3].genes[0].symbol).toBe('FBN1');
  });

  it('reads a single phenopacket .json and writes to stdout', async () => {
    const input = join(dir, 'one.json');
    writeFileSync(input, JSON.stringify(packet('ONE', achondroplasia)));
    const r = await runCli(['rank', '--phenopackets', input, '--top', '3', '--workers', '1', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const [row] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(row.id).toBe('ONE');
    expect(row.diseases[0].id).toBe('OMIM:100800');
  });

  it('ranks an ad-hoc case with a readable table and per-term evidence, or JSON', async () => {
    const r = await runCli(['rank', '--hpo', achondroplasia.join(','), '--excluded', 'HP:0001250', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1\s+OMIM:100800\s+Achondroplasia\s+FGFR3/);
    expect(r.stdout).toMatch(/\+ HP:0003026 Short long bone|\+ HP:0004322 Short stature/);
    expect(r.stdout).toContain('not reported:');
    const j = await runCli(['rank', '--hpo', 'HP:0001166,HP:0001083', '--json', '--top', '3', '--snapshot', snapshot]);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.diseases).toHaveLength(3);
    expect(parsed.diseases[0].explanation.observed).toHaveLength(2);
  });

  it('exits 2 without input, or with both inputs', async () => {
    expect((await runCli(['rank', '--snapshot', snapshot])).code).toBe(2);
    expect((await runCli(['rank', '--hpo', 'HP:0001166', '--phenopackets', 'x.jsonl', '--snapshot', snapshot])).code).toBe(2);
  });

  it('exits 3 naming the file when the input does not exist', async () => {
    const r = await runCli(['rank', '--phenopackets', join(dir, 'missing.jsonl'), '--snapshot', snapshot]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing.jsonl: file not found');
  });
});

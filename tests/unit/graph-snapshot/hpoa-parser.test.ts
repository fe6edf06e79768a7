import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseHpoa } from '../../../graph-snapshot/parsers/hpoa-parser.js';
import { parseFrequency } from '../../../graph-snapshot/parsers/hpo-frequency.js';
import { SkipLog } from '../../../graph-snapshot/io/skip-log.js';
import { fixture, scratchDir } from '../../helpers/paths.js';

describe('parseFrequency', () => {
  it('reads HPO frequency terms, ratios and percentages', () => {
    expect(parseFrequency('')).toEqual({ ok: true, value: undefined });
    expect(parseFrequency('HP:0040280')).toEqual({ ok: true, value: 1 });
    expect(parseFrequency('HP:0040281')).toEqual({ ok: true, value: 0.895 });
    expect(parseFrequency('HP:0040285')).toEqual({ ok: true, value: 0 });
    expect(parseFrequency('3/4')).toEqual({ ok: true, value: 0.75 });
    expect(parseFrequency('45%')).toEqual({ ok: true, value: 0.45 });
    expect(parseFrequency('12.5%')).toEqual({ ok: true, value: 0.125 });
  });
  it('refuses impossible values', () => {
    expect(parseFrequency('5/4').ok).toBe(false);
    expect(parseFrequency('1/0').ok).toBe(false);
    expect(parseFrequency('120%').ok).toBe(false);
    expect(parseFrequency('HP:0000118').ok).toBe(false);
    expect(parseFrequency('often').ok).toBe(false);
  });
});

describe('parseHpoa', () => {
  const file = fixture('hpo', 'phenotype.fixture.hpoa');

  it('reads all 12 columns, NOT, frequency, onset, sex and aspect', async () => {
    const skips = new SkipLog();
    const doc = await parseHpoa(file, skips);
    expect(doc.version).toBe('2099-01-02');
    expect(doc.rows).toHaveLength(12);
    const [first, second, third] = doc.rows;
    expect(first).toMatchObject({ diseaseId: 'OMIM:100001', hpoId: 'HP:0001250', negated: false, frequency: 0.895, aspect: 'P', evidence: 'PCS', references: ['PMID:1'] });
    expect(second!.frequency).toBe(0.75);
    expect(third).toMatchObject({ onset: 'HP:0003577', frequency: 0.45 });
    expect(doc.rows.find((r) => r.negated)?.hpoId).toBe('HP:0000252');
    expect(doc.rows.find((r) => r.sex)?.sex).toBe('MALE');
    expect(doc.rows.filter((r) => r.aspect === 'I')).toHaveLength(2);
    // HP:0040299 is not a frequency term: the annotation stays, its frequency is dropped and counted.
    const bad = doc.rows.find((r) => r.hpoId === 'HP:0009999')!;
    expect(bad.frequency).toBeUndefined();
    expect(skips.reports()).toEqual([
      expect.objectContaining({ reason: 'unparseable frequency (annotation kept without it)', count: 1, examples: [expect.stringMatching(/phenotype\.fixture\.hpoa:14: /)] }),
    ]);
  });

  const dir = scratchDir();

  it('reads the gzip form identically', async () => {
    const gz = join(dir, 'phenotype.hpoa.gz');
    writeFileSync(gz, gzipSync(readFileSync(file)));
    const plain = await parseHpoa(file);
    const zipped = await parseHpoa(gz);
    expect(zipped.rows.map(({ line: _l, ...r }) => r)).toEqual(plain.rows.map(({ line: _l, ...r }) => r));
  });

  it('reads the header of releases before 2023-04 (#DatabaseID, DiseaseName, HPO_ID, ..., #date:)', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const old = join(dir, 'old-header.hpoa');
    const header = '#DatabaseID\tDiseaseName\tQualifier\tHPO_ID\tReference\tEvidence\tOnset\tFrequency\tSex\tModifier\tAspect\tBiocuration';
    writeFileSync(old, ['#description: HPO annotations for rare diseases', '#date: 2023-01-27', header, ...lines.slice(5)].join('\n'));
    const doc = await parseHpoa(old);
    const current = await parseHpoa(file);
    expect(doc.version).toBe('2023-01-27');
    expect(doc.rows.map(({ line: _l, ...r }) => r)).toEqual(current.rows.map(({ line: _l, ...r }) => r));
  });

  it('names file and line of a row with the wrong column count', async () => {
    const p = join(dir, 'short.hpoa');
    const text = readFileSync(file, 'utf8').split('\n');
    text[7] = 'OMIM:1\tname\t\tHP:0000001\tPMID:1';
    writeFileSync(p, text.join('\n'));
    await expect(parseHpoa(p)).rejects.toThrow(`${p}:8: expected 12 tab-separated columns, found 5`);
  });

  it('names file and line of a truncated gzip', async () => {
    const p = join(dir, 'truncated.hpoa.gz');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const big = [...lines.slice(0, 5), ...Array.from({ length: 400 }, () => lines.slice(5)).flat()].join('\n');
    const z = gzipSync(big);
    writeFileSync(p, z.subarray(0, Math.floor(z.length / 2)));
    await expect(parseHpoa(p)).rejects.toThrow(/truncated\.hpoa\.gz:\d+: could not read truncated\.hpoa\.gz: unexpected end of compressed data/);
  });

  it('rejects a bad qualifier and a non-HPO id', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const p1 = join(dir, 'q.hpoa');
    writeFileSync(p1, [...lines.slice(0, 5), 'OMIM:1\tx\tMAYBE\tHP:0000001\t\t\t\t\t\t\tP\t', ''].join('\n'));
    await expect(parseHpoa(p1)).rejects.toThrow(/q\.hpoa:6: qualifier "MAYBE"/);
    const p2 = join(dir, 'id.hpoa');
    writeFileSync(p2, [...lines.slice(0, 5), 'OMIM:1\tx\t\tHPO_1\t\t\t\t\t\t\tP\t', ''].join('\n'));
    await expect(parseHpoa(p2)).rejects.toThrow(/id\.hpoa:6: hpo_id "HPO_1" is not an HPO id/);
  });
});

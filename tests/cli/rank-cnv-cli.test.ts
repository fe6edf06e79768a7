import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';

/** The type-1 NF1 microdeletion (GRCh37 chr17:29.1-30.5 Mb), as an array's BED (0-based) and as a TSV (1-based). */
const nf1Terms = ['HP:0000316', 'HP:0001263', 'HP:0007565', 'HP:0009732'];

describe('rarediag rank with copy-number calls (--cnv, batch "cnv")', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');

  it('ad hoc: --cnv BED with --assembly shows the deletion on its genes; a bad row is set aside with its line', async () => {
    const bed = join(dir, 'array.bed');
    writeFileSync(bed, 'track name=cnv\nchr17\t29099999\t30500000\tDEL\t1\nchr2\t100\t\tDEL\n');
    const r = await runCli(['rank', '--hpo', nf1Terms.join(','), '--cnv', bed, '--assembly', 'GRCh37', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/set aside: .*array\.bed:3: no end column/);
    expect(r.stdout).toMatch(/CNV calls .*array\.bed \(GRCh37\): 1 copy-number calls/);
    expect(r.stdout).toMatch(/NF1\s+[\d.]+\s+dominant: heterozygous allele in a constrained gene\s+del chr17:29,100,000-30,500,000 \(1\.4 Mb, CN 1\), \d+ genes; whole gene \(NM_\d+\) heterozygous cnv-deletion \(GRCh37\)/);
  });

  it('refuses a CNV file without any usable row (exit 3, naming the file), and --cnv with --phenopackets', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'chrom,start,end,type\n17,abc,100,DEL\n');
    const r = await runCli(['rank', '--hpo', nf1Terms.join(','), '--cnv', bad, '--assembly', 'GRCh37', '--snapshot', snapshot]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.csv.*no usable copy-number call/);
    const both = await runCli(['rank', '--phenopackets', bad, '--cnv', bad, '--snapshot', snapshot]);
    expect(both.code).toBe(2);
  });

  it('batch: a wrapper line may carry "cnv" and "cnvAssembly"; the genes carry the call with its extent', async () => {
    writeFileSync(join(dir, 'calls.tsv'), 'chrom\tstart\tend\tcn\n17\t29100000\t30500000\t1\n');
    const input = join(dir, 'cases.jsonl');
    const packet = { id: 'NF1DEL', phenotypicFeatures: nf1Terms.map((h) => ({ type: { id: h } })) };
    writeFileSync(input, `${JSON.stringify({ phenopacket: packet, cnv: 'calls.tsv', cnvAssembly: 'GRCh37' })}\n${JSON.stringify({ phenopacket: { ...packet, id: 'NOBUILD' }, cnv: 'calls.tsv' })}\n`);
    const out = join(dir, 'out.jsonl');
    const r = await runCli(['rank', '--phenopackets', input, '--out', out, '--top', '20', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const [line, noBuild] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const nf1 = line.genes.find((g: { symbol: string }) => g.symbol === 'NF1');
    expect(nf1.variants[0]).toMatchObject({ tier: 'cnv-deletion', zygosity: 'heterozygous', structural: { change: 'deletion', chrom: '17', start: 29_100_000, end: 30_500_000, copyNumber: 1, gene: { whole: true } } });
    expect(noBuild.error).toMatch(/genome build of the CNV calls is not known/);
  });
});

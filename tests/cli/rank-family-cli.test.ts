import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { simulateTrio, splitBackground } from '../../scripts/bench/trio-simulation.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms } from '../helpers/spiked-vcf.js';

describe('rarediag rank --phenopackets with a pedigree or a candidate list (issue 14 batch contract)', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');
  const background = splitBackground(gunzipSync(readFileSync(join(inject('realSourcesDir'), 'vcf', 'background-exome-grch37.vcf.gz'))).toString('utf8'));
  // FGFR3 c.1138G>A (GRCh37 4:1806119 G>A) de novo in a simulated trio with 30 apparent de novo background calls
  const trio = simulateTrio(background, [{ chrom: '4', pos: 1806119, ref: 'G', alt: 'A', zygosity: 'heterozygous' }], { seed: 7, probandSex: 'MALE' });
  writeFileSync(join(dir, 'trio.vcf'), trio.vcf);
  writeFileSync(join(dir, 'trio.ped'), trio.ped);
  writeFileSync(join(dir, 'other.ped'), 'F\tP1\tD1\tM1\t1\t2\nF\tD1\t0\t0\t1\t1\nF\tM1\t0\t0\t2\t1\n');
  const packet = (id: string) => ({ id, phenotypicFeatures: achondroplasiaTerms.slice(0, 4).map((h) => ({ type: { id: h } })) });

  it('trio: per-member genotypes and the inheritance finding; list: only the listed candidates; bad input named', async () => {
    const input = join(dir, 'cases.jsonl');
    const fgfr3 = { chrom: '4', pos: 1806119, ref: 'G', alt: 'A', assembly: 'GRCh37', zygosity: 'heterozygous', inheritance: 'de novo' };
    const decoy = { chrom: '7', pos: 117199644, ref: 'ATCT', alt: 'A', assembly: 'GRCh37', zygosity: 'heterozygous', gene: 'CFTR', inheritance: 'maternal' };
    writeFileSync(
      input,
      [
        JSON.stringify({ phenopacket: packet('TRIO'), vcf: 'trio.vcf', genomeAssembly: 'GRCh37', sample: 'proband', pedigree: 'trio.ped' }),
        JSON.stringify({ phenopacket: packet('LIST'), candidateVariants: [decoy, fgfr3, { chrom: '4', pos: 1 }, { ...decoy, gene: 'FBN1', inheritance: 'unknown' }] }),
        JSON.stringify({ phenopacket: packet('BADPED'), vcf: 'trio.vcf', genomeAssembly: 'GRCh37', pedigree: 'other.ped' }),
        JSON.stringify({ phenopacket: packet('NOVCF'), pedigree: 'trio.ped' }),
      ].join('\n'),
    );
    const out = join(dir, 'out.jsonl');
    const r = await runCli(['rank', '--phenopackets', input, '--out', out, '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const [trioLine, list, badPed, noVcf] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(trioLine.vcf.family).toEqual({ members: ['proband', 'father', 'mother'], calls: expect.any(Number), apparentDeNovo: expect.any(Number) });
    expect(trioLine.vcf.family.apparentDeNovo).toBeGreaterThanOrEqual(30);
    expect(trioLine.genes[0].symbol).toBe('FGFR3');
    expect(trioLine.genes[0].genotype).toMatchObject({ mode: 'dominant', satisfied: true, reason: 'heterozygous allele: de novo (absent in both parents)' });
    expect(trioLine.genes[0].variants[0]).toMatchObject({
      grch38: '4:1804392:G:A',
      members: [
        { id: 'proband', role: 'proband', affected: 'affected', gt: '0/1', dp: 35, gq: 99 },
        { id: 'father', role: 'father', affected: 'unaffected', gt: '0/0', dp: 32, gq: 99 },
        { id: 'mother', role: 'mother', affected: 'unaffected', gt: '0/0', dp: 32, gq: 99 },
      ],
      inheritance: { finding: 'de novo (absent in both parents)', consistent: true },
    });
    expect(list.vcf).toBeUndefined();
    expect(list.candidateVariants).toEqual({ listed: 4, inGenes: 3 });
    expect(list.setAside).toEqual([
      'line 2: candidateVariants[2]: coordinates need all of chrom, pos, ref and alt: set aside',
      'line 2: candidateVariants[3]: gene FBN1 does not match the coordinates 7:117199644 (in another gene): the coordinates are used',
    ]);
    expect(list.genes[0]).toMatchObject({ symbol: 'FGFR3', variants: [expect.objectContaining({ inheritance: expect.objectContaining({ finding: 'de novo (absent in both parents)' }) })] });
    expect(list.genes.filter((g: { genotype: { reason: string } }) => g.genotype.reason === 'not on the candidate list').length).toBeGreaterThan(0);
    expect(badPed.error).toMatch(/^line 3: .*other\.ped: the proband "P1" is not a sample of .*trio\.vcf \(VCF samples: proband, father, mother\)/);
    expect(noVcf.error).toBe('line 4: wrapper field pedigree: a pedigree needs the family\'s multi-sample "vcf"');
  }, 120_000);

  it('ad hoc: --vcf with --pedigree shows the inheritance finding; --candidates reads a CSV list; set-aside rows on stderr', async () => {
    const r = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', join(dir, 'trio.vcf'), '--pedigree', join(dir, 'trio.ped'), '--assembly', 'GRCh37', '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/FGFR3.*de novo \(absent in both parents\)/);
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, 'gene,chrom,pos,ref,alt,assembly,zygosity,inheritance\nFGFR3,4,1806119,G,A,GRCh37,het,de novo\nCFTR,7,117199644,ATCT,A,GRCh37,het,maternal\nXYZ,4,,G,A,GRCh37,het,\n');
    const l = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--candidates', csv, '--top', '5', '--snapshot', snapshot]);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toMatch(/1\s+FGFR3/);
    expect(l.stderr).toMatch(/set aside: .*list\.csv:4: coordinates need all of chrom, pos, ref and alt/);
    const both = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--pedigree', join(dir, 'trio.ped'), '--snapshot', snapshot]);
    expect(both.code).toBe(2);
  }, 120_000);
});

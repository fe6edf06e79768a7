import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readVcf, type VcfCall } from '../../../diagnosis/variants/vcf-reader.js';
import { scratchDir } from '../../helpers/paths.js';

const dir = scratchDir();
const header = (extra = '', samples = ['proband', 'mother']) =>
  `##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n${extra}#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${samples.join('\t')}\n`;

function write(name: string, text: string | Buffer, gz = false): string {
  const p = join(dir, name);
  writeFileSync(p, gz ? gzipSync(text) : text);
  return p;
}

async function read(path: string, opts = {}) {
  const calls: VcfCall[] = [];
  const summary = await readVcf(path, opts, (c) => calls.push(c));
  return { calls, summary };
}

describe('VCF reader', () => {
  const body = [
    '1\t100\trs1\tA\tG\t50\tPASS\t.\tGT:DP\t0/1:20\t0/0:20',
    '1\t200\t.\tC\tT,CA\t50\tPASS\t.\tGT\t1/2\t0/1',
    '1\t300\t.\tG\tA\t50\tLowQual\t.\tGT\t1/1\t0/1',
    '1\t400\t.\tT\t<DEL>\t50\tPASS\t.\tGT\t0/1\t0/0',
    '1\t500\t.\tTA\tT\t50\tPASS\t.\tGT\t./.\t0/1',
    '1\t600\t.\tG\tA\t50\tPASS\t.\tGT\t0/0\t0/1',
    '1\t700\t.\tA\tR\t50\tPASS\t.\tGT\t0/1\t0/0',
    '1\t800\t.\tCAT\tCGT\t50\t.\t.\tGT\t0|1\t0/0',
    '1\t900\t.\tA\tG\t50\tPASS\t.',
  ].join('\n');

  it('splits multi-allelic records, normalises alleles, honours FILTER and counts every drop', async () => {
    const p = write('a.vcf.gz', `${header()}${body}\n`, true);
    const { calls, summary } = await read(p);
    expect(calls.map((c) => [c.pos, c.ref, c.alt, c.call.zygosity])).toEqual([
      [100, 'A', 'G', 'heterozygous'],
      [200, 'C', 'T', 'heterozygous'],
      [200, 'C', 'CA', 'heterozygous'],
      [801, 'A', 'G', 'heterozygous'],
    ]);
    expect(calls[3]!.call.haplotype).toBe(1);
    expect(summary).toMatchObject({ sample: 'proband', samples: ['proband', 'mother'], build: 'GRCh37', records: 9, passed: 4 });
    expect(summary.dropped).toEqual({
      'FILTER not PASS': 1,
      'symbolic or breakend allele (not supported)': 1,
      'missing genotype': 1,
      'proband does not carry an ALT allele': 1,
      'non-ACGTN ALT': 1,
      'wrong number of columns': 1,
    });
    expect(summary.examples['wrong number of columns']).toEqual(['line 12: 8 columns, the sample is column 10']);
  });

  it('keeps non-PASS records when asked, and reads another sample', async () => {
    const p = write('b.vcf', `${header()}${body}\n`);
    expect((await read(p, { passOnly: false })).summary.passed).toBe(5);
    const mother = await read(p, { sample: 'mother' });
    expect(mother.calls.map((c) => c.pos)).toEqual([200, 500, 600]); // 300 is LowQual
  });

  it('names a sample that does not exist, an unknown build, a header-less file and a non-VCF', async () => {
    const p = write('c.vcf', `${header()}${body}\n`);
    await expect(read(p, { sample: 'father' })).rejects.toThrow(/c\.vcf:3: sample "father" is not in the VCF \(samples: proband, mother\)/);
    const nobuild = write('d.vcf', `##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts\n1\t1\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n`);
    await expect(read(nobuild)).rejects.toThrow(/d\.vcf:2: cannot tell the genome build .* --assembly GRCh37 or GRCh38/);
    expect((await read(nobuild, { assembly: 'GRCh38' })).summary).toMatchObject({ build: 'GRCh38', buildBasis: 'given by the user', passed: 1 });
    const headless = write('e.vcf', '##fileformat=VCFv4.2\n1\t1\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n');
    await expect(read(headless)).rejects.toThrow(/e\.vcf:2: data line before the #CHROM header line/);
    const notVcf = write('f.vcf', 'hello\n');
    await expect(read(notVcf)).rejects.toThrow(/f\.vcf:1: not a VCF file/);
    await expect(read(write('g.vcf', ''))).rejects.toThrow(/g\.vcf is empty/);
  });

  it('names the file of a truncated gzip', async () => {
    const big = `${header()}${Array.from({ length: 3000 }, (_, i) => `1\t${i + 1}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\t0/0`).join('\n')}\n`;
    const z = gzipSync(big);
    const p = write('t.vcf.gz', z.subarray(0, Math.floor(z.length / 2)));
    await expect(read(p)).rejects.toThrow(/t\.vcf\.gz:\d+: could not read t\.vcf\.gz: unexpected end of compressed data/);
  });

  it('reads VEP CSQ and SnpEff ANN annotations for the right allele', async () => {
    const csqHeader =
      '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|HGVSc|HGVSp|gnomADe_AF|REVEL|CADD_PHRED">\n';
    const vep = write(
      'vep.vcf',
      `${header(csqHeader)}1\t100\t.\tA\tG,T\t50\tPASS\tCSQ=G|missense_variant|MODERATE|FGFR3|ENSG1|c.1A>G|p.M1V|0.00001|0.91|28,G|intron_variant|MODIFIER|FGFR3|ENSG1|||0.00001||,T|synonymous_variant|LOW|FGFR3|ENSG1|||0.3||\tGT\t1/2\t0/0\n`,
    );
    const { calls } = await read(vep);
    expect(calls[0]!.annotation).toEqual({
      source: 'VEP',
      consequence: 'missense_variant',
      impact: 'MODERATE',
      symbol: 'FGFR3',
      hgvsC: 'c.1A>G',
      hgvsP: 'p.M1V',
      populationAf: 0.00001,
      revel: 0.91,
      caddPhred: 28,
      spliceAi: undefined,
    });
    expect(calls[1]!.annotation).toMatchObject({ consequence: 'synonymous_variant', populationAf: 0.3 });
    const annHeader =
      "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO'\">\n";
    const snpeff = write('ann.vcf', `${header(annHeader)}1\t100\t.\tAC\tA\t50\tPASS\tANN=A|frameshift_variant|HIGH|COL1A1|ENSG2|transcript|T1|protein_coding|1/5|c.2del|p.X|||||\tGT\t0/1\t0/0\n`);
    expect((await read(snpeff)).calls[0]!.annotation).toMatchObject({ source: 'SnpEff', consequence: 'frameshift_variant', impact: 'HIGH', symbol: 'COL1A1' });
  });

  it('drops a record with more sample columns than the header declares, and counts it', async () => {
    const p = write('extra-columns.vcf', `${header('', ['proband'])}1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n1\t200\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\t1/1\n`);
    const { calls, summary } = await read(p);
    expect(calls.map((c) => c.pos)).toEqual([100]);
    expect(summary.dropped).toEqual({ 'more columns than the header declares': 1 });
  });
});

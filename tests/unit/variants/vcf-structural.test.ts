import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StructuralCall } from '../../../diagnosis/variants/structural-call.js';
import { describeStructural } from '../../../diagnosis/variants/structural-call.js';
import { readVcf, type VcfCall } from '../../../diagnosis/variants/vcf-reader.js';
import { scratchDir } from '../../helpers/paths.js';

const dir = scratchDir();
const header =
  '##fileformat=VCFv4.3\n##contig=<ID=1,length=249250621>\n##contig=<ID=X,length=155270560>\n' +
  '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n##INFO=<ID=SVLEN,Number=A,Type=Integer,Description="Length">\n' +
  '##FORMAT=<ID=CN,Number=1,Type=Integer,Description="Copy number">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tproband\n';

async function read(body: string[], withStructural = true) {
  const p = join(dir, `v${Math.random().toString(36).slice(2)}.vcf`);
  writeFileSync(p, `${header}${body.join('\n')}\n`);
  const calls: VcfCall[] = [];
  const cnvs: StructuralCall[] = [];
  const summary = await readVcf(p, withStructural ? { onStructural: (c) => cnvs.push(c) } : {}, (c) => calls.push(c));
  return { calls, cnvs, summary };
}

describe('copy-number calls in a VCF (symbolic alleles)', () => {
  it('END or POS + |SVLEN| give the extent (POS is the padding base); CN gives the zygosity', async () => {
    const { cnvs, summary, calls } = await read([
      '1\t1000\t.\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=2000\tGT:CN\t0/1:1',
      '1\t5000\t.\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;SVLEN=-300\tGT:CN\t1/1:0',
      '1\t8000\t.\tN\t<DUP:TANDEM>\t50\tPASS\tSVLEN=400\tGT:CN\t0/1:3',
      '1\t9000\t.\tN\t<DEL:ME:ALU>\t50\tPASS\tEND=9300\tGT\t0/1',
      '1\t9500\t.\tA\tG\t50\tPASS\t.\tGT\t0/1',
    ]);
    expect(cnvs.map((c) => [c.start, c.end, c.change, c.copyNumber, c.call.zygosity, c.svType, c.line])).toEqual([
      [1001, 2000, 'deletion', 1, 'heterozygous', '<DEL>', 8],
      [5001, 5300, 'deletion', 0, 'homozygous', '<DEL>', 9],
      [8001, 8400, 'duplication', 3, 'heterozygous', '<DUP:TANDEM>', 10],
      [9001, 9300, 'deletion', undefined, 'heterozygous', '<DEL:ME:ALU>', 11],
    ]);
    expect(summary.structural).toBe(4);
    expect(calls.map((c) => c.pos)).toEqual([9500]);
    expect(describeStructural(cnvs[0]!)).toBe('del chr1:1,001-2,000 (1.0 kb, CN 1)');
  });

  it('<CNV> is decided by its copy number; CN 2 is no event; multi-ALT records follow the GT, else CN', async () => {
    const { cnvs, summary } = await read([
      '1\t1000\t.\tN\t<CNV>\t50\tPASS\tEND=3000\tCN\t1',
      '1\t4000\t.\tN\t<CNV>\t50\tPASS\tEND=6000\tGT:CN\t./.:4',
      '1\t7000\t.\tN\t<CNV>\t50\tPASS\tEND=7100\tGT:CN\t./.:2',
      '1\t8000\t.\tN\t<DEL>,<DUP>\t50\tPASS\tEND=8200\tGT:CN\t0/2:3',
      '1\t9000\t.\tN\t<DEL>,<DUP>\t50\tPASS\tEND=9200\tCN\t0',
      '1\t9500\t.\tN\t<CNV>\t50\tPASS\tEND=9600\tGT\t0/1',
    ]);
    expect(cnvs.map((c) => [c.start, c.change, c.copyNumber, c.call.zygosity])).toEqual([
      [1001, 'deletion', 1, 'heterozygous'],
      [4001, 'duplication', 4, 'heterozygous'],
      [8001, 'duplication', 3, 'heterozygous'],
      [9001, 'deletion', 0, 'homozygous'],
    ]);
    expect(summary.dropped['copy-neutral call (CN 2)']).toBe(1);
    expect(summary.dropped['copy-number record without CN']).toBe(1);
  });

  it('a call without END or SVLEN is a counted drop naming its line; contradictions too; nothing crashes', async () => {
    const { cnvs, summary } = await read([
      '1\t1000\t.\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL\tGT:CN\t0/1:1',
      '1\t2000\t.\tN\t<DUP>\t50\tPASS\tEND=2500\tGT:CN\t0/1:1',
      '1\t3000\t.\tN\t<DEL>\t50\tPASS\tEND=2000\tGT\t0/1',
      '1\t4000\t.\tN\t<DEL>\t50\tPASS\tEND=4500;SVLEN=x\tGT\t0/0',
      '1\t5000\t.\tN\t<INV>\t50\tPASS\tEND=5500\tGT\t0/1',
      '1\t6000\t.\tN\tN[2:100[\t50\tPASS\t.\tGT\t0/1',
      '1\t7000\t.\tN\t<DEL>\t50\tPASS\tEND=7500\tGT:CN\t0/1:.',
    ]);
    expect(cnvs.map((c) => c.start)).toEqual([7001]);
    expect(summary.dropped['copy-number record without END or SVLEN']).toBe(1);
    expect(summary.examples['copy-number record without END or SVLEN']).toEqual(['line 8: 1:1000 <DEL>']);
    expect(summary.dropped['copy number contradicts the ALT allele']).toBe(1);
    expect(summary.dropped['copy-number record: END before POS']).toBe(1);
    expect(summary.dropped['proband does not carry an ALT allele']).toBe(1);
    expect(summary.dropped['symbolic or breakend allele (not supported)']).toBe(2);
  });

  it('without a structural reader, symbolic alleles stay counted drops as before', async () => {
    const { summary } = await read(['1\t1000\t.\tN\t<DEL>\t50\tPASS\tEND=2000\tGT:CN\t0/1:1'], false);
    expect(summary.dropped['symbolic or breakend allele (not supported)']).toBe(1);
    expect(summary.structural).toBeUndefined();
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedCopies } from '../../../diagnosis/case-input/expected-copies.js';
import { parseCnvCalls } from '../../../diagnosis/case-input/cnv-call-file.js';
import type { StructuralCall } from '../../../diagnosis/variants/structural-call.js';
import { readVcf } from '../../../diagnosis/variants/vcf-reader.js';
import { scratchDir } from '../../helpers/paths.js';

const dir = scratchDir();
const header =
  '##fileformat=VCFv4.3\n##reference=GRCh37\n##contig=<ID=1,length=249250621>\n##contig=<ID=X,length=155270560>\n' +
  '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n##FORMAT=<ID=CN,Number=1,Type=Integer,Description="Copy number">\n' +
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tproband\n';

async function cnvs(body: string[], sex?: string) {
  const p = join(dir, `x${Math.random().toString(36).slice(2)}.vcf`);
  writeFileSync(p, `${header}${body.join('\n')}\n`);
  const out: StructuralCall[] = [];
  const summary = await readVcf(p, { assembly: 'GRCh37', onStructural: (c) => out.push(c), ...(sex ? { sex } : {}) }, () => undefined);
  return { out, dropped: summary.dropped };
}

describe('copy numbers read against the copies the sex implies', () => {
  it('expected copies: 2 on autosomes and a female X, 1 on a male X outside the PARs, Y by sex', () => {
    expect(expectedCopies('1', 1_000_000, 'MALE', 'GRCh37')).toBe(2);
    expect(expectedCopies('X', 30_000_000, 'FEMALE', 'GRCh37')).toBe(2);
    expect(expectedCopies('chrX', 30_000_000, 'MALE', 'GRCh38')).toBe(1);
    expect(expectedCopies('X', 1_000_000, 'MALE', 'GRCh37')).toBe(2); // PAR1
    expect(expectedCopies('X', 155_000_000, 'MALE', 'GRCh37')).toBe(2); // PAR2 on GRCh37
    expect(expectedCopies('X', 155_000_000, 'MALE', 'GRCh38')).toBe(1); // not PAR2 on GRCh38
    expect(expectedCopies('Y', 10_000_000, 'MALE', 'GRCh38')).toBe(1);
    expect(expectedCopies('Y', 10_000_000, 'FEMALE', 'GRCh38')).toBe(0);
    expect(expectedCopies('X', 30_000_000, undefined, 'GRCh38')).toBe(2);
  });

  it('VCF: in a male, CN 1 on X is no event, CN 0 a loss of his only copy, CN 2 a gain; in a female CN 1 is a loss', async () => {
    const rows = [
      'X\t30000000\t.\tN\t<CNV>\t50\tPASS\tEND=30500000\tGT:CN\t./.:1',
      'X\t40000000\t.\tN\t<CNV>\t50\tPASS\tEND=40500000\tGT:CN\t./.:0',
      'X\t50000000\t.\tN\t<DUP>\t50\tPASS\tEND=50500000\tGT:CN\t./.:2',
    ];
    const male = await cnvs(rows, 'MALE');
    expect(male.out.map((c) => [c.start, c.change, c.copyNumber, c.call.zygosity, c.call.copies])).toEqual([
      [40000001, 'deletion', 0, 'hemizygous', 1],
      [50000001, 'duplication', 2, 'hemizygous', 1],
    ]);
    expect(Object.keys(male.dropped)).toEqual(['copy-neutral call (CN 1, as expected here for the sex)']);
    const female = await cnvs(rows, 'FEMALE');
    expect(female.out.map((c) => [c.start, c.change, c.call.zygosity])).toEqual([
      [30000001, 'deletion', 'heterozygous'],
      [40000001, 'deletion', 'homozygous'],
    ]);
    expect(Object.keys(female.dropped)).toEqual(['copy number contradicts the ALT allele']);
  });

  it('CNV file: the same reading, the set-aside rows say why', () => {
    const text = 'chrom\tstart\tend\tcn\nX\t30000001\t30500000\t1\nX\t40000001\t40500000\t0\n1\t1000\t5000\t1\n';
    const male = parseCnvCalls(text, 'calls.tsv', { assembly: 'GRCh37', sex: 'MALE' });
    expect(male.calls.map((c) => [c.chrom, c.change, c.copyNumber, c.expectedCopies])).toEqual([
      ['X', 'deletion', 0, 1],
      ['1', 'deletion', 1, undefined],
    ]);
    expect(male.setAside).toEqual(['calls.tsv:2: copy number 1: no change (the copies expected here for the sex): row set aside']);
    const unknown = parseCnvCalls(text, 'calls.tsv', { assembly: 'GRCh37' });
    expect(unknown.calls.map((c) => c.change)).toEqual(['deletion', 'deletion', 'deletion']);
  });
});

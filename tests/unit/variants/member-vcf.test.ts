import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMemberVcf } from '../../../diagnosis/variants/member-vcf.js';
import { readVcf, type VcfCall } from '../../../diagnosis/variants/vcf-reader.js';
import { scratchDir } from '../../helpers/paths.js';

const dir = scratchDir();
const head = (sample: string) => ['##fileformat=VCFv4.2', '##contig=<ID=1,length=248956422>', `#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${sample}`];
const write = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
};

// the proband's own file, and each parent's: the father variant-only, the mother a gVCF with reference blocks
const kid = write('kid.vcf', [
  ...head('kid'),
  '1\t100\t.\tA\tG\t50\tPASS\t.\tGT:DP:GQ\t0/1:38:99',
  '1\t200\t.\tC\tT\t50\tPASS\t.\tGT:DP:GQ\t0/1:30:70',
  '1\t300\t.\tGAT\tGT\t50\tPASS\t.\tGT:DP:GQ\t1/1:30:70',
  '1\t400\t.\tG\tA\t50\tPASS\t.\tGT:DP:GQ\t0/1:30:70',
]);
const dad = write('dad.vcf', [
  ...head('DAD-01'),
  '1\t200\t.\tC\tT\t50\tPASS\t.\tGT:DP:GQ\t0/1:25:60',
  // the same deletion written with a longer context: normalised to the proband's form
  '1\t300\t.\tGATC\tGTC\t50\tPASS\t.\tGT:DP:GQ\t0/1:22:50',
  // another allele at the proband's site: a call without the proband's allele
  '1\t400\t.\tG\tC\t50\tPASS\t.\tGT:DP:GQ\t0/1:28:40',
]);
const mum = write('mum.g.vcf', [
  ...head('mum'),
  '1\t1\t.\tN\t<NON_REF>\t.\t.\tEND=150\tGT:DP:GQ:MIN_DP\t0/0:31:90:20',
  '1\t200\t.\tC\t<NON_REF>\t.\t.\tEND=200\tGT:DP:GQ\t0/0:4:9',
  '1\t300\t.\tGA\tG,<NON_REF>\t50\tPASS\t.\tGT:DP:GQ\t0/1:27:60',
]);

describe("a relative's own VCF (member-vcf.ts)", () => {
  it('gives each relative\'s call at the proband\'s sites: carried, another allele, a reference block, absent', async () => {
    const files = [await readMemberVcf(dad, 'dad', 'GRCh38'), await readMemberVcf(mum, 'mum', 'GRCh38')];
    const calls: VcfCall[] = [];
    const summary = await readVcf(kid, { assembly: 'GRCh38', memberCalls: { names: ['dad', 'mum'], at: (c, p, r, a) => files.map((f) => f.at(c, p, r, a)) } }, (c) => calls.push(c));
    expect(summary).toMatchObject({ sample: 'kid', members: ['dad', 'mum'], passed: 4 });
    const byPos = new Map(calls.map((c) => [c.pos, c.members!]));
    // 100: absent from the father's variant-only file (no depth: not a trustworthy reference call); in the mother's block
    expect(byPos.get(100)).toEqual([
      { sample: 'kid', gt: '0/1', copies: 1, ploidy: 2, dp: 38, gq: 99 },
      { sample: 'dad', gt: '(absent)', copies: 0, ploidy: 2, absent: true },
      { sample: 'mum', gt: '0/0', copies: 0, ploidy: 2, dp: 31, gq: 90 },
    ]);
    // 200: the father carries it; the mother's one-base block is thin
    expect(byPos.get(200)!.slice(1)).toEqual([
      { sample: 'dad', gt: '0/1', copies: 1, ploidy: 2, dp: 25, gq: 60 },
      { sample: 'mum', gt: '0/0', copies: 0, ploidy: 2, dp: 4, gq: 9 },
    ]);
    // 300: a homozygous deletion, each parent a carrier (written differently in each file)
    expect(byPos.get(300)!.map((m) => m.copies)).toEqual([2, 1, 1]);
    // 400: the father has another allele at the site: no copy of the proband's, with his depth
    expect(byPos.get(400)![1]).toEqual({ sample: 'dad', gt: '0/1', copies: 0, ploidy: 2, dp: 28, gq: 40 });
  });

  it('names the file: another sample than the member in a multi-sample file, another build, not a VCF', async () => {
    const two = write('two.vcf', ['##fileformat=VCFv4.2', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ta\tb']);
    await expect(readMemberVcf(two, 'dad', undefined)).rejects.toThrow(/two\.vcf:2: family member "dad" is not a sample of this VCF \(samples: a, b\)/);
    const hg19 = write('hg19.vcf', ['##fileformat=VCFv4.2', '##reference=file:///ref/hg19.fa', '##contig=<ID=chr1,length=249250621>', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tdad']);
    await expect(readMemberVcf(hg19, 'dad', 'GRCh38')).rejects.toThrow(/hg19\.vcf:4: the VCF of family member "dad" is on GRCh37, the proband's on GRCh38/);
    const text = write('notes.txt', ['hello']);
    await expect(readMemberVcf(text, 'dad', undefined)).rejects.toThrow(/notes\.txt:1: not a VCF file/);
    const badPos = write('badpos.vcf', [...head('dad'), '1\tx\t.\tA\tG\t50\tPASS\t.\tGT\t0/1']);
    await expect(readMemberVcf(badPos, 'dad', undefined)).rejects.toThrow(/badpos\.vcf:4: POS "x" is not a positive integer/);
  });
});

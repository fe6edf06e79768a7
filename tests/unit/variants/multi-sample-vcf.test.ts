import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { buildPedigree } from '../../../diagnosis/case-input/pedigree.js';
import { matchFamilySamples } from '../../../diagnosis/variants/family-samples.js';
import { readVcf, type VcfCall } from '../../../diagnosis/variants/vcf-reader.js';
import { scratchDir } from '../../helpers/paths.js';

const dir = scratchDir();
const trioVcf = [
  '##fileformat=VCFv4.2',
  '##contig=<ID=1,length=248956422>',
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tdad\tkid\tmum',
  '1\t100\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP:GQ\t0/0:30,0:30:99\t0/1:20,18:38:99\t0/0:4,0:4:12',
  '1\t200\t.\tC\tT,G\t50\tPASS\t.\tGT:GQ:DP\t0/1:60:25\t1/2:70:30\t0/2:50:20',
  '1\t300\t.\tG\tA\t50\tPASS\t.\tGT\t./.\t1|0\t1|1',
  '1\t400\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\t0/0\t0/1',
].join('\n');
const path = join(dir, 'trio.vcf');
writeFileSync(path, `${trioVcf}\n`);

async function read(opts: object) {
  const calls: VcfCall[] = [];
  const summary = await readVcf(path, opts, (c) => calls.push(c));
  return { calls, summary };
}

describe('multi-sample VCF', () => {
  it('reads the proband by name and every member\'s GT, DP and GQ per ALT allele (proband first)', async () => {
    const { calls, summary } = await read({ sample: 'kid', members: ['dad', 'mum'] });
    expect(summary).toMatchObject({ sample: 'kid', members: ['dad', 'mum'], passed: 4, dropped: { 'proband does not carry an ALT allele': 1 } });
    expect(calls[0]!.members).toEqual([
      { sample: 'kid', gt: '0/1', copies: 1, ploidy: 2, dp: 38, gq: 99 },
      { sample: 'dad', gt: '0/0', copies: 0, ploidy: 2, dp: 30, gq: 99 },
      { sample: 'mum', gt: '0/0', copies: 0, ploidy: 2, dp: 4, gq: 12 },
    ]);
    // the second ALT (G) of a multi-allelic site: the mother carries it, the father the first
    expect(calls.slice(1, 3).map((c) => [c.alt, c.members!.map((m) => m.copies)])).toEqual([
      ['T', [1, 1, 0]],
      ['G', [1, 0, 1]],
    ]);
    expect(calls[1]!.members![0]).toMatchObject({ dp: 30, gq: 70 });
    expect(calls[3]!.members).toEqual([
      { sample: 'kid', gt: '1|0', copies: 1, ploidy: 2, haplotype: 0 },
      { sample: 'dad', gt: './.', copies: null, ploidy: 2 },
      { sample: 'mum', gt: '1|1', copies: 2, ploidy: 2 },
    ]);
  });

  it('the single-sample path is unchanged: no member calls', async () => {
    const { calls } = await read({ sample: 'kid' });
    expect(calls.every((c) => c.members === undefined)).toBe(true);
  });

  it('a member that is not a sample is an InputError naming the file', async () => {
    await expect(read({ sample: 'kid', members: ['dad', 'mother'] })).rejects.toThrow(/trio\.vcf:3: sample\(s\) "mother" not in the VCF \(samples: dad, kid, mum\)/);
  });

  it('matches a pedigree to the samples: the proband and at least one relative must be there', () => {
    const ped = (ids: string[]) =>
      buildPedigree(
        [
          { id: ids[0]!, familyId: 'F', fatherId: ids[1], motherId: ids[2], sex: 'MALE', affected: 'affected', source: 'f.ped:1' },
          { id: ids[1]!, familyId: 'F', sex: 'MALE', affected: 'unaffected', source: 'f.ped:2' },
          { id: ids[2]!, familyId: 'F', sex: 'FEMALE', affected: 'unaffected', source: 'f.ped:3' },
        ],
        { source: 'f.ped' },
      );
    const files = { vcf: 'trio.vcf', ped: 'f.ped' };
    const samples = ['dad', 'kid', 'mum'];
    expect(matchFamilySamples(ped(['kid', 'dad', 'mum']), samples, files)).toMatchObject({ proband: 'kid', setAside: [] });
    const duo = matchFamilySamples(ped(['kid', 'dad', 'grandma']), samples, files);
    expect(duo.relatives.map((m) => m.id)).toEqual(['dad']);
    expect(duo.setAside).toEqual(['f.ped:3: "grandma" is not a sample of trio.vcf: read as not sequenced']);
    expect(() => matchFamilySamples(ped(['P1', 'dad', 'mum']), samples, files)).toThrow(InputError);
    expect(() => matchFamilySamples(ped(['P1', 'dad', 'mum']), samples, files)).toThrow('f.ped: the proband "P1" is not a sample of trio.vcf (VCF samples: dad, kid, mum)');
    expect(() => matchFamilySamples(ped(['kid', 'F', 'M']), samples, files)).toThrow(/none of the proband's relatives \(F, M\) is a sample of trio\.vcf/);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { readVcf } from '../../../diagnosis/variants/vcf-reader.js';
import { scratchDir } from '../../helpers/paths.js';
import { mutate, mutationArb, within } from './mutations.js';

/** A small annotated trio VCF: SNVs, an indel, a multi-allelic record, a symbolic allele, VEP CSQ and SnpEff ANN. */
const seed = [
  '##fileformat=VCFv4.2',
  '##reference=file:///ref/human_g1k_v37.fasta',
  '##contig=<ID=1,length=249250621>',
  '##contig=<ID=4,length=191154276>',
  '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|HGVSc|HGVSp|gnomADe_AF|REVEL|CADD_PHRED">',
  "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p'\">",
  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
  '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
  '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">',
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tproband\tmother\tfather',
  '1\t100\trs1\tA\tG\t50\tPASS\tCSQ=G|missense_variant|MODERATE|GENE1|ENSG1|c.1A>G|p.M1V|0.00001|0.91|28\tGT:AD:DP:GQ\t0/1:10,9:19:99\t0/0:20,0:20:99\t0/0:18,0:18:99',
  '1\t200\t.\tC\tT,CA\t50\tPASS\tANN=T|stop_gained|HIGH|GENE1|ENSG1|transcript|NM_1|protein_coding|2/5|c.200C>T|p.Q67*\tGT\t1/2\t0/1\t0/2',
  '4\t1806119\t.\tG\tA\t500\tPASS\t.\tGT:AD:DP:GQ:PL\t0/1:20,18:38:99:500,0,600\t0/0:30,0:30:99:0,90,900\t0/0:25,0:25:99:0,75,750',
  '4\t1806200\t.\tTA\tT\t50\tLowQual\t.\tGT\t1|1\t0|1\t1|0',
  '4\t1806300\t.\tT\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=1807000\tGT\t0/1\t./.\t0/0',
  '4\t1900000\t.\tN\t<CNV>\t50\tPASS\tSVLEN=5000\tGT:CN\t./.:3\t./.:2\t./.:2',
  '4\t2000000\t.\tN\t<DEL>,<DUP>\t50\tPASS\tEND=2100000\tGT:CN\t0/1:1\t0/0:2\t0/0:2',
].join('\n');

describe('VCF reader under fuzzed input', () => {
  const dir = scratchDir('rarediag-fuzz-vcf-');
  let n = 0;

  it('answers every mutated VCF (plain or gzip) with calls or one InputError, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.option(fc.constantFrom('proband', 'father', 'nobody')), async (mutations, gz, sample) => {
        const bytes = mutate(seed, mutations);
        const path = join(dir, `case-${(n += 1)}.vcf${gz ? '.gz' : ''}`);
        writeFileSync(path, gz ? gzipSync(bytes) : bytes);
        await within(10_000, async () => {
          try {
            // copy-number calls are read too: each has an extent in order, a kind, and a line
            const summary = await readVcf(path, { sample: sample ?? undefined, onStructural: (c) => {
              expect(c.end).toBeGreaterThanOrEqual(c.start);
              expect(['deletion', 'duplication']).toContain(c.change);
              expect(c.line).toBeGreaterThan(0);
            } }, () => {});
            expect(summary.records).toBeGreaterThanOrEqual(0);
          } catch (err) {
            if (!(err instanceof InputError)) throw err;
            expect(err.file).toBe(path);
          }
        });
      }),
      { numRuns: 250, interruptAfterTimeLimit: 40_000 },
    );
  }, 90_000);

  it('answers arbitrary bytes after a valid header', async () => {
    const header = seed.split('\n').filter((l) => l.startsWith('#')).join('\n');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (body) => {
        const path = join(dir, `bytes-${(n += 1)}.vcf`);
        writeFileSync(path, Buffer.concat([Buffer.from(`${header}\n`), body]));
        await within(10_000, async () => {
          await readVcf(path, { onStructural: () => {} }, () => {}).catch((err: unknown) => {
            if (!(err instanceof InputError)) throw err;
          });
        });
      }),
      { numRuns: 150, interruptAfterTimeLimit: 20_000 },
    );
  }, 60_000);
});

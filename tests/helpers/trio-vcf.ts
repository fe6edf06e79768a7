import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The real background exome (GRCh37) as a trio's joint calls: samples P1 (the proband: the exome's own calls), F1 and
 * M1 (father and mother: each of the proband's calls inherited, the father carrying the odd records and the mother the
 * even ones, the other parent hom-ref; hom-alt calls from both), plus `extra` records written with all three samples.
 */
export function trioBackground(sourcesDir: string, out: string, extra: string[]): string {
  const text = gunzipSync(readFileSync(join(sourcesDir, 'vcf', 'background-exome-grch37.vcf.gz'))).toString('utf8');
  let n = 0;
  const lines = text.split('\n').filter(Boolean).map((l) => {
    if (l.startsWith('##')) return l;
    const c = l.split('\t');
    if (l.startsWith('#CHROM')) return [...c.slice(0, 9), 'P1', 'F1', 'M1'].join('\t');
    c[2] = '.';
    const proband = c[9]!;
    const format = c[8]!.split(':');
    const gt = proband.split(':')[0]!;
    const ref = format.map((f) => (f === 'GT' ? '0/0' : f === 'DP' ? '30' : f === 'GQ' ? '99' : '.')).join(':');
    const carrier = format.map((f) => (f === 'GT' ? '0/1' : f === 'DP' ? '30' : f === 'GQ' ? '99' : '.')).join(':');
    n += 1;
    const hom = gt === '1/1' || gt === '1|1';
    const father = hom || n % 2 === 1 ? carrier : ref;
    const mother = hom || n % 2 === 0 ? carrier : ref;
    return [...c.slice(0, 9), proband, father, mother].join('\t');
  });
  writeFileSync(out, gzipSync(`${[...lines, ...extra].join('\n')}\n`));
  return out;
}

/** FGFR3 c.1138G>A in the proband, both parents called without it at good depth: a de novo candidate. */
export const fgfr3G380RDeNovo = '4\t1806119\t.\tG\tA\t500\tPASS\t.\tGT:AD:DP:GQ:PL\t0/1:20,18:38:99:500,0,600\t0/0:35,0:35:99:0,99,900\t0/0:33,0:33:99:0,99,900';

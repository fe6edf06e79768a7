import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Writes the real background exome (GRCh37, ID column blanked) with extra records appended, gzipped. Used by the
 * genotype integration and CLI tests.
 */
export function spikedBackground(sourcesDir: string, out: string, extra: string[]): string {
  const text = gunzipSync(readFileSync(join(sourcesDir, 'vcf', 'background-exome-grch37.vcf.gz'))).toString('utf8');
  const lines = text.split('\n').filter(Boolean).map((l) => {
    if (l.startsWith('#')) return l;
    const c = l.split('\t');
    c[2] = '.';
    return c.join('\t');
  });
  writeFileSync(out, gzipSync(`${[...lines, ...extra].join('\n')}\n`));
  return out;
}

/** FGFR3 c.1138G>A (p.Gly380Arg), the achondroplasia variant: GRCh37 4:1806119 G>A, GRCh38 4:1804392 G>A. */
export const fgfr3G380R = { grch37: '4\t1806119\t.\tG\tA\t500\tPASS\t.\tGT:AD:DP:GQ:PL\t0/1:20,18:38:99:500,0,600', grch38Key: '4:1804392:G:A' };

export const achondroplasiaTerms = ['HP:0003026', 'HP:0004322', 'HP:0000256', 'HP:0002007', 'HP:0004060', 'HP:0011800'];

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Liftover } from '../../graph-snapshot/liftover/liftover.js';
import { readLineChunks } from '../../graph-snapshot/io/line-reader.js';

/**
 * Writes a large GRCh38 .vcf.gz for the streaming benchmark: the background exome lifted to GRCh38 (records that
 * cannot be lifted are left out), repeated until `records` data lines are written.
 */
export async function writeTiledVcf(background: string, lift: Liftover, out: string, records: number): Promise<number> {
  const header: string[] = [];
  const body: string[] = [];
  for await (const { lines } of readLineChunks(background)) {
    for (const l of lines) {
      if (l.startsWith('##contig')) continue;
      if (l.startsWith('#')) {
        header.push(l.startsWith('#CHROM') ? `##contig=<ID=chr1,length=248956422>\n${l}` : l);
        continue;
      }
      if (l === '') continue;
      const c = l.split('\t');
      const r = lift.liftVariant(c[0]!, Number(c[1]), c[3]!, c[4]!.split(',')[0]!);
      if (!r.ok || c[4]!.includes(',')) continue;
      c[0] = `chr${r.chrom}`;
      c[1] = String(r.pos);
      c[2] = '.';
      c[3] = r.ref;
      c[4] = r.alt;
      body.push(c.join('\t'));
    }
  }
  const gz = createGzip({ level: 1 });
  const file = createWriteStream(out);
  gz.pipe(file);
  gz.write(`${header.join('\n')}\n`);
  let written = 0;
  while (written < records) {
    const n = Math.min(body.length, records - written);
    const chunk = `${body.slice(0, n).join('\n')}\n`;
    if (!gz.write(chunk)) await once(gz, 'drain');
    written += n;
  }
  gz.end();
  await once(file, 'finish');
  return written;
}

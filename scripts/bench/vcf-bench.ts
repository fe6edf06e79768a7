import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { loadPatientVariants } from '../../diagnosis/variants/patient-variants.js';
import { formatTable } from '../cli/format-table.js';
import { median } from './stats.js';
import { writeTiledVcf } from './tile-vcf.js';

export interface VcfBenchOptions {
  background: string;
  snapshot: string;
  records: number;
  workDir: string;
  json: boolean;
}

/**
 * `rarediag bench vcf`: VCF parse + annotate throughput on the real background exome (median of 5 passes, one thread),
 * and a streamed multi-million-record GRCh38 .vcf.gz (the background tiled) in a fresh process: wall time and peak RSS.
 */
export async function runVcfBench(o: VcfBenchOptions): Promise<void> {
  // Reading and annotating, without the rest of a case run: this measures the variant step alone.
  const session = await KnowledgeSession.open(o.snapshot);
  const annotator = await session.variantAnnotator();
  const passes: number[] = [];
  let records = 0;
  for (let i = 0; i < 5; i += 1) {
    const t = process.hrtime.bigint();
    const v = await loadPatientVariants(o.background, {}, annotator);
    passes.push(Number(process.hrtime.bigint() - t) / 1e9);
    records = v.summary.records;
  }
  mkdirSync(o.workDir, { recursive: true });
  const tiled = join(o.workDir, `tiled-${o.records}-grch38.vcf.gz`);
  if (!existsSync(tiled)) {
    process.stderr.write(`writing ${tiled} (${o.records.toLocaleString('en-US')} records)...\n`);
    const lift = await session.graph.liftover37to38();
    await writeTiledVcf(o.background, lift, tiled, o.records);
  }
  await session.close();
  const probe = fileURLToPath(new URL('./vcf-stream-probe.js', import.meta.url));
  const big = JSON.parse(execFileSync(process.execPath, [probe, tiled, o.snapshot], { encoding: 'utf8', maxBuffer: 1 << 20 })) as {
    records: number;
    seconds: number;
    maxRssMb: number;
    inGenes: number;
  };
  const figures = {
    background: { records, secondsMedian: median(passes), recordsPerSecond: records / median(passes) },
    streamed: { file: tiled, bytes: statSync(tiled).size, ...big, recordsPerSecond: big.records / big.seconds },
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const f = (x: number) => Math.round(x).toLocaleString('en-US');
  process.stdout.write(
    `${formatTable(
      ['measure', 'value', 'target'],
      [
        ['background exome: records', f(records), ''],
        ['parse + annotate, records/s (median of 5, one thread)', f(figures.background.recordsPerSecond), '>= 300,000'],
        [`streamed .vcf.gz: records (${(figures.streamed.bytes / 1e6).toFixed(0)} MB compressed)`, f(big.records), '5,000,000'],
        ['streamed: wall time (s)', big.seconds.toFixed(1), ''],
        ['streamed: records/s', f(figures.streamed.recordsPerSecond), ''],
        ['streamed: peak RSS (MB)', big.maxRssMb.toFixed(0), '<= 600'],
      ],
      ['l', 'r', 'r'],
    )}\n`,
  );
}

export const defaultBenchWorkDir = () => resolve('.cache', 'bench');

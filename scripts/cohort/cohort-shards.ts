import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { readPedFile } from '../../diagnosis/case-input/ped-file.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { readSampleSheet, type CohortCase } from './sample-sheet.js';

/** A line of a shard: the `rank --phenopackets` wrapper of one case, with its place in the cohort. */
export interface ShardLine {
  caseId: string;
  row: number;
  phenopacket: unknown;
  vcf?: string;
  genomeAssembly?: 'GRCh37' | 'GRCh38';
  sample?: string;
}

export const shardFile = (i: number) => `shard-${String(i).padStart(3, '0')}.jsonl`;

export interface ShardSummary {
  cases: number;
  withVcf: number;
  shards: { file: string; cases: number; withVcf: number }[];
}

/**
 * Splits a cohort into `count` shard files for `rarediag rank --phenopackets` (one job each, on one machine or one
 * cluster node). Cases with a VCF cost seconds and phenotype-only cases milliseconds, so each kind is dealt round-robin
 * on its own: every shard gets its share of both. The proband's VCF column comes from the sheet's `sample`, else from
 * the pedigree (read by `readPedFile`: its one affected member; with several affected the sheet must name the
 * proband). Exactly `count` files are written (some empty when the cohort is smaller), so a workflow can name them
 * before the sheet is read.
 */
export async function writeCohortShards(sheet: string, count: number, outDir: string): Promise<ShardSummary> {
  const cases = await readSampleSheet(sheet);
  const lines: ShardLine[] = [];
  for (const c of cases) lines.push(await shardLine(sheet, c));
  const shards: ShardLine[][] = Array.from({ length: count }, () => []);
  let next = 0;
  for (const l of [...lines.filter((l) => l.vcf), ...lines.filter((l) => !l.vcf)]) {
    shards[next]!.push(l);
    next = (next + 1) % count;
  }
  mkdirSync(outDir, { recursive: true });
  const summary: ShardSummary = { cases: lines.length, withVcf: lines.filter((l) => l.vcf).length, shards: [] };
  shards.forEach((s, i) => {
    s.sort((a, b) => a.row - b.row);
    writeFileSync(join(outDir, shardFile(i)), s.map((l) => `${JSON.stringify(l)}\n`).join(''));
    summary.shards.push({ file: shardFile(i), cases: s.length, withVcf: s.filter((l) => l.vcf).length });
  });
  return summary;
}

async function shardLine(sheet: string, c: CohortCase): Promise<ShardLine> {
  const records = [];
  for await (const r of readJsonRecords(c.phenopacket)) records.push(r);
  const first = records[0];
  if (records.length !== 1 || !first) throw new InputError(sheet, c.line, `column phenopacket: ${c.phenopacket} holds ${records.length} records, expected one phenopacket`);
  if (!first.ok) throw new InputError(sheet, c.line, `column phenopacket: ${c.phenopacket}: ${first.error}`);
  // a wrapper {"phenopacket": ...} is unwrapped: the sheet's columns say what the wrapper would
  const value = first.value as { phenopacket?: unknown };
  const phenopacket = value && typeof value === 'object' && 'phenopacket' in value ? value.phenopacket : value;
  const line: ShardLine = { caseId: c.caseId, row: c.row, phenopacket };
  if (c.vcf) {
    line.vcf = c.vcf;
    if (c.genomeAssembly) line.genomeAssembly = c.genomeAssembly;
    const sample = c.ped ? (await readPedFile(c.ped, c.sample ? { probandId: c.sample } : {})).probandId : c.sample;
    if (sample) line.sample = sample;
  }
  return line;
}

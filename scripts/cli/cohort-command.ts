import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { writeCohortShards } from '../cohort/cohort-shards.js';
import { mergeCohort, readCohortTops, writeCohortTable } from '../cohort/cohort-table.js';
import { compareCohorts, writeReanalysis } from '../cohort/reanalysis-report.js';

const count = (name: string, max = 100_000) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be an integer from 1 to ${max}`);
  return n;
};

/**
 * `rarediag cohort`: the steps of a cohort re-analysis that the workflow (`workflows/cohort/Snakefile`) runs around
 * `rarediag rank`: split a sample sheet into shards, and merge the ranked shards into one table with a re-analysis
 * report against the previous snapshot's table.
 */
export function registerCohortCommands(program: Command): void {
  const cohort = program.command('cohort').description('cohort re-analysis steps around `rank` (see workflows/cohort): shard a sample sheet, merge the ranked shards');

  cohort
    .command('shard')
    .description('split a sample sheet (TSV: case_id, phenopacket, and optionally vcf, ped, sample, genome_assembly) into N shard files of rank wrapper lines, cases with a VCF spread evenly; the proband of a VCF comes from the sample column, else the PED')
    .requiredOption('--samples <tsv>', 'the sample sheet (paths relative to it)')
    .requiredOption('--shards <n>', 'how many shard files (some are empty when there are fewer cases)', count('--shards', 10_000))
    .requiredOption('--out <dir>', 'where shard-000.jsonl ... go')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { samples: string; shards: number; out: string; json?: boolean }) => {
      const summary = await writeCohortShards(resolve(opts.samples), opts.shards, resolve(opts.out));
      if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else process.stdout.write(`${summary.cases} case(s), ${summary.withVcf} with a VCF, in ${opts.shards} shard(s) at ${resolve(opts.out)}\n`);
    });

  cohort
    .command('merge')
    .description('merge ranked shards into cohort.tsv (per case its top diseases and genes, or its error) and compare with a previous snapshot\'s cohort.tsv: reanalysis.tsv and reanalysis.md list the cases whose top 5 changed')
    .requiredOption('--shards-dir <dir>', 'the shard files (from `cohort shard`)')
    .requiredOption('--ranked-dir <dir>', 'the ranked outputs, one per shard with the same name')
    .requiredOption('--shards <n>', 'how many shards', count('--shards', 10_000))
    .requiredOption('--snapshot-id <id>', 'the snapshot the shards were ranked with (pinned by the workflow)')
    .requiredOption('--out <dir>', 'where cohort.tsv, reanalysis.tsv and reanalysis.md go')
    .option('--previous <tsv>', "the previous snapshot's cohort.tsv")
    .option('--top <n>', 'diseases and genes per case in the table', count('--top', 1000), 10)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { shardsDir: string; rankedDir: string; shards: number; snapshotId: string; out: string; previous?: string; top: number; json?: boolean }) => {
      const out = resolve(opts.out);
      mkdirSync(out, { recursive: true });
      const merged = mergeCohort(resolve(opts.shardsDir), resolve(opts.rankedDir), opts.shards, opts.snapshotId, opts.top);
      writeCohortTable(join(out, 'cohort.tsv'), merged.rows);
      const current = await readCohortTops(join(out, 'cohort.tsv'));
      const previous = opts.previous ? await readCohortTops(resolve(opts.previous)) : new Map();
      const labels = new Map(merged.rows.filter((r) => r.kind === 'disease').map((r) => [r.id, r.label]));
      const counts = writeReanalysis(join(out, 'reanalysis.tsv'), join(out, 'reanalysis.md'), compareCohorts(current, previous), opts.snapshotId, opts.previous && resolve(opts.previous), labels);
      const summary = { snapshotId: opts.snapshotId, cases: merged.cases, errors: merged.errors, reanalysis: counts, table: join(out, 'cohort.tsv') };
      if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else process.stdout.write(`${merged.cases} case(s) (${merged.errors} with an error) in ${summary.table}; re-analysis: ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.new} new, ${counts.dropped} dropped\n`);
    });
}

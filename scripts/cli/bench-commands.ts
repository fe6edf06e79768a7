import { InvalidArgumentError, type Command } from 'commander';
import { snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';
import { benchSnapshot } from '../bench/snapshot-bench.js';
import { runPhenopacketBench } from '../bench/phenopacket-bench.js';
import { resolveSnapshot } from './snapshot-options.js';

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks that print a table of medians (see npm run bench:*)');
  bench
    .command('snapshot')
    .description('full build time, size on disk, cold open time and query latencies (medians over repeats)')
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--out <dir>', 'where to build the benchmark snapshot (default: a temporary directory)')
    .option('--builds <n>', 'number of full builds to time', '1')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { sources?: string; out?: string; builds: string; json?: boolean }) => {
      await benchSnapshot({ sources: opts.sources, out: opts.out, builds: Math.max(1, Number(opts.builds) || 1), json: !!opts.json });
    });
  bench
    .command('phenopackets')
    .description('rank every phenopacket of a set (phenotype only) and report disease/gene top-1/3/10, MRR, found@100, cases/s')
    .requiredOption('--input <file>', 'phenopackets .jsonl / .jsonl.gz (wrappers with a "phenopacket" field accepted)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--half <which>', 'all, even or odd cases by line order (tune on one half, check on the other)', 'all')
    .option('--top <n>', 'ranks kept per case', '100')
    .option('--limit <n>', 'stop after n cases')
    .option('--by-cohort', 'also print the weakest cohorts (failure analysis)')
    .option('--param <k=v...>', 'override a ranker parameter (for exploration), e.g. --param noMatchLR=0.1')
    .option('--workers <n>', 'worker threads (default: up to 2)')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input: string; snapshot?: string; half: string; top: string; limit?: string; byCohort?: boolean; param?: string[]; workers?: string; json?: boolean }) => {
      if (!['all', 'even', 'odd'].includes(opts.half)) throw new InvalidArgumentError(`--half must be all, even or odd, not ${opts.half}`);
      const parameters = Object.fromEntries((opts.param ?? []).map((kv) => {
        const [k, v] = kv.split('=');
        if (!k || v === undefined || Number.isNaN(Number(v))) throw new InvalidArgumentError(`--param expects name=number, got ${kv}`);
        return [k, Number(v)];
      }));
      await runPhenopacketBench({
        input: opts.input,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        half: opts.half as 'all' | 'even' | 'odd',
        top: Number(opts.top),
        limit: opts.limit ? Number(opts.limit) : undefined,
        byCohort: !!opts.byCohort,
        json: !!opts.json,
        workers: opts.workers ? Number(opts.workers) : undefined,
        parameters,
      });
    });
}

import type { Command } from 'commander';
import { snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';
import { benchSnapshot } from '../bench/snapshot-bench.js';

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
  void snapshotOptionHelp;
}

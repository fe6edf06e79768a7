import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { checkHalf, parseParams } from '../cli/param-options.js';
import { resolveSnapshot, snapshotOptionHelp } from '../cli/snapshot-options.js';
import { printResult, runVignetteBench, type VignetteBenchOptions } from './vignette-bench.js';
import { printValidation, rankRealCases, readRealCases, validate } from './vignette-validation.js';
import type { VersionSpec } from './vignette-pool.js';

const positiveInt = (name: string, v: string, min = 1) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, not ${v}`);
  return n;
};

interface Opts {
  snapshot?: string;
  compareSnapshot?: string;
  param?: string[];
  compareParam?: string[];
  perDisease: string;
  confirm: string;
  diseases?: string;
  sample?: string;
  seed: string;
  k: string;
  fdr: string;
  sampleFrom: string;
  workers?: string;
  list: string;
  movers: string;
  validate?: string;
  half: string;
  json?: boolean;
  save?: string;
}

export function registerVignetteBench(bench: Command): void {
  bench
    .command('vignettes')
    .description(
      'synthetic vignettes drawn from each disease\'s annotations (with their frequencies, omissions, imprecision, unrelated findings, excluded features, sex and age), ranked through runCase: per-disease and overall recall@1/3/10 and mean rank; with a second snapshot or parameter set, the diseases whose recall changed beyond sampling noise and why',
    )
    .option('--snapshot <dir>', `the base version's snapshot (${snapshotOptionHelp})`)
    .option('--compare-snapshot <dir>', 'a second snapshot to compare with the base (same vignettes, paired)')
    .option('--param <k=v...>', 'a ranker parameter of the base version, e.g. --param noMatchLR=0.1')
    .option('--compare-param <k=v...>', 'a ranker parameter of the compared version (with or without --compare-snapshot)')
    .option('--per-disease <n>', 'vignettes per disease', '5')
    .option('--confirm <n>', 'comparing: fresh vignettes for each disease whose screening vignettes disagree, for the paired test (0: test the screening ones)', '20')
    .option('--diseases <filter>', 'ids, prefixes (OMIM, ORPHA:, OMIM:15) or @file, comma-separated')
    .option('--sample <n>', 'a random (seeded) subset of n diseases')
    .option('--seed <n>', 'random seed: the same seed gives the same vignettes', '1')
    .option('--k <n>', 'comparing: the recall@k tested (1, 3 or 10)', '10')
    .option('--fdr <q>', 'comparing: false discovery rate of "moved" (Benjamini-Hochberg)', '0.05')
    .option('--sample-from <which>', 'comparing two snapshots: the knowledge vignettes are drawn from, base or candidate (the other for diseases it lacks)', 'candidate')
    .option('--workers <n>', 'worker threads (default: up to 2)')
    .option('--list <n>', 'per-disease rows in the table, hardest first (all of them in --json)', '20')
    .option('--movers <n>', 'comparing: movers listed', '20')
    .option('--validate <phenopackets>', 'also rank this phenopacket set (.jsonl.gz) and report how well the vignettes of its diagnoses predict its real recall@10 per cohort and per diagnosis (R²)')
    .option('--half <which>', 'with --validate: all, even or odd cases by line order', 'all')
    .option('--json', 'print the figures as JSON (every disease)')
    .option('--save <file>', 'also write the JSON figures to this file (the table still printed)')
    .action(async (opts: Opts) => {
      const k = positiveInt('--k', opts.k);
      if (![1, 3, 10].includes(k)) throw new InvalidArgumentError(`--k must be 1, 3 or 10, not ${opts.k}`);
      const fdr = Number(opts.fdr);
      if (!(fdr > 0 && fdr < 1)) throw new InvalidArgumentError(`--fdr must be between 0 and 1, not ${opts.fdr}`);
      if (opts.sampleFrom !== 'base' && opts.sampleFrom !== 'candidate') throw new InvalidArgumentError(`--sample-from must be base or candidate, not ${opts.sampleFrom}`);
      const half = checkHalf(opts.half);
      // every option is checked before a snapshot is opened
      const workers = opts.workers === undefined ? undefined : positiveInt('--workers', opts.workers);
      const numbers = {
        perDisease: positiveInt('--per-disease', opts.perDisease),
        confirm: positiveInt('--confirm', opts.confirm, 0),
        seed: positiveInt('--seed', opts.seed, 0),
        sample: opts.sample === undefined ? undefined : positiveInt('--sample', opts.sample),
        list: positiveInt('--list', opts.list, 0),
        movers: positiveInt('--movers', opts.movers, 0),
      };
      const baseParameters = parseParams(opts.param);
      const compareParameters = opts.compareParam ? parseParams(opts.compareParam) : undefined;
      const base: VersionSpec = { snapshotDir: await resolveSnapshot({ snapshot: opts.snapshot }), parameters: baseParameters };
      const comparing = opts.compareSnapshot !== undefined || compareParameters !== undefined;
      const candidate: VersionSpec | undefined = comparing
        ? { snapshotDir: opts.compareSnapshot ? await resolveSnapshot({ snapshot: resolve(opts.compareSnapshot) }) : base.snapshotDir, parameters: compareParameters ?? base.parameters }
        : undefined;
      const o: VignetteBenchOptions = {
        base,
        candidate,
        ...numbers,
        k,
        fdr,
        diseases: opts.diseases,
        sampleFrom: opts.sampleFrom as 'base' | 'candidate',
        workers,
        json: !!opts.json,
        save: opts.save,
        print: !opts.validate,
      };
      if (!opts.validate) {
        await runVignetteBench(o);
        return;
      }
      // validation: vignettes of the set's diagnoses only, then the real cases of the same versions
      const { cases } = await readRealCases(opts.validate, half);
      const r = await runVignetteBench({ ...o, only: [...new Set(cases.flatMap((c) => c.truth))] });
      const specs = candidate ? [base, candidate] : [base];
      const real = await rankRealCases(opts.validate, half, specs, r.models, workers);
      const figures = (['cohort', 'disease'] as const).map((by) => validate(real, r.studies, by, r.models));
      if (opts.json) {
        const { studies: _s, models: _m, ...bench } = r;
        process.stdout.write(`${JSON.stringify({ bench: { ...bench, perDisease: undefined, compare: bench.compare && { ...bench.compare, movers: undefined } }, validation: figures }, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
      } else {
        printResult(r, { ...o, list: Math.min(o.list, 10) });
        printValidation(figures, opts.validate);
      }
    });
}

import { InvalidArgumentError, type Command } from 'commander';
import { snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';
import { benchSnapshot } from '../bench/snapshot-bench.js';
import { runPhenopacketBench } from '../bench/phenopacket-bench.js';
import { runVariantBench } from '../bench/variant-bench.js';
import { runFamilyBench } from '../bench/family-bench.js';
import { defaultBenchWorkDir, runVcfBench } from '../bench/vcf-bench.js';
import { runReasoningBench } from '../bench/reasoning-bench.js';
import { writeCohortInputs } from '../bench/cohort-inputs.js';
import { runClassicsBench } from '../bench/classics-bench.js';
import { registerExtractionBench } from '../bench/extraction-bench.js';
import { registerNarrativeBench } from '../bench/narrative-bench.js';
import { registerVignetteBench } from '../bench/vignette-bench-command.js';
import { dataHome } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { join } from 'node:path';
import { defaultSourcesDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { resolveSnapshot } from './snapshot-options.js';
import { checkHalf, parseParams } from './param-options.js';

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
      const half = checkHalf(opts.half);
      const parameters = parseParams(opts.param);
      await runPhenopacketBench({
        input: opts.input,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        half,
        top: Number(opts.top),
        limit: opts.limit ? Number(opts.limit) : undefined,
        byCohort: !!opts.byCohort,
        json: !!opts.json,
        workers: opts.workers ? Number(opts.workers) : undefined,
        parameters,
      });
    });

  bench
    .command('variants')
    .description('spike each phenopacket\'s causal variants into a real background exome and rank with phenotype + VCF vs phenotype only')
    .requiredOption('--input <file>', 'phenopackets .jsonl.gz with vcfRecord (GRCh38) and allelicState')
    .option('--background <vcf>', 'background exome (GRCh37)', join(defaultSourcesDir(), 'vcf', 'background-exome-grch37.vcf.gz'))
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--half <which>', 'all, even or odd cases by line order', 'all')
    .option('--limit <n>', 'stop after n cases')
    .option('--param <k=v...>', 'override a ranker parameter (for exploration)')
    .option('--ablation', 'also rank with the VCF evidence taken apart: no transcript models, location only, + constraint')
    .option('--cases <file>', 'write every case\'s ranks per arm as JSON lines (failure analysis)')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input: string; background: string; snapshot?: string; half: string; limit?: string; param?: string[]; ablation?: boolean; cases?: string; json?: boolean }) => {
      const half = checkHalf(opts.half);
      await runVariantBench({
        ablation: !!opts.ablation,
        casesOut: opts.cases,
        input: opts.input,
        background: opts.background,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        half,
        limit: opts.limit ? Number(opts.limit) : undefined,
        json: !!opts.json,
        parameters: parseParams(opts.param),
      });
    });
  bench
    .command('family')
    .description('issue 14: simulated trios (background exome split between parents, apparent de novo calls, causal variants by mode) and 5-variant candidate lists')
    .requiredOption('--input <file>', 'phenopackets .jsonl.gz with vcfRecord (GRCh38) and allelicState')
    .option('--background <vcf>', 'background exome (GRCh37)', join(defaultSourcesDir(), 'vcf', 'background-exome-grch37.vcf.gz'))
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--half <which>', 'all, even or odd cases by line order', 'all')
    .option('--limit <n>', 'stop after n cases')
    .option('--stride <k>', 'every k-th case of the half (the set is ordered by cohort)', '1')
    .option('--singleton', 'also rank each proband alone (same VCF, no pedigree)')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input: string; background: string; snapshot?: string; half: string; limit?: string; stride: string; singleton?: boolean; json?: boolean }) => {
      const half = checkHalf(opts.half);
      await runFamilyBench({
        input: opts.input,
        background: opts.background,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        half,
        limit: opts.limit ? Number(opts.limit) : undefined,
        stride: Math.max(1, Number(opts.stride) || 1),
        singleton: !!opts.singleton,
        json: !!opts.json,
      });
    });
  bench
    .command('classics')
    .description('the classic-presentation suite: short cases (right disease in the top 3?) and full cases with pertinent negatives (right disease first?)')
    .option('--suite <file>', 'the suite (JSON)', 'tests/fixtures/classics/classic-syndromes.json')
    .option('--letters <file>', 'also rank the gold terms of clinic letters (.jsonl, bench/clinic-letters)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--param <k=v...>', 'override a ranker parameter (for exploration)')
    .option('--cases', 'list every case with the rank of its diagnosis')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { suite: string; letters?: string; snapshot?: string; param?: string[]; cases?: boolean; json?: boolean }) => {
      await runClassicsBench({ suite: opts.suite, letters: opts.letters, snapshot: await resolveSnapshot({ snapshot: opts.snapshot }), parameters: parseParams(opts.param), json: !!opts.json, cases: !!opts.cases });
    });
  registerVcfBench(bench);
  registerExtractionBench(bench);
  registerNarrativeBench(bench);
  registerVignetteBench(bench);
  bench
    .command('reasoning')
    .description('evidence-pack build time per case, prompt size in tokens, and the model\'s tokens/s on this machine')
    .requiredOption('--input <file>', 'phenopackets .jsonl.gz')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--cases <n>', 'cases to build packs for', '100')
    .option('--model <id-or-path>', 'a registry id or a .gguf path (default: the tiny test model in ../shared/models)')
    .option('--threads <list>', 'thread counts to measure, comma-separated', '1,2')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input: string; snapshot?: string; cases: string; model?: string; threads: string; json?: boolean }) => {
      await runReasoningBench({
        input: opts.input,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        cases: Number(opts.cases),
        model: opts.model,
        modelStore: join(dataHome(), 'models'),
        threads: opts.threads.split(',').map(Number).filter((n) => n > 0),
        json: !!opts.json,
      });
    });
}

export function registerVcfBench(bench: Command): void {
  bench
    .command('cohort-inputs')
    .description('write a cohort for timing workflows/cohort: a sample sheet of N phenotype-only phenopackets and M exomes (causal variants spiked into the background exome, one .vcf.gz and PED each)')
    .requiredOption('--out <dir>', 'where samples.tsv, phenopackets/ and exomes/ go')
    .option('--input <file>', 'bench phenopackets', '../shared/bench/phenopackets-dev.jsonl.gz')
    .option('--background <vcf>', 'GRCh37 background exome', join(defaultSourcesDir(), 'vcf', 'background-exome-grch37.vcf.gz'))
    .option('--phenotype-only <n>', 'phenotype-only cases', '1000')
    .option('--exomes <n>', 'cases with a spiked exome', '20')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .action(async (opts: { out: string; input: string; background: string; phenotypeOnly: string; exomes: string; snapshot?: string }) => {
      const [p, e] = [Number(opts.phenotypeOnly), Number(opts.exomes)];
      if (!Number.isInteger(p) || p < 0 || !Number.isInteger(e) || e < 0) throw new InvalidArgumentError('--phenotype-only and --exomes must be integers ≥ 0');
      const r = await writeCohortInputs({ input: opts.input, background: opts.background, snapshot: await resolveSnapshot({ snapshot: opts.snapshot }), out: opts.out, phenotypeOnly: p, exomes: e });
      process.stdout.write(`${r.phenotypeOnly} phenotype-only case(s) and ${r.exomes} exome(s): ${r.sheet}\n`);
    });

  bench
    .command('vcf')
    .description('VCF parse + annotate throughput, and a streamed multi-million-record GRCh38 .vcf.gz: wall time and peak memory')
    .option('--background <vcf>', 'background exome (GRCh37)', join(defaultSourcesDir(), 'vcf', 'background-exome-grch37.vcf.gz'))
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--records <n>', 'records in the streamed file', '5000000')
    .option('--work-dir <dir>', 'where the tiled file is written (kept for later runs)', defaultBenchWorkDir())
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { background: string; snapshot?: string; records: string; workDir: string; json?: boolean }) => {
      await runVcfBench({
        background: opts.background,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        records: Number(opts.records),
        workDir: opts.workDir,
        json: !!opts.json,
      });
    });
}

import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { IntegrityError } from '../../common/integrity-error.js';
import { readJsonRecords, type JsonLine } from '../../diagnosis/io/jsonl-reader.js';
import type { RankOutputLine, RecordOptions } from '../../diagnosis/pipeline/phenopacket-run.js';
import { MANIFEST_FILE, readManifest } from '../../graph-snapshot/snapshot/manifest.js';
import { PhevalResultWriter, resultStem } from '../pheval/pheval-files.js';
import { phevalTables } from '../pheval/pheval-results.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { readCandidateListFile } from '../../diagnosis/case-input/candidate-list-file.js';
import type { CaseRunInputs } from '../../diagnosis/pipeline/run-types.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import { withSession } from './with-session.js';
import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import { createProgressBar } from './progress-bar.js';
import { rankRecords } from '../batch/parallel-rank.js';
import { describeRankResult } from './describe-rank-result.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

const idList = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerRankCommand(program: Command): void {
  program
    .command('rank')
    .description('rank diseases and genes from phenotypes: a batch of phenopackets (--phenopackets) or one ad-hoc case (--hpo)')
    .option('--phenopackets <path>', 'GA4GH Phenopacket v2 input: .jsonl / .jsonl.gz (objects or {"phenopacket": ...} wrappers), one .json, or a directory of .json files (one phenopacket each)')
    .option('--out <file>', 'output .jsonl, one line per input case in input order (default: stdout, unless --pheval-out is given)')
    .option('--pheval-out <dir>', 'batch: also write PhEval result files per case: <stem>-gene_result.tsv, <stem>-disease_result.tsv, and <stem>-variant_result.tsv with a VCF (stem: the phenopacket file name, else its id); scores at full precision')
    .option('--vcf-dir <dir>', "batch: the folder of the VCFs phenopackets name in their files (looked up by file name, PhEval's testdata layout)")
    .option('--expect-snapshot <id>', 'refuse (exit 4) unless the snapshot has this id (a cohort pinned to one knowledge release)')
    .option('--hpo <ids>', 'observed HPO terms, comma-separated (ad-hoc case)', idList)
    .option('--excluded <ids>', 'excluded HPO terms, comma-separated', idList)
    .option('--top <n>', 'diseases and genes per case', positiveInt('--top'), 100)
    .option('--explain <n>', 'ad-hoc case: per-term evidence for the top n diseases', positiveInt('--explain'), 3)
    .option('--vcf <file>', "ad-hoc case: the proband's VCF (.vcf / .vcf.gz, VCF 4.x; VEP CSQ / SnpEff ANN used when present)")
    .option('--sample <name>', 'ad-hoc case: the proband sample in a multi-sample VCF (default: the first)')
    .option('--assembly <build>', 'ad-hoc case: GRCh37 or GRCh38, overriding the build detected from the VCF header')
    .option('--all-filters', 'ad-hoc case: keep records whose FILTER is not PASS')
    .option('--pedigree <file>', 'ad-hoc case: PED file of the family in a multi-sample --vcf (individual ids = VCF sample names)')
    .option('--member-vcf <id=file>', "ad-hoc case, with --pedigree: a relative sequenced on their own, as PED id=single-sample VCF (repeat per relative); else --vcf is joint-called", collectMemberVcf, [])
    .option('--candidates <file>', "ad-hoc case, instead of --vcf: a lab's candidate variant list (CSV/TSV, or a report as a Phenopacket v2 JSON: its genomicInterpretations); only these are weighed")
    .option('--cnv <file>', 'ad-hoc case: copy-number calls (BED 0-based, or CSV/TSV with chrom,start,end,type|CN; 1-based), beside --vcf or alone; rows without an assembly take --assembly, else the VCF\'s')
    .option('--workers <n>', 'batch: worker threads (default: up to 2)', positiveInt('--workers'))
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--json', 'ad-hoc case: print the full result as JSON')
    .action(async (opts: {
      phenopackets?: string;
      out?: string;
      hpo?: string[];
      excluded?: string[];
      top: number;
      explain: number;
      workers?: number;
      snapshot?: string;
      sources?: string;
      json?: boolean;
      vcf?: string;
      sample?: string;
      assembly?: string;
      allFilters?: boolean;
      phevalOut?: string;
      vcfDir?: string;
      expectSnapshot?: string;
      pedigree?: string;
      memberVcf: { member: string; path: string }[];
      candidates?: string;
      cnv?: string;
    }) => {
      if (opts.memberVcf.length && !opts.pedigree) throw new InvalidArgumentError('--member-vcf needs --pedigree (the PED says who each relative is)');
      if (opts.pedigree && !opts.vcf) throw new InvalidArgumentError('--pedigree needs the family\'s multi-sample --vcf');
      if (opts.candidates && opts.vcf) throw new InvalidArgumentError('give --vcf or --candidates, not both');
      if (!opts.phenopackets === !opts.hpo) throw new InvalidArgumentError('give either --phenopackets FILE or --hpo IDS');
      if (opts.assembly && opts.assembly !== 'GRCh37' && opts.assembly !== 'GRCh38') throw new InvalidArgumentError('--assembly must be GRCh37 or GRCh38');
      if (opts.cnv && opts.phenopackets) throw new InvalidArgumentError('--cnv goes with an ad-hoc case (--hpo); in a batch, a wrapper line names its "cnv" file');
      if ((opts.phevalOut || opts.vcfDir) && !opts.phenopackets) throw new InvalidArgumentError('--pheval-out and --vcf-dir go with --phenopackets');
      if (opts.vcfDir && !(existsSync(opts.vcfDir) && statSync(opts.vcfDir).isDirectory())) throw new InvalidArgumentError(`--vcf-dir ${opts.vcfDir}: not a directory`);
      const snapshotDir = await resolveSnapshot(opts);
      if (opts.expectSnapshot) await checkSnapshotId(snapshotDir, opts.expectSnapshot);
      if (opts.phenopackets) {
        const input = resolve(opts.phenopackets);
        const records: RecordOptions = { inputFile: input, vcfDir: opts.vcfDir && resolve(opts.vcfDir), exactScores: opts.phevalOut !== undefined };
        await rankBatch(input, opts.out, snapshotDir, opts.top, opts.workers, records, opts.phevalOut && resolve(opts.phevalOut));
      }
      else {
        const inputs: CaseRunInputs = {
          ...runInputsOfFindings({ id: 'ad-hoc', present: opts.hpo!, excluded: opts.excluded ?? [] }, '--hpo'),
          ...(opts.vcf ? { variants: { path: resolve(opts.vcf), sample: opts.sample, assembly: opts.assembly as GenomeBuild | undefined, passOnly: !opts.allFilters, ...(opts.memberVcf.length ? { memberVcfs: opts.memberVcf.map((m) => ({ member: m.member, path: resolve(m.path) })) } : {}) } } : {}),
          ...(opts.pedigree ? { pedigree: { path: resolve(opts.pedigree) } } : {}),
          ...(opts.cnv ? { cnvCalls: { path: resolve(opts.cnv), assembly: opts.assembly as GenomeBuild | undefined } } : {}),
        };
        const listSetAside: string[] = [];
        if (opts.candidates) {
          const list = await readCandidateListFile(resolve(opts.candidates), { assembly: opts.assembly as GenomeBuild | undefined });
          inputs.candidateVariants = { variants: list.variants, source: opts.candidates };
          listSetAside.push(...list.setAside);
        }
        // A progress bar only when there is a VCF to read (ranking alone takes milliseconds).
        const bar = opts.vcf || opts.cnv ? createProgressBar('VCF import') : undefined;
        let result;
        try {
          const run = await withSession(snapshotDir, (session) => runCase(session, inputs, { top: opts.top, explain: opts.explain, onProgress: (fraction, step) => bar?.listener({ fraction, step }) }));
          result = run.ranking;
          bar?.stop('done');
          // what was read but not used (pedigree members, list rows, sex conflicts): said, never silent
          for (const s of [...listSetAside, ...(run.setAside ?? [])]) process.stderr.write(`set aside: ${s}\n`);
        } catch (err) {
          bar?.stop('failed');
          throw err;
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else process.stdout.write(describeRankResult(result, Math.min(opts.top, 10)));
      }
    });
}

/** `--member-vcf dad=dad.vcf.gz`, repeatable. */
function collectMemberVcf(value: string, previous: { member: string; path: string }[]): { member: string; path: string }[] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError(`--member-vcf ${value}: expected PED-id=path (e.g. dad=dad.vcf.gz)`);
  return [...previous, { member: value.slice(0, eq), path: value.slice(eq + 1) }];
}

/** A cohort pinned to one knowledge release: the snapshot's id must be the one expected. */
async function checkSnapshotId(dir: string, expected: string): Promise<void> {
  const { snapshotId } = await readManifest(dir);
  if (snapshotId !== expected) throw new IntegrityError(join(dir, MANIFEST_FILE), `snapshot ${snapshotId}, expected ${expected} (--expect-snapshot): not the knowledge release this run is pinned to`);
}

async function rankBatch(input: string, out: string | undefined, snapshotDir: string, top: number, workers: number | undefined, records: RecordOptions, phevalDir: string | undefined): Promise<void> {
  const sink = out ? createWriteStream(resolve(out)) : phevalDir ? undefined : process.stdout;
  const pheval = phevalDir ? new PhevalResultWriter(phevalDir) : undefined;
  // output lines come in input order, one per record: the files they came from, in the same order
  const files: (string | undefined)[] = [];
  async function* tapped(source: AsyncIterable<JsonLine>): AsyncGenerator<JsonLine> {
    for await (const r of source) {
      files.push(r.file);
      yield r;
    }
  }
  let n = 0;
  let errors = 0;
  const started = Date.now();
  for await (const line of rankRecords(tapped(readJsonRecords(input)), snapshotDir, top, workers, {}, records)) {
    n += 1;
    const file = files.shift();
    const isError = line.json.startsWith('{"id":') && line.json.includes('"error":');
    if (isError) errors += 1;
    if (pheval && !isError) {
      const ranked = JSON.parse(line.json) as Extract<RankOutputLine, { diseases: unknown }>;
      pheval.write(resultStem(file, ranked.id), phevalTables(ranked));
    }
    if (sink && !sink.write(`${line.json}\n`)) await once(sink, 'drain');
  }
  if (out && sink) {
    sink.end();
    await once(sink, 'finish');
  }
  const phevalNote = pheval ? `; PhEval results for ${pheval.cases} case(s) (${pheval.files} files) in ${pheval.dir}` : '';
  process.stderr.write(`ranked ${n} case(s) in ${((Date.now() - started) / 1000).toFixed(1)} s${errors ? `, ${errors} with an error line` : ''}${phevalNote}\n`);
}

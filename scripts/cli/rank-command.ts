import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { DiagnosisEngine } from '../../diagnosis/pipeline/diagnosis-engine.js';
import type { RankResult } from '../../diagnosis/ranking/ranker.js';
import { variantOut } from '../../diagnosis/ranking/phenopacket-ranking.js';
import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import { createProgressBar } from './progress-bar.js';
import { rankRecords } from '../batch/parallel-rank.js';
import { formatTable } from './format-table.js';
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
    .option('--phenopackets <file>', 'GA4GH Phenopacket v2 input: .jsonl / .jsonl.gz (objects or {"phenopacket": ...} wrappers) or one .json')
    .option('--out <file>', 'output .jsonl, one line per input case in input order (default: stdout)')
    .option('--hpo <ids>', 'observed HPO terms, comma-separated (ad-hoc case)', idList)
    .option('--excluded <ids>', 'excluded HPO terms, comma-separated', idList)
    .option('--top <n>', 'diseases and genes per case', positiveInt('--top'), 100)
    .option('--explain <n>', 'ad-hoc case: per-term evidence for the top n diseases', positiveInt('--explain'), 3)
    .option('--vcf <file>', "ad-hoc case: the proband's VCF (.vcf / .vcf.gz, VCF 4.x; VEP CSQ / SnpEff ANN used when present)")
    .option('--sample <name>', 'ad-hoc case: the proband sample in a multi-sample VCF (default: the first)')
    .option('--assembly <build>', 'ad-hoc case: GRCh37 or GRCh38, overriding the build detected from the VCF header')
    .option('--all-filters', 'ad-hoc case: keep records whose FILTER is not PASS')
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
    }) => {
      if (!opts.phenopackets === !opts.hpo) throw new InvalidArgumentError('give either --phenopackets FILE or --hpo IDS');
      if (opts.assembly && opts.assembly !== 'GRCh37' && opts.assembly !== 'GRCh38') throw new InvalidArgumentError('--assembly must be GRCh37 or GRCh38');
      const snapshotDir = await resolveSnapshot(opts);
      if (opts.phenopackets) await rankBatch(resolve(opts.phenopackets), opts.out, snapshotDir, opts.top, opts.workers);
      else {
        const engine = await DiagnosisEngine.open(snapshotDir);
        let variants;
        if (opts.vcf) {
          const bar = createProgressBar('VCF import');
          try {
            variants = await engine.readVariants(resolve(opts.vcf), {
              sample: opts.sample,
              assembly: opts.assembly as GenomeBuild | undefined,
              passOnly: !opts.allFilters,
              onProgress: (n) => bar.listener({ fraction: 0, step: `${n.toLocaleString('en-US')} records` }),
            });
          } finally {
            bar.stop();
          }
        }
        const result = engine.rank({ present: opts.hpo!, excluded: opts.excluded ?? [] }, { top: opts.top, explain: opts.explain, variants });
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else process.stdout.write(describe(result, Math.min(opts.top, 10)));
      }
    });
}

async function rankBatch(input: string, out: string | undefined, snapshotDir: string, top: number, workers?: number): Promise<void> {
  const sink = out ? createWriteStream(resolve(out)) : process.stdout;
  let n = 0;
  let errors = 0;
  const started = Date.now();
  for await (const line of rankRecords(readJsonRecords(input), snapshotDir, top, workers, {}, input)) {
    n += 1;
    if (line.json.startsWith('{"id":') && line.json.includes('"error":')) errors += 1;
    if (!sink.write(`${line.json}\n`)) await once(sink, 'drain');
  }
  if (out) {
    sink.end();
    await once(sink, 'finish');
  }
  process.stderr.write(`ranked ${n} case(s) in ${((Date.now() - started) / 1000).toFixed(1)} s${errors ? `, ${errors} with an error line` : ''}\n`);
}

function describe(r: RankResult, show: number): string {
  const pct = (x: number) => (x >= 0.001 ? `${(100 * x).toFixed(1)}%` : '<0.1%');
  const lines: string[] = [];
  lines.push(`observed: ${r.present.map((q) => `${q.id} ${q.label}`).join('; ')}`);
  if (r.excluded.length) lines.push(`excluded: ${r.excluded.map((q) => `${q.id} ${q.label}`).join('; ')}`);
  for (const s of r.skipped) lines.push(`not used: ${s.input} (${s.reason}${s.impliedBy ? `: ${s.impliedBy}` : ''})`);
  lines.push('', `snapshot ${r.snapshotId}, ${r.candidates} candidate diseases`);
  if (r.vcf) {
    const v = r.vcf;
    const dropped = Object.entries(v.dropped).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(
      `VCF ${v.file} (sample ${v.sample}, ${v.build}: ${v.buildBasis}): ${v.records} records, ${v.passed} alleles kept, ` +
        `${v.lifted} lifted to GRCh38, ${v.unlifted} not liftable, ${v.inGenes} in scored genes${dropped ? `; dropped: ${dropped}` : ''}`,
    );
  }
  lines.push('');
  lines.push(
    formatTable(
      ['rank', 'disease', 'name', 'genes', 'log10 score', 'coverage', 'post-test'],
      r.diseases.slice(0, show).map((d) => [
        d.rank,
        d.id,
        d.label.length > 48 ? `${d.label.slice(0, 45)}...` : d.label,
        d.genes.map((g) => g.symbol).slice(0, 3).join(',') + (d.genes.length > 3 ? '...' : ''),
        d.score.toFixed(2),
        `${Math.round(100 * d.coverage)}%`,
        pct(d.probability),
      ]),
      ['r', 'l', 'l', 'l', 'r', 'r', 'r'],
    ),
  );
  if (r.vcf) {
    lines.push('', formatTable(
      ['rank', 'gene', 'genotype LR', 'inheritance check', 'variants (GRCh38; zygosity; evidence)'],
      r.genes.slice(0, show).map((g) => [
        g.rank,
        g.symbol,
        g.genotype ? g.genotype.lr.toPrecision(3) : '',
        g.genotype ? `${g.genotype.mode}: ${g.genotype.reason}` : '',
        (g.variants ?? []).slice(0, 3).map((v) => {
          const o = variantOut(v);
          return `${o.grch38} ${o.zygosity} ${o.clinvar ? `ClinVar ${o.clinvar.significance} ${o.clinvar.stars}*${o.clinvar.hgvsC ? ` ${o.clinvar.hgvsC}` : ''}` : o.tier}`;
        }).join('; '),
      ]),
      ['r', 'l', 'r', 'l', 'l'],
    ));
  }
  for (const d of r.diseases) {
    if (!d.explanation) continue;
    lines.push('', `#${d.rank} ${d.id} ${d.label}: why`);
    for (const o of d.explanation.observed) {
      const target = o.diseaseTerm ? ` ~ ${o.diseaseTerm.id} ${o.diseaseTerm.label}` : '';
      lines.push(`  + ${o.id} ${o.label}: ${o.match}${target}, LR ${o.lr.toPrecision(3)}`);
    }
    for (const o of d.explanation.excluded) {
      if (o.match === 'unrelated') continue;
      lines.push(`  - ${o.id} ${o.label} (excluded): ${o.match}${o.diseaseTerm ? ` ${o.diseaseTerm.label}` : ''}, LR ${o.lr.toPrecision(3)}`);
    }
    if (d.explanation.notReported.length) {
      lines.push(`  not reported: ${d.explanation.notReported.map((f) => f.label).join('; ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

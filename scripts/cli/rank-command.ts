import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { loadRanker } from '../../diagnosis/ranking/load-ranker.js';
import type { RankResult } from '../../diagnosis/ranking/ranker.js';
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
    }) => {
      if (!opts.phenopackets === !opts.hpo) throw new InvalidArgumentError('give either --phenopackets FILE or --hpo IDS');
      const snapshotDir = await resolveSnapshot(opts);
      if (opts.phenopackets) await rankBatch(resolve(opts.phenopackets), opts.out, snapshotDir, opts.top, opts.workers);
      else await rankOne(snapshotDir, opts.hpo!, opts.excluded ?? [], opts.top, opts.explain, !!opts.json);
    });
}

async function rankBatch(input: string, out: string | undefined, snapshotDir: string, top: number, workers?: number): Promise<void> {
  const sink = out ? createWriteStream(resolve(out)) : process.stdout;
  let n = 0;
  let errors = 0;
  const started = Date.now();
  for await (const line of rankRecords(readJsonRecords(input), snapshotDir, top, workers)) {
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

async function rankOne(snapshotDir: string, present: string[], excluded: string[], top: number, explain: number, json: boolean): Promise<void> {
  const ranker = await loadRanker(snapshotDir);
  const result = ranker.rank({ present, excluded }, { top, explain });
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(describe(result, Math.min(top, 10)));
}

function describe(r: RankResult, show: number): string {
  const pct = (x: number) => (x >= 0.001 ? `${(100 * x).toFixed(1)}%` : '<0.1%');
  const lines: string[] = [];
  lines.push(`observed: ${r.present.map((q) => `${q.id} ${q.label}`).join('; ')}`);
  if (r.excluded.length) lines.push(`excluded: ${r.excluded.map((q) => `${q.id} ${q.label}`).join('; ')}`);
  for (const s of r.skipped) lines.push(`not used: ${s.input} (${s.reason}${s.impliedBy ? `: ${s.impliedBy}` : ''})`);
  lines.push('', `snapshot ${r.snapshotId}, ${r.candidates} candidate diseases`, '');
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

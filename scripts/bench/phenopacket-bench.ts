import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { readJsonRecords, type JsonLine } from '../../diagnosis/io/jsonl-reader.js';
import { withSession } from '../cli/with-session.js';
import { rankRecords } from '../batch/parallel-rank.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { formatTable } from '../cli/format-table.js';
import { median, percentile } from './stats.js';
import { truthOf, type Truth } from './phenopacket-truth.js';
import { rankMetrics, type RankMetrics } from './rank-metrics.js';
import { reliability } from '../fit/calibration-fit.js';
import { reliabilityTable } from '../fit/reliability-table.js';

export interface PhenopacketBenchOptions {
  input: string;
  snapshot: string;
  /** all cases, or the even / odd half (by line order) for tuning on one half and checking on the other */
  half: 'all' | 'even' | 'odd';
  top: number;
  byCohort: boolean;
  json: boolean;
  parameters?: Partial<RankerParameters>;
  limit?: number;
  workers?: number;
}

interface CaseOutcome {
  cohort: string;
  diseaseRank: number; // 0 = not found in top
  geneRank: number;
  truthInSnapshot: boolean;
  /** the probability shown for the first candidate */
  topProbability: number;
  ms: number;
}


export async function runPhenopacketBench(opts: PhenopacketBenchOptions): Promise<{ disease: RankMetrics; gene: RankMetrics; casesPerSecond: number; p50ms: number }> {
  const snapshotDir = resolve(opts.snapshot);
  // Truth and cohort per case, read first; the ranker never sees them (it reads the phenopacket schema subset).
  const records: JsonLine[] = [];
  const cases: { cohort: string; truth: Truth }[] = [];
  let index = -1;
  for await (const rec of readJsonRecords(resolve(opts.input))) {
    index += 1;
    if (opts.half === 'even' && index % 2 !== 0) continue;
    if (opts.half === 'odd' && index % 2 !== 1) continue;
    if (opts.limit !== undefined && records.length >= opts.limit) break;
    records.push(rec);
    const w = (rec.ok ? rec.value : {}) as { cohort?: string; phenopacket?: unknown };
    cases.push({ cohort: w.cohort ?? '', truth: truthOf((w.phenopacket ?? w) as never) });
  }
  // the truth is matched by MONDO concept too: the model's disease → MONDO table (the ranking itself runs in the workers)
  const m = await withSession(snapshotDir, async (s) => s.model);
  async function* source() {
    for (const r of records) yield r;
  }
  const outcomes: CaseOutcome[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  let i = 0;
  for await (const line of rankRecords(source(), snapshotDir, opts.top, opts.workers, opts.parameters)) {
    const c = cases[i]!;
    i += 1;
    const out = JSON.parse(line.json) as { error?: string; diseases?: { ids: string[]; mondo: string; probability: number }[]; genes?: { symbol: string }[] };
    if (out.error) errors += 1;
    const truthMondo = new Set(c.truth.diseases.map((id) => m.diseaseMondo[m.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
    const diseaseRank = (out.diseases ?? []).findIndex((d) => d.ids.some((id) => c.truth.diseases.includes(id)) || (d.mondo !== '' && truthMondo.has(d.mondo))) + 1;
    const geneRank = (out.genes ?? []).findIndex((g) => c.truth.genes.includes(g.symbol)) + 1;
    outcomes.push({ cohort: c.cohort, diseaseRank, geneRank, truthInSnapshot: c.truth.diseases.some((id) => m.diseaseIndex.has(id)), topProbability: out.diseases?.[0]?.probability ?? 0, ms: line.ms });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const disease = rankMetrics(outcomes.map((o) => o.diseaseRank));
  const gene = rankMetrics(outcomes.map((o) => o.geneRank));
  const times = outcomes.map((o) => o.ms);
  const workers = opts.workers ?? Math.min(2, availableParallelism());
  const figures = {
    input: opts.input,
    half: opts.half,
    n: outcomes.length,
    errors,
    truthNotInSnapshot: outcomes.filter((o) => !o.truthInSnapshot).length,
    disease,
    gene,
    calibration: reliability(outcomes.filter((o) => o.topProbability > 0).map((o) => ({ topProbability: o.topProbability, topCorrect: o.diseaseRank === 1 }))),
    workers,
    casesPerSecond: outcomes.length / seconds,
    p50ms: median(times),
    p95ms: percentile(times, 95),
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(opts.byCohort ? { ...figures, cohorts: cohortTable(outcomes) } : figures, null, 2)}\n`);
  } else {
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    process.stdout.write(
      `${formatTable(
        ['level', 'n', 'top-1', 'top-3', 'top-10', 'MRR', 'found@100'],
        [
          ['disease', disease.n, pct(disease.top1), pct(disease.top3), pct(disease.top10), disease.mrr.toFixed(3), pct(disease.foundAt100)],
          ['gene', gene.n, pct(gene.top1), pct(gene.top3), pct(gene.top10), gene.mrr.toFixed(3), pct(gene.foundAt100)],
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      )}\n\ncases ${figures.n} (half: ${opts.half}), error lines ${errors}, truth disease absent from the snapshot ${figures.truthNotInSnapshot}\n` +
        `throughput ${figures.casesPerSecond.toFixed(0)} cases/s (${workers} worker${workers > 1 ? 's' : ''}, including JSON parsing), latency per case p50 ${figures.p50ms.toFixed(2)} ms, p95 ${figures.p95ms.toFixed(2)} ms\n` +
        `\ncalibration of the first candidate's probability: ECE ${figures.calibration.ece.toFixed(3)}; shown at ≥ 90 %: ${pct(figures.calibration.shownAtLeast90)} of cases, wrong there: ${pct(figures.calibration.wrongAtLeast90)} of cases\n${reliabilityTable(figures.calibration)}\n`,
    );
    if (opts.byCohort) {
      const all = cohortTable(outcomes);
      const absent = all.filter((r) => r.truthAbsent === r.n);
      const rows = all.filter((r) => r.truthAbsent < r.n).slice(0, 30);
      process.stdout.write(
        `\n${absent.length} cohorts (${absent.reduce((s, r) => s + r.n, 0)} cases) have a diagnosis absent from the snapshot's annotations (cannot be ranked by phenotype)\n` +
          `weakest other cohorts (by disease top-10, n >= 5):\n${formatTable(['cohort', 'n', 'top-1', 'top-10', 'not in top 100', 'truth absent'], rows.map((r) => [r.cohort, r.n, pct(r.top1), pct(r.top10), r.notFound, r.truthAbsent]), ['l', 'r', 'r', 'r', 'r', 'r'])}\n`,
      );
    }
  }
  return { disease, gene, casesPerSecond: figures.casesPerSecond, p50ms: figures.p50ms };
}

function cohortTable(outcomes: CaseOutcome[]) {
  const by = new Map<string, CaseOutcome[]>();
  for (const o of outcomes) by.set(o.cohort, [...(by.get(o.cohort) ?? []), o]);
  return [...by.entries()]
    .filter(([, list]) => list.length >= 5)
    .map(([cohort, list]) => {
      const m = rankMetrics(list.map((o) => o.diseaseRank));
      return {
        cohort,
        n: list.length,
        top1: m.top1,
        top10: m.top10,
        notFound: list.filter((o) => o.diseaseRank === 0).length,
        truthAbsent: list.filter((o) => !o.truthInSnapshot).length,
      };
    })
    .sort((a, b) => a.top10 - b.top10 || b.n - a.n);
}

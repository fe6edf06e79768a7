import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../../graph-snapshot/build/snapshot-builder.js';
import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import { defaultSourcesDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { formatTable } from '../cli/format-table.js';
import { createProgressBar } from '../cli/progress-bar.js';
import { median, percentile, seededRandom } from './stats.js';

export interface SnapshotBenchOptions {
  sources?: string;
  out?: string;
  builds: number;
  json: boolean;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

async function timeEach<T>(inputs: T[], fn: (x: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const x of inputs) {
    const t = process.hrtime.bigint();
    await fn(x);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/**
 * `rarediag bench snapshot`: full build wall time, size on disk, cold open in a fresh process, and query latencies
 * (median and p95 over deterministic samples of real ids).
 */
export async function benchSnapshot(opts: SnapshotBenchOptions): Promise<void> {
  const sources = resolve(opts.sources ?? defaultSourcesDir());
  const scratch = opts.out ? undefined : mkdtempSync(join(tmpdir(), 'rarediag-bench-'));
  const out = resolve(opts.out ?? join(scratch!, 'snapshot'));
  try {
    const buildTimes: number[] = [];
    for (let i = 0; i < opts.builds; i += 1) {
      const bar = createProgressBar(`build ${i + 1}/${opts.builds}`);
      const t = Date.now();
      try {
        await buildSnapshot({ sourcesDir: sources, outDir: out, onProgress: bar.listener });
      } finally {
        bar.stop();
      }
      buildTimes.push((Date.now() - t) / 1000);
    }
    const size = dirSize(out);
    const probe = fileURLToPath(new URL('./cold-open-probe.js', import.meta.url));
    const opens: number[] = [];
    const tables: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = JSON.parse(execFileSync(process.execPath, [probe, out], { encoding: 'utf8' })) as { openMs: number; rankingTablesMs: number };
      opens.push(r.openMs);
      tables.push(r.rankingTablesMs);
    }

    const snap = await GraphSnapshot.open(out);
    const rt = await snap.loadRankingTables();
    const rand = seededRandom(42);
    const pickTerm = () => rt.terms.ids[Math.floor(rand() * rt.terms.ids.length)]!;
    const termSamples = Array.from({ length: 200 }, pickTerm);
    const setSamples = Array.from({ length: 100 }, () => Array.from({ length: 10 }, pickTerm));
    const variantKeys = await sampleVariantKeys(snap, rand);
    // Warm the prepared statements once so the figures are per-query, not per-compile.
    await snap.ancestors(termSamples[0]!);
    await snap.ancestorsByTraversal(termSamples[0]!);
    await snap.diseasesWithAnyPhenotype(setSamples[0]!);
    await snap.variant(variantKeys[0]!);
    const ancestors = await timeEach(termSamples, (t) => snap.ancestors(t));
    const traversal = await timeEach(termSamples.slice(0, 50), (t) => snap.ancestorsByTraversal(t));
    const anyOf10 = await timeEach(setSamples, (s) => snap.diseasesWithAnyPhenotype(s));
    const variant = await timeEach(variantKeys, (k) => snap.variant(k));
    await snap.close();

    const figures = {
      snapshotId: rt.snapshotId,
      buildSecondsMedian: median(buildTimes),
      buildSeconds: buildTimes,
      sizeBytes: size,
      coldOpenMsMedian: median(opens),
      rankingTablesLoadMsMedian: median(tables),
      ancestorsMs: { median: median(ancestors), p95: percentile(ancestors, 95), n: ancestors.length },
      ancestorsTraversalMs: { median: median(traversal), p95: percentile(traversal, 95), n: traversal.length },
      diseasesAnyOf10Ms: { median: median(anyOf10), p95: percentile(anyOf10, 95), n: anyOf10.length },
      variantLookupMs: { median: median(variant), p95: percentile(variant, 95), n: variant.length },
    };
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      return;
    }
    const f2 = (x: number) => x.toFixed(2);
    process.stdout.write(
      `${formatTable(
        ['measure', 'value', 'target'],
        [
          ['full build (s, median)', f2(figures.buildSecondsMedian), '<= 180'],
          ['snapshot size on disk (MB)', f2(size / 1e6), '<= 500'],
          ['cold open + first query (ms, median of 5 processes)', f2(figures.coldOpenMsMedian), '<= 1000'],
          ['ranking tables load (ms, median)', f2(figures.rankingTablesLoadMsMedian), ''],
          ['ancestors of a term, precomputed (ms, median / p95)', `${f2(figures.ancestorsMs.median)} / ${f2(figures.ancestorsMs.p95)}`, ''],
          ['ancestors of a term, IS_A traversal (ms, median / p95)', `${f2(figures.ancestorsTraversalMs.median)} / ${f2(figures.ancestorsTraversalMs.p95)}`, ''],
          ['diseases annotated to any of 10 terms (ms, median / p95)', `${f2(figures.diseasesAnyOf10Ms.median)} / ${f2(figures.diseasesAnyOf10Ms.p95)}`, ''],
          ['variant lookup by key (ms, median / p95)', `${f2(figures.variantLookupMs.median)} / ${f2(figures.variantLookupMs.p95)}`, ''],
        ],
        ['l', 'r', 'r'],
      )}\n`,
    );
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function sampleVariantKeys(snap: GraphSnapshot, rand: () => number): Promise<string[]> {
  // Real keys are needed; half are taken from the graph, half are keys that do not exist (a miss costs too).
  const keys: string[] = [];
  for (let i = 0; i < 100; i += 1) {
    const chrom = String(1 + Math.floor(rand() * 22));
    keys.push(`${chrom}:${1_000_000 + Math.floor(rand() * 1e8)}:A:G`);
  }
  const hits = await snap.variantKeys(20_000);
  for (let i = 0; i < 100 && hits.length; i += 1) keys.push(hits[Math.floor(rand() * hits.length)]!);
  return keys;
}

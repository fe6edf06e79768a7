import { resolve } from 'node:path';
import { readJsonRecords, type JsonLine } from '../../diagnosis/io/jsonl-reader.js';
import type { PhenotypeModel } from '../../diagnosis/ranking/phenotype-model.js';
import { hitAt, recallFigures } from '../../diagnosis/vignettes/disease-recall.js';
import type { DiseaseStudy } from '../../diagnosis/vignettes/vignette-study.js';
import { rankRecords } from '../batch/parallel-rank.js';
import { formatInt, formatTable } from '../cli/format-table.js';
import { createProgressBar } from '../cli/progress-bar.js';
import { truthOf } from './phenopacket-truth.js';
import { agreement, type Agreement } from './r-squared.js';
import type { VersionSpec } from './vignette-pool.js';

export interface RealCase {
  cohort: string;
  truth: string[];
  /** per version: the rank of the diagnosis among the top 10 (0: not there) */
  ranks: number[];
}

/** Cases of a phenopacket set (all, or the even / odd half by line order) and their truth. */
export async function readRealCases(input: string, half: 'all' | 'even' | 'odd'): Promise<{ records: JsonLine[]; cases: Omit<RealCase, 'ranks'>[] }> {
  const records: JsonLine[] = [];
  const cases: Omit<RealCase, 'ranks'>[] = [];
  let index = -1;
  for await (const rec of readJsonRecords(resolve(input))) {
    index += 1;
    if ((half === 'even' && index % 2 !== 0) || (half === 'odd' && index % 2 !== 1)) continue;
    records.push(rec);
    const w = (rec.ok ? rec.value : {}) as { cohort?: string; phenopacket?: unknown };
    cases.push({ cohort: w.cohort ?? '', truth: truthOf((w.phenopacket ?? w) as never).diseases });
  }
  return { records, cases };
}

/**
 * The real phenopackets ranked through runCase (the batch ranker's worker threads) by each version: a hit is a truth
 * id or the same MONDO concept, as in `bench phenopackets`.
 */
export async function rankRealCases(input: string, half: 'all' | 'even' | 'odd', versions: readonly VersionSpec[], models: readonly PhenotypeModel[], workers?: number): Promise<RealCase[]> {
  const { records, cases } = await readRealCases(input, half);
  const ranks: number[][] = cases.map(() => []);
  for (const [v, spec] of versions.entries()) {
    const m = models[v]!;
    const bar = createProgressBar(`real cases, ${v === 0 ? 'base' : 'candidate'}`);
    async function* source() {
      for (const r of records) yield r;
    }
    let i = 0;
    try {
      for await (const line of rankRecords(source(), spec.snapshotDir, 10, workers, spec.parameters)) {
        const c = cases[i]!;
        const out = JSON.parse(line.json) as { diseases?: { ids: string[]; mondo: string }[] };
        const mondo = new Set(c.truth.map((id) => m.diseaseMondo[m.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
        ranks[i]!.push((out.diseases ?? []).findIndex((d) => d.ids.some((id) => c.truth.includes(id)) || (d.mondo !== '' && mondo.has(d.mondo))) + 1);
        i += 1;
        if (i % 1000 === 0) bar.listener({ fraction: i / cases.length, step: `${formatInt(i)} cases` });
      }
    } finally {
      bar.stop();
    }
  }
  return cases.map((c, i) => ({ ...c, ranks: ranks[i]! }));
}

export interface GroupFigures {
  group: string;
  cases: number;
  /** per version: real recall@10 and the vignettes' prediction */
  real: number[];
  predicted: number[];
  /** every version knows the group's diagnoses (a disease one version lacks makes its change trivially predictable) */
  knownToAll: boolean;
}

export interface ValidationFigures {
  by: 'cohort' | 'disease';
  groups: GroupFigures[];
  /** cases whose diagnosis has no vignette (no phenotype profile in either version): not predictable */
  unpredictable: number;
  level: Agreement[];
  change?: {
    /** groups whose real recall@10 changed at all, and by at least 10 points */
    moved: number;
    movedBy10: number;
    all: Agreement;
    knownToAll: Agreement;
    /** only the groups whose real recall changed */
    movedOnly: Agreement;
  };
}

/**
 * Do the vignettes predict the real figures? Per group (cohort or diagnosis) with at least `minCases` predictable
 * cases: the real recall@10 of its phenopackets against the mean vignette recall@10 of their diagnoses, per version;
 * with two versions, the real change against the predicted change (the target: R² ≥ 0.6 on a change moving
 * ≥ 20 cohorts).
 */
export function validate(cases: readonly RealCase[], studies: readonly DiseaseStudy[], by: 'cohort' | 'disease', models: readonly PhenotypeModel[], minCases = 5): ValidationFigures {
  const versions = cases[0]?.ranks.length ?? 1;
  const recall = new Map<string, number[]>();
  for (const s of studies) {
    const all = [...s.screen, ...s.confirm];
    recall.set(s.diseaseId, Array.from({ length: versions }, (_, v) => recallFigures(all.map((x) => x[v]!.rank)).at10));
  }
  const groups = new Map<string, { cases: number; real: number[]; predicted: number[]; knownToAll: boolean }>();
  let unpredictable = 0;
  for (const c of cases) {
    const id = c.truth.find((t) => recall.has(t));
    if (!id) {
      unpredictable += 1;
      continue;
    }
    const key = by === 'cohort' ? c.cohort : id;
    const g = groups.get(key) ?? groups.set(key, { cases: 0, real: new Array(versions).fill(0), predicted: new Array(versions).fill(0), knownToAll: true }).get(key)!;
    g.cases += 1;
    for (let v = 0; v < versions; v += 1) {
      g.real[v]! += hitAt(c.ranks[v]!, 10) ? 1 : 0;
      g.predicted[v]! += recall.get(id)![v]!;
    }
    if (!models.every((m) => m.diseaseIndex.has(id))) g.knownToAll = false;
  }
  const rows: GroupFigures[] = [...groups.entries()]
    .filter(([, g]) => g.cases >= minCases)
    .map(([group, g]) => ({ group, cases: g.cases, real: g.real.map((x) => x / g.cases), predicted: g.predicted.map((x) => x / g.cases), knownToAll: g.knownToAll }))
    .sort((a, b) => (a.group < b.group ? -1 : 1));
  const out: ValidationFigures = {
    by,
    groups: rows,
    unpredictable,
    level: Array.from({ length: versions }, (_, v) => agreement(rows.map((r) => r.predicted[v]!), rows.map((r) => r.real[v]!))),
  };
  if (versions === 2) {
    const d = (xs: number[]) => xs[1]! - xs[0]!;
    const pick = (f: (r: GroupFigures) => boolean) => {
      const sel = rows.filter(f);
      return agreement(sel.map((r) => d(r.predicted)), sel.map((r) => d(r.real)));
    };
    out.change = {
      moved: rows.filter((r) => d(r.real) !== 0).length,
      movedBy10: rows.filter((r) => Math.abs(d(r.real)) >= 0.1 - 1e-9).length,
      all: pick(() => true),
      knownToAll: pick((r) => r.knownToAll),
      movedOnly: pick((r) => d(r.real) !== 0),
    };
  }
  return out;
}

export function printValidation(list: readonly ValidationFigures[], input: string): void {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  const lines = [`\nvalidation on ${input}: vignette recall@10 of each group's diagnoses against the real recall@10 of its cases`];
  const rows: string[][] = [];
  for (const v of list) {
    v.level.forEach((a, i) => rows.push([`${v.by}, ${list[0]!.level.length > 1 ? (i === 0 ? 'base' : 'candidate') : 'level'}`, String(a.n), f(a.regressionR2), f(a.predictionR2), f(a.slope), f(a.meanAbsoluteError)]));
    if (v.change) {
      rows.push([`${v.by}, change (all)`, String(v.change.all.n), f(v.change.all.regressionR2), f(v.change.all.predictionR2), f(v.change.all.slope), f(v.change.all.meanAbsoluteError)]);
      rows.push([`${v.by}, change (known to both)`, String(v.change.knownToAll.n), f(v.change.knownToAll.regressionR2), f(v.change.knownToAll.predictionR2), f(v.change.knownToAll.slope), f(v.change.knownToAll.meanAbsoluteError)]);
      rows.push([`${v.by}, change (real moved only)`, String(v.change.movedOnly.n), f(v.change.movedOnly.regressionR2), f(v.change.movedOnly.predictionR2), f(v.change.movedOnly.slope), f(v.change.movedOnly.meanAbsoluteError)]);
    }
  }
  lines.push(formatTable(['groups (≥ 5 predictable cases)', 'n', 'R² (regression)', 'R² (as predicted)', 'slope', 'mean abs error'], rows, ['l', 'r', 'r', 'r', 'r', 'r']));
  for (const v of list) {
    if (v.change) lines.push(`${v.by}: ${v.change.moved} groups' real recall@10 changed (${v.change.movedBy10} by ≥ 10 points); ${formatInt(v.unpredictable)} cases have no vignette for their diagnosis`);
    else lines.push(`${v.by}: ${formatInt(v.unpredictable)} cases have no vignette for their diagnosis`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

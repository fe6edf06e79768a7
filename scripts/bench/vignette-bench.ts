import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { PhenotypeModel } from '../../diagnosis/ranking/phenotype-model.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { describeDiff } from '../../diagnosis/vignettes/annotation-diff.js';
import { meanOfDiseases, recallFigures, type RecallFigures } from '../../diagnosis/vignettes/disease-recall.js';
import { studyMovers, type Mover, type MoverKind } from '../../diagnosis/vignettes/movers.js';
import { keyedRandom, pickDistinct } from '../../diagnosis/vignettes/seeded-random.js';
import { VignetteSampler } from '../../diagnosis/vignettes/vignette-sampler.js';
import { runVignetteStudy, type DiseaseStudy } from '../../diagnosis/vignettes/vignette-study.js';
import type { Vignette } from '../../diagnosis/vignettes/vignette.js';
import { formatInt, formatTable } from '../cli/format-table.js';
import { createProgressBar } from '../cli/progress-bar.js';
import { filterDiseases } from './disease-filter.js';
import { openVersions, startVignettePool, type VersionSpec } from './vignette-pool.js';

export interface VignetteBenchOptions {
  base: VersionSpec;
  /** a second snapshot and/or parameter set to compare with the base */
  candidate?: VersionSpec;
  perDisease: number;
  confirm: number;
  seed: number;
  k: number;
  fdr: number;
  /** --diseases */
  diseases?: string;
  /** a seeded random subset of this many diseases */
  sample?: number;
  /** restrict to these disease ids (validation: the diagnoses of a phenopacket set) */
  only?: readonly string[];
  /** the version whose knowledge the vignettes are drawn from (the other for diseases it lacks) */
  sampleFrom: 'base' | 'candidate';
  workers?: number;
  /** per-disease rows in the table (hardest first); all in --json */
  list: number;
  movers: number;
  json: boolean;
  /** also write the JSON figures to this file */
  save?: string;
  /** print the tables (false when a caller prints its own) */
  print: boolean;
}

export interface DiseaseFigures {
  id: string;
  label: string;
  /** the version the vignettes came from */
  from: 'base' | 'candidate';
  /** per version: recall over all the disease's vignettes (screening and confirming) */
  versions: RecallFigures[];
}

type KindCounts = Record<MoverKind, { harder: number; easier: number }>;

export interface VignetteBenchResult {
  versions: { role: 'base' | 'candidate'; snapshotDir: string; snapshotId: string; parameters: Partial<RankerParameters> }[];
  seed: number;
  vignettesPerDisease: number;
  confirm: number;
  k: number;
  fdr: number;
  diseases: number;
  vignettes: number;
  seconds: number;
  /** CPU seconds of all threads while ranking */
  cpuSeconds: number;
  vignettesPerSecond: number;
  workers: number;
  /** what the vignettes look like (mean present / excluded terms, share with an age) */
  shape: { present: number; excluded: number; unrelated: number; imprecise: number; withAge: number };
  /** mean over diseases (each disease weighs the same) */
  overall: RecallFigures[];
  perDisease: DiseaseFigures[];
  compare?: { tested: number; moved: number; harder: number; easier: number; byKind: KindCounts; movers: Mover[] };
}

/**
 * `rarediag bench vignettes`: synthetic vignettes (diagnosis/vignettes) for every disease with a phenotype profile, or
 * a selection, ranked through runCase on worker threads by one version (a snapshot and ranker parameters) or two;
 * per-disease and overall recall@1/3/10 and mean rank; with two versions the diseases whose recall@k changed beyond
 * sampling noise, and why (their own annotation changes, the disease that took their place).
 */
export async function runVignetteBench(o: VignetteBenchOptions): Promise<VignetteBenchResult & { studies: DiseaseStudy[]; models: PhenotypeModel[] }> {
  const specs = o.candidate ? [o.base, o.candidate] : [o.base];
  const { sessions, close } = await openVersions(specs);
  try {
    const models = sessions.map((s) => s.model);
    const samplers = new Map<PhenotypeModel, VignetteSampler>();
    const samplerOf = (m: PhenotypeModel) => samplers.get(m) ?? samplers.set(m, new VignetteSampler(m)).get(m)!;
    const ref = o.sampleFrom === 'candidate' && models.length === 2 ? 1 : 0;
    const primary = samplerOf(models[ref]!);
    const other = models.length === 2 && models[1 - ref] !== models[ref] ? samplerOf(models[1 - ref]!) : undefined;
    const fromOf = new Map<string, 'base' | 'candidate'>();
    const refRole = ref === 0 ? 'base' : 'candidate';
    const otherRole = ref === 0 ? 'candidate' : 'base';
    for (const id of primary.diseasesWithProfile()) fromOf.set(id, refRole);
    for (const id of other?.diseasesWithProfile() ?? []) if (!fromOf.has(id)) fromOf.set(id, otherRole);
    let diseases = filterDiseases([...fromOf.keys()].sort(), o.diseases);
    if (o.only) {
      const only = new Set(o.only);
      diseases = diseases.filter((id) => only.has(id));
    }
    if (o.sample !== undefined && o.sample < diseases.length) {
      const chosen = new Set(pickDistinct(keyedRandom(o.seed, 'disease sample'), diseases, o.sample));
      diseases = diseases.filter((id) => chosen.has(id));
    }
    const draw = (id: string, i: number): Vignette | undefined => (fromOf.get(id) === refRole ? primary : other!).sample(id, i, o.seed);

    const started = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const pool = await startVignettePool(specs, o.workers);
    const bar = createProgressBar('vignettes');
    let studies: DiseaseStudy[];
    try {
      studies = await runVignetteStudy(diseases, draw, pool.rank, specs.length, {
        perDisease: o.perDisease,
        confirm: o.confirm,
        k: o.k,
        onProgress: (fraction, step) => bar.listener({ fraction, step }),
      });
    } finally {
      bar.stop();
      await pool.close();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // every thread of the process: what the run costs on an idle machine (the wall time depends on what else runs)
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const vignettes = studies.reduce((s, x) => s + x.screen.length + x.confirm.length, 0);
    const perDisease: DiseaseFigures[] = studies.map((s) => {
      const m = models[ref]!;
      const d = m.diseaseIndex.get(s.diseaseId);
      const all = [...s.screen, ...s.confirm];
      return {
        id: s.diseaseId,
        label: d !== undefined ? m.diseaseLabels[d]! : labelIn(models, s.diseaseId),
        from: fromOf.get(s.diseaseId)!,
        versions: specs.map((_, v) => recallFigures(all.map((x) => x[v]!.rank))),
      };
    });
    const result: VignetteBenchResult = {
      versions: specs.map((spec, v) => ({ role: v === 0 ? 'base' : 'candidate', snapshotDir: spec.snapshotDir, snapshotId: sessions[v]!.snapshotId, parameters: spec.parameters })),
      seed: o.seed,
      vignettesPerDisease: o.perDisease,
      confirm: specs.length === 2 ? o.confirm : 0,
      k: o.k,
      fdr: o.fdr,
      diseases: studies.length,
      vignettes,
      seconds,
      cpuSeconds,
      vignettesPerSecond: vignettes / seconds,
      workers: o.workers ?? Math.min(2, availableParallelism()),
      shape: shapeOf(diseases, draw, o.perDisease),
      overall: specs.map((_, v) => meanOfDiseases(perDisease.map((d) => d.versions[v]!))),
      perDisease,
    };
    if (specs.length === 2) {
      const movers = studyMovers(studies, models[0], models[1], o.k, o.fdr);
      const moved = movers.filter((m) => m.moved);
      const byKind = Object.fromEntries(MOVER_KINDS.map((k) => [k, { harder: moved.filter((m) => m.kind === k && m.delta < 0).length, easier: moved.filter((m) => m.kind === k && m.delta > 0).length }])) as KindCounts;
      result.compare = { tested: movers.length, moved: moved.length, harder: moved.filter((m) => m.delta < 0).length, easier: moved.filter((m) => m.delta > 0).length, byKind, movers };
    }
    if (o.print) printResult(result, o);
    return { ...result, studies, models };
  } finally {
    await close();
  }
}

function labelIn(models: PhenotypeModel[], id: string): string {
  for (const m of models) {
    const d = m.diseaseIndex.get(id);
    if (d !== undefined) return m.diseaseLabels[d]!;
  }
  return id;
}

/** The vignettes' shape, from the first vignette of up to 2,000 diseases (cheap; the sampler is pure). */
function shapeOf(diseases: readonly string[], draw: (id: string, i: number) => Vignette | undefined, perDisease: number): VignetteBenchResult['shape'] {
  const step = Math.max(1, Math.floor(diseases.length / 2000));
  const vs: Vignette[] = [];
  for (let i = 0; i < diseases.length; i += step) for (let j = 0; j < Math.min(perDisease, 2); j += 1) {
    const v = draw(diseases[i]!, j);
    if (v) vs.push(v);
  }
  const mean = (f: (v: Vignette) => number) => vs.reduce((s, v) => s + f(v), 0) / Math.max(1, vs.length);
  return {
    present: mean((v) => v.present.length),
    excluded: mean((v) => v.excluded.length),
    unrelated: mean((v) => v.origin.filter((x) => x === 'unrelated').length),
    imprecise: mean((v) => v.origin.filter((x) => x === 'imprecise').length),
    withAge: mean((v) => (v.ageYears === undefined ? 0 : 1)),
  };
}

/** diseases whose own knowledge changed come first in the table: a disease added or removed moves trivially */
const MOVER_KINDS: MoverKind[] = ['own annotations', 'knock-on', 'added', 'removed'];

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-');
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const paramText = (p: Partial<RankerParameters>) => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults';

/** The figures as JSON (non-finite numbers as null). */
export function resultJson(r: VignetteBenchResult): string {
  const { compare, ...rest } = r;
  const out = compare ? { ...rest, compare: { ...compare, movers: compare.movers.map(moverOut) } } : rest;
  return `${JSON.stringify(out, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

export function printResult(r: VignetteBenchResult, o: Pick<VignetteBenchOptions, 'list' | 'movers' | 'json' | 'save'>): void {
  if (o.save) writeFileSync(o.save, resultJson(r));
  if (o.json) {
    process.stdout.write(resultJson(r));
    return;
  }
  const lines: string[] = [];
  lines.push(
    formatTable(
      ['version', 'snapshot', 'parameters', 'diseases', 'vignettes', 'recall@1', 'recall@3', 'recall@10', 'mean rank'],
      r.versions.map((v, i) => [v.role, v.snapshotId, paramText(v.parameters), formatInt(r.diseases), formatInt(r.overall[i]!.n), pct(r.overall[i]!.at1), pct(r.overall[i]!.at3), pct(r.overall[i]!.at10), num(r.overall[i]!.meanRank)]),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  const s = r.shape;
  lines.push(
    '',
    `figures are means over diseases (each weighs the same); seed ${r.seed}, ${r.vignettesPerDisease} vignettes per disease${r.confirm ? `, ${r.confirm} more to confirm a change` : ''}`,
    `a vignette holds ${s.present.toFixed(1)} present terms (${s.unrelated.toFixed(1)} unrelated, ${s.imprecise.toFixed(1)} given as an ancestor) and ${s.excluded.toFixed(1)} excluded; ${pct(s.withAge)} have an age`,
    `${formatInt(r.vignettes)} vignettes ranked through runCase by ${r.versions.length} version${r.versions.length > 1 ? 's' : ''} in ${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU ` +
      `(${r.vignettesPerSecond.toFixed(0)} vignettes/s, ${r.workers} worker${r.workers > 1 ? 's' : ''}, load average ${loadavg()[0]!.toFixed(1)})`,
  );
  if (o.list > 0) {
    const rows = [...r.perDisease].sort((a, b) => a.versions[0]!.at10 - b.versions[0]!.at10 || a.versions[0]!.at1 - b.versions[0]!.at1 || (a.id < b.id ? -1 : 1)).slice(0, o.list);
    lines.push(
      '',
      `${rows.length < r.perDisease.length ? `hardest ${rows.length} diseases` : 'diseases'} (base version; all of them in --json):`,
      formatTable(
        ['disease', 'label', 'n', 'recall@1', 'recall@3', 'recall@10', 'mean rank'],
        rows.map((d) => [d.id, d.label.slice(0, 48), d.versions[0]!.n, pct(d.versions[0]!.at1), pct(d.versions[0]!.at3), pct(d.versions[0]!.at10), num(d.versions[0]!.meanRank)]),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  if (r.compare) {
    const c = r.compare;
    lines.push(
      '',
      `${formatInt(c.tested)} diseases had a screening vignette found at ${r.k} by one version only and were tested on ${r.confirm} fresh vignettes; ` +
        `${formatInt(c.moved)} moved beyond sampling noise (exact McNemar, Benjamini-Hochberg q ≤ ${r.fdr}): ${formatInt(c.harder)} harder, ${formatInt(c.easier)} easier`,
    );
    lines.push(`  by cause: ${MOVER_KINDS.map((k) => `${k} ${c.byKind[k].harder} harder / ${c.byKind[k].easier} easier`).join('; ')}`);
    for (const kind of MOVER_KINDS) {
      const moved = c.movers.filter((m) => m.moved && m.kind === kind).slice(0, kind === 'added' || kind === 'removed' ? Math.min(5, o.movers) : o.movers);
      if (!moved.length) continue;
      lines.push(
        '',
        `largest movers, ${kind === 'own annotations' ? 'their own annotations changed' : kind === 'knock-on' ? 'nothing of their own changed' : `${kind} ${kind === 'added' ? 'to' : 'from'} the knowledge`} (recall@${r.k}, base → candidate):`,
        formatTable(
          ['disease', 'label', 'before', 'after', 'q', 'its own annotations', 'took / gave its place'],
          moved.map((m) => [m.diseaseId, m.label.slice(0, 40), pct(m.before), pct(m.after), m.q.toExponential(1), describeDiff(m.changes, 2).slice(0, 80), m.competitor ? `${m.competitor.id} ${m.competitor.label.slice(0, 30)}` : '']),
          ['l', 'l', 'r', 'r', 'r', 'l', 'l'],
        ),
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

const moverOut = (m: Mover) => ({ ...m, changesText: describeDiff(m.changes) });

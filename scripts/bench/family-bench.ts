import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ListedVariant } from '../../diagnosis/case-input/listed-variant.js';
import { parsePhenopacketCase } from '../../diagnosis/case-input/phenopacket-input.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import type { RankResult } from '../../diagnosis/ranking/ranker.js';
import { formatTable } from '../cli/format-table.js';
import { truthOf } from './phenopacket-truth.js';
import { rankMetrics, type RankMetrics } from './rank-metrics.js';
import { median } from './stats.js';
import { seededRandom } from './stats.js';
import { simulateTrio, splitBackground, type CausalCall } from './trio-simulation.js';
import { causalRecords, type Wrapper } from './variant-bench.js';

export interface FamilyBenchOptions {
  input: string;
  background: string;
  snapshot: string;
  half: 'all' | 'even' | 'odd';
  limit?: number;
  /** every k-th case of the half only (the set is ordered by cohort: a stride samples across cohorts) */
  stride: number;
  /** also rank each trio's proband alone (the same VCF, no pedigree) */
  singleton: boolean;
  json: boolean;
}

/**
 * `rarediag bench family` (issue 14): development benchmark of the two family inputs, every case through `runCase`.
 *
 * - Trio: the real background exome split between two simulated unaffected parents, 30 apparent de novo calls, the
 *   causal variants (GRCh38 vcfRecord lifted to GRCh37) placed by mode (trio-simulation.ts); the joint VCF and a PED
 *   are written and read like a user's files, so the time per case is the whole run (read, annotate, rank).
 * - List: a 5-variant candidate list, the causal variant(s) plus decoys: real causal variants of other cases' genes
 *   (earlier cases of the set) and rare background calls; no inheritance or class stated (nothing that gives the
 *   answer away).
 */
export async function runFamilyBench(opts: FamilyBenchOptions): Promise<void> {
  const session = await KnowledgeSession.open(resolve(opts.snapshot));
  const down = await session.liftover38to37();
  const m = session.model;
  // genes with a disease in the snapshot: a case whose gene is not among them cannot be ranked by gene at all
  const rankableGenes = new Set(m.diseaseGenes.flatMap((genes) => genes.map((g) => m.geneSymbols[g]!)));
  const rankable: boolean[] = [];
  const background = splitBackground(gunzipSync(readFileSync(resolve(opts.background))).toString('utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'rarediag-family-bench-'));
  const ranks = { trioGene: [] as number[], trioDisease: [] as number[], soloGene: [] as number[], soloDisease: [] as number[], listGene: [] as number[], listDisease: [] as number[] };
  const times: number[] = [];
  const placements = new Map<string, number>();
  const otherCausal: ListedVariant[] = [];
  let index = -1;
  let cases = 0;
  let skipped = 0;
  try {
    for await (const rec of readJsonRecords(resolve(opts.input))) {
      index += 1;
      if (opts.half === 'even' && index % 2 !== 0) continue;
      if (opts.half === 'odd' && index % 2 !== 1) continue;
      if (Math.floor(index / (opts.half === 'all' ? 1 : 2)) % opts.stride !== 0) continue;
      if (opts.limit !== undefined && cases >= opts.limit) break;
      if (!rec.ok) continue;
      const parsed = parsePhenopacketCase(rec.value);
      if (!parsed.ok || parsed.findings.present.length === 0) continue;
      const w = rec.value as Wrapper;
      const truth = truthOf((w.phenopacket ?? {}) as never);
      const causal: CausalCall[] = [];
      const listed: ListedVariant[] = [];
      for (const r of causalRecords(w)) {
        const lifted = down.liftVariant(r.chrom, r.pos, r.ref, r.alt);
        const zygosity = r.zygosity === 'homozygous' ? 'homozygous' : r.zygosity === 'hemizygous' ? 'hemizygous' : 'heterozygous';
        listed.push({ chrom: r.chrom, pos: r.pos, ref: r.ref, alt: r.alt, assembly: 'GRCh38', zygosity, source: `case ${index}` });
        if (lifted.ok) causal.push({ chrom: lifted.chrom, pos: lifted.pos, ref: lifted.ref, alt: lifted.alt, zygosity });
      }
      if (causal.length === 0) {
        skipped += 1;
        continue;
      }
      cases += 1;
      rankable.push(truth.genes.some((g) => rankableGenes.has(g)));
      const truthMondo = new Set(truth.diseases.map((id) => m.diseaseMondo[m.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
      const diseaseRank = (r: RankResult) => r.diseases.findIndex((d) => d.ids.some((id) => truth.diseases.includes(id)) || (d.mondo !== '' && truthMondo.has(d.mondo))) + 1;
      const geneRank = (r: RankResult) => r.genes.findIndex((g) => truth.genes.includes(g.symbol)) + 1;
      const inputs = runInputsOfFindings(parsed.findings);

      // trio
      const sex = parsed.findings.sex === 'MALE' || parsed.findings.sex === 'FEMALE' ? parsed.findings.sex : undefined;
      const trio = simulateTrio(background, causal, { seed: index + 1, probandSex: sex });
      placements.set(trio.placement, (placements.get(trio.placement) ?? 0) + 1);
      const vcf = join(dir, 'trio.vcf');
      const ped = join(dir, 'trio.ped');
      writeFileSync(vcf, trio.vcf);
      writeFileSync(ped, trio.ped);
      const t0 = performance.now();
      const run = await runCase(session, { ...inputs, variants: { path: vcf, sample: 'proband', assembly: 'GRCh37' }, pedigree: { path: ped } }, { top: 100, explain: 0 });
      times.push(performance.now() - t0);
      ranks.trioGene.push(geneRank(run.ranking));
      ranks.trioDisease.push(diseaseRank(run.ranking));
      if (process.env['FAMILY_BENCH_DEBUG'] && geneRank(run.ranking) !== 1) {
        const top = run.ranking.genes.slice(0, 3).map((g) => `${g.symbol} ${g.score.toFixed(1)} ${g.genotype?.reason ?? ''}`);
        const hit = run.ranking.genes.find((g) => truth.genes.includes(g.symbol));
        process.stderr.write(`miss ${index} ${truth.genes.join('/')} ${trio.placement} rank ${geneRank(run.ranking)} ${hit ? `${hit.score.toFixed(1)} ${hit.genotype?.reason}` : ''}\n  ${top.join('\n  ')}\n`);
      }
      if (opts.singleton) {
        const solo = await runCase(session, { ...inputs, variants: { path: vcf, sample: 'proband', assembly: 'GRCh37' } }, { top: 100, explain: 0 });
        ranks.soloGene.push(geneRank(solo.ranking));
        ranks.soloDisease.push(diseaseRank(solo.ranking));
      }

      // 5-variant list: the causal variant(s), up to two causal variants of earlier cases, rare background calls
      const rnd = seededRandom(index + 1000);
      const truthGenes = new Set(truth.genes);
      const decoys: ListedVariant[] = otherCausal.filter((v) => !truthGenes.has(v.gene ?? '')).slice(-2);
      while (listed.length + decoys.length < 5) {
        const c = background.records[Math.floor(rnd() * background.records.length)]!;
        if (c[4]!.includes(',') || !/^[ACGT]+$/.test(c[3]!) || !/^[ACGT]+$/.test(c[4]!)) continue;
        decoys.push({ chrom: c[0]!, pos: Number(c[1]), ref: c[3]!, alt: c[4]!, assembly: 'GRCh37', zygosity: 'heterozygous', source: 'background' });
      }
      const list = [...listed, ...decoys].sort((a, b) => (rnd() < 0.5 ? -1 : 1) || a.source.localeCompare(b.source));
      const lr = await runCase(session, { ...inputs, candidateVariants: { variants: list, source: 'bench list' } }, { top: 100, explain: 0 });
      ranks.listGene.push(geneRank(lr.ranking));
      ranks.listDisease.push(diseaseRank(lr.ranking));
      if (process.env['FAMILY_BENCH_DEBUG'] && geneRank(lr.ranking) !== 1) {
        const top = lr.ranking.genes.slice(0, 3).map((g) => `${g.symbol} ${g.score.toFixed(1)} ${g.genotype?.reason ?? ''} ${g.variants?.map((v) => v.assessment.tier).join(',') ?? ''}`);
        const hit = lr.ranking.genes.find((g) => truth.genes.includes(g.symbol));
        process.stderr.write(`list miss ${index} ${truth.genes.join('/')} rank ${geneRank(lr.ranking)} ${hit ? `${hit.score.toFixed(1)} ${hit.genotype?.reason} ${hit.variants?.map((v) => v.assessment.tier).join(',')}` : ''}\n  ${top.join('\n  ')}\n`);
      }
      for (const v of listed) otherCausal.push({ ...v, gene: truth.genes[0] ?? '' });
      if (otherCausal.length > 50) otherCausal.splice(0, otherCausal.length - 50);
      if (cases % 25 === 0) process.stderr.write(`${cases} cases, trio gene top-1 ${(100 * rankMetrics(ranks.trioGene).top1).toFixed(1)} %\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await session.close();
  }
  const onRankable = (r: number[]) => rankMetrics(r.filter((_, i) => rankable[i]));
  const figures = {
    cases,
    rankableCases: rankable.filter(Boolean).length,
    trioRankable: { gene: onRankable(ranks.trioGene), disease: onRankable(ranks.trioDisease) },
    listRankable: { gene: onRankable(ranks.listGene), disease: onRankable(ranks.listDisease) },
    skippedWithoutLiftableRecord: skipped,
    placements: Object.fromEntries(placements),
    trio: { gene: rankMetrics(ranks.trioGene), disease: rankMetrics(ranks.trioDisease) },
    ...(opts.singleton ? { probandAlone: { gene: rankMetrics(ranks.soloGene), disease: rankMetrics(ranks.soloDisease) } } : {}),
    list: { gene: rankMetrics(ranks.listGene), disease: rankMetrics(ranks.listDisease) },
    trioSecondsPerCase: { median: median(times) / 1000, max: Math.max(...times) / 1000 },
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const row = (name: string, x: RankMetrics) => [name, pct(x.top1), pct(x.top3), pct(x.top10), x.mrr.toFixed(3)];
  const rows = [row('trio, gene', figures.trio.gene), row('trio, disease', figures.trio.disease)];
  if (figures.probandAlone) rows.push(row('proband alone, gene', figures.probandAlone.gene), row('proband alone, disease', figures.probandAlone.disease));
  rows.push(row('5-variant list, gene', figures.list.gene), row('5-variant list, disease', figures.list.disease));
  rows.push(
    row(`trio, gene (gene in the snapshot, ${figures.rankableCases})`, figures.trioRankable.gene),
    row(`trio, disease (same cases)`, figures.trioRankable.disease),
    row(`5-variant list, gene (same cases)`, figures.listRankable.gene),
  );
  process.stdout.write(
    `${formatTable(['ranking', 'top-1', 'top-3', 'top-10', 'MRR'], rows, ['l', 'r', 'r', 'r', 'r'])}\n\n` +
      `cases ${cases} (half: ${opts.half}); ${skipped} without a liftable vcfRecord; placements ${JSON.stringify(figures.placements)}\n` +
      `trio run (read + annotate + rank, ${background.records.length} background records): median ${figures.trioSecondsPerCase.median.toFixed(2)} s, max ${figures.trioSecondsPerCase.max.toFixed(2)} s per case\n`,
  );
}

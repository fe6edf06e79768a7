import { writeFileSync } from 'node:fs';
import { normaliseChrom } from '../../graph-snapshot/parsers/ncbi-gene-parser.js';
import { resolve } from 'node:path';
import type { KnowledgeSession as Session } from '../../diagnosis/pipeline/knowledge-session.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import type { RankResult } from '../../diagnosis/ranking/ranker.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { ClinVarIndex } from '../../diagnosis/variants/clinvar-index.js';
import { GeneConstraintTable } from '../../diagnosis/variants/gene-constraint.js';
import type { PatientVariants } from '../../diagnosis/variants/patient-variants.js';
import { TranscriptIndex } from '../../diagnosis/variants/transcript-index.js';
import { VariantAnnotator, type AnnotatedVariant } from '../../diagnosis/variants/variant-annotator.js';
import { readVcf, type VcfCall, type VcfReadSummary } from '../../diagnosis/variants/vcf-reader.js';
import { formatTable } from '../cli/format-table.js';
import { median } from './stats.js';
import { rankMetrics, type RankMetrics } from './rank-metrics.js';
import { spikedCases } from './spiked-cases.js';
import { addCnvCalls } from '../../diagnosis/variants/cnv-calls.js';
import { autosomeSpans, decoyCnvs, geneExtents, spikedCnv } from './spiked-cnvs.js';

export interface VariantBenchOptions {
  input: string;
  background: string;
  snapshot: string;
  half: 'all' | 'even' | 'odd';
  limit?: number;
  json: boolean;
  parameters?: Partial<RankerParameters>;
  /** also rank with the variant evidence taken apart (no transcript models, location only, + constraint) */
  ablation?: boolean;
  /** write every case's ranks per arm as JSON lines (failure analysis) */
  casesOut?: string;
}

/** One way of annotating the VCF: the ablation rows of the benchmark. */
interface Arm {
  name: string;
  annotator: VariantAnnotator;
  background: Map<number, AnnotatedVariant[]>;
  /** + CNV: the case's structural variant spiked as a copy-number call, with decoy calls (spiked-cnvs.ts) */
  cnv?: boolean;
}

/** Decoy copy-number calls per case in the + CNV arm (a handful of rare CNVs over 20 kb, as a healthy genome carries). */
const DECOY_CNVS = 4;

/** The annotators of the ablation: what the genotype evidence was before transcript models, location only, + constraint. */
async function ablationAnnotators(session: Session, all: boolean): Promise<{ name: string; annotator: VariantAnnotator; cnv?: boolean }[]> {
  const full = await session.variantAnnotator();
  if (!all) return [{ name: 'location + constraint', annotator: full }];
  const models = await session.graph.loadGeneModels();
  const clinvar = new ClinVarIndex(await session.graph.loadVariantIndex());
  const lift = await session.graph.liftover37to38();
  const transcripts = { GRCh37: new TranscriptIndex(models.transcripts.GRCh37), GRCh38: new TranscriptIndex(models.transcripts.GRCh38) };
  const noConstraint = new GeneConstraintTable({ ncbiIds: [], symbols: [], pli: [], loeuf: [], misZ: [] });
  return [
    { name: 'no transcript models (ClinVar only)', annotator: new VariantAnnotator(session.model, clinvar, lift) },
    { name: 'location only', annotator: new VariantAnnotator(session.model, clinvar, lift, { transcripts, constraint: noConstraint }) },
    { name: 'location + constraint', annotator: full },
    { name: '+ CNV', annotator: full, cnv: true },
  ];
}

function annotateAll(annotator: VariantAnnotator, calls: VcfCall[]): Map<number, AnnotatedVariant[]> {
  const byGene = new Map<number, AnnotatedVariant[]>();
  for (const call of calls) {
    const o = annotator.annotate(call, 'GRCh37');
    if (o.kind !== 'annotated') continue;
    for (const p of o.placements) (byGene.get(p.gene) ?? byGene.set(p.gene, []).get(p.gene)!).push(p.variant);
  }
  return byGene;
}

/**
 * `rarediag bench variants`: each phenopacket's causal variants (GRCh38 vcfRecord, zygosity from allelicState) are
 * lifted to GRCh37 and spiked into the real background exome (GRCh37, ID column ignored), then the case is ranked
 * with phenotype + VCF and with phenotype only. The background is read once through the real VCF reader and
 * annotated once per arm; each case adds its spiked calls to it in memory. With --ablation, the VCF evidence is also
 * ranked without transcript models and with location only, so each part shows its worth.
 */
export async function runVariantBench(opts: VariantBenchOptions): Promise<void> {
  const session = await KnowledgeSession.open(resolve(opts.snapshot), { parameters: opts.parameters });
  const down = await session.liftover38to37();
  const calls: VcfCall[] = [];
  const summary: VcfReadSummary = await readVcf(resolve(opts.background), {}, (call) => calls.push({ ...call, id: undefined }));
  const arms: Arm[] = [];
  let annotateSeconds = 0;
  for (const a of await ablationAnnotators(session, !!opts.ablation)) {
    const t0 = process.hrtime.bigint();
    const same = arms.find((x) => x.annotator === a.annotator);
    arms.push({ ...a, background: same ? same.background : annotateAll(a.annotator, calls) });
    if (!same) annotateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  const main = arms.find((a) => a.name === 'location + constraint')!;
  const gx37 = (await session.variantAnnotator()).transcriptIndex('GRCh37');
  const extents = gx37 ? geneExtents(gx37) : new Map();
  const spans = gx37 ? autosomeSpans(gx37) : [];
  let structuralCases = 0;
  let cnvSpiked = 0;
  const structuralIndex: number[] = [];

  const m = session.model;
  const ranks = arms.map(() => ({ gene: [] as number[], disease: [] as number[] }));
  const pheno = { gene: [] as number[], disease: [] as number[] };
  const caseLines: string[] = [];
  let cases = 0;
  let spiked = 0;
  let unliftable = 0;
  let casesWithoutRecord = 0;
  const times: number[] = [];
  for await (const c of spikedCases(opts.input, down, opts.half, opts.limit)) {
    cases += 1;
    unliftable += c.unliftable;
    if (c.structural.some((sv) => spikedCnv(sv, extents))) {
      structuralCases += 1;
      structuralIndex.push(cases - 1);
    }
    if (c.calls.length === 0) casesWithoutRecord += 1;
    const truthMondo = new Set(c.truth.diseases.map((id) => m.diseaseMondo[m.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
    const diseaseRank = (r: RankResult) => r.diseases.findIndex((d) => d.ids.some((id) => c.truth.diseases.includes(id)) || (d.mondo !== '' && truthMondo.has(d.mondo))) + 1;
    const geneRank = (r: RankResult) => r.genes.findIndex((g) => c.truth.genes.includes(g.symbol)) + 1;
    const inputs = runInputsOfFindings(c.findings);
    const line: Record<string, unknown> = { index: c.index, cohort: c.cohort, truth: c.truth };
    for (const [k, arm] of arms.entries()) {
      const byGene = new Map(arm.background);
      for (const call of c.calls) {
        const o = arm.annotator.annotate({ ...call, filter: 'PASS', line: 0 }, 'GRCh37');
        if (o.kind !== 'annotated') continue;
        if (arm === main) spiked += 1;
        for (const p of o.placements) byGene.set(p.gene, [...(byGene.get(p.gene) ?? []), p.variant]);
      }
      let variants: PatientVariants = { byGene, summary: { ...summary, lifted: 0, unlifted: 0, unliftedByReason: {}, unliftedExamples: [], inGenes: 0 } };
      if (arm.cnv) {
        const causal = c.structural.map((sv) => spikedCnv(sv, extents)).filter((x) => x !== undefined);
        if (causal.length) cnvSpiked += causal.length;
        variants = addCnvCalls(variants, [...causal, ...decoyCnvs(c.index, DECOY_CNVS, spans)], arm.annotator, 'GRCh37', 'spiked copy-number calls');
      }
      const run = await runCase(session, { ...inputs, variants: { preloaded: variants, label: 'background exome + spiked causal variants' } }, { top: 100, explain: 0 });
      if (arm === main) times.push(run.timings['rankMs']!);
      ranks[k]!.gene.push(geneRank(run.ranking));
      ranks[k]!.disease.push(diseaseRank(run.ranking));
      line[arm.name] = { gene: geneRank(run.ranking), disease: diseaseRank(run.ranking) };
    }
    const p = (await runCase(session, inputs, { top: 100, explain: 0 })).ranking;
    pheno.gene.push(geneRank(p));
    pheno.disease.push(diseaseRank(p));
    line['phenotype only'] = { gene: geneRank(p), disease: diseaseRank(p) };
    if (opts.casesOut) caseLines.push(JSON.stringify(line));
  }
  await session.close();
  if (opts.casesOut) writeFileSync(opts.casesOut, `${caseLines.join('\n')}\n`);
  const k = arms.indexOf(main);
  const figures = {
    cases,
    casesWithoutVcfRecord: casesWithoutRecord,
    spikedVariants: spiked,
    unliftableToGrch37: unliftable,
    background: { records: summary.records, passed: summary.passed, annotateSeconds, recordsPerSecond: summary.records / annotateSeconds },
    withVariants: { disease: rankMetrics(ranks[k]!.disease), gene: rankMetrics(ranks[k]!.gene) },
    phenotypeOnly: { disease: rankMetrics(pheno.disease), gene: rankMetrics(pheno.gene) },
    ablation: arms.map((a, i) => ({ arm: a.name, disease: rankMetrics(ranks[i]!.disease), gene: rankMetrics(ranks[i]!.gene) })),
    /** the cases whose phenopacket names a deletion or duplication of a gene (the + CNV arm spikes it) */
    structural: {
      cases: structuralCases,
      spikedCnvs: cnvSpiked,
      decoysPerCase: DECOY_CNVS,
      ablation: arms.map((a, i) => ({ arm: a.name, disease: rankMetrics(structuralIndex.map((k) => ranks[i]!.disease[k]!)), gene: rankMetrics(structuralIndex.map((k) => ranks[i]!.gene[k]!)) })),
      phenotypeOnly: { disease: rankMetrics(structuralIndex.map((k) => pheno.disease[k]!)), gene: rankMetrics(structuralIndex.map((k) => pheno.gene[k]!)) },
    },
    rankWithVcfMsMedian: median(times),
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const row = (name: string, x: RankMetrics) => [name, pct(x.top1), pct(x.top3), pct(x.top10), x.mrr.toFixed(3)];
  let text = formatTable(
    ['ranking', 'top-1', 'top-3', 'top-10', 'MRR'],
    [
      row('gene, phenotype + VCF', figures.withVariants.gene),
      row('gene, phenotype only', figures.phenotypeOnly.gene),
      row('disease, phenotype + VCF', figures.withVariants.disease),
      row('disease, phenotype only', figures.phenotypeOnly.disease),
    ],
    ['l', 'r', 'r', 'r', 'r'],
  );
  if (opts.ablation) {
    text += `\n\n${formatTable(
      ['VCF evidence (ablation)', 'gene top-1', 'gene top-10', 'disease top-1', 'disease top-10'],
      figures.ablation.map((a) => [a.arm, pct(a.gene.top1), pct(a.gene.top10), pct(a.disease.top1), pct(a.disease.top10)]),
      ['l', 'r', 'r', 'r', 'r'],
    )}`;
    const st = figures.structural;
    text += `\n\n${formatTable(
      [`${st.cases} cases with a gene deletion/duplication`, 'gene top-1', 'gene top-10', 'disease top-1', 'disease top-10'],
      [
        ...st.ablation.map((a) => [a.arm, pct(a.gene.top1), pct(a.gene.top10), pct(a.disease.top1), pct(a.disease.top10)]),
        ['phenotype only', pct(st.phenotypeOnly.gene.top1), pct(st.phenotypeOnly.gene.top10), pct(st.phenotypeOnly.disease.top1), pct(st.phenotypeOnly.disease.top10)],
      ],
      ['l', 'r', 'r', 'r', 'r'],
    )}\n+ CNV: each case's named deletion/duplication spiked as a GRCh37 copy-number call (${st.spikedCnvs} calls), plus ${st.decoysPerCase} decoy calls per case in every case`;
  }
  process.stdout.write(
    `${text}\n\ncases ${cases} (half: ${opts.half}); ${figures.casesWithoutVcfRecord} without a vcfRecord; ${spiked} causal variants spiked, ${unliftable} not liftable to GRCh37\n` +
      `background exome: ${summary.records} records, annotate ${annotateSeconds.toFixed(2)} s\n` +
      `rank with VCF: p50 ${figures.rankWithVcfMsMedian.toFixed(2)} ms per case\n`,
  );
}

/** A phenopacket's causal variants (GRCh38 vcfRecord, zygosity from allelicState): the family benchmark spikes them by mode. */
export interface CausalRecord {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  zygosity: string;
}

export interface Wrapper {
  cohort?: string;
  phenopacket?: {
    interpretations?: {
      diagnosis?: {
        genomicInterpretations?: {
          variantInterpretation?: { variationDescriptor?: { vcfRecord?: { chrom: string; pos: number | string; ref: string; alt: string }; allelicState?: { label?: string } } };
        }[];
      };
    }[];
  };
}

export function causalRecords(w: Wrapper): CausalRecord[] {
  const out: CausalRecord[] = [];
  for (const i of w.phenopacket?.interpretations ?? []) {
    for (const g of i.diagnosis?.genomicInterpretations ?? []) {
      const vd = g.variantInterpretation?.variationDescriptor;
      const r = vd?.vcfRecord;
      if (!r) continue;
      out.push({ chrom: normaliseChrom(r.chrom), pos: Number(r.pos), ref: r.ref.toUpperCase(), alt: r.alt.toUpperCase(), zygosity: vd?.allelicState?.label ?? 'heterozygous' });
    }
  }
  return out;
}

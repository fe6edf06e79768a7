import { resolve } from 'node:path';
import { normaliseChrom } from '../../graph-snapshot/parsers/ncbi-gene-parser.js';
import { parsePhenopacketCase } from '../../diagnosis/case-input/phenopacket-input.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import type { RankResult } from '../../diagnosis/ranking/ranker.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import type { AlleleCall } from '../../diagnosis/variants/genotype.js';
import type { PatientVariants } from '../../diagnosis/variants/patient-variants.js';
import type { AnnotatedVariant } from '../../diagnosis/variants/variant-annotator.js';
import { readVcf } from '../../diagnosis/variants/vcf-reader.js';
import { formatTable } from '../cli/format-table.js';
import { median } from './stats.js';
import { truthOf } from './phenopacket-truth.js';
import { rankMetrics, type RankMetrics } from './rank-metrics.js';

export interface VariantBenchOptions {
  input: string;
  background: string;
  snapshot: string;
  half: 'all' | 'even' | 'odd';
  limit?: number;
  json: boolean;
  parameters?: Partial<RankerParameters>;
}

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

const callOf = (zygosity: string): AlleleCall =>
  // A diploid caller writes 1/1 for a hemizygous X allele in a male, so hemizygous spikes are written as homozygous.
  zygosity === 'homozygous' || zygosity === 'hemizygous' ? { copies: 2, zygosity: 'homozygous' } : { copies: 1, zygosity: 'heterozygous' };


/**
 * `rarediag bench variants`: each phenopacket's causal variants (GRCh38 vcfRecord, zygosity from allelicState) are
 * lifted to GRCh37 and spiked into the real background exome (GRCh37, ID column ignored), then the case is ranked
 * with phenotype + VCF and with phenotype only. The background is read once through the real VCF reader and
 * annotator; each case adds its spiked calls to it in memory.
 */
export async function runVariantBench(opts: VariantBenchOptions): Promise<void> {
  const session = await KnowledgeSession.open(resolve(opts.snapshot), { parameters: opts.parameters });
  const annotator = await session.variantAnnotator();
  const down = await session.liftover38to37();

  // Background: parsed and annotated once (timed: VCF parse + annotate throughput, one core).
  const background = new Map<number, AnnotatedVariant[]>();
  const t0 = process.hrtime.bigint();
  const summary = await readVcf(resolve(opts.background), {}, (call) => {
    const o = annotator.annotate({ ...call, id: undefined }, 'GRCh37');
    if (o.kind !== 'annotated') return;
    for (const g of o.genes) (background.get(g) ?? background.set(g, []).get(g)!).push(o.variant);
  });
  const parseSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const m = session.model;
  const ranks = { withGene: [] as number[], withDisease: [] as number[], phenoGene: [] as number[], phenoDisease: [] as number[] };
  let index = -1;
  let cases = 0;
  let spiked = 0;
  let unliftable = 0;
  let casesWithoutRecord = 0;
  const times: number[] = [];
  for await (const rec of readJsonRecords(resolve(opts.input))) {
    index += 1;
    if (opts.half === 'even' && index % 2 !== 0) continue;
    if (opts.half === 'odd' && index % 2 !== 1) continue;
    if (opts.limit !== undefined && cases >= opts.limit) break;
    if (!rec.ok) continue;
    const parsed = parsePhenopacketCase(rec.value);
    if (!parsed.ok || parsed.findings.present.length === 0) continue;
    const w = rec.value as Wrapper;
    const truth = truthOf((w.phenopacket ?? {}) as never);
    const records = causalRecords(w);
    if (records.length === 0) casesWithoutRecord += 1;
    cases += 1;
    const byGene = new Map(background);
    for (const r of records) {
      const lifted = down.liftVariant(r.chrom, r.pos, r.ref, r.alt);
      if (!lifted.ok) {
        unliftable += 1;
        continue;
      }
      const o = annotator.annotate({ chrom: lifted.chrom, pos: lifted.pos, ref: lifted.ref, alt: lifted.alt, call: callOf(r.zygosity), filter: 'PASS', line: 0 }, 'GRCh37');
      if (o.kind !== 'annotated') continue;
      spiked += 1;
      for (const g of o.genes) byGene.set(g, [...(byGene.get(g) ?? []), o.variant]);
    }
    const variants: PatientVariants = { byGene, summary: { ...summary, lifted: 0, unlifted: 0, unliftedByReason: {}, unliftedExamples: [], inGenes: 0 } };
    const truthMondo = new Set(truth.diseases.map((id) => m.diseaseMondo[m.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
    const diseaseRank = (r: RankResult) => r.diseases.findIndex((d) => d.ids.some((id) => truth.diseases.includes(id)) || (d.mondo !== '' && truthMondo.has(d.mondo))) + 1;
    const geneRank = (r: RankResult) => r.genes.findIndex((g) => truth.genes.includes(g.symbol)) + 1;
    const inputs = runInputsOfFindings(parsed.findings);
    const run = await runCase(session, { ...inputs, variants: { preloaded: variants, label: 'background exome + spiked causal variants' } }, { top: 100, explain: 0 });
    const withVcf = run.ranking;
    times.push(run.timings['rankMs']!);
    const pheno = (await runCase(session, inputs, { top: 100, explain: 0 })).ranking;
    ranks.withDisease.push(diseaseRank(withVcf));
    ranks.withGene.push(geneRank(withVcf));
    ranks.phenoDisease.push(diseaseRank(pheno));
    ranks.phenoGene.push(geneRank(pheno));
  }
  await session.close();
  const figures = {
    cases,
    casesWithoutVcfRecord: casesWithoutRecord,
    spikedVariants: spiked,
    unliftableToGrch37: unliftable,
    background: { records: summary.records, passed: summary.passed, seconds: parseSeconds, recordsPerSecond: summary.records / parseSeconds },
    withVariants: { disease: rankMetrics(ranks.withDisease), gene: rankMetrics(ranks.withGene) },
    phenotypeOnly: { disease: rankMetrics(ranks.phenoDisease), gene: rankMetrics(ranks.phenoGene) },
    rankWithVcfMsMedian: median(times),
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const row = (name: string, x: RankMetrics) => [name, pct(x.top1), pct(x.top3), pct(x.top10), x.mrr.toFixed(3)];
  process.stdout.write(
    `${formatTable(
      ['ranking', 'top-1', 'top-3', 'top-10', 'MRR'],
      [
        row('gene, phenotype + VCF', figures.withVariants.gene),
        row('gene, phenotype only', figures.phenotypeOnly.gene),
        row('disease, phenotype + VCF', figures.withVariants.disease),
        row('disease, phenotype only', figures.phenotypeOnly.disease),
      ],
      ['l', 'r', 'r', 'r', 'r'],
    )}\n\ncases ${cases} (half: ${opts.half}); ${figures.casesWithoutVcfRecord} without a vcfRecord; ${spiked} causal variants spiked, ${unliftable} not liftable to GRCh37\n` +
      `background exome: ${summary.records} records, parse + annotate ${parseSeconds.toFixed(2)} s (${Math.round(figures.background.recordsPerSecond).toLocaleString('en-US')} records/s, one thread)\n` +
      `rank with VCF: p50 ${figures.rankWithVcfMsMedian.toFixed(2)} ms per case\n`,
  );
}

import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { AnnotatedVariant, VariantAnnotator } from './variant-annotator.js';
import type { FamilyContext } from './family-samples.js';
import { readVcf, type VcfCall, type VcfReadOptions, type VcfReadSummary } from './vcf-reader.js';
import { annotateStructural, type StructuralEvent } from './structural-annotation.js';
import type { SyndromeMatch } from './contiguous-syndromes.js';
import { inRun, RohDetector, type HomozygosityRuns } from './homozygosity-runs.js';

/** The VCF summary a result carries (the command-line contract's `vcf` object, plus detail). */
export interface VcfSummary extends VcfReadSummary {
  lifted: number;
  unlifted: number;
  unliftedByReason: Record<string, number>;
  /** the first few records that could not be lifted, as `line N: chrom:pos:ref:alt (reason)` */
  unliftedExamples: string[];
  /** passed alleles inside a gene the ranker scores */
  inGenes: number;
  /** with a pedigree: the samples read (proband first), and the proband's calls and apparent de novo calls among them */
  family?: { members: string[]; calls: number; apparentDeNovo: number; memberFiles?: { member: string; path: string; records: number }[] };
  /** the proband's regions of homozygosity (homozygosity-runs.ts): how many, their total length, and what they suggest */
  roh?: { regions: number; totalMb: number; consanguinityLikely: boolean };
}

/** The proband's variants grouped by the ranker's gene index (the strongest few per gene; see GeneVariantCollector). */
export interface PatientVariants {
  byGene: Map<number, AnnotatedVariant[]>;
  /** all variants seen per gene, including those not kept */
  countByGene?: Map<number, number>;
  summary: VcfSummary;
  /** a sequenced family (multi-sample VCF with a pedigree): the genotype check reads it (diagnosis/family) */
  family?: FamilyContext;
  /** a lab's candidate list rather than a VCF: genes it does not name are not in contention (genotype-likelihood.ts) */
  listed?: boolean;
  /**
   * Variants a narrative names (no VCF, no list): a letter mentions what it mentions, so a gene it does not name is
   * neither out of contention nor lowered (genotype-scores.ts)
   */
  named?: boolean;
  /** the copy-number calls read (VCF symbolic alleles, a CNV call file), placed in genes */
  structural?: StructuralEvent[];
  /**
   * Copy-number calls only (an array, a CNV call file without a VCF): a gene without a call says nothing of small
   * variants, so it is not lowered as a gene without a qualifying variant in an exome is (genotype-scores.ts).
   */
  copyNumberOnly?: boolean;
  /** contiguous-gene syndromes whose region a call overlaps, by ranker disease number (contiguous-syndromes.ts) */
  syndromes?: Map<number, SyndromeMatch>;
  /** a copy-number call set was read (a file, or a VCF with copy-number records): a syndrome no call touches is less likely */
  copyNumberCalled?: boolean;
  /** the diseases with a critical region in the calls' assembly (those a call set can speak to) */
  syndromeDiseases?: ReadonlySet<number>;
  /** the proband's regions of homozygosity; homozygous variants inside them are marked `autozygous` when they suggest related parents */
  roh?: HomozygosityRuns;
}

/** Variants kept per gene: enough for the best single allele, homozygote and compound pair, and for display. */
export const VARIANTS_KEPT_PER_GENE = 8;

/**
 * Keeps, per gene, the strongest variants only (by tier LR, then position), so that memory stays bounded on a genome
 * of millions of records while the genotype check sees every variant that could matter to it.
 */
export class GeneVariantCollector {
  readonly byGene = new Map<number, AnnotatedVariant[]>();
  readonly countByGene = new Map<number, number>();

  add(gene: number, v: AnnotatedVariant): void {
    this.countByGene.set(gene, (this.countByGene.get(gene) ?? 0) + 1);
    let list = this.byGene.get(gene);
    if (!list) {
      list = [];
      this.byGene.set(gene, list);
    }
    if (list.length < VARIANTS_KEPT_PER_GENE) {
      list.push(v);
      if (list.length === VARIANTS_KEPT_PER_GENE) list.sort(stronger);
      return;
    }
    // list is sorted strongest first: replace the weakest if this one is stronger
    if (stronger(v, list[list.length - 1]!) < 0) {
      list[list.length - 1] = v;
      list.sort(stronger);
    }
  }
}

/** The most a variant can weigh in any mode of inheritance (its LR, times the dominant-mode constraint factor). */
const strength = (v: AnnotatedVariant) => v.assessment.lr * Math.max(1, v.assessment.dominantFactor);

/** Order: stronger first, then biallelic before heterozygous, then key (deterministic). */
function stronger(a: AnnotatedVariant, b: AnnotatedVariant): number {
  const sa = strength(a);
  const sb = strength(b);
  if (sa !== sb) return sb - sa;
  const za = a.call.copies >= 2 ? 0 : 1;
  const zb = b.call.copies >= 2 ? 0 : 1;
  if (za !== zb) return za - zb;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Reads, normalises, lifts and annotates a VCF for one proband (streaming; memory bounded per gene). */
export async function loadPatientVariants(
  path: string,
  options: VcfReadOptions,
  annotator: VariantAnnotator,
  /** sees every call the proband carries before annotation (a family's de novo count) */
  onCall?: (call: VcfCall) => void,
): Promise<PatientVariants> {
  const collector = new GeneVariantCollector();
  let lifted = 0;
  let unlifted = 0;
  let inGenes = 0;
  const unliftedByReason: Record<string, number> = {};
  const unliftedExamples: string[] = [];
  let build: GenomeBuild | undefined;
  const structural: StructuralEvent[] = [];
  const roh = new RohDetector();
  const summary = await readVcf(path, { ...options, onStructural: (c) => {
    const placed = annotateStructural(annotator, c, build ?? options.assembly ?? 'GRCh38');
    structural.push(placed.event);
    for (const p of placed.placements) collector.add(p.gene, p.variant);
  } }, (call) => {
    onCall?.(call);
    roh.add(call.chrom, call.pos, call.call.copies >= 2);
    // The header is read before the first call, so the build is known here.
    const outcome = annotator.annotate(call, build ?? options.assembly ?? 'GRCh38');
    if (outcome.kind === 'unlifted') {
      unlifted += 1;
      unliftedByReason[outcome.reason] = (unliftedByReason[outcome.reason] ?? 0) + 1;
      if (unliftedExamples.length < 5) unliftedExamples.push(`line ${call.line}: ${call.chrom}:${call.pos}:${call.ref}:${call.alt} (${outcome.reason})`);
      return;
    }
    if (build === 'GRCh37') lifted += 1;
    if (outcome.kind === 'outside-genes') return;
    inGenes += 1;
    for (const p of outcome.placements) collector.add(p.gene, p.variant);
  }, (info) => {
    build = info.build;
  });
  const runs = roh.runs();
  if (runs.consanguinityLikely) markAutozygous(collector.byGene, runs);
  return {
    byGene: collector.byGene,
    countByGene: collector.countByGene,
    summary: { ...summary, lifted, unlifted, unliftedByReason, unliftedExamples, inGenes, roh: { regions: runs.regions.length, totalMb: Math.round(runs.totalBp / 1e5) / 10, consanguinityLikely: runs.consanguinityLikely } },
    ...(structural.length ? { structural, copyNumberCalled: true } : {}),
    roh: runs,
  };
}

/**
 * When the runs say the parents are related, a homozygous variant inside one is likely homozygous by descent: it is
 * marked, and the recessive check weighs it as a consanguineous family's homozygote (genotype-likelihood.ts).
 */
function markAutozygous(byGene: Map<number, AnnotatedVariant[]>, runs: HomozygosityRuns): void {
  for (const list of byGene.values()) {
    for (const v of list) {
      if (v.call.copies < 2 || v.structural) continue;
      const [chrom, pos] = v.inputKey.split(':');
      if (inRun(runs, chrom!, Number(pos))) v.autozygous = true;
    }
  }
}

import { isLofIntolerant, LOF_INTOLERANT_LOEUF, type GeneConstraintValues } from './gene-constraint.js';
import type { GeneOverlap } from './cnv-overlap.js';
import type { CopyNumberChange } from './structural-call.js';
import { tierLR, type VariantAssessment } from './variant-pathogenicity.js';

/**
 * What a copy-number change means for one gene it overlaps, as the genotype check weighs it (same scale as the small
 * variants' tiers, variant-pathogenicity.ts). None of these is fitted: the benchmark's CNVs are spiked (no real CNV
 * call set with causal and background events is available offline), and fitting to spikes we placed would only
 * return our own choice. Each value is an existing, fitted small-variant LR the CNV is the same kind of evidence as:
 *
 * - a deletion of the whole gene, or of coding exons: a null allele, as a predicted loss of function (LR 92); with
 *   the LoF constraint factors for dominant diseases (×3.2 in a LoF-intolerant gene, ×0.2 in a tolerant one), so a
 *   heterozygous deletion of a haploinsufficient gene counts like a frameshift in it and a homozygous deletion (CN 0)
 *   like a biallelic null; a heterozygous deletion beside a heterozygous small variant of the same gene makes the
 *   compound-heterozygous pair of the recessive check (genotype-likelihood.ts), phase unknown;
 * - a deletion of non-coding exons only (UTR, non-coding transcript): LR 1 (a promoter or 5'UTR deletion can silence
 *   a gene, most do not); intronic only: does not qualify (LR 0), like an intronic small variant;
 * - a whole-gene duplication: a dosage gain (LR 3, `rareCoding`): pathogenic only for the few triplosensitive genes,
 *   which these sources do not name; never one of a recessive pair (an extra copy is not a lost allele);
 * - a duplication inside the gene (both ends within it) over coding exons: may break the reading frame of one copy
 *   (tandem duplications of DMD exons are a classic cause): LR 10 (`predictedModerate`); one reaching past an end
 *   of the gene: LR 3;
 * - a gene with no transcript model in this assembly, known by its span only: a whole-span deletion as above, a
 *   partial one `unknown` (LR 2).
 *
 * **Many genes in one call.** A 5 Mb deletion hits 80 genes, each of which would get the full LR: but the call is one
 * event, explained by one or a few of its genes. Each gene's LR is multiplied by min(1, √(5 / n)) for a call over n
 * genes (×1 up to 5 genes, ×0.5 at 20, ×0.25 at 80): mild, so the phenotype still chooses among them, and a
 * contiguous-gene syndrome matched by its region (contiguous-syndromes.ts) does not depend on any single gene.
 */
export const cnvLR = {
  nullAllele: tierLR.predictedLof,
  nonCodingExonDeletion: 1,
  wholeGeneDuplication: tierLR.rareCoding,
  internalDuplication: tierLR.predictedModerate,
  edgeDuplication: tierLR.rareCoding,
  spanOnlyPartial: tierLR.unknown,
  /** genes a call may hit before its per-gene LR is tempered */
  genesFree: 5,
};

/** The factor for a call over `genes` genes (see cnvLR.genesFree). */
export const manyGenesFactor = (genes: number) => Math.min(1, Math.sqrt(cnvLR.genesFree / Math.max(1, genes)));

const pct = (x: number) => `${Math.round(100 * x)} %`;

/** Where the call meets the gene, as the explanation says it. */
export function describeOverlap(o: GeneOverlap): string {
  if (!o.modelled) return o.whole ? 'whole gene (span)' : `${pct(o.coverage)} of the gene's span`;
  if (o.whole) return `whole gene (${o.transcript})`;
  if (o.exonsHit === 0) return `intronic only (${o.transcript}, ${pct(o.coverage)})`;
  return `exons ${o.exonsHit}/${o.exonCount}${o.codingExonsHit ? `, ${o.codingExonsHit} coding` : ', none coding'} (${o.transcript}, ${pct(o.coverage)} of the gene)`;
}

/** The LoF constraint factor for dominant diseases, as for a small predicted-LoF variant. */
function lofFactor(c: GeneConstraintValues | undefined): { factor: number; reason?: string } {
  if (c?.loeuf === undefined) return { factor: 1 };
  return isLofIntolerant(c)
    ? { factor: tierLR.lofIntolerantFactor, reason: `LoF-intolerant gene (LOEUF ${c.loeuf} < ${LOF_INTOLERANT_LOEUF}): ×${tierLR.lofIntolerantFactor} if dominant` }
    : { factor: tierLR.lofTolerantFactor, reason: `gene tolerates LoF (LOEUF ${c.loeuf}): ×${tierLR.lofTolerantFactor} if dominant` };
}

/**
 * The assessment of one gene overlapped by a call of `genes` genes. A duplication disrupts a gene only from inside it
 * (`o.internal`: both breakpoints within its transcript).
 */
export function assessCnvGene(change: CopyNumberChange, o: GeneOverlap, genes: number, constraint: GeneConstraintValues | undefined): VariantAssessment {
  const where = describeOverlap(o);
  const many = manyGenesFactor(genes);
  const manyReason = many < 1 ? [`one of ${genes} genes in the call: ×${many.toFixed(2)}`] : [];
  const make = (tier: VariantAssessment['tier'], lr: number, reason: string, lof: boolean, gain = false): VariantAssessment => {
    const f = lof ? lofFactor(constraint) : { factor: 1 };
    return {
      tier,
      lr: lr * many,
      dominantFactor: f.factor,
      reasons: [reason, ...manyReason, ...(f.reason ? [f.reason] : [])],
      ...(gain ? { dosageGain: true } : {}),
    };
  };
  if (change === 'deletion') {
    if (!o.modelled) {
      return o.whole ? make('cnv-deletion', cnvLR.nullAllele, `deletion of the ${where}: null allele`, true) : make('unknown', cnvLR.spanOnlyPartial, `deletion of ${where}, no transcript model`, false);
    }
    if (o.whole || o.codingExonsHit > 0) return make('cnv-deletion', cnvLR.nullAllele, `deletion, ${where}: null allele`, true);
    if (o.exonsHit > 0) return make('cnv-noncoding-deletion', cnvLR.nonCodingExonDeletion, `deletion, ${where}`, false);
    return make('non-coding', 0, `deletion, ${where}: does not qualify on its own`, false);
  }
  if (!o.modelled) return make('cnv-duplication', cnvLR.wholeGeneDuplication, `duplication of ${where}: dosage gain`, false, true);
  if (o.whole) return make('cnv-duplication', cnvLR.wholeGeneDuplication, `duplication, ${where}: dosage gain`, false, true);
  if (o.codingExonsHit > 0 && o.internal) return make('cnv-partial-duplication', cnvLR.internalDuplication, `duplication inside the gene, ${where}: may disrupt one copy`, false, true);
  if (o.codingExonsHit > 0) return make('cnv-partial-duplication', cnvLR.edgeDuplication, `duplication over one end of the gene, ${where}`, false, true);
  return make('non-coding', 0, `duplication, ${where}: does not qualify on its own`, false, true);
}

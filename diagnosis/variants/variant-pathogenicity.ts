import type { ClinVarEntry, ClinVarNeighbourhood } from './clinvar-index.js';
import { isLofIntolerant, isMissenseConstrained, LOF_INTOLERANT_LOEUF, MISSENSE_CONSTRAINED_Z, type GeneConstraintValues } from './gene-constraint.js';
import { locationGroup, SO_TERM } from './location-classes.js';
import type { TranscriptLocation } from './variant-location.js';
import type { AlleleAnnotation } from './vcf-annotations.js';

/**
 * How strongly one variant, on its own, looks disease-causing; each tier carries the likelihood ratio it contributes
 * when the genotype also fits the disease's mode of inheritance (genotype-likelihood.ts).
 */
export type PathogenicityTier =
  | 'clinvar-pathogenic'
  | 'clinvar-likely-pathogenic'
  | 'predicted-damaging'
  | 'predicted-lof'
  | 'clinvar-same-codon'
  | 'clinvar-hotspot'
  | 'predicted-moderate'
  | 'coding-unknown'
  | 'rare-coding'
  | 'splice-region'
  | 'unknown'
  | 'non-coding'
  | 'benign'
  // copy-number calls (cnv-pathogenicity.ts)
  | 'cnv-deletion'
  | 'cnv-noncoding-deletion'
  | 'cnv-duplication'
  | 'cnv-partial-duplication'
  | 'cnv-syndrome-region';

export interface VariantAssessment {
  tier: PathogenicityTier;
  /** likelihood ratio of this variant as the cause, before the inheritance check */
  lr: number;
  /**
   * Multiplies the LR when the disease is dominant (one allele suffices): a loss-of-function change in a gene that
   * does not tolerate losing one copy, or a coding change in a missense-constrained gene (gene-constraint.ts). 1 when
   * the constraint is unknown or does not apply.
   */
  dominantFactor: number;
  reasons: string[];
  /** a copy-number gain: evidence for a dosage-sensitive dominant disease, never one of a recessive pair (cnv-pathogenicity.ts) */
  dosageGain?: boolean;
}

/**
 * Tier LRs. ClinVar P/LP scale with review stars. The two ClinVar-neighbourhood tiers follow the ACMG criteria PM5
 * (another pathogenic change at the same residue) and PM1 (a hotspot without benign variation), with the strengths of
 * the Bayesian ACMG framework (Tavtigian et al. 2018: supporting 2.08, moderate 4.33, strong 18.7).
 *
 * The location tiers (a variant the VCF does not annotate, placed on the snapshot's transcript models:
 * variant-location.ts) are P(class | causal variant) / P(class | other variant in a scored gene), fitted on the even
 * half of the spiked benchmark (`rarediag fit variant-tiers --half even`: 3,265 causal variants in their genes against
 * the background exome's 13,000 variant placements in scored genes, half a count added to each cell), and checked on
 * the odd half (each within 0.06 of the even value), never on single cases:
 * - predicted loss of function (frameshift, canonical splice ±1/2, start lost, stop codon): 26.7 % of the causal
 *   variants, 0.29 % of the background ones: LR 92;
 * - coding, effect unknown (substitution or in-frame indel in the CDS: missense, synonymous or nonsense cannot be told
 *   without the reference): 69.4 % against 28.0 %: LR 2.5;
 * - splice region (intron ±3-8, exon edge) outside the CDS: 1.15 % against 3.2 %: LR 0.36 (still above a gene with no
 *   qualifying variant, genotype-likelihood.ts);
 * - intronic, UTR, up/downstream, non-coding exon: 2.7 % of the causal variants (deep intronic and UTR causes exist),
 *   68.5 % of the background: LR 0.04, so they do not qualify (LR 0) unless ClinVar or a splice score says otherwise;
 * - no transcript model for the gene (the 2011 refFlat lacks newer genes; 4 background variants, no causal one): the
 *   floor of the model without transcripts, not fitted.
 * Zygosity is deliberately not a tier: this background exome is 93 % heterozygous, an exome of a consanguineous
 * family is not, and without population frequencies a homozygous call says little about rarity.
 *
 * Constraint (gnomAD v4, dominant diseases only, gene-constraint.ts): among predicted-LoF causal variants of dominant
 * diseases, 63 % lie in LoF-intolerant genes (LOEUF < 0.6) against 19 % of the background's LoF variants (factor 3.2),
 * 11 % in genes known to tolerate LoF against 64 % (0.2); coding changes: 61 % in missense-constrained genes (Z ≥ 3.09)
 * against 14 % (4.2), 33 % in unconstrained ones against 79 % (0.4). A gene absent from the table keeps factor 1.
 */
export const tierLR = {
  clinvarPathogenic: [200, 500, 1000, 1000, 1000] as const, // by stars 0..4
  clinvarLikelyPathogenic: [100, 200, 300, 300, 300] as const,
  predictedDamaging: 50,
  predictedLof: 92,
  clinvarSameCodon: 2 * 18.7,
  predictedModerate: 10,
  clinvarHotspot: 2 * 4.33,
  rareCoding: 3,
  codingUnknown: 2.5,
  spliceRegion: 0.36,
  unknown: 2,
  lofIntolerantFactor: 3.2,
  lofTolerantFactor: 0.2,
  missenseConstrainedFactor: 4.2,
  missenseUnconstrainedFactor: 0.4,
};

/** Same codon: within 2 bp of a ClinVar P/LP variant; hotspot: within this many bp and no benign ClinVar variant. */
export const SAME_CODON_BP = 2;
export const HOTSPOT_BP = 25;

/** Population frequency above which a variant is treated as benign for a rare Mendelian disease. */
export const COMMON_AF = 0.01;

/**
 * Where the variant lies on the gene's transcript models: its most severe location, or that the gene has models but
 * the variant lies beyond them (`undefined` location), or that the gene has no model at all.
 */
export interface GeneLocationEvidence {
  hasModels: boolean;
  location?: TranscriptLocation;
  constraint?: GeneConstraintValues;
}

/**
 * Assesses one variant from ClinVar (exact GRCh38 key), the VCF's VEP/SnpEff annotation when present (consequence,
 * gnomAD frequency, REVEL / CADD / SpliceAI), else its location on the transcript models, and ClinVar's neighbourhood.
 * An ID in the VCF's ID column is never evidence either way.
 */
export function assessVariant(
  clinvar: ClinVarEntry | undefined,
  a: AlleleAnnotation | undefined,
  near?: ClinVarNeighbourhood,
  gene?: GeneLocationEvidence,
): VariantAssessment {
  const base = assessFromRecordAndAnnotation(clinvar, a, gene);
  if (!near || base.tier === 'benign' || base.lr >= tierLR.clinvarSameCodon) return base;
  if (near.nearestPathogenic <= SAME_CODON_BP) {
    return { tier: 'clinvar-same-codon', lr: tierLR.clinvarSameCodon, dominantFactor: base.dominantFactor, reasons: [...base.reasons, `${near.nearestPathogenic} bp from a ClinVar pathogenic variant (same codon)`] };
  }
  if (base.tier !== 'non-coding' && near.nearestPathogenic <= HOTSPOT_BP && !near.benignNearby && base.lr < tierLR.clinvarHotspot) {
    return {
      tier: 'clinvar-hotspot',
      lr: tierLR.clinvarHotspot,
      dominantFactor: base.dominantFactor,
      reasons: [...base.reasons, `${near.nearestPathogenic} bp from a ClinVar pathogenic variant, no benign variant within ${HOTSPOT_BP} bp`],
    };
  }
  return base;
}

/** The dominant-mode factor from the gene's constraint, for a loss-of-function or a coding change (1 when unknown). */
function constraintFactor(kind: 'lof' | 'coding' | 'other', c: GeneConstraintValues | undefined): { factor: number; reason?: string } {
  if (kind === 'lof' && c?.loeuf !== undefined) {
    return isLofIntolerant(c)
      ? { factor: tierLR.lofIntolerantFactor, reason: `LoF-intolerant gene (LOEUF ${c.loeuf} < ${LOF_INTOLERANT_LOEUF})` }
      : { factor: tierLR.lofTolerantFactor, reason: `gene tolerates LoF (LOEUF ${c.loeuf})` };
  }
  if (kind === 'coding' && c?.misZ !== undefined) {
    return isMissenseConstrained(c)
      ? { factor: tierLR.missenseConstrainedFactor, reason: `missense-constrained gene (Z ${c.misZ} ≥ ${MISSENSE_CONSTRAINED_Z})` }
      : { factor: tierLR.missenseUnconstrainedFactor, reason: `missense-tolerant gene (Z ${c.misZ})` };
  }
  return { factor: 1 };
}

function tier(t: PathogenicityTier, lr: number, reasons: string[], kind: 'lof' | 'coding' | 'other' = 'other', c?: GeneConstraintValues): VariantAssessment {
  const f = constraintFactor(kind, c);
  return { tier: t, lr, dominantFactor: f.factor, reasons: f.reason ? [...reasons, `${f.reason}: ×${f.factor} if dominant`] : reasons };
}

function assessFromRecordAndAnnotation(clinvar: ClinVarEntry | undefined, a: AlleleAnnotation | undefined, gene: GeneLocationEvidence | undefined): VariantAssessment {
  const reasons: string[] = [];
  const c = gene?.constraint;
  if (clinvar) {
    const stars = Math.max(0, Math.min(4, clinvar.stars));
    const label = `ClinVar ${clinvar.significance.replace('_', ' ')} (${stars}★)`;
    if (clinvar.significance === 'pathogenic') return tier('clinvar-pathogenic', tierLR.clinvarPathogenic[stars]!, [label]);
    if (clinvar.significance === 'likely_pathogenic') return tier('clinvar-likely-pathogenic', tierLR.clinvarLikelyPathogenic[stars]!, [label]);
    if ((clinvar.significance === 'benign' || clinvar.significance === 'likely_benign') && stars >= 1) return tier('benign', 0, [label]);
    reasons.push(label);
  }
  if (a?.populationAf !== undefined && a.populationAf > COMMON_AF) {
    return tier('benign', 0, [...reasons, `population AF ${a.populationAf.toPrecision(2)} > ${COMMON_AF}`]);
  }
  if (a) {
    const splice = a.spliceAi !== undefined && a.spliceAi >= 0.5;
    const strongScore = (a.revel !== undefined && a.revel >= 0.75) || (a.caddPhred !== undefined && a.caddPhred >= 25);
    const modestScore = (a.revel !== undefined && a.revel >= 0.5) || (a.caddPhred !== undefined && a.caddPhred >= 20);
    const desc = `${a.consequence} (${a.impact}${a.revel !== undefined ? `, REVEL ${a.revel}` : ''}${a.caddPhred !== undefined ? `, CADD ${a.caddPhred}` : ''}${a.spliceAi !== undefined ? `, SpliceAI ${a.spliceAi}` : ''})`;
    if (a.impact === 'HIGH') return tier('predicted-damaging', tierLR.predictedDamaging, [...reasons, desc], 'lof', c);
    if (splice) return tier('predicted-damaging', tierLR.predictedDamaging, [...reasons, desc]);
    if (a.impact === 'MODERATE' && (strongScore || modestScore)) {
      return tier(strongScore ? 'predicted-damaging' : 'predicted-moderate', strongScore ? tierLR.predictedDamaging : tierLR.predictedModerate, [...reasons, desc], 'coding', c);
    }
    if (a.impact === 'MODERATE') return tier('rare-coding', tierLR.rareCoding, [...reasons, desc], 'coding', c);
    // Annotated as LOW / MODIFIER (synonymous, intronic, UTR): not a plausible cause on its own.
    return tier('benign', 0, [...reasons, desc]);
  }
  if (!gene || !gene.hasModels) {
    return tier('unknown', tierLR.unknown, [...reasons, 'no consequence annotation in the VCF, no transcript model of the gene, no pathogenic ClinVar record']);
  }
  const loc = gene.location;
  if (!loc) return tier('non-coding', 0, [...reasons, "outside the gene's transcript models"]);
  const where = `${SO_TERM[loc.klass]}${loc.position ? ` ${loc.position}` : ''} (${loc.transcript}${loc.exon ? `, exon ${loc.exon}/${loc.exonCount}` : loc.intron ? `, intron ${loc.intron}` : ''})`;
  switch (locationGroup(loc.klass)) {
    case 'loss-of-function':
      return tier('predicted-lof', tierLR.predictedLof, [...reasons, `${where}: predicted loss of function`], 'lof', c);
    case 'coding':
      return tier('coding-unknown', tierLR.codingUnknown, [...reasons, `${where}: coding, effect unknown without the reference`], 'coding', c);
    case 'splice-region':
      return tier('splice-region', tierLR.spliceRegion, [...reasons, `${where}: splice region`]);
    case 'non-coding':
      return tier('non-coding', 0, [...reasons, `${where}: does not qualify on its own`]);
  }
}

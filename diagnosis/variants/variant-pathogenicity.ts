import type { ClinVarEntry, ClinVarNeighbourhood } from './clinvar-index.js';
import type { AlleleAnnotation } from './vcf-annotations.js';

/**
 * How strongly one variant, on its own, looks disease-causing; each tier carries the likelihood ratio it contributes
 * when the genotype also fits the disease's mode of inheritance (genotype-likelihood.ts).
 */
export type PathogenicityTier =
  | 'clinvar-pathogenic'
  | 'clinvar-likely-pathogenic'
  | 'predicted-damaging'
  | 'clinvar-same-codon'
  | 'clinvar-hotspot'
  | 'predicted-moderate'
  | 'rare-coding'
  | 'unknown'
  | 'benign';

export interface VariantAssessment {
  tier: PathogenicityTier;
  /** likelihood ratio of this variant as the cause, before the inheritance check */
  lr: number;
  reasons: string[];
}

/**
 * Tier LRs. ClinVar P/LP scale with review stars; predictions need an annotated VCF; "unknown" is the floor.
 * The two ClinVar-neighbourhood tiers follow the ACMG criteria PM5 (another pathogenic change at the same residue) and
 * PM1 (a hotspot without benign variation), with the strengths of the Bayesian ACMG framework (Tavtigian et al. 2018:
 * supporting 2.08, moderate 4.33, strong 18.7): same codon ≈ strong, hotspot ≈ moderate, on top of the floor.
 */
export const tierLR = {
  clinvarPathogenic: [200, 500, 1000, 1000, 1000] as const, // by stars 0..4
  clinvarLikelyPathogenic: [100, 200, 300, 300, 300] as const,
  predictedDamaging: 50,
  clinvarSameCodon: 2 * 18.7,
  predictedModerate: 10,
  clinvarHotspot: 2 * 4.33,
  rareCoding: 3,
  unknown: 2,
};

/** Same codon: within 2 bp of a ClinVar P/LP variant; hotspot: within this many bp and no benign ClinVar variant. */
export const SAME_CODON_BP = 2;
export const HOTSPOT_BP = 25;

/** Population frequency above which a variant is treated as benign for a rare Mendelian disease. */
export const COMMON_AF = 0.01;

/**
 * Assesses one variant from ClinVar (exact GRCh38 key) and, when the VCF carries them, VEP/SnpEff consequence,
 * gnomAD frequency and REVEL / CADD / SpliceAI scores. An ID in the VCF's ID column is never evidence either way.
 */
export function assessVariant(
  clinvar: ClinVarEntry | undefined,
  a: AlleleAnnotation | undefined,
  near?: ClinVarNeighbourhood,
): VariantAssessment {
  const base = assessFromRecordAndAnnotation(clinvar, a);
  if (!near || base.tier === 'benign' || base.lr >= tierLR.clinvarSameCodon) return base;
  if (near.nearestPathogenic <= SAME_CODON_BP) {
    return { tier: 'clinvar-same-codon', lr: tierLR.clinvarSameCodon, reasons: [...base.reasons, `${near.nearestPathogenic} bp from a ClinVar pathogenic variant (same codon)`] };
  }
  if (near.nearestPathogenic <= HOTSPOT_BP && !near.benignNearby && base.lr < tierLR.clinvarHotspot) {
    return { tier: 'clinvar-hotspot', lr: tierLR.clinvarHotspot, reasons: [...base.reasons, `${near.nearestPathogenic} bp from a ClinVar pathogenic variant, no benign variant within ${HOTSPOT_BP} bp`] };
  }
  return base;
}

function assessFromRecordAndAnnotation(clinvar: ClinVarEntry | undefined, a: AlleleAnnotation | undefined): VariantAssessment {
  const reasons: string[] = [];
  if (clinvar) {
    const stars = Math.max(0, Math.min(4, clinvar.stars));
    const label = `ClinVar ${clinvar.significance.replace('_', ' ')} (${stars}★)`;
    if (clinvar.significance === 'pathogenic') return { tier: 'clinvar-pathogenic', lr: tierLR.clinvarPathogenic[stars]!, reasons: [label] };
    if (clinvar.significance === 'likely_pathogenic') {
      return { tier: 'clinvar-likely-pathogenic', lr: tierLR.clinvarLikelyPathogenic[stars]!, reasons: [label] };
    }
    if ((clinvar.significance === 'benign' || clinvar.significance === 'likely_benign') && stars >= 1) {
      return { tier: 'benign', lr: 0, reasons: [label] };
    }
    reasons.push(label);
  }
  if (a?.populationAf !== undefined && a.populationAf > COMMON_AF) {
    return { tier: 'benign', lr: 0, reasons: [...reasons, `population AF ${a.populationAf.toPrecision(2)} > ${COMMON_AF}`] };
  }
  if (a) {
    const splice = a.spliceAi !== undefined && a.spliceAi >= 0.5;
    const strongScore = (a.revel !== undefined && a.revel >= 0.75) || (a.caddPhred !== undefined && a.caddPhred >= 25);
    const modestScore = (a.revel !== undefined && a.revel >= 0.5) || (a.caddPhred !== undefined && a.caddPhred >= 20);
    const desc = `${a.consequence} (${a.impact}${a.revel !== undefined ? `, REVEL ${a.revel}` : ''}${a.caddPhred !== undefined ? `, CADD ${a.caddPhred}` : ''}${a.spliceAi !== undefined ? `, SpliceAI ${a.spliceAi}` : ''})`;
    if (a.impact === 'HIGH' || splice) return { tier: 'predicted-damaging', lr: tierLR.predictedDamaging, reasons: [...reasons, desc] };
    if (a.impact === 'MODERATE' && (strongScore || modestScore)) {
      return { tier: strongScore ? 'predicted-damaging' : 'predicted-moderate', lr: strongScore ? tierLR.predictedDamaging : tierLR.predictedModerate, reasons: [...reasons, desc] };
    }
    if (a.impact === 'MODERATE') return { tier: 'rare-coding', lr: tierLR.rareCoding, reasons: [...reasons, desc] };
    // Annotated as LOW / MODIFIER (synonymous, intronic, UTR): not a plausible cause on its own.
    return { tier: 'benign', lr: 0, reasons: [...reasons, desc] };
  }
  return { tier: 'unknown', lr: tierLR.unknown, reasons: [...reasons, 'no consequence annotation in the VCF and no pathogenic ClinVar record'] };
}

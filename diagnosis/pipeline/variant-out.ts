import type { AnnotatedVariant } from '../variants/variant-annotator.js';

/** A variant as the command-line contract and the UI show it: both positions, zygosity, ClinVar, consequence, tier, LR. */
export interface VariantOut {
  grch38: string;
  input: string;
  inputBuild: string;
  zygosity: string;
  clinvar?: { significance: string; stars: number; id: string; hgvsC?: string; hgvsP?: string };
  consequence?: string;
  tier: string;
  lr: number;
}

export function variantOut(v: AnnotatedVariant): VariantOut {
  return {
    grch38: v.key,
    input: v.inputKey,
    inputBuild: v.inputBuild,
    zygosity: v.call.zygosity,
    clinvar: v.clinvar
      ? { significance: v.clinvar.significance, stars: v.clinvar.stars, id: v.clinvar.clinvarId, hgvsC: v.clinvar.hgvsC || undefined, hgvsP: v.clinvar.hgvsP || undefined }
      : undefined,
    consequence: v.annotation?.consequence,
    tier: v.assessment.tier,
    lr: v.assessment.lr,
  };
}


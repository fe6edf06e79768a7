import type { AnnotatedVariant } from '../variants/variant-annotator.js';

/** A variant as the command-line contract and the UI show it: both positions, zygosity, ClinVar, consequence, tier, LR. */
export interface VariantOut {
  grch38: string;
  input: string;
  inputBuild: string;
  zygosity: string;
  clinvar?: { significance: string; stars: number; id: string; hgvsC?: string; hgvsP?: string };
  consequence?: string;
  /** where it lies on the gene's transcript models (most severe over transcripts), when it has models near it */
  location?: { transcript: string; class: string; position?: string; exon?: number; intron?: number; exonCount: number; spliceRegion: boolean; mane: boolean };
  /** gnomAD constraint of the gene, when known */
  constraint?: { pli?: number; loeuf?: number; misZ?: number };
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
    ...(v.location
      ? {
          location: {
            transcript: v.location.transcript,
            class: v.location.klass,
            position: v.location.position,
            exon: v.location.exon,
            intron: v.location.intron,
            exonCount: v.location.exonCount,
            spliceRegion: v.location.spliceRegion,
            mane: v.location.mane,
          },
        }
      : {}),
    ...(v.constraint ? { constraint: { ...v.constraint } } : {}),
    tier: v.assessment.tier,
    lr: v.assessment.lr,
  };
}


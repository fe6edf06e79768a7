import type { VariantInheritance } from '../variants/genotype-likelihood.js';
import type { AnnotatedVariant } from '../variants/variant-annotator.js';
import { describeOverlap } from '../variants/cnv-pathogenicity.js';
import { describeStructural } from '../variants/structural-call.js';

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
  /** a copy-number call: its extent (input build, 1-based), copy number, genes, and what it does to this gene */
  structural?: StructuralOut;
}

export interface StructuralOut {
  change: 'deletion' | 'duplication';
  chrom: string;
  start: number;
  end: number;
  lengthBp: number;
  copyNumber?: number;
  genes: number;
  /** this gene: share covered, whole or partial, exons hit (absent when the evidence is a syndrome's region) */
  gene?: { transcript: string; coverage: number; whole: boolean; exonsHit: number; exonCount: number; codingExonsHit: number };
  /** a contiguous-gene syndrome's critical region the call covers */
  region?: { label: string; basis: string; covered: number };
  /** `del chr17:29,000,001-30,400,000 (1.4 Mb, CN 1), 14 genes; whole gene (NM_000267)` */
  text: string;
}

function structuralOut(v: AnnotatedVariant): StructuralOut | undefined {
  const s = v.structural;
  if (!s) return undefined;
  const o = s.overlap;
  const what = s.region
    ? `${Math.round(100 * s.region.covered)} % of the critical region of ${s.region.label} (${s.region.basis})`
    : o
      ? describeOverlap(o)
      : '';
  return {
    change: s.change,
    chrom: s.chrom,
    start: s.start,
    end: s.end,
    lengthBp: s.lengthBp,
    ...(s.copyNumber !== undefined ? { copyNumber: s.copyNumber } : {}),
    genes: s.genes,
    ...(o ? { gene: { transcript: o.transcript, coverage: o.coverage, whole: o.whole, exonsHit: o.exonsHit, exonCount: o.exonCount, codingExonsHit: o.codingExonsHit } } : {}),
    ...(s.region ? { region: s.region } : {}),
    text: `${describeStructural(s)}, ${s.genes} gene${s.genes === 1 ? '' : 's'}${what ? `; ${what}` : ''}`,
  };
}

export function variantOut(v: AnnotatedVariant): VariantOut {
  const structural = structuralOut(v);
  return {
    ...(structural ? { structural } : {}),
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


/** A variant's per-member genotypes and inheritance finding (issue 14: trios and reported inheritance). */
export interface VariantFamilyOut {
  members?: { id: string; role?: string; affected?: string; gt: string; dp?: number; gq?: number }[];
  inheritance?: { finding: string; lr: number; consistent?: boolean; caution?: string };
}

/**
 * A gene's variants and genotype check as the batch contract shows them: each variant with its members' calls and, when
 * the check rests on it, the inheritance finding (the members with their roles then); the genotype without the
 * per-variant detail it repeats.
 */
export function variantsAndGenotype(
  variants: AnnotatedVariant[],
  genotype: { lr: number; mode: string; satisfied: boolean; reason: string; evidence: string[]; inheritance?: VariantInheritance[] },
): { variants: (VariantOut & VariantFamilyOut)[]; genotype: { lr: number; mode: string; satisfied: boolean; reason: string; evidence: string[] } } {
  const { inheritance, ...rest } = genotype;
  const byKey = new Map((inheritance ?? []).map((i) => [i.key, i]));
  return {
    variants: variants.map((v) => {
      const out: VariantOut & VariantFamilyOut = variantOut(v);
      const found = byKey.get(v.key);
      if (found) {
        out.members = found.members;
        const { key: _k, members: _m, ...finding } = found;
        out.inheritance = finding;
      } else if (v.members) {
        out.members = v.members.map((m) => ({ id: m.sample, gt: m.gt, ...(m.dp !== undefined ? { dp: m.dp } : {}), ...(m.gq !== undefined ? { gq: m.gq } : {}) }));
      }
      return out;
    }),
    genotype: rest,
  };
}

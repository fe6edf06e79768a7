import type { InheritanceMode } from './inheritance-modes.js';
import type { AnnotatedVariant } from './variant-annotator.js';

export interface GenotypeCheck {
  /** the mode of inheritance the evidence was checked against */
  mode: InheritanceMode | 'none';
  /** whether the genotype fits that mode (e.g. two alleles for a recessive disease) */
  satisfied: boolean;
  lr: number;
  /** the variants the evidence rests on */
  variants: AnnotatedVariant[];
  reason: string;
  /** with a family (diagnosis/family): the inheritance finding of each variant the evidence rests on */
  inheritance?: VariantInheritance[];
}

/** How a variant was passed on in the family, with every member's call, as the explanation shows it. */
export interface VariantInheritance {
  /** GRCh38 key of the variant */
  key: string;
  /** "de novo", "inherited from the affected father", "in trans with 2:123:A:G", ... */
  finding: string;
  /** the factor it put on the variant's LR (1: no evidence either way) */
  lr: number;
  /** false when the family contradicts the mode (fails segregation); undefined when it cannot tell */
  consistent?: boolean;
  /** a missing or low-quality parental call, a Mendelian inconsistency */
  caution?: string;
  members: { id: string; role: string; affected: string; gt: string; dp?: number; gq?: number }[];
}

/** Constants of the genotype model (see README "Genotype evidence"). */
export const genotypeParameters = {
  /**
   * LR when the gene has no qualifying variant: P(none | gene causes the disease) over P(none | it does not). Fitted
   * on the even half of the spiked benchmark (`rarediag fit variant-tiers`): 3.7 % of the causal genes have none (a
   * structural or non-coding cause the VCF does not show) against 68.8 % of the scored genes in the background exome:
   * 0.053 (odd half: the same).
   */
  noQualifyingVariantLR: 0.05,
  /**
   * For a recessive disease, what the genotype pattern of a gene with a qualifying variant says, on top of the tier LR
   * of its best allele (or pair): P(pattern | causal recessive gene) / P(pattern | any scored gene with a qualifying
   * variant), measured on the spiked benchmark (`rarediag fit variant-tiers`, even half; odd half in brackets): 96.1 %
   * (95.7 %) of the causal genes of recessive diseases are biallelic (a homozygote or two heterozygotes) against 48.5 %
   * of the background exome's genes, ×1.98 (×1.97); a single carrier allele (the second hit missed: a deletion, a deep
   * intronic change) 3.9 % (4.3 %) against 51.5 %, ×0.076 (×0.084).
   * The biallelic factor is not used (1): the background's biallelic genes are mostly common homozygous polymorphisms
   * that a population-frequency filter would remove (there is no frequency source here), so ×2 rewards exactly those
   * (`bench variants --half even`: gene top-1 62.4 % with it, 63.0 % without). The single-allele factor is used: a lone
   * carrier allele weighs its tier LR × 0.08, so it is weak evidence but not none (before: LR 1 whatever the allele;
   * even half 62.9 → 63.0 %, odd unchanged at 63.4 %, trio bench gene top-1 70.7 → 71.6 %).
   */
  biallelicRecessiveFactor: 1,
  /**
   * In a consanguineous family most recessive disease is homozygous by descent: a homozygote inside a region of
   * homozygosity (autozygous), when the proband's runs say the parents are related, is this many times likelier the
   * cause than in an outbred family, where the homozygous and compound heterozygous routes are taken as equal. The
   * family check uses the same factor for a stated consanguinity (family-parameters.ts).
   */
  autozygousHomozygousLR: 3,
  singleRecessiveAlleleFactor: 0.08,
  /**
   * P(a lab's candidate list misses the causal gene): its filters or its reading of the phenotype. A list is the lab's
   * shortlist of a whole exome, so being on it is itself evidence: a listed gene has P(listed | causal) = 1 − this
   * against P(listed | not causal) = k / n (k genes listed among the n disease genes), an unlisted one this against
   * about 1. Only their ratio matters to the ranking, so unlisted genes get this · k / ((1 − this) · n)
   * (≈ 1e-4 for 5 variants) and listed ones their tier LR, as in a VCF.
   */
  listMissRate: 0.1,
};

type Sex = 'MALE' | 'FEMALE' | 'OTHER_SEX' | 'UNKNOWN_SEX' | undefined;

const isBiallelic = (v: AnnotatedVariant) => v.call.zygosity === 'homozygous' || v.call.zygosity === 'hemizygous';

/** Best pair of heterozygous variants that may be in trans (phased on the same haplotype = in cis = excluded). */
function bestCompoundPair(hets: AnnotatedVariant[]): [AnnotatedVariant, AnnotatedVariant] | undefined {
  const sorted = [...hets].sort((a, b) => b.assessment.lr - a.assessment.lr);
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      const cis = a.call.haplotype !== undefined && b.call.haplotype !== undefined && a.call.haplotype === b.call.haplotype;
      if (!cis) return [a, b];
    }
  }
  return undefined;
}

function recessive(candidates: AnnotatedVariant[], modeName: InheritanceMode): GenotypeCheck {
  // an extra copy (a duplication) is not a lost allele: it makes neither a homozygote nor half of a pair
  const qualifying = candidates.some((v) => v.assessment.dosageGain) ? candidates.filter((v) => !v.assessment.dosageGain) : candidates;
  if (qualifying.length === 0) {
    // weighed like a lone carrier allele: the gene is touched, but not as the disease needs
    const best = [...candidates].sort((a, b) => b.assessment.lr - a.assessment.lr)[0]!;
    return { mode: modeName, satisfied: false, lr: best.assessment.lr * genotypeParameters.singleRecessiveAlleleFactor, variants: [best], reason: 'a copy-number gain only: a recessive disease needs lost alleles' };
  }
  const hom = qualifying.filter(isBiallelic).sort((a, b) => b.assessment.lr - a.assessment.lr)[0];
  const pair = bestCompoundPair(qualifying.filter((v) => v.call.zygosity === 'heterozygous'));
  // Both alleles must be pathogenic: a compound heterozygote counts with the geometric mean of its two LRs.
  const homLR = hom ? hom.assessment.lr * (hom.autozygous ? genotypeParameters.autozygousHomozygousLR : 1) : 0;
  const pairLR = pair ? Math.sqrt(pair[0].assessment.lr * pair[1].assessment.lr) : 0;
  if (homLR === 0 && pairLR === 0) {
    const best = [...qualifying].sort((a, b) => b.assessment.lr - a.assessment.lr)[0]!;
    return {
      mode: modeName,
      satisfied: false,
      lr: best.assessment.lr * genotypeParameters.singleRecessiveAlleleFactor,
      variants: [best],
      reason: 'one heterozygous allele only: the disease needs two',
    };
  }
  const f = genotypeParameters.biallelicRecessiveFactor;
  if (homLR >= pairLR) return { mode: modeName, satisfied: true, lr: homLR * f, variants: [hom!], reason: `${hom!.call.zygosity} allele${hom!.autozygous ? ' in a region of homozygosity (parents likely related)' : ''}` };
  return { mode: modeName, satisfied: true, lr: pairLR * f, variants: [...pair!], reason: 'two heterozygous alleles (compound heterozygous or phase unknown)' };
}

/**
 * The genotype likelihood ratio of one gene for a disease with the given modes of inheritance: the best variant (or
 * pair) whose genotype fits a mode, weighted by its pathogenicity tier; the most favourable mode wins.
 * Autosomal dominant: one allele. Recessive: homozygous, or two alleles not known to be in cis. X-linked recessive:
 * a hemizygous (or homozygous) allele in a male, two alleles in a female. Mitochondrial / Y-linked / X-linked
 * dominant: one allele.
 */
export function genotypeLR(variants: AnnotatedVariant[], modes: readonly InheritanceMode[], sex: Sex): GenotypeCheck {
  const none = (reason: string): GenotypeCheck => ({ mode: 'none', satisfied: false, lr: genotypeParameters.noQualifyingVariantLR, variants: [], reason });
  if (variants.length === 0) return none('no variant in the gene');
  const qualifying = variants.filter((v) => v.assessment.lr > 0);
  if (qualifying.length === 0) return none('only benign, common or non-coding variants in the gene');
  let best: GenotypeCheck | undefined;
  for (const mode of modes) {
    let check: GenotypeCheck;
    switch (mode) {
      case 'dominant':
      case 'x-dominant': {
        // one allele suffices: a LoF in a haploinsufficient gene, or a coding change in a missense-constrained one, weighs more
        const lr = (x: AnnotatedVariant) => x.assessment.lr * x.assessment.dominantFactor;
        const v = [...qualifying].sort((a, b) => lr(b) - lr(a))[0]!;
        const constrained = v.assessment.dominantFactor !== 1 ? ' in a constrained gene' : '';
        check = { mode, satisfied: true, lr: lr(v), variants: [v], reason: `${v.call.zygosity} allele${constrained}` };
        break;
      }
      case 'mitochondrial':
      case 'y-linked': {
        const v = [...qualifying].sort((a, b) => b.assessment.lr - a.assessment.lr)[0]!;
        check = { mode, satisfied: true, lr: v.assessment.lr, variants: [v], reason: `${v.call.zygosity} allele` };
        break;
      }
      case 'recessive':
        check = recessive(qualifying, mode);
        break;
      case 'x-recessive': {
        // a male's one X: an allele on X (called hemizygous, or keyed to X) is all it takes. A disease whose modes are
        // unknown is tried under every mode, its gene often autosomal: there one allele in a male is not hemizygous
        const onX = sex === 'MALE' ? qualifying.filter((x) => x.call.copies >= 1 && (x.call.zygosity === 'hemizygous' || /^(chr)?X:/i.test(x.key))) : [];
        if (onX.length > 0) {
          const v = onX.sort((a, b) => b.assessment.lr - a.assessment.lr)[0]!;
          check = { mode, satisfied: true, lr: v.assessment.lr, variants: [v], reason: 'hemizygous allele in a male' };
        } else if (sex === 'MALE') {
          check = recessive(qualifying, mode);
        } else {
          check = recessive(qualifying, mode);
          if (sex === 'FEMALE' && check.satisfied) check.reason += ' in a female';
        }
        break;
      }
    }
    if (!best || check.lr > best.lr) best = check;
  }
  return best!;
}

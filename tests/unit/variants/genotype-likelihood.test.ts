import { describe, expect, it } from 'vitest';
import { genotypeLR, genotypeParameters } from '../../../diagnosis/variants/genotype-likelihood.js';
import type { AnnotatedVariant } from '../../../diagnosis/variants/variant-annotator.js';
import { assessVariant, tierLR } from '../../../diagnosis/variants/variant-pathogenicity.js';
import type { ClinVarEntry } from '../../../diagnosis/variants/clinvar-index.js';

const clinvar = (significance: string, stars: number): ClinVarEntry => ({ key: 'k', key37: '', significance, stars, clinvarId: '1', geneSymbol: 'G', hgvsC: '', hgvsP: '' });

function variant(key: string, zygosity: 'heterozygous' | 'homozygous' | 'hemizygous', lr: number, haplotype?: number, dominantFactor = 1): AnnotatedVariant {
  const copies = zygosity === 'homozygous' ? 2 : 1;
  return {
    key,
    inputKey: key,
    inputBuild: 'GRCh38',
    call: haplotype === undefined ? { copies, zygosity } : { copies, zygosity, haplotype },
    assessment: { tier: 'unknown', lr, dominantFactor, reasons: [] },
    line: 1,
  };
}

describe('variant pathogenicity tiers', () => {
  it('weights ClinVar P/LP by review stars and drops reviewed benign variants', () => {
    expect(assessVariant(clinvar('pathogenic', 2), undefined)).toMatchObject({ tier: 'clinvar-pathogenic', lr: 1000 });
    expect(assessVariant(clinvar('pathogenic', 0), undefined).lr).toBe(200);
    expect(assessVariant(clinvar('likely_pathogenic', 1), undefined)).toMatchObject({ tier: 'clinvar-likely-pathogenic', lr: 200 });
    expect(assessVariant(clinvar('benign', 2), undefined)).toMatchObject({ tier: 'benign', lr: 0 });
    expect(assessVariant(clinvar('uncertain', 1), undefined)).toMatchObject({ tier: 'unknown', lr: tierLR.unknown });
  });

  it('uses consequence, population frequency and predictor scores when the VCF is annotated', () => {
    const a = (x: object) => ({ source: 'VEP' as const, consequence: 'missense_variant', impact: 'MODERATE' as const, ...x });
    expect(assessVariant(undefined, a({ consequence: 'stop_gained', impact: 'HIGH' })).tier).toBe('predicted-damaging');
    expect(assessVariant(undefined, a({ revel: 0.9 })).tier).toBe('predicted-damaging');
    expect(assessVariant(undefined, a({ caddPhred: 22 })).tier).toBe('predicted-moderate');
    expect(assessVariant(undefined, a({})).tier).toBe('rare-coding');
    expect(assessVariant(undefined, a({ consequence: 'synonymous_variant', impact: 'LOW' })).tier).toBe('benign');
    expect(assessVariant(undefined, a({ consequence: 'stop_gained', impact: 'HIGH', populationAf: 0.05 })).tier).toBe('benign');
    expect(assessVariant(undefined, a({ consequence: 'intron_variant', impact: 'MODIFIER', spliceAi: 0.8 })).tier).toBe('predicted-damaging');
  });

  it('credits a change at the codon of a ClinVar pathogenic variant (PM5) and a hotspot without benign variation (PM1)', () => {
    expect(assessVariant(undefined, undefined, { nearestPathogenic: 1, benignNearby: false })).toMatchObject({ tier: 'clinvar-same-codon', lr: tierLR.clinvarSameCodon });
    expect(assessVariant(undefined, undefined, { nearestPathogenic: 20, benignNearby: false })).toMatchObject({ tier: 'clinvar-hotspot', lr: tierLR.clinvarHotspot });
    expect(assessVariant(undefined, undefined, { nearestPathogenic: 20, benignNearby: true }).tier).toBe('unknown');
    expect(assessVariant(undefined, undefined, { nearestPathogenic: 200, benignNearby: false }).tier).toBe('unknown');
  });
});

describe('genotype likelihood ratio and the inheritance check', () => {
  it('dominant: one heterozygous allele is enough', () => {
    const r = genotypeLR([variant('a', 'heterozygous', 50), variant('b', 'heterozygous', 2)], ['dominant'], 'FEMALE');
    expect(r).toMatchObject({ mode: 'dominant', satisfied: true, lr: 50 });
    expect(r.variants.map((v) => v.key)).toEqual(['a']);
  });

  it('recessive: homozygous, or two heterozygous alleles (geometric mean), never two in cis; a lone carrier allele is weak', () => {
    const { biallelicRecessiveFactor: bi, singleRecessiveAlleleFactor: single } = genotypeParameters;
    // the pattern factors are fitted (variant-tier-fit.ts): a biallelic genotype must count for more than a lone allele
    expect(bi).toBeGreaterThanOrEqual(1);
    expect(single).toBeLessThan(0.5);
    expect(genotypeLR([variant('a', 'homozygous', 200)], ['recessive'], undefined)).toMatchObject({ satisfied: true, lr: 200 * bi });
    const pair = genotypeLR([variant('a', 'heterozygous', 200), variant('b', 'heterozygous', 50)], ['recessive'], undefined);
    expect(pair).toMatchObject({ satisfied: true, lr: 100 * bi });
    const cis = genotypeLR([variant('a', 'heterozygous', 200, 0), variant('b', 'heterozygous', 50, 0)], ['recessive'], undefined);
    expect(cis).toMatchObject({ satisfied: false, lr: 200 * single });
    const trans = genotypeLR([variant('a', 'heterozygous', 200, 0), variant('b', 'heterozygous', 50, 1)], ['recessive'], undefined);
    expect(trans).toMatchObject({ satisfied: true, lr: 100 * bi });
    expect(genotypeLR([variant('a', 'heterozygous', 1000)], ['recessive'], undefined)).toMatchObject({ satisfied: false, lr: 1000 * single, reason: 'one heterozygous allele only: the disease needs two' });
    // the same allele counts for more in a dominant gene than as a lone carrier allele of a recessive one
    expect(genotypeLR([variant('a', 'heterozygous', 20)], ['dominant'], undefined).lr).toBeGreaterThan(genotypeLR([variant('a', 'heterozygous', 20)], ['recessive'], undefined).lr);
  });

  it('X-linked recessive: one allele in a male, two in a female', () => {
    expect(genotypeLR([variant('a', 'hemizygous', 50)], ['x-recessive'], 'MALE')).toMatchObject({ satisfied: true, lr: 50 });
    // a homozygous call keyed off the X in a male is read as recessive (biallelic); a lone allele in a female is a carrier
    expect(genotypeLR([variant('a', 'homozygous', 50)], ['x-recessive'], 'MALE')).toMatchObject({ satisfied: true, lr: 50 * genotypeParameters.biallelicRecessiveFactor });
    expect(genotypeLR([variant('a', 'heterozygous', 50)], ['x-recessive'], 'FEMALE')).toMatchObject({ satisfied: false, lr: 50 * genotypeParameters.singleRecessiveAlleleFactor });
    // in a male, one allele on X is hemizygous; one allele of an autosomal gene (modes unknown, all tried) is not
    expect(genotypeLR([variant('X:153296777:G:A', 'heterozygous', 50)], ['x-recessive'], 'MALE')).toMatchObject({ satisfied: true, lr: 50, reason: 'hemizygous allele in a male' });
    expect(genotypeLR([variant('7:117559590:G:A', 'heterozygous', 50)], ['x-recessive'], 'MALE')).toMatchObject({ satisfied: false });
  });

  it('penalises a gene with no qualifying variant, and picks the most favourable mode', () => {
    const none = genotypeParameters.noQualifyingVariantLR;
    expect(none).toBeLessThan(1);
    expect(genotypeLR([], ['dominant'], undefined)).toMatchObject({ mode: 'none', satisfied: false, lr: none });
    expect(genotypeLR([variant('a', 'heterozygous', 0)], ['dominant'], undefined)).toMatchObject({ lr: none, reason: expect.stringContaining('benign') });
    const either = genotypeLR([variant('a', 'heterozygous', 50)], ['recessive', 'dominant'], undefined);
    expect(either).toMatchObject({ mode: 'dominant', lr: 50 });
  });
});

describe('gene constraint in the genotype check', () => {
  it('weighs the constraint factor in dominant modes only', () => {
    // a LoF in a haploinsufficient gene (factor 3) beats a stronger-looking change in an unconstrained one (factor 0.2)
    const lof = variant('lof', 'heterozygous', 90, undefined, 3);
    const other = variant('other', 'heterozygous', 100, undefined, 0.2);
    const dom = genotypeLR([other, lof], ['dominant'], undefined);
    expect(dom).toMatchObject({ mode: 'dominant', lr: 270, reason: 'heterozygous allele in a constrained gene' });
    expect(dom.variants[0]!.key).toBe('lof');
    const rec = genotypeLR([variant('a', 'homozygous', 90, undefined, 3)], ['recessive'], undefined);
    expect(rec).toMatchObject({ satisfied: true, lr: 90 * genotypeParameters.biallelicRecessiveFactor });
  });
});

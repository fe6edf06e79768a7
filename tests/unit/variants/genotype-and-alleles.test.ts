import { describe, expect, it } from 'vitest';
import { normaliseAlleles } from '../../../diagnosis/variants/allele-normalisation.js';
import { alleleCall, parseGenotype } from '../../../diagnosis/variants/genotype.js';
import { modesOf } from '../../../diagnosis/variants/inheritance-modes.js';

describe('allele normalisation', () => {
  it('trims the shared suffix, then the shared prefix, keeping an anchor base', () => {
    expect(normaliseAlleles(100, 'AT', 'GT')).toEqual({ pos: 100, ref: 'A', alt: 'G' });
    expect(normaliseAlleles(100, 'ACCT', 'ACT')).toEqual({ pos: 100, ref: 'AC', alt: 'A' });
    expect(normaliseAlleles(100, 'CAGT', 'CTGT')).toEqual({ pos: 101, ref: 'A', alt: 'T' });
    expect(normaliseAlleles(100, 'A', 'AT')).toEqual({ pos: 100, ref: 'A', alt: 'AT' });
    expect(normaliseAlleles(100, 'g', 'c')).toEqual({ pos: 100, ref: 'G', alt: 'C' });
  });
});

describe('genotypes', () => {
  it('parses unphased, phased, haploid and missing calls', () => {
    expect(parseGenotype('0/1')).toEqual({ alleles: [0, 1], phased: false });
    expect(parseGenotype('1|0')).toEqual({ alleles: [1, 0], phased: true });
    expect(parseGenotype('1')).toEqual({ alleles: [1], phased: false });
    expect(parseGenotype('./.')).toEqual({ alleles: [null, null], phased: false });
    expect(parseGenotype('0/x')).toBeUndefined();
  });

  it('derives zygosity per ALT allele, with the haplotype of a phased heterozygote', () => {
    expect(alleleCall(parseGenotype('0/1')!, 1)).toEqual({ copies: 1, zygosity: 'heterozygous' });
    expect(alleleCall(parseGenotype('1/1')!, 1)).toEqual({ copies: 2, zygosity: 'homozygous' });
    expect(alleleCall(parseGenotype('1')!, 1)).toEqual({ copies: 1, zygosity: 'hemizygous' });
    expect(alleleCall(parseGenotype('0|1')!, 1)).toEqual({ copies: 1, zygosity: 'heterozygous', haplotype: 1 });
    expect(alleleCall(parseGenotype('1/2')!, 2)).toEqual({ copies: 1, zygosity: 'heterozygous' });
    expect(alleleCall(parseGenotype('0/1')!, 2)).toBeUndefined();
    expect(alleleCall(parseGenotype('./.')!, 1)).toBeUndefined();
    expect(alleleCall(parseGenotype('./1')!, 1)).toEqual({ copies: 1, zygosity: 'heterozygous' });
  });
});

describe('modes of inheritance', () => {
  it('maps HPO inheritance terms, and leaves the mode open when none is known', () => {
    expect(modesOf(['HP:0000006'])).toEqual(['dominant']);
    expect(modesOf(['HP:0000007', 'HP:0000006']).sort()).toEqual(['dominant', 'recessive']);
    expect(modesOf(['HP:0001417'])).toEqual(['x-recessive', 'x-dominant']);
    expect(modesOf([])).toHaveLength(6);
    expect(modesOf(['HP:0001426'])).toHaveLength(6); // multifactorial: no genotype constraint
  });
});

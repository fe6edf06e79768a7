import { describe, expect, it } from 'vitest';
import { narrativeVariants } from '../../../diagnosis/pipeline/narrative-variants.js';
import type { CandidateVariant } from '../../../diagnosis/intake/variant-mentions.js';

const mention = (m: Partial<CandidateVariant>): CandidateVariant => ({ hgvs: {}, start: 10, end: 20, text: 'c.4082G>A', ...m });

describe('the genetic results a narrative names, as candidate variants', () => {
  it('keeps gene, HGVS, zygosity, class and a stated parent; "inherited" alone says no parent', () => {
    const { variants, setAside } = narrativeVariants([
      mention({ gene: 'FBN1', hgvs: { transcript: 'NM_000138.5', c: 'c.4082G>A', p: 'p.(Cys1361Tyr)' }, zygosity: 'heterozygous', classification: 'pathogenic', inheritance: 'de novo' }),
      mention({ gene: 'CFTR', hgvs: { c: 'c.1521_1523del' }, zygosity: 'compound heterozygous', inheritance: 'inherited', start: 40, text: 'c.1521_1523del' }),
    ]);
    expect(setAside).toEqual([]);
    expect(variants).toEqual([
      { gene: 'FBN1', transcript: 'NM_000138.5', hgvsC: 'c.4082G>A', hgvsP: 'p.(Cys1361Tyr)', zygosity: 'heterozygous', inheritance: 'de novo', acmg: 'pathogenic', source: 'narrative "c.4082G>A" @10' },
      { gene: 'CFTR', hgvsC: 'c.1521_1523del', zygosity: 'compound heterozygous', source: 'narrative "c.1521_1523del" @40' },
    ]);
  });

  it('sets aside a mention without a gene, with its words', () => {
    const { variants, setAside } = narrativeVariants([mention({ description: '16p11.2 deletion', text: 'a maternally inherited 16p11.2 deletion', start: 5 })]);
    expect(variants).toEqual([]);
    expect(setAside).toEqual(['narrative "a maternally inherited 16p11.2 deletion" @5: no gene named, and no coordinates: not weighed']);
  });
});

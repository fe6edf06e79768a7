import { describe, expect, it } from 'vitest';
import { findCandidateVariants, geneSymbols } from '../../../diagnosis/intake/variant-mentions.js';

// Genetic results in clinical text (variant-mentions.ts): HGVS, genes told apart from abbreviations, zygosity,
// inheritance, ACMG class, test; plans and negative results give nothing.

const genes = geneSymbols(['FBN1', 'NF1', 'SCN1A', 'CFTR', 'VHL', 'PMP22', 'DMPK', 'CP', 'AR'], [[], ['NF-1'], [], [], [], [], [], [], []]);
const found = (text: string) => findCandidateVariants(text, genes).map(({ start: _s, end: _e, ...v }) => v);

describe('candidate variants named in a text', () => {
  it('reads HGVS with its protein change, the gene, zygosity, class and test of the sentence', () => {
    expect(found('FBN1 sequencing identified a heterozygous pathogenic variant, c.4082G>A p.(Cys1361Tyr).')).toEqual([
      { gene: 'FBN1', hgvs: { c: 'c.4082G>A', p: 'p.(Cys1361Tyr)' }, zygosity: 'heterozygous', classification: 'pathogenic', test: 'sequencing', text: 'c.4082G>A p.(Cys1361Tyr)' },
    ]);
  });
  it('keeps transcripts, several variants and their inheritance', () => {
    const v = found('Exome sequencing found compound heterozygous variants in CFTR: NM_000492.4:c.1521_1523delCTT p.(Phe508del) and c.1624G>T, maternally inherited.');
    expect(v.map((x) => [x.gene, x.hgvs.transcript, x.hgvs.c, x.zygosity, x.inheritance, x.test])).toEqual([
      ['CFTR', 'NM_000492.4', 'c.1521_1523delCTT', 'compound heterozygous', 'maternal', 'exome sequencing'],
      ['CFTR', undefined, 'c.1624G>T', 'compound heterozygous', 'maternal', 'exome sequencing'],
    ]);
  });
  it('reads a de novo result without HGVS, a gene-level duplication and a repeat expansion', () => {
    expect(found('A de novo likely pathogenic SCN1A variant was identified.')).toEqual([
      { gene: 'SCN1A', hgvs: {}, inheritance: 'de novo', classification: 'likely pathogenic', text: 'SCN1A' },
    ]);
    expect(found('PMP22 duplication identified by MLPA.')).toEqual([{ gene: 'PMP22', hgvs: {}, description: 'PMP22 duplication', test: 'MLPA', text: 'PMP22 duplication' }]);
    expect(found('Testing showed a large CTG repeat expansion in DMPK.')[0]).toMatchObject({ gene: 'DMPK', description: 'CTG repeat expansion' });
  });
  it('resolves aliases and tells short symbols from clinical abbreviations', () => {
    expect(found('A pathogenic NF-1 variant, c.4537C>T, was found.')[0]?.gene).toBe('NF1');
    expect(found('He has CP and an AR pattern; exome sequencing revealed c.100A>G.')).toEqual([
      { hgvs: { c: 'c.100A>G' }, test: 'exome sequencing', text: 'c.100A>G' },
    ]);
    expect(found('CP gene sequencing showed a homozygous variant c.1A>G.')[0]?.gene).toBe('CP');
  });
  it('gives nothing for plans and negative results', () => {
    expect(found('I have sent FBN1 sequencing.')).toEqual([]);
    expect(found('Parental targeted testing was negative; NF1 sequencing found no pathogenic variant.')).toEqual([]);
    expect(found('She has short stature and seizures.')).toEqual([]);
  });
});

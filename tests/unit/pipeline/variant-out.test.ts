import { describe, expect, it } from 'vitest';
import { variantOut } from '../../../diagnosis/pipeline/variant-out.js';
import { candidate } from '../../../diagnosis/contract/api-schemas.js';
import type { AnnotatedVariant } from '../../../diagnosis/variants/variant-annotator.js';

describe('variant as shown', () => {
  const v = {
    key: '1:1100:A:G',
    inputKey: '1:1000:A:G',
    inputBuild: 'GRCh37',
    call: { zygosity: 'heterozygous' },
    location: { transcript: 'NM_000001', ncbiGeneId: 11, symbol: 'GENE1', klass: 'frameshift', position: 'c.123', exon: 2, exonCount: 9, spliceRegion: false, preferred: true, mane: false },
    constraint: { loeuf: 0.21, misZ: 3.5 },
    assessment: { tier: 'predicted-lof', lr: 92, reasons: [] },
    line: 7,
  } as unknown as AnnotatedVariant;

  it('carries both positions, the location on the transcript models and the gene constraint, in the contract', () => {
    const o = variantOut(v);
    expect(o).toMatchObject({
      grch38: '1:1100:A:G',
      input: '1:1000:A:G',
      inputBuild: 'GRCh37',
      location: { transcript: 'NM_000001', class: 'frameshift', position: 'c.123', exon: 2, exonCount: 9 },
      constraint: { loeuf: 0.21, misZ: 3.5 },
      tier: 'predicted-lof',
    });
    const c = {
      rank: 1, id: 'OMIM:1', ids: ['OMIM:1'], label: 'One', mondo: '', score: 1, probability: 0.5, coverage: 0.5, genes: [],
      genotype: { gene: 'GENE1', lr: 92, mode: 'dominant', satisfied: true, reason: 'one allele', variants: [o] },
      observed: [], excluded: [], notReported: [],
      profile: { curated: false, borrowedFrom: ['OMIM:2'] },
    };
    expect(candidate.parse(c)).toEqual(c);
  });

  it('leaves them out when the gene has no models or constraint', () => {
    const o = variantOut({ ...v, location: undefined, constraint: undefined });
    expect(o.location).toBeUndefined();
    expect(o.constraint).toBeUndefined();
  });
});

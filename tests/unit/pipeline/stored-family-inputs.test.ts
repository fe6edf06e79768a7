import { describe, expect, it } from 'vitest';
import { buildPedigree } from '../../../diagnosis/case-input/pedigree.js';
import type { StoredCaseInputs } from '../../../diagnosis/case-store/case-types.js';
import { runInputsOfStoredCase } from '../../../diagnosis/pipeline/run-record.js';

const pedigree = buildPedigree(
  [
    { id: 'P1', familyId: 'f', fatherId: 'F1', motherId: 'M1', sex: 'FEMALE', affected: 'affected' },
    { id: 'F1', familyId: 'f', sex: 'MALE', affected: 'unaffected' },
    { id: 'M1', familyId: 'f', sex: 'FEMALE', affected: 'unaffected' },
  ],
  { probandId: 'P1' },
);
const base: StoredCaseInputs = {
  caseId: 'c1',
  findings: { id: 'c1', present: ['HP:0004322'], excluded: [], sex: 'FEMALE' },
  uncertain: [],
  vcf: null,
  pedigree: { pedigree, source: 'typed in the app' },
  candidateVariants: { variants: [{ gene: 'FGFR3', hgvsC: 'c.1138G>A', source: 'typed' }], source: 'typed in the app' },
};
const vcf = { path: '/data/trio.vcf.gz', sha256: 'a'.repeat(64), sample: 'P1', build: 'GRCh37' as const };

describe('a stored case’s family and candidate list as run inputs', () => {
  it('weighs the lab list when there is no VCF (the family then has no calls to read)', () => {
    const inputs = runInputsOfStoredCase(base);
    expect(inputs.candidateVariants?.variants.map((v) => v.gene)).toEqual(['FGFR3']);
    expect(inputs.pedigree).toBeUndefined();
    expect(inputs.variants).toBeUndefined();
    expect(inputs.notUsed).toBeUndefined();
  });

  it('reads the family in a multi-sample VCF, and the VCF rather than the list', () => {
    const inputs = runInputsOfStoredCase({ ...base, vcf: { ...vcf, samples: ['P1', 'F1', 'M1'] } });
    expect(inputs.pedigree).toEqual(base.pedigree);
    expect(inputs.variants).toMatchObject({ path: vcf.path, sample: 'P1' });
    expect(inputs.candidateVariants).toBeUndefined();
    expect(inputs.notUsed).toEqual(['the candidate variant list (typed in the app) was not weighed: the case has a VCF, whose calls are used instead']);
  });

  it('reads a single-sample VCF as the proband’s alone, and a VCF attached before samples were recorded with the family', () => {
    const single = runInputsOfStoredCase({ ...base, candidateVariants: undefined, vcf: { ...vcf, samples: ['P1'] } });
    expect(single.pedigree).toBeUndefined();
    expect(single.notUsed).toEqual(["the family (typed in the app) was not read: the VCF has one sample (P1), so it holds no relative's calls"]);
    expect(runInputsOfStoredCase({ ...base, vcf }).pedigree).toEqual(base.pedigree);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../../../diagnosis/case-input/case-file.js';

const persons = [
  { familyId: 'F', individualId: 'kid', paternalId: 'dad', maternalId: 'mum', sex: 'MALE', affectedStatus: 'AFFECTED' },
  { familyId: 'F', individualId: 'dad', sex: 'MALE', affectedStatus: 'UNAFFECTED' },
  { familyId: 'F', individualId: 'mum', sex: 'FEMALE', affectedStatus: 'UNAFFECTED' },
];

describe('case file: family and candidate list fields (issue 14)', () => {
  it('takes a PED path or typed persons, relatives\' own VCFs, and a candidate list (file or entries)', () => {
    const typed = parseCaseFile({ hpo: ['HP:0001250'], vcf: { path: 'kid.vcf', members: { dad: 'dad.vcf' } }, pedigree: { persons, consanguineous: true } }, 'c');
    expect(typed).toMatchObject({ ok: true, value: { vcf: { path: 'kid.vcf', members: { dad: 'dad.vcf' } }, pedigree: { persons: expect.any(Array), consanguineous: true } } });
    expect(parseCaseFile({ hpo: ['HP:0001250'], vcf: 'trio.vcf', pedigree: 'trio.ped' }, 'c')).toMatchObject({ ok: true, value: { pedigree: { path: 'trio.ped' } } });
    expect(parseCaseFile({ candidates: 'list.csv' }, 'c')).toMatchObject({ ok: true, value: { candidates: { path: 'list.csv' } } });
    expect(parseCaseFile({ hpo: ['HP:0001250'], candidates: [{ gene: 'FGFR3' }] }, 'c')).toMatchObject({ ok: true, value: { candidates: { entries: [{ gene: 'FGFR3' }] } } });
  });

  it('refuses what cannot work together, naming the field', () => {
    expect(parseCaseFile({ hpo: ['HP:0001250'], pedigree: 'trio.ped' }, 'c')).toEqual({ ok: false, error: "field pedigree: a pedigree needs the family's VCF (field vcf)" });
    expect(parseCaseFile({ hpo: ['HP:0001250'], vcf: 'a.vcf', candidates: 'list.csv' }, 'c')).toEqual({ ok: false, error: 'fields vcf and candidates: give a VCF or a candidate list, not both' });
    expect(parseCaseFile({ hpo: ['HP:0001250'], vcf: { path: 'a.vcf', members: { dad: 'd.vcf' } } }, 'c')).toMatchObject({ ok: false, error: expect.stringMatching(/^field vcf\.members: relatives' VCFs need the family's pedigree/) });
    expect(parseCaseFile({ hpo: ['HP:0001250'], vcf: 'a.vcf', pedigree: { persons: [{ familyId: 'F' }] } }, 'c')).toMatchObject({ ok: false, error: expect.stringMatching(/^field pedigree/) });
    expect(parseCaseFile({ hpo: ['HP:0001250'], candidates: [] }, 'c')).toMatchObject({ ok: false, error: expect.stringMatching(/^field candidates/) });
  });
});

import { describe, expect, it } from 'vitest';
import { relationsToProband } from '../../../diagnosis/contract/pedigree-relations.js';
import { clinicalReportHtml } from '../../../diagnosis/report/clinical-report.js';
import { buildClinicalReport, type ReportInputs } from '../../../diagnosis/report/report-content.js';
import { solvedCase, solvedRun } from './report-fixture.js';

const members = [
  { id: 'P1', sex: 'FEMALE' as const, affected: 'affected' as const, fatherId: 'F1', motherId: 'M1', proband: true },
  { id: 'F1', sex: 'MALE' as const, affected: 'unaffected' as const, proband: false },
  { id: 'M1', sex: 'FEMALE' as const, affected: 'unaffected' as const, proband: false },
  { id: 'S1', sex: 'MALE' as const, affected: 'unknown' as const, fatherId: 'F1', motherId: 'M1', proband: false },
  { id: 'H1', sex: 'MALE' as const, affected: 'unknown' as const, motherId: 'M1', proband: false },
];

const inputs = (c: ReportInputs['case'], run = solvedRun): ReportInputs => ({
  case: c,
  run,
  settings: {},
  sources: [],
  versions: { application: 'test', snapshotId: run.snapshotId },
  generatedAt: new Date('2026-03-01T10:00:00Z'),
  reader: { locale: 'en-GB', timeZone: 'Europe/London' },
});

describe('the family and the lab list in the report', () => {
  it('names each member’s relation to the proband', () => {
    expect([...relationsToProband(members)]).toEqual([
      ['P1', 'proband'],
      ['F1', 'father'],
      ['M1', 'mother'],
      ['S1', 'sibling'],
      ['H1', 'half-sibling'],
    ]);
  });

  it('lists the pedigree and the candidate variants, and the family’s calls of the variants the genotype rests on', () => {
    const c = {
      ...solvedCase,
      pedigree: { familyId: 'FAM7', consanguineous: true, source: 'typed in the app', members, notes: [] },
      candidateVariants: { source: 'lab report', variants: [{ gene: 'FGFR3', hgvsC: 'c.1138G>A', hgvsP: 'p.Gly380Arg', zygosity: 'heterozygous' as const, inheritance: 'de novo' as const, acmg: 'pathogenic' as const }] },
    };
    const first = solvedRun.candidates[0]!;
    const run = {
      ...solvedRun,
      candidates: [
        {
          ...first,
          genotype: {
            ...first.genotype!,
            variants: first.genotype!.variants.map((v) => ({
              ...v,
              members: [{ id: 'P1', role: 'proband', gt: '0/1' }, { id: 'F1', role: 'father', gt: '0/0' }, { id: 'M1', role: 'mother', gt: '0/0' }],
              inheritance: { finding: 'de novo (absent in both parents)', lr: 600, consistent: true },
            })),
          },
        },
        ...solvedRun.candidates.slice(1),
      ],
    };
    const report = buildClinicalReport(inputs(c, run));
    const ids = report.sections.map((s) => s.id);
    expect(ids.indexOf('pedigree')).toBe(ids.indexOf('findings') + 1);
    expect(ids.indexOf('candidate-variants')).toBe(ids.indexOf('pedigree') + 1);
    const pedigree = report.sections.find((s) => s.id === 'pedigree')!;
    expect(pedigree.blocks[1]).toMatchObject({ kind: 'table', rows: [['P1', 'proband', 'female', 'affected', 'F1', 'M1'], ['F1', 'father', 'male', 'unaffected', '—', '—'], ['M1', 'mother', 'female', 'unaffected', '—', '—'], expect.anything(), expect.anything()] });
    expect(pedigree.blocks[0]).toMatchObject({ rows: [['Family', 'FAM7 (5 members; from typed in the app)'], ['Parents related (consanguinity)', 'yes']] });
    const list = report.sections.find((s) => s.id === 'candidate-variants')!;
    expect(list.blocks[1]).toMatchObject({ rows: [['FGFR3', 'c.1138G>A', 'p.Gly380Arg', '—', '—', 'heterozygous', 'de novo', 'pathogenic']] });
    const html = clinicalReportHtml(report, 'en-GB');
    for (const text of ['Family (pedigree)', 'half-sibling', 'Candidate variants (lab list)', 'p.Gly380Arg', 'de novo (absent in both parents)', 'father F1: 0/0']) expect(html).toContain(text);
  });

  it('leaves both sections out of a case that has neither', () => {
    const ids = buildClinicalReport(inputs(solvedCase)).sections.map((s) => s.id);
    expect(ids).not.toContain('pedigree');
    expect(ids).not.toContain('candidate-variants');
  });
});

import { describe, expect, it } from 'vitest';
import { documentFindings } from '../../../diagnosis/intake/document-findings.js';
import { extractRecord } from '../../../diagnosis/intake/extraction-record.js';
import { reportSections, sectionAt } from '../../../diagnosis/intake/report-sections.js';
import { tinyHierarchy, tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';

const report = [
  'A boy with hearing loss: a case report',
  'Abstract',
  'We describe a boy with sensorineural hearing loss and ptosis.',
  'Background',
  'The syndrome is known for scoliosis and seizures.',
  'Case presentation',
  'The proband had sensorineural hearing loss, hearing loss, ptosis and no seizures. His mother has epilepsy.',
  '2. Discussion',
  'Microcephaly has been reported in other patients.',
  'References',
  '1. Nausea in patients.',
].join('\n');

describe('report sections', () => {
  it('finds the patient, literature and front sections from headings', () => {
    const s = reportSections(report);
    expect(s.map((x) => [x.kind, x.heading])).toEqual([
      ['front', ''],
      ['literature', 'Background'],
      ['patient', 'Case presentation'],
      ['literature', '2. Discussion'],
      ['literature', 'References'],
    ]);
    expect(sectionAt(s, report.indexOf('Microcephaly'))?.kind).toBe('literature');
    expect(reportSections('')).toHaveLength(1);
    expect(reportSections('No headings at all. Ptosis.').map((x) => x.kind)).toEqual(['front']);
  });
});

describe('document findings', () => {
  it('takes the patient sections, present findings, most specific terms', () => {
    const findings = tinyRecognizer().extract(report);
    const doc = documentFindings(report, findings, tinyHierarchy());
    expect(doc.present).toEqual(['HP:0000407', 'HP:0000508']);
    expect(doc.excluded).toEqual(['HP:0001250']);
  });

  it('takes everything but the literature when no patient section is marked, and a plain note whole', () => {
    const note = 'Hypotonia and ptosis. No scoliosis. Mother has epilepsy. Possible nausea.';
    const doc = documentFindings(note, tinyRecognizer().extract(note), tinyHierarchy());
    expect(doc).toEqual({ present: ['HP:0000508', 'HP:0001252'], excluded: ['HP:0002650'] });
  });
});

describe('batch records', () => {
  const r = tinyRecognizer();
  it('extracts {"id","text"} and {"pmid","text"} lines', () => {
    expect(extractRecord(r, { line: 1, ok: true, value: { id: 'a', text: 'Ptosis.' } })).toEqual({
      id: 'a',
      findings: [{ hpoId: 'HP:0000508', label: 'Ptosis', status: 'present', start: 0, end: 6, text: 'Ptosis', confidence: 0.95 }],
    });
    expect(extractRecord(r, { line: 2, ok: true, value: { pmid: 123, text: '' } })).toEqual({ id: 123, findings: [] });
  });

  it('turns a bad line into an error line naming it', () => {
    expect(extractRecord(r, { line: 3, ok: false, error: 'invalid JSON: x' })).toEqual({ id: null, error: 'line 3: invalid JSON: x' });
    expect(extractRecord(r, { line: 4, ok: true, value: { id: 'b' } })).toMatchObject({ id: 'b', error: expect.stringMatching(/^line 4: text: /) });
    expect(extractRecord(r, { line: 5, ok: true, value: { text: 'x' } })).toEqual({ id: null, error: 'line 5: no "id" (or "pmid")' });
    expect(extractRecord(r, { line: 6, ok: true, value: [1, 2] })).toMatchObject({ id: null, error: expect.stringMatching(/^line 6: /) });
    expect(extractRecord(r, { line: 7, ok: true, value: null })).toMatchObject({ id: null, error: expect.stringMatching(/^line 7: /) });
  });

  it('flags historical findings and non-phenotypic evidence in the output', () => {
    const out = extractRecord(r, { line: 1, ok: true, value: { id: 'c', text: 'History of seizures. CK 5000 U/L.' } });
    expect('findings' in out && out.findings.map((f) => [f.hpoId, f.historical, f.evidence])).toEqual([
      ['HP:0001250', true, undefined],
      ['HP:0003236', undefined, 'lab'],
    ]);
  });
});

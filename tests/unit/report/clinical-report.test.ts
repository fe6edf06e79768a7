import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genotypeStatement } from '../../../diagnosis/contract/genotype-statement.js';
import { clinicalReportHtml } from '../../../diagnosis/report/clinical-report.js';
import { buildClinicalReport, type ReportInputs } from '../../../diagnosis/report/report-content.js';
import { dateFormatter } from '../../../diagnosis/report/report-dates.js';
import { clinicalReportPdf } from '../../../diagnosis/report/report-pdf.js';
import { scratchDir } from '../../helpers/paths.js';
import { solvedCase, solvedRun } from './report-fixture.js';

const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  case: solvedCase,
  run: solvedRun,
  settings: { institution: 'University Hospital, Clinical Genetics', department: 'Rare Disease Clinic', clinician: 'Dr L. Lee', clinicianTitle: 'Consultant clinical geneticist' },
  sources: [
    { name: 'HPO disease annotations', release: '2025-11-24' },
    { name: 'ClinVar', release: 'ClinVar monthly XML/TXT release of September 2016' },
  ],
  versions: { application: '0.1.0-test', snapshotId: 'snap-test-1', snapshotBuiltAt: '2025-01-05T10:00:00.000Z' },
  generatedAt: new Date('2025-03-02T16:45:00.000Z'),
  reader: { locale: 'en-GB', timeZone: 'Europe/London' },
  ...over,
});

const textOf = (r: ReturnType<typeof buildClinicalReport>) => JSON.stringify(r);
const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('the clinical report', () => {
  it('carries the header, referral, decision with its reasons, the evidence for the accepted diagnosis, limitations, versions and sign-off', () => {
    const r = buildClinicalReport(inputs());
    expect(r.letterhead).toEqual(['University Hospital, Clinical Genetics', 'Rare Disease Clinic']);
    expect(r.sections.map((s) => s.id)).toEqual(['patient', 'narrative', 'findings', 'decision', 'differential', 'evidence', 'variants', 'limitations', 'versions', 'sign-off']);
    const all = textOf(r);
    for (const expected of [
      'Disproportionate short stature; suspected skeletal dysplasia',
      'Dr R. Okoye, general paediatrics',
      'trident hands',
      'Achondroplasia (OMIM:100800)',
      'Pathogenic',
      'Considered and excluded',
      'Survival beyond infancy, no respiratory failure',
      'Parents informed; cascade testing offered.',
      'among past cases shown with 70 %',
      'Dr L. Lee, Consultant clinical geneticist',
    ]) {
      expect(all).toContain(expected);
    }
    // the evidence section is about the final diagnosis, named by the OMIM id although the ranker scored the ORPHA entry
    const evidence = r.sections.find((s) => s.id === 'evidence')!;
    expect(JSON.stringify(evidence)).toContain('the final diagnosis');
    expect(JSON.stringify(evidence)).toContain('Trident hand');
    // the variant row carries zygosity, consequence, inheritance and the clinician's classification
    const variants = r.sections.find((s) => s.id === 'variants')!.blocks[0]!;
    expect(variants).toMatchObject({ kind: 'table' });
    const row = (variants as { rows: string[][] }).rows[0]!;
    expect(row).toEqual(expect.arrayContaining(['FGFR3', 'heterozygous', 'autosomal dominant: fits', 'Pathogenic (clinician)']));
    expect(row[1]).toContain('NM_000142.5:c.1138G>A');
  });

  it('prints every moment in the reader’s locale and zone, and release days as days: never a raw UTC timestamp', () => {
    const en = textOf(buildClinicalReport(inputs()));
    expect(en).not.toMatch(ISO_MOMENT);
    expect(en).toContain('2 March 2025 at 16:45');
    expect(en).toContain('24 November 2025');
    const de = textOf(buildClinicalReport(inputs({ reader: { locale: 'de-DE', timeZone: 'Europe/Berlin' } })));
    expect(de).toContain('2. März 2025 um 17:45');
    expect(de).not.toMatch(ISO_MOMENT);
    // a release day stays that day in any zone
    expect(dateFormatter({ locale: 'en-US', timeZone: 'America/Los_Angeles' }).day('2025-11-24')).toBe('November 24, 2025');
    // an unknown locale or zone does not fail the report
    expect(() => buildClinicalReport(inputs({ reader: { locale: 'xx-not-a-locale!', timeZone: 'Mars/Olympus' } }))).not.toThrow();
  });

  it('says what was not done: no final diagnosis, no VCF, a run on another snapshot', () => {
    const open = { ...solvedCase, status: 'in-progress' as const, finalDiagnosis: undefined, decisions: [] };
    const { vcf: _vcf, ...noVcfRun } = solvedRun;
    const phenotypeOnly = { ...noVcfRun, candidates: solvedRun.candidates.map(({ genotype: _g, ...c }) => c) };
    const r = buildClinicalReport(inputs({ case: open, run: phenotypeOnly, sources: [] }));
    const all = textOf(r);
    expect(all).toContain('No final diagnosis has been recorded (case status: in progress)');
    expect(all).toContain('the leading candidate (no diagnosis accepted yet)');
    expect(all).toContain('No sequencing data was analysed in this run');
    expect(all).toContain('which is not the one installed now');
  });

  it('states the genotype truth: a run that read a VCF never says that none was attached', () => {
    const [withGenotype, sameGeneNoEvidence, noGene] = solvedRun.candidates;
    expect(genotypeStatement(solvedRun, withGenotype!)).toMatchObject({ vcfUsed: true, evidence: true });
    const noGeneText = genotypeStatement(solvedRun, noGene!);
    expect(noGeneText).toMatchObject({ vcfUsed: true, evidence: false });
    expect(noGeneText.text).toContain('proband.vcf.gz');
    expect(noGeneText.text).toContain('no gene is known for this disease');
    expect(noGeneText.text).not.toMatch(/no VCF was attached/);
    expect(genotypeStatement(solvedRun, sameGeneNoEvidence!).text).toContain('the run read proband.vcf.gz');
    // a run stored before runs recorded their VCF: known to have read one from the genotype evidence it carries
    const { vcf: _vcf, ...older } = solvedRun;
    expect(genotypeStatement(older, noGene!).vcfUsed).toBe(true);
    const { genotype: _g, ...bare } = withGenotype!;
    expect(genotypeStatement({ candidates: [bare, noGene!] }, bare).text).toMatch(/no VCF was attached to the case when it was run/);
  });

  it('renders self-contained HTML (no script, no remote resource) with the sign-off block', () => {
    const html = clinicalReportHtml(buildClinicalReport(inputs()), 'en-GB');
    expect(html).toMatch(/^<!doctype html><html lang="en-GB">/);
    expect(html).not.toMatch(/<script|https?:\/\//i);
    expect(html).toContain('<h2>Sign-off</h2>');
    expect(html).toContain('Authorised by');
    // text from the case is escaped
    const risky = clinicalReportHtml(buildClinicalReport(inputs({ case: { ...solvedCase, notes: '<img src=x onerror=alert(1)>' } })));
    expect(risky).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(risky).not.toContain('<img src=x');
  });

  it('lays out the same content as a PDF that pdftotext reads back: decision, reasons and sign-off', async () => {
    const pdf = await clinicalReportPdf(buildClinicalReport(inputs()));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(scratchDir('rarediag-report-pdf-'), 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of ['University Hospital, Clinical Genetics', 'Rare-disease diagnostic report', 'Final diagnosis', 'Achondroplasia (OMIM:100800)', 'Thanatophoric dysplasia, type I', 'Survival beyond infancy', 'Sign-off', 'Reported by', 'Authorised by', 'Signature']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(ISO_MOMENT);
  });
});

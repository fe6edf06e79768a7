import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobEvent } from '../../diagnosis/contract/api.js';
import { sessionRankFunction } from '../../diagnosis/pipeline/reanalysis.js';
import { WorkstationService } from '../../diagnosis/service/workstation-service.js';
import { CaseStore } from '../../diagnosis/case-store/case-store.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms } from '../helpers/spiked-vcf.js';
import { fgfr3G380RDeNovo, trioBackground } from '../helpers/trio-vcf.js';

function jobEnd(service: WorkstationService, jobId: string): Promise<JobEvent> {
  return new Promise((resolve) => {
    const off = service.onJobEvent((e) => {
      if (e.jobId === jobId && (e.type === 'done' || e.type === 'failed')) {
        off();
        resolve(e);
      }
    });
  });
}

const trio = {
  consanguineous: false,
  members: [
    { id: 'P1', sex: 'FEMALE' as const, affected: 'affected' as const, fatherId: 'F1', motherId: 'M1', proband: true },
    { id: 'F1', sex: 'MALE' as const, affected: 'unaffected' as const },
    { id: 'M1', sex: 'FEMALE' as const, affected: 'unaffected' as const },
  ],
};

/**
 * The family and the lab's list through the service, on the real snapshot: a stored pedigree read with a trio's VCF,
 * a stored candidate list weighed without one, PED and CSV files imported (errors naming file and line), and
 * re-analysis reading the same stored inputs.
 */
describe('a case’s family and candidate variants through the workstation service', () => {
  const dir = scratchDir('rarediag-family-service-');
  let service: WorkstationService;
  const storeFile = join(dir, 'cases.db');

  beforeAll(async () => {
    service = await WorkstationService.create({
      snapshotDir: inject('realSnapshotDir'),
      sourcesDir: inject('realSourcesDir'),
      storeFile,
      storeKey: 'test passphrase',
      modelStoreDir: join(dir, 'models'),
      applicationVersion: 'test',
    });
  });
  afterAll(async () => service?.close());

  const newCase = async (label: string) => {
    const c = await service.call('cases.create', { label, sex: 'FEMALE', ageYears: 2 });
    const labels = Object.fromEntries((await Promise.all(achondroplasiaTerms.map((id) => service.call('terms.search', { query: id, limit: 1 })))).map((h, i) => [achondroplasiaTerms[i], h[0]?.label ?? achondroplasiaTerms[i]!]));
    await service.call('cases.setFindings', { id: c.id, findings: achondroplasiaTerms.map((hpoId) => ({ hpoId, label: labels[hpoId]!, status: 'present' as const, source: 'typed' as const })) });
    return c.id;
  };
  const run = async (caseId: string) => {
    const { jobId } = await service.call('diagnosis.run', { caseId });
    const done = await jobEnd(service, jobId);
    if (done.type !== 'done' || done.result.kind !== 'run') throw new Error(`the run failed: ${JSON.stringify(done)}`);
    return service.call('runs.get', { runId: done.result.runId });
  };

  it('reads a trio’s VCF with the stored pedigree: per-member calls and the de novo finding in the genotype panel', async () => {
    const caseId = await newCase('Trio with VCF');
    const vcf = trioBackground(inject('realSourcesDir'), join(dir, 'trio.vcf.gz'), [fgfr3G380RDeNovo]);
    const attached = await service.call('vcf.attach', { caseId, path: vcf, sample: 'P1' });
    const done = await jobEnd(service, attached.jobId);
    expect(done).toMatchObject({ type: 'done', result: { summary: { sample: 'P1', samples: ['P1', 'F1', 'M1'] } } });
    const saved = await service.call('cases.setPedigree', { caseId, pedigree: trio });
    expect(saved.pedigree).toMatchObject({ source: 'typed in the app', notes: [], members: [{ id: 'P1', proband: true, fatherId: 'F1', motherId: 'M1' }, { id: 'F1' }, { id: 'M1' }] });
    const view = await run(caseId);
    expect(view.candidates[0]!.id).toBe('OMIM:100800');
    const variant = view.candidates[0]!.genotype!.variants[0]!;
    expect(variant.grch38).toBe('4:1804392:G:A');
    expect(variant.members?.map((m) => [m.id, m.role, m.gt])).toEqual([
      ['P1', 'proband', '0/1'],
      ['F1', 'father', '0/0'],
      ['M1', 'mother', '0/0'],
    ]);
    expect(variant.inheritance?.finding).toMatch(/de novo/);
    expect(variant.inheritance!.lr).toBeGreaterThan(1);
  });

  it('weighs a stored candidate list when the case has no VCF, and re-analysis reads the same list', async () => {
    const caseId = await newCase('Trio, lab list');
    await service.call('cases.setPedigree', { caseId, pedigree: trio });
    const saved = await service.call('cases.setCandidateVariants', {
      caseId,
      variants: [
        { gene: 'COL2A1', hgvsC: 'c.1693C>T', zygosity: 'heterozygous', inheritance: 'maternal', acmg: 'uncertain significance' },
        { gene: 'FGFR3', hgvsC: 'c.1138G>A', hgvsP: 'p.Gly380Arg', transcript: 'NM_000142.5', zygosity: 'heterozygous', inheritance: 'de novo', acmg: 'pathogenic' },
        { gene: 'SHOX', hgvsC: 'c.503G>A', zygosity: 'heterozygous', inheritance: 'paternal', acmg: 'likely benign' },
      ],
    });
    expect(saved.candidateVariants?.variants.map((v) => v.gene)).toEqual(['COL2A1', 'FGFR3', 'SHOX']);
    const view = await run(caseId);
    expect(view.genes[0]!.symbol).toBe('FGFR3');
    expect(view.candidates[0]!.id).toBe('OMIM:100800');
    const v = view.candidates[0]!.genotype!.variants[0]!;
    expect(v.grch38).toBe('FGFR3:c.1138G>A');
    expect(v.inheritance?.finding).toMatch(/de novo/);

    // re-analysis builds the run from the same stored case
    const store = CaseStore.open({ path: storeFile, key: 'test passphrase', actor: 'reanalysis' });
    try {
      const ranked = await sessionRankFunction(service.session)(store.caseInputs(caseId));
      expect(ranked.topCandidates[0]).toBe('OMIM:100800');
      expect((ranked.result as typeof view).genes[0]!.symbol).toBe('FGFR3');
    } finally {
      store.close();
    }
  });

  it('imports a PED and a CSV from a path; problems name the file and line', async () => {
    const caseId = await newCase('Imported family');
    const ped = join(dir, 'family7.ped');
    writeFileSync(ped, '#family individual father mother sex phenotype\nFAM7 kid dad mum 2 2\nFAM7 dad 0 0 1 1\nFAM7 mum 0 0 2 1\n');
    const imported = await service.call('cases.importPedigree', { caseId, path: ped });
    expect(imported.case.pedigree).toMatchObject({ familyId: 'FAM7', source: 'family7.ped', members: [{ id: 'kid', sex: 'FEMALE', affected: 'affected', proband: true }, { id: 'dad', affected: 'unaffected' }, { id: 'mum' }] });
    expect(imported.setAside).toEqual([]);

    const badPed = join(dir, 'broken.ped');
    writeFileSync(badPed, 'FAM7 kid dad mum 2 2\nFAM7 dad 0 0\n');
    await expect(service.call('cases.importPedigree', { caseId, path: badPed })).rejects.toThrow(/^broken\.ped:2: 4 column\(s\), a PED line has 6/);

    const csv = join(dir, 'lab-list.csv');
    writeFileSync(csv, 'Gene,HGVS c.,Protein,Zygosity,Inheritance,ACMG\nFGFR3,c.1138G>A,p.Gly380Arg,het,de novo,P\nFGFR3,G380R,,het,,VUS\n');
    const list = await service.call('cases.importCandidates', { caseId, path: csv });
    expect(list.case.candidateVariants).toMatchObject({ source: 'lab-list.csv', variants: [{ gene: 'FGFR3', hgvsC: 'c.1138G>A', hgvsP: 'p.Gly380Arg', inheritance: 'de novo', acmg: 'pathogenic', source: 'lab-list.csv:2' }] });
    expect(list.setAside).toEqual(['lab-list.csv:3.hgvs: "G380R" is not a c. or p. HGVS description: row set aside']);
    const noList = join(dir, 'letter.csv');
    writeFileSync(noList, 'Dear colleague\nthank you\n');
    await expect(service.call('cases.importCandidates', { caseId, path: noList })).rejects.toThrow(/^letter\.csv:1: the header names neither a gene nor a chromosome column/);
    // nothing half-stored: the list imported before the failure stands
    expect((await service.call('cases.get', { id: caseId })).candidateVariants?.source).toBe('lab-list.csv');
  });
});

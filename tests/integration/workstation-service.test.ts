import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { JobEvent } from '../../diagnosis/contract/api.js';
import { WorkstationService } from '../../diagnosis/service/workstation-service.js';
import { scratchDir } from '../helpers/paths.js';
import { fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

/** Waits for a job's done / failed event. */
function jobEnd(service: WorkstationService, jobId: string, seen: JobEvent[] = []): Promise<JobEvent> {
  return new Promise((resolve) => {
    const off = service.onJobEvent((e) => {
      if (e.jobId !== jobId) return;
      seen.push(e);
      if (e.type === 'done' || e.type === 'failed') {
        off();
        resolve(e);
      }
    });
  });
}

describe('workstation service (the engine behind the UI) on the real snapshot', () => {
  const dir = scratchDir();
  let service: WorkstationService;
  const connect = vi.spyOn(net.Socket.prototype, 'connect');
  const lookup = vi.spyOn(dns, 'lookup');

  beforeAll(async () => {
    service = await WorkstationService.create({
      snapshotDir: inject('realSnapshotDir'),
      sourcesDir: inject('realSourcesDir'),
      storeFile: join(dir, 'cases.db'),
      storeKey: 'test passphrase',
      modelStoreDir: join(dir, 'models'),
      applicationVersion: 'test',
    });
  });
  afterAll(async () => service?.close());

  it('takes a case from narrative to a stored, reportable diagnosis run, offline', async () => {
    const created = await service.call('cases.create', { label: 'Achondroplasia work-up', sex: 'FEMALE', ageYears: 1.5 });
    expect(created).toMatchObject({ status: 'new', ageYears: 1.5, findings: [], decisions: [] });
    const narrative = 'Infant with rhizomelic short stature, macrocephaly and frontal bossing. Trident hands. No seizures.';
    await service.call('cases.update', { id: created.id, narrative });
    const extracted = await service.call('intake.extract', { text: narrative });
    expect(extracted.find((f) => f.hpoId === 'HP:0001250')?.status).toBe('excluded');
    expect(extracted.every((f) => narrative.slice(f.start, f.end) === f.text)).toBe(true);
    const picked = await service.call('terms.search', { query: 'midface retr', limit: 3 });
    expect(picked[0]).toMatchObject({ id: 'HP:0011800', label: 'Midface retrusion' });
    expect(picked[0]!.path.length).toBeGreaterThan(0);
    const findings = [...extracted.filter((f) => f.status !== 'family'), { hpoId: 'HP:0011800', label: 'Midface retrusion', status: 'present' as const, source: 'typed' as const }];
    const saved = await service.call('cases.setFindings', { id: created.id, findings });
    expect(saved.findings.length).toBe(findings.length);
    expect(saved.findings.find((f) => f.source === 'extracted')?.text).toBeTruthy();

    const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'proband.vcf.gz'), [fgfr3G380R.grch37]);
    const events: JobEvent[] = [];
    const { jobId: vcfJob } = await service.call('vcf.attach', { caseId: created.id, path: vcf });
    const vcfDone = await jobEnd(service, vcfJob, events);
    expect(vcfDone).toMatchObject({ type: 'done', result: { kind: 'vcf', summary: { records: 37_709, build: 'GRCh37' } } });
    expect(events.some((e) => e.type === 'progress')).toBe(true);

    const { jobId } = await service.call('diagnosis.run', { caseId: created.id });
    const done = await jobEnd(service, jobId);
    expect(done.type).toBe('done');
    const runId = done.type === 'done' && done.result.kind === 'run' ? done.result.runId : '';
    const run = await service.call('runs.get', { runId });
    // one id per concept: shown under OMIM whichever entry scored best, the others listed
    expect(run.candidates[0]!.id).toBe('OMIM:100800');
    expect(run.candidates[0]!.ids[0]).toBe('OMIM:100800');
    expect(run.candidates.every((c) => c.ids[0] === c.id && (!c.ids.some((x) => x.startsWith('OMIM:')) || c.id.startsWith('OMIM:')))).toBe(true);
    // the run says which VCF it read
    expect(run.vcf).toMatchObject({ file: 'proband.vcf.gz', build: 'GRCh37', records: 37_709 });
    expect(run.candidates[0]!.genotype).toMatchObject({ gene: 'FGFR3', satisfied: true });
    expect(run.candidates[0]!.observed.length).toBeGreaterThan(0);
    expect(run.discriminating.length).toBeGreaterThan(0);
    expect(run.genes[0]!.symbol).toBe('FGFR3');

    // the first run put the case in progress; the case list names the leading candidate
    const listed = (await service.call('cases.list', {})).find((c) => c.id === created.id)!;
    expect(listed).toMatchObject({ status: 'in-progress', topCandidate: 'OMIM:100800', topCandidateLabel: run.candidates[0]!.label });
    expect(listed.topCandidateLabel).toMatch(/achondroplasia/i);

    const second = run.candidates[1]!;
    await expect(service.call('decisions.record', { caseId: created.id, runId, diseaseId: second.id, decision: 'exclude' })).rejects.toMatchObject({ kind: 'bad-request' });
    await service.call('decisions.record', { caseId: created.id, runId, diseaseId: second.id, decision: 'exclude', note: 'skeletal survey not compatible' });
    await service.call('decisions.record', { caseId: created.id, runId, diseaseId: run.candidates[0]!.id, decision: 'accept', note: 'fits' });
    const solved = await service.call('decisions.finalize', {
      caseId: created.id,
      runId,
      diseaseId: run.candidates[0]!.id,
      gene: 'FGFR3',
      variant: 'NM_000142.5:c.1138G>A',
      classification: 'pathogenic',
      certainty: 'confirmed',
      note: 'Sanger confirmed',
    });
    expect(solved).toMatchObject({ status: 'solved', finalDiagnosis: { diseaseId: 'OMIM:100800', gene: 'FGFR3', classification: 'pathogenic', certainty: 'confirmed' } });
    expect(solved.decisions.map((d) => d.kind)).toEqual(['exclude', 'accept', 'final-diagnosis']);
    expect(solved.finalDiagnosis!.label).toMatch(/achondroplasia/i);
    expect((await service.call('cases.list', {})).find((c) => c.id === created.id)).toMatchObject({ status: 'solved', finalDiagnosis: { diseaseId: 'OMIM:100800' } });

    await service.call('settings.update', { report: { institution: 'Test Genetics Unit', clinician: 'Dr T. Est', department: ' ' } });
    expect((await service.call('settings.get', {})).report).toEqual({ institution: 'Test Genetics Unit', clinician: 'Dr T. Est' });
    const report = await service.call('report.html', { caseId: created.id, runId, locale: 'fr-FR', timeZone: 'Europe/Paris' });
    for (const text of ['Test Genetics Unit', 'Dr T. Est', 'Sign-off', 'skeletal survey not compatible', 'Sanger confirmed', run.snapshotId, 'HPO disease annotations']) expect(report.html).toContain(text);
    expect(report.html).toMatch(/Achondroplasia/i);
    expect(report.html).not.toMatch(/<script|https?:\/\//);
    expect(report.html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // browser mode (no printToPDF): the PDF is laid out by pdfmake, and reads back with pdftotext
    const { pdfBase64 } = await service.call('report.pdf', { caseId: created.id, runId, locale: 'en-GB' });
    const pdfFile = join(dir, 'report.pdf');
    writeFileSync(pdfFile, Buffer.from(pdfBase64, 'base64'));
    const pdfText = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
    for (const text of ['Final diagnosis', 'FGFR3', 'Sign-off', 'Reported by', 'Dr T. Est']) expect(pdfText).toContain(text);
    await expect(service.call('report.html', { caseId: (await service.call('cases.create', { label: 'other' })).id, runId })).rejects.toMatchObject({ kind: 'bad-request' });

    // what the knowledge says about the candidate, beside it
    const info = await service.call('diseases.info', { id: run.candidates[0]!.entryId ?? run.candidates[0]!.id });
    expect(info.id).toBe('OMIM:100800');
    expect(info.ids).toEqual(run.candidates[0]!.ids);
    expect(info.genes.map((g) => g.symbol)).toContain('FGFR3');
    expect(info.inheritance.map((i) => i.label).join()).toMatch(/dominant/i);
    expect(info.features.length).toBeGreaterThan(5);
    expect(info.features.map((f) => f.label)).toContain('Trident hand');
    expect(info.sources.find((x) => x.name === 'HPO disease annotations')?.release).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(service.call('diseases.info', { id: 'OMIM:999999999' })).rejects.toMatchObject({ kind: 'not-found' });

    const again = await service.call('cases.get', { id: created.id });
    expect(again.runs).toHaveLength(1);
    expect(again.vcf).toMatchObject({ records: 37_709 });
    expect((await service.call('cases.list', { search: 'trident' })).map((c) => c.id)).toEqual([created.id]);
    // The whole work-up opened no network connection and resolved no host name.
    expect(connect).not.toHaveBeenCalled();
    expect(lookup).not.toHaveBeenCalled();
  });

  it('answers bad requests with errors the UI can show', async () => {
    await expect(service.call('cases.get', { id: 'nope' })).rejects.toMatchObject({ kind: 'not-found' });
    const c = await service.call('cases.create', { label: 'Empty' });
    const { jobId } = await service.call('diagnosis.run', { caseId: c.id });
    expect(await jobEnd(service, jobId)).toMatchObject({ type: 'failed', error: 'the case has no present finding yet' });
    const { jobId: vcfJob } = await service.call('vcf.attach', { caseId: c.id, path: join(dir, 'missing.vcf') });
    expect(await jobEnd(service, vcfJob)).toMatchObject({ type: 'failed', error: expect.stringContaining('file not found') });
    await expect(service.call('vcf.attach', { caseId: c.id, uploadId: '0f8fad5b-d9cb-469f-a165-70867728950e' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(service.call('vcf.attach', { caseId: c.id, uploadId: '../../etc/passwd' } as never)).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(service.call('vcf.attach', { caseId: c.id } as never)).rejects.toMatchObject({ kind: 'bad-request' });
    // a phenopacket from the user's machine becomes a new case; a file that is not one is refused by name
    const imported = await service.call('cases.importPhenopacket', { path: resolve('tests/fixtures/cases/marfan-proband.phenopacket.json') });
    expect(imported.findings.length).toBeGreaterThan(2);
    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'not json');
    await expect(service.call('cases.importPhenopacket', { path: notJson })).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringContaining('notes.json: not JSON') });
    await expect(
      service.call('cases.setFindings', { id: c.id, findings: [{ hpoId: 'HP:0001250', label: 'Seizure', status: 'family', source: 'typed' }] }),
    ).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('workstation service: settings actions', () => {
  const dir = scratchDir();

  it('rebuilds the snapshot as a job and keeps serving; hardware is reported', async () => {
    const { fixtureSources } = await import('../helpers/paths.js');
    const service = await WorkstationService.create({
      snapshotDir: join(dir, 'snap'),
      sourcesDir: fixtureSources,
      storeFile: join(dir, 'cases.db'),
      storeKey: 'k',
      modelStoreDir: join(dir, 'models'),
      applicationVersion: 'test',
    });
    try {
      const before = await service.call('snapshot.info', {});
      const seen: JobEvent[] = [];
      const { jobId } = await service.call('snapshot.rebuild', {});
      const end = await jobEnd(service, jobId, seen);
      expect(end).toMatchObject({ type: 'done', result: { kind: 'snapshot', snapshotId: before.snapshotId } });
      expect(seen.filter((e) => e.type === 'progress').length).toBeGreaterThan(3);
      expect((await service.call('snapshot.verify', {})).ok).toBe(true);
      // the rebuild was release-checked against the snapshot it replaced (the same knowledge: nothing moved)
      expect((await service.call('snapshot.info', {})).releaseCheck).toMatchObject({ comparedWith: before.snapshotId, moved: 0, harder: [], easier: [] });
      expect((await service.call('terms.search', { query: 'seiz' }))[0]).toMatchObject({ id: 'HP:0001250' });
      await expect(service.call('report.pdf', { caseId: 'x', runId: '1' })).rejects.toMatchObject({ kind: 'not-found' });
      await expect(service.call('models.select', { id: 'nope' })).rejects.toThrow();
      expect(await service.call('models.hardware', {})).toMatchObject({ backend: 'cpu' });
    } finally {
      await service.close();
    }
  });
});

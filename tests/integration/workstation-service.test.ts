import dns from 'node:dns';
import net from 'node:net';
import { join } from 'node:path';
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
    expect(created).toMatchObject({ status: 'in-progress', ageYears: 1.5, findings: [] });
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
    expect(run.candidates[0]!.ids).toContain('OMIM:100800');
    expect(run.candidates[0]!.genotype).toMatchObject({ gene: 'FGFR3', satisfied: true });
    expect(run.candidates[0]!.observed.length).toBeGreaterThan(0);
    expect(run.discriminating.length).toBeGreaterThan(0);
    expect(run.genes[0]!.symbol).toBe('FGFR3');

    await service.call('decisions.record', { caseId: created.id, runId, diseaseId: run.candidates[0]!.id, decision: 'accept', note: 'fits' });
    const report = await service.call('report.html', { caseId: created.id, runId });
    expect(report.html).toContain('Achondroplasia');
    expect(report.html).toContain(run.snapshotId);
    expect(report.html).not.toMatch(/<script|https?:\/\//);

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
    await expect(
      service.call('cases.setFindings', { id: c.id, findings: [{ hpoId: 'HP:0001250', label: 'Seizure', status: 'family', source: 'typed' }] }),
    ).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('workstation service: settings actions', () => {
  const dir = scratchDir();

  it('rebuilds the snapshot as a job and keeps serving; PDF needs the desktop renderer; hardware is reported', async () => {
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
      await expect(service.call('report.pdf', { caseId: 'x', runId: '1' })).rejects.toMatchObject({ kind: 'bad-request' });
      await expect(service.call('models.select', { id: 'nope' })).rejects.toThrow();
      expect(await service.call('models.hardware', {})).toMatchObject({ backend: 'cpu' });
    } finally {
      await service.close();
    }
  });
});

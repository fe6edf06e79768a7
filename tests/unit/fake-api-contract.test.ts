import { describe, expect, it } from 'vitest';
import { api, type ApiMethod, type JobEvent } from '../../diagnosis/contract/api.js';
import { FakeWorkstation } from '../../renderer/src/dev/fake-api.js';

// The renderer's in-memory fake (renderer/src/dev/fake-api.ts) must not drift from the real API: its handlers are typed
// by the contract (ApiHandlers: the compiler refuses a missing method), and here every method is called through the
// contract's own validation of requests and responses.
describe('the fake workstation API answers every contract method in the contract’s shapes', () => {
  it('covers every method', async () => {
    const fake = new FakeWorkstation({ latencyMs: 0, stepMs: 1 });
    const called = new Set<ApiMethod>();
    const events: JobEvent[] = [];
    fake.onJobEvent((e) => events.push(e));
    const call = async <M extends ApiMethod>(method: M, request: Parameters<typeof fake.call<M>>[1]) => {
      called.add(method);
      return fake.call(method, request);
    };
    const jobDone = async (jobId: string) => {
      for (let i = 0; i < 500 && !events.some((e) => e.jobId === jobId && (e.type === 'done' || e.type === 'failed')); i += 1) await new Promise((r) => setTimeout(r, 5));
      return events.find((e) => e.jobId === jobId && (e.type === 'done' || e.type === 'failed'));
    };

    await call('snapshot.info', {});
    await call('snapshot.verify', {});
    const c = await call('cases.create', { label: 'contract check', sex: 'MALE', ageYears: 4 });
    await call('cases.update', { id: c.id, narrative: 'Short stature and macrocephaly. No seizures.' });
    const findings = await call('intake.extract', { text: 'Short stature and macrocephaly. No seizures.' });
    await call('cases.setFindings', { id: c.id, findings: findings.filter((f) => f.status !== 'family') });
    await call('terms.search', { query: 'macro', limit: 3 });
    expect((await call('intake.growth', { measure: 'head', value: 99.6, unit: 'centile' })).finding?.label).toBe('Macrocephaly');
    await call('cases.list', {});
    await call('cases.get', { id: c.id });
    const withFamily = await call('cases.setPedigree', {
      caseId: c.id,
      pedigree: { consanguineous: false, members: [{ id: 'P1', sex: 'MALE', affected: 'affected', fatherId: 'F1', motherId: 'M1', proband: true }, { id: 'F1', sex: 'MALE', affected: 'unaffected' }, { id: 'M1', sex: 'FEMALE', affected: 'unaffected' }] },
    });
    expect(withFamily.pedigree?.members.map((m) => m.proband)).toEqual([true, false, false]);
    const withList = await call('cases.setCandidateVariants', { caseId: c.id, variants: [{ gene: 'FGFR3', hgvsC: 'c.1138G>A', zygosity: 'heterozygous', inheritance: 'de novo', acmg: 'pathogenic' }] });
    expect(withList.candidateVariants?.variants).toHaveLength(1);
    await expect(call('cases.setCandidateVariants', { caseId: c.id, variants: [{ gene: 'FGFR3' }] })).rejects.toThrow(/variants\.0/);
    await expect(call('cases.importPedigree', { caseId: c.id, path: '/data/family.ped' })).rejects.toThrow(/cannot import/);
    await expect(call('cases.importCandidates', { caseId: c.id, path: '/data/list.csv' })).rejects.toThrow(/cannot import/);
    const vcf = await call('vcf.attach', { caseId: c.id, path: '/data/proband.vcf.gz' });
    expect((await jobDone(vcf.jobId))?.type).toBe('done');
    const run = await call('diagnosis.run', { caseId: c.id });
    const done = await jobDone(run.jobId);
    expect(done?.type).toBe('done');
    const runId = done?.type === 'done' && done.result.kind === 'run' ? done.result.runId : '';
    const view = await call('runs.get', { runId });
    const accepted = await call('decisions.record', { caseId: c.id, runId, diseaseId: view.candidates[0]!.id, decision: 'accept' });
    expect(accepted.decisions.map((d) => d.kind)).toEqual(['accept']);
    // the contract refuses a rejection without its reason before the fake sees it
    await expect(call('decisions.record', { caseId: c.id, runId, diseaseId: view.candidates[1]!.id, decision: 'reject' })).rejects.toThrow(/say why/);
    const solved = await call('decisions.finalize', { caseId: c.id, runId, diseaseId: view.candidates[0]!.id, certainty: 'confirmed', gene: 'FGFR3' });
    expect(solved).toMatchObject({ status: 'solved', finalDiagnosis: { diseaseId: view.candidates[0]!.id, gene: 'FGFR3' } });
    expect((await call('cases.list', {})).find((x) => x.id === c.id)?.finalDiagnosis?.label).toBe(view.candidates[0]!.label);
    await call('diseases.info', { id: view.candidates[0]!.id });
    await call('settings.update', { report: { institution: 'Test clinic' } });
    expect((await call('settings.get', {})).report.institution).toBe('Test clinic');
    await expect(call('cases.importPhenopacket', { path: '/data/p.json' })).rejects.toThrow(/cannot import/);
    await call('report.html', { caseId: c.id, runId, locale: 'en-GB' });
    await expect(call('report.pdf', { caseId: c.id, runId })).rejects.toThrow(/no PDF/);
    await call('models.list', {});
    await call('models.select', { id: 'qwen3-0.6b-q4' });
    await call('models.hardware', {});
    const rebuild = await call('snapshot.rebuild', {});
    await call('jobs.cancel', { jobId: rebuild.jobId });
    await jobDone(rebuild.jobId);

    expect([...called].sort()).toEqual(Object.keys(api).sort());
  });
});

import { existsSync } from 'node:fs';
import { applicationVersion } from '../../common/app-version.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { ApiHandlers } from '../contract/api.js';
import { ApiCallError } from '../contract/api.js';
import type { RunView } from '../contract/api-schemas.js';
import { runCase } from '../pipeline/run-case.js';
import { runInputsOfStoredCase, runRecord } from '../pipeline/run-record.js';
import { inspectVcf } from '../pipeline/vcf-attachment.js';
import { clinicalReportHtml } from '../report/clinical-report.js';
import { toContractCase } from './contract-mappers.js';
import type { ServiceContext } from './service-context.js';

type RunMethods = 'vcf.attach' | 'diagnosis.run' | 'runs.get' | 'report.html' | 'report.pdf';

/** VCF import, diagnosis runs (background jobs through runCase), stored runs and the clinical report. */
export function runHandlers(ctx: ServiceContext): Pick<ApiHandlers, RunMethods> {
  const { store, jobs } = ctx;

  const getRun = (runId: string): RunView => {
    const id = Number(runId);
    if (!Number.isInteger(id) || id < 1) throw new ApiCallError(`no run ${runId}`, 'not-found');
    const run = store.getRun(id);
    return { ...(run.results as RunView), id: String(run.id) };
  };

  const reportHtml = (caseId: string, runId: string) => {
    const run = getRun(runId);
    const c = toContractCase(store.getCase(caseId));
    return clinicalReportHtml(c, run, { application: ctx.options.applicationVersion ?? applicationVersion(), snapshotId: run.snapshotId, modelId: run.reasoning?.modelId, generatedAt: new Date().toISOString() });
  };

  return {
    'vcf.attach': ({ caseId, path, sample, assembly }) => {
      store.getCaseRecord(caseId);
      const jobId = jobs.start(async (job) => {
        if (!existsSync(path)) throw new ApiCallError(`${path}: file not found`, 'bad-input');
        job.progress(0, 'reading');
        const { sha256, summary: s } = await inspectVcf(ctx.session(), path, {
          sample,
          assembly,
          signal: job.signal,
          onProgress: (n, fraction) => job.progress(Math.min(0.95, fraction), `${n.toLocaleString('en-US')} records`),
        });
        const summary = { path, sample: s.sample, build: s.build, records: s.records, passed: s.passed, lifted: s.lifted, unlifted: s.unlifted, inGenes: s.inGenes, dropped: s.dropped };
        store.attachVcf(caseId, { path, sha256, sample: s.sample, build: s.build, summary });
        job.progress(1, 'done');
        return { kind: 'vcf' as const, summary };
      });
      return { jobId };
    },
    'diagnosis.run': ({ caseId, reason, modelId }) => {
      store.getCaseRecord(caseId);
      const jobId = jobs.start(async (job) => {
        const stored = store.caseInputs(caseId);
        if (stored.findings.present.length === 0) throw new ApiCallError('the case has no present finding yet', 'bad-input');
        const narrative = store.getCase(caseId).narratives.at(-1)?.text;
        const reasoning = reason
          ? { runtime: await ctx.modelRuntime(), registry: new ModelRegistry(ctx.options.modelStoreDir), modelId, onChunk: (c: { kind: 'thought' | 'answer'; text: string }) => job.chunk(c.kind, c.text) }
          : undefined;
        const run = await runCase(ctx.session(), runInputsOfStoredCase(stored, narrative), {
          top: 50,
          explain: 10,
          evidencePack: true,
          reasoning,
          signal: job.signal,
          onProgress: (fraction, step) => job.progress(Math.min(0.95, fraction), step),
        });
        const saved = store.recordRun(caseId, runRecord(run));
        job.progress(1, 'done');
        return { kind: 'run' as const, runId: String(saved.id) };
      });
      return { jobId };
    },
    'runs.get': ({ runId }) => getRun(runId),
    'report.html': ({ caseId, runId }) => ({ html: reportHtml(caseId, runId) }),
    'report.pdf': async ({ caseId, runId }) => {
      if (!ctx.options.renderPdf) throw new ApiCallError('a PDF is made by the desktop app; here, use Print (or save the HTML)', 'bad-request');
      return { pdfBase64: (await ctx.options.renderPdf(reportHtml(caseId, runId))).toString('base64') };
    },
  };
}

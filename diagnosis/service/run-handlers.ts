import { existsSync } from 'node:fs';
import { applicationVersion } from '../../common/app-version.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { ApiHandlers } from '../contract/api.js';
import { ApiCallError } from '../contract/api.js';
import type { RunView } from '../contract/api-schemas.js';
import { runCase } from '../pipeline/run-case.js';
import { runInputsOfStoredCase, runRecord } from '../pipeline/run-record.js';
import { withPreferredIds } from '../pipeline/run-view.js';
import { inspectVcf } from '../pipeline/vcf-attachment.js';
import { clinicalReportHtml } from '../report/clinical-report.js';
import { buildClinicalReport } from '../report/report-content.js';
import type { ReaderLocale } from '../report/report-dates.js';
import { clinicalReportPdf } from '../report/report-pdf.js';
import { toContractCase } from './contract-mappers.js';
import { fileOfRequest } from './file-sources.js';
import { knowledgeSources } from './knowledge-sources.js';
import type { ServiceContext } from './service-context.js';

type RunMethods = 'vcf.attach' | 'diagnosis.run' | 'runs.get' | 'report.html' | 'report.pdf';

/** VCF import, diagnosis runs (background jobs through runCase), stored runs and the clinical report. */
export function runHandlers(ctx: ServiceContext): Pick<ApiHandlers, RunMethods> {
  const { store, jobs } = ctx;

  const storedRun = (runId: string) => {
    const id = Number(runId);
    if (!Number.isInteger(id) || id < 1) throw new ApiCallError(`no run ${runId}`, 'not-found');
    return store.getRun(id);
  };
  // one id per disease concept, also for runs stored before that rule (names from the current snapshot)
  const viewOf = (run: ReturnType<typeof storedRun>): RunView => withPreferredIds({ ...(run.results as RunView), id: String(run.id) }, ctx.session().diseaseLabel);
  const getRun = (runId: string): RunView => viewOf(storedRun(runId));

  const report = (caseId: string, runId: string, reader: ReaderLocale) => {
    const stored = storedRun(runId);
    if (stored.caseId !== caseId) throw new ApiCallError(`run ${runId} is not a run of this case`, 'bad-request');
    const run = viewOf(stored);
    const c = toContractCase(store.getCase(caseId));
    const session = ctx.session();
    // the releases are known for the snapshot that is installed; a run made on an earlier one says so
    const sameSnapshot = session.snapshotId === run.snapshotId;
    return buildClinicalReport({
      case: c,
      run,
      settings: (store.getSetting('report') ?? {}) as Record<string, string>,
      sources: sameSnapshot ? knowledgeSources(session.manifest) : [],
      versions: {
        application: ctx.options.applicationVersion ?? applicationVersion(),
        snapshotId: run.snapshotId,
        ...(sameSnapshot ? { snapshotBuiltAt: session.manifest.builtAt } : {}),
        ...(run.reasoning ? { modelId: run.reasoning.modelId } : {}),
      },
      generatedAt: new Date(),
      reader,
    });
  };

  return {
    'vcf.attach': (req) => {
      const { caseId, sample, assembly } = req;
      store.getCaseRecord(caseId);
      const path = fileOfRequest(ctx, req);
      const jobId = jobs.start(async (job) => {
        if (!existsSync(path)) throw new ApiCallError(`${path}: file not found`, 'bad-input');
        job.progress(0, 'reading');
        const { sha256, summary: s } = await inspectVcf(ctx.session(), path, {
          sample,
          assembly,
          signal: job.signal,
          onProgress: (n, fraction) => job.progress(Math.min(0.95, fraction), `${n.toLocaleString('en-US')} records`),
        });
        const summary = { path, sample: s.sample, samples: s.samples, build: s.build, records: s.records, passed: s.passed, lifted: s.lifted, unlifted: s.unlifted, inGenes: s.inGenes, dropped: s.dropped };
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
        const saved = store.recordRun(caseId, runRecord(run, 'manual', ctx.session().diseaseLabel));
        job.progress(1, 'done');
        return { kind: 'run' as const, runId: String(saved.id) };
      });
      return { jobId };
    },
    'runs.get': ({ runId }) => getRun(runId),
    'report.html': ({ caseId, runId, locale, timeZone }) => ({ html: clinicalReportHtml(report(caseId, runId, { locale, timeZone }), locale) }),
    // the desktop app prints the HTML with Chromium (printToPDF); browser mode lays out the same content with pdfmake
    'report.pdf': async ({ caseId, runId, locale, timeZone }) => {
      const content = report(caseId, runId, { locale, timeZone });
      const pdf = ctx.options.renderPdf ? await ctx.options.renderPdf(clinicalReportHtml(content, locale)) : await clinicalReportPdf(content);
      return { pdfBase64: pdf.toString('base64') };
    },
  };
}
